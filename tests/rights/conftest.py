import pytest
from django.core.files.base import ContentFile
from django.test import Client

from accounts.models import Document
from jobs.models import Application, ApplicationDocument
from privacy import consent
from privacy.consent import ConsentMethod, Purpose
from tests.factories import AdFactory, UserFactory
from tests.factories.accounts import staff_user


def apply(seeker, *, now, name="cv.pdf"):
    application = Application.objects.create(
        ad=AdFactory(), seeker=seeker, message="Jag vill gärna jobba hos er."
    )
    document = ApplicationDocument(
        application=application,
        title="CV",
        original_name=name,
        content_type="application/pdf",
        size=9,
    )
    document.file.save(name, ContentFile(f"CV of {seeker.pk}".encode()), save=True)
    return application, document


def own_document(seeker, *, name):
    document = Document(
        owner=seeker, title="Mitt CV", original_name=name, content_type="application/pdf", size=9
    )
    document.file.save(name, ContentFile(f"Library CV of {seeker.pk}".encode()), save=True)
    return document


@pytest.fixture
def two_people(taxonomy, frozen_now):
    anna, bertil = UserFactory(email="anna@example.se"), UserFactory(email="bertil@example.se")
    for person in (anna, bertil):
        apply(person, now=frozen_now)
        own_document(person, name=f"Personligt brev {person.first_name or person.pk}.pdf")
        consent.give_consent(
            purpose=Purpose.NEWSLETTER,
            user=person,
            wording="Ja tack",
            method=ConsentMethod.FORM,
            ip="192.0.2.1",
            now=frozen_now,
        )
    return anna, bertil


@pytest.fixture
def handler(db):
    """Staff who handle requests: every rights permission and a second factor."""
    return staff_user(
        "rights.view_datarequest", "rights.change_datarequest", "rights.add_datarequest"
    )


@pytest.fixture
def handler_client(handler):
    client = Client()
    client.force_login(handler)
    return client
