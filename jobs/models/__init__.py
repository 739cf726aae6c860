from .ads import Ad, AdQuerySet, ApplyMethod, EmploymentType, Extent, SalaryPeriod, SalaryType
from .alerts import JobAlert, JobAlertSentAd
from .applications import Application, ApplicationDocument
from .taxonomy import County, Municipality, Occupation, OccupationGroup
from .tracking import AdView, ApplyClick, ContactView, DeviceClass

__all__ = [
    "Ad",
    "AdQuerySet",
    "AdView",
    "Application",
    "ApplicationDocument",
    "ApplyClick",
    "ApplyMethod",
    "ContactView",
    "County",
    "DeviceClass",
    "EmploymentType",
    "Extent",
    "JobAlert",
    "JobAlertSentAd",
    "Municipality",
    "Occupation",
    "OccupationGroup",
    "SalaryPeriod",
    "SalaryType",
]
