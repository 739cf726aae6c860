from .ads import Ad, AdQuerySet, ApplyMethod, EmploymentType, Extent, SalaryPeriod, SalaryType
from .taxonomy import County, Municipality, Occupation, OccupationGroup

__all__ = [
    "Ad",
    "AdQuerySet",
    "ApplyMethod",
    "County",
    "EmploymentType",
    "Extent",
    "Municipality",
    "Occupation",
    "OccupationGroup",
    "SalaryPeriod",
    "SalaryType",
]
