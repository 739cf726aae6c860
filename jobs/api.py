"""The read-only API of open ads: JSON for aggregators, partners and anyone building on the
board (`/api/v1/ads/` and `/api/v1/ads/<id>/`, described in the README).

What an ad is in the API is what its public page shows a visitor who has not pressed
anything: never the contact person (`ads.public_contact`: behind a button on the page, kept
out of what scrapers read) nor the address applications are e-mailed to, and no company
while it is under a restriction of processing (GDPR art. 18). So the API holds no personal
data beyond what every public page already shows (a sole trader's company name). Places and
occupations carry their official codes and JobTech concept ids, so that a reader can map
them to Platsbanken's vocabulary.
"""

import datetime
from typing import Any

from django.conf import settings
from django.utils import timezone

from .formatting import render_description
from .models import Ad, SalaryType

VERSION = 1


def _choice(value: str, label: Any) -> dict[str, str]:
    return {"code": value, "label": str(label)}


def _date(value: datetime.date | None) -> str | None:
    return value.isoformat() if value else None


def _moment(value: datetime.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _salary(ad: Ad) -> dict[str, Any]:
    if ad.salary_type != SalaryType.RANGE or not (ad.salary_min or ad.salary_max):
        before = SalaryType.BEFORE_INTERVIEW
        salary: dict[str, Any] = {"type": _choice(before, before.label)}
    else:
        salary = {
            "type": _choice(ad.salary_type, ad.get_salary_type_display()),
            "min": ad.salary_min or ad.salary_max,
            "max": ad.salary_max or ad.salary_min,
            "currency": "SEK",
            "period": _choice(ad.salary_period, ad.get_salary_period_display()),
        }
    salary["text"] = ad.salary_text
    return salary


def ads_for_api(ids: list[int]) -> list[Ad]:
    """The ads of `ids` in that order, with what `summary` reads, in one query."""
    found = {
        ad.pk: ad
        for ad in Ad.objects.filter(pk__in=ids)
        .select_related("company", "municipality__county", "occupation__group")
        .with_restrictions()
    }
    return [found[pk] for pk in ids if pk in found]


def summary(ad: Ad) -> dict[str, Any]:
    """An ad as a result of a search: what its card and its facts show, in the active
    language, with the codes behind each value."""
    municipality, occupation = ad.municipality, ad.occupation
    county, group = municipality.county, occupation.group
    return {
        "id": ad.pk,
        "url": settings.SITE_URL + ad.get_absolute_url(),
        "title": ad.title,
        "company": None if ad.company_hidden else {"name": ad.company.name},
        "municipality": {
            "name": municipality.name,
            "code": municipality.code,
            "concept_id": municipality.concept_id,
        },
        "county": {"name": county.name, "code": county.code, "concept_id": county.concept_id},
        "occupation": {
            "name": occupation.name,
            "concept_id": occupation.concept_id,
            "group": {"name": group.name, "ssyk": group.code, "concept_id": group.concept_id},
        },
        "employment_type": _choice(ad.employment_type, ad.get_employment_type_display()),
        "extent": _choice(ad.extent, ad.get_extent_display()),
        "salary": _salary(ad),
        "published_at": _moment(ad.published_at),
        "last_application_date": _date(ad.last_application_date),
        "ends_at": _moment(ad.ends_at),
    }


def detail(ad: Ad) -> dict[str, Any]:
    """An open ad whole: its summary, its text (as written, Markdown, and as the page shows
    it) and how to apply (always on its page: the page counts the click and shows the
    address of an e-mail application)."""
    return {
        **summary(ad),
        "description": ad.description,
        "description_html": str(render_description(ad.description)),
        "apply": {
            "method": _choice(ad.apply_method, ad.get_apply_method_display()),
            "url": settings.SITE_URL + ad.get_absolute_url(),
        },
    }
