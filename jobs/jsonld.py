"""Structured data of an ad page: schema.org JobPosting for Google for Jobs.

Required: title, description, datePosted, validThrough, hiringOrganization, jobLocation (with
an address). Recommended and present here: employmentType, baseSalary, identifier,
directApply. Only for active ads; the contact person is never part of it.
"""

import datetime
import json
from typing import Any, cast

from django.conf import settings
from django.utils.safestring import mark_safe

from .formatting import render_description
from .models import Ad, EmploymentType, Extent, SalaryPeriod, SalaryType

EMPLOYMENT_TYPES: dict[str, str] = {
    EmploymentType.TEMPORARY: "TEMPORARY",
    EmploymentType.SEASONAL: "TEMPORARY",
    EmploymentType.HOURLY: "PER_DIEM",
}
EXTENTS: dict[str, str] = {Extent.FULL_TIME: "FULL_TIME", Extent.PART_TIME: "PART_TIME"}
UNITS: dict[str, str] = {
    SalaryPeriod.MONTH: "MONTH",
    SalaryPeriod.HOUR: "HOUR",
    SalaryPeriod.YEAR: "YEAR",
}


def employment_types(ad: Ad) -> list[str]:
    types = [EXTENTS.get(ad.extent, "OTHER")]
    extra = EMPLOYMENT_TYPES.get(ad.employment_type)
    if extra:
        types.append(extra)
    return types


def job_posting(ad: Ad, *, logo_url: str = "") -> dict:
    """`logo_url`: the absolute address of the company's logo, when it has one."""
    company = ad.company
    municipality = ad.municipality
    data = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": ad.title,
        # Google reads HTML here: the description as the ad page renders it.
        "description": str(render_description(ad.description)),
        # Only active ads have structured data: published, with an end.
        "datePosted": cast(datetime.datetime, ad.published_at).isoformat(),
        "validThrough": cast(datetime.datetime, ad.ends_at).isoformat(),
        "employmentType": employment_types(ad),
        "hiringOrganization": {
            "@type": "Organization",
            "name": company.name,
            **({"sameAs": company.public_website} if company.public_website else {}),
            **({"logo": logo_url} if logo_url else {}),
        },
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": municipality.name,
                "addressRegion": municipality.county.name,
                "addressCountry": "SE",
            },
        },
        "identifier": {"@type": "PropertyValue", "name": settings.SITE_NAME, "value": str(ad.pk)},
        "directApply": ad.apply_method == "portal",
        "url": settings.SITE_URL + ad.get_absolute_url(),
    }
    if ad.salary_type == SalaryType.RANGE and (ad.salary_min or ad.salary_max):
        value: dict[str, Any] = {
            "@type": "QuantitativeValue",
            "unitText": UNITS.get(ad.salary_period, "MONTH"),
        }
        if ad.salary_min and ad.salary_max and ad.salary_min != ad.salary_max:
            value.update(minValue=ad.salary_min, maxValue=ad.salary_max)
        else:
            value["value"] = ad.salary_min or ad.salary_max
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "SEK", "value": value}
    return data


def as_script(data: dict) -> str:
    """JSON safe inside <script>: no "</script>", no HTML-significant characters."""
    text = json.dumps(data, ensure_ascii=False)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    return mark_safe(text)  # noqa: S308 (escaped above)
