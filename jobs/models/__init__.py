from .ads import Ad, AdQuerySet, ApplyMethod, EmploymentType, Extent, SalaryPeriod, SalaryType
from .alerts import JobAlert, JobAlertSentAd
from .applications import Application, ApplicationDocument
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
    "DeviceClass",
    "EmploymentType",
    "Extent",
    "JobAlert",
    "JobAlertSentAd",
    "SalaryPeriod",
    "SalaryType",
]
