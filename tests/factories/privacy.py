import datetime as dt
import importlib

import factory
from django.apps import apps
from django.utils import timezone

from privacy.models import (
    AccessRequest,
    ConsentMethod,
    ConsentRecord,
    ConsentWording,
    LegalHold,
    Purpose,
)


class ConsentWordingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentWording

    purpose = Purpose.NEWSLETTER
    version = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Ja, skicka mig nyhetsbrevet (version {n}).")
    text_hash = factory.LazyAttribute(lambda o: ConsentWording.hash_text(o.text))
    created_at = factory.LazyFunction(timezone.now)


class ConsentRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsentRecord

    purpose = Purpose.NEWSLETTER
    email = factory.Sequence(lambda n: f"subscriber{n}@example.se")
    wording = factory.SubFactory(ConsentWordingFactory, purpose=factory.SelfAttribute("..purpose"))
    given_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=10))
    method = ConsentMethod.FORM
    ip_address = "192.0.2.10"
    last_used_at = factory.SelfAttribute("given_at")


class AccessRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AccessRequest

    email = factory.Sequence(lambda n: f"asker{n}@example.se")
    opened_at = factory.LazyFunction(timezone.now)


class PersonHoldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LegalHold

    email = factory.Sequence(lambda n: f"disputed{n}@example.se")
    reason = "Tvist om faktura"
    created_at = factory.LazyFunction(timezone.now)


def create_cookie_rows() -> None:
    """The data migrations' cookie groups and cookies (again: a transactional test elsewhere
    may have flushed them), and django-cookie-consent's cache of them forgotten."""
    importlib.import_module("privacy.migrations.0003_cookie_groups").create(apps, None)
    importlib.import_module("visitors.migrations.0002_statistics_cookie").create(apps, None)
    from cookie_consent.cache import delete_cache

    delete_cache()
