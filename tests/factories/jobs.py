import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from jobs.models import Ad, Application, ApplicationDocument, EmploymentType, Extent, JobAlert
from taxonomy.models import Municipality, Occupation

from .accounts import UserFactory
from .companies import CompanyFactory


def _first(model):
    obj = model.objects.order_by("pk").first()
    if obj is None:
        raise RuntimeError("Import the taxonomy first (the `taxonomy` fixture).")
    return obj


class AdFactory(factory.django.DjangoModelFactory):
    """A published, active ad."""

    class Meta:
        model = Ad

    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"Systemutvecklare {n}")
    description = "Vi söker en erfaren utvecklare till vårt team i Stockholm."
    municipality = factory.LazyFunction(lambda: _first(Municipality))
    occupation = factory.LazyFunction(lambda: _first(Occupation))
    employment_type = EmploymentType.PERMANENT
    extent = Extent.FULL_TIME
    salary_min = 40000
    salary_max = 55000
    last_application_date = factory.LazyFunction(
        lambda: timezone.localdate() + dt.timedelta(days=30)
    )
    contact_name = "Karin Lind"
    contact_email = "karin.lind@foretaget.se"
    contact_phone = "070-123 45 67"
    status = Ad.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    ends_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=29))


class ClosedAdFactory(AdFactory):
    """An ad whose period has ended."""

    published_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=40))
    ends_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    ad = factory.SubFactory(AdFactory)
    seeker = factory.SubFactory(UserFactory)
    message = "Jag är intresserad av tjänsten."
    submitted_at = factory.LazyFunction(timezone.now)


class ApplicationDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationDocument

    application = factory.SubFactory(ApplicationFactory)
    title = "CV"
    original_name = "cv.pdf"
    content_type = "application/pdf"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n%%EOF\n", name="cv.pdf"))
    size = factory.LazyAttribute(lambda o: o.file.size)


class JobAlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobAlert

    user = factory.SubFactory(UserFactory)
    email = factory.LazyAttribute(lambda o: o.user.email if o.user else "alert@example.se")
    criteria = factory.LazyFunction(dict)
    checked_until = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    confirmed_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))
    wording_shown = "Jag vill ha jobbevakning."


def every_filter_set():
    """A value for every parameter: a new filter must be added here (the test says so)."""
    place = Municipality.objects.order_by("pk").first()
    return {
        "q": "utvecklare",
        "county": place.county.slug,
        "municipality": place.slug,
        "occupation_group": Occupation.objects.order_by("pk").first().group.code,
        "employment_type": EmploymentType.SEASONAL,
        "extent": Extent.PART_TIME,
        "published_within": 7,
        "near": place.slug,
        "distance_km": 25,
        "sort": "newest",
    }
