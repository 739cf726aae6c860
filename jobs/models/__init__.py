from .ads import Ad, AdQuerySet, ApplyMethod, EmploymentType, Extent, SalaryPeriod, SalaryType
from .alerts import JobAlert, JobAlertSentAd
from .applications import Application, ApplicationDocument
from .moderation import HISTORY_LENGTH, AdRevision, ModeratedAd
from .saved import SavedAd, SavedAdQuerySet
from .tracking import AdView, ApplyClick, ContactView, DeviceClass

__all__ = [
    "HISTORY_LENGTH",
    "Ad",
    "AdQuerySet",
    "AdRevision",
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
    "ModeratedAd",
    "SalaryPeriod",
    "SalaryType",
    "SavedAd",
    "SavedAdQuerySet",
]
