from .ads import Ad, AdQuerySet, ApplyMethod, EmploymentType, Extent, SalaryPeriod, SalaryType
from .applications import Application, ApplicationDocument
from .taxonomy import County, Municipality, Occupation, OccupationGroup
from .tracking import AdView, ContactView, DeviceClass

__all__ = [
    "Ad",
    "AdQuerySet",
    "AdView",
    "Application",
    "ApplicationDocument",
    "ApplyMethod",
    "ContactView",
    "County",
    "DeviceClass",
    "EmploymentType",
    "Extent",
    "Municipality",
    "Occupation",
    "OccupationGroup",
    "SalaryPeriod",
    "SalaryType",
]
