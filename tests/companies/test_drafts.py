"""A double click on "save" makes one draft, not four; and a company can delete a draft
that was never ordered nor published (POST after a confirmation page, members only)."""

import pytest
from django.test import Client
from django.urls import reverse

from companies.models import Membership
from jobs.models import Ad, AdRevision
from tests.factories import UserFactory
from tests.factories.accounts import staff_user
from tests.factories.companies import MembershipFactory, place_order
from tests.factories.jobs import AdFactory

from .test_ads import _form

pytestmark = pytest.mark.django_db


def _token(page: str) -> str:
    start = page.index('name="form_token" value="') + len('name="form_token" value="')
    return page[start : page.index('"', start)]


def test_a_double_click_on_save_makes_one_draft(
    employer_client, company, taxonomy, product, frozen_now
):
    url = reverse("companies:ad_create", args=[company.pk])
    token = _token(employer_client.get(url).content.decode())

    first = employer_client.post(url, {**_form(), "form_token": token})
    second = employer_client.post(url, {**_form(), "form_token": token})

    [draft] = Ad.objects.filter(company=company)
    order = reverse("companies:ad_order", args=[draft.pk])
    assert first.url == order and second.url == order
    assert AdRevision.objects.filter(ad=draft).count() == 1


def test_each_new_form_makes_its_own_draft(employer_client, company, taxonomy, product, frozen_now):
    url = reverse("companies:ad_create", args=[company.pk])
    for _ in range(2):
        token = _token(employer_client.get(url).content.decode())
        employer_client.post(url, {**_form(), "form_token": token})

    assert Ad.objects.filter(company=company).count() == 2


def test_a_form_sent_back_with_errors_keeps_its_token(
    employer_client, company, taxonomy, product, frozen_now
):
    url = reverse("companies:ad_create", args=[company.pk])
    token = _token(employer_client.get(url).content.decode())

    again = employer_client.post(url, {**_form(title=""), "form_token": token})

    assert _token(again.content.decode()) == token


def test_a_member_deletes_a_draft_after_confirming(employer_client, draft_ad):
    url = reverse("companies:ad_delete", args=[draft_ad.pk])

    page = employer_client.get(url)
    assert page.status_code == 200 and Ad.objects.filter(pk=draft_ad.pk).exists()
    assert "Ta bort utkastet" in page.content.decode()
    dashboard = reverse("companies:dashboard", args=[draft_ad.company_id])
    assert (
        reverse("companies:ad_delete", args=[draft_ad.pk])
        in employer_client.get(dashboard).content.decode()
    )

    response = employer_client.post(url)

    assert response.url == dashboard
    assert not Ad.objects.filter(pk=draft_ad.pk).exists()


@pytest.mark.parametrize("role", [Membership.Role.OWNER, Membership.Role.MEMBER])
def test_every_member_of_the_company_may_delete_its_draft(draft_ad, role):
    member = MembershipFactory(company=draft_ad.company, role=role).user
    client = Client()
    client.force_login(member)

    client.post(reverse("companies:ad_delete", args=[draft_ad.pk]))

    assert not Ad.objects.filter(pk=draft_ad.pk).exists()


@pytest.mark.parametrize(
    "who",
    [
        "anonymous",
        "seeker",
        "other_company_member",
        "staff_without_permission",
        "staff_with_ad_permissions",
    ],
)
def test_no_one_else_may_delete_a_company_s_draft(draft_ad, other_company, who):
    client = Client()
    users = {
        "seeker": lambda: UserFactory(),
        "other_company_member": lambda: MembershipFactory(company=other_company).user,
        "staff_without_permission": lambda: staff_user(),
        "staff_with_ad_permissions": lambda: staff_user("jobs.change_ad", "jobs.delete_ad"),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    url = reverse("companies:ad_delete", args=[draft_ad.pk])

    asked = client.get(url)
    sent = client.post(url)

    if who == "anonymous":
        assert asked.status_code == sent.status_code == 302
        assert sent.url.startswith(reverse("account_login"))
    else:
        assert asked.status_code == sent.status_code == 404
    assert Ad.objects.filter(pk=draft_ad.pk).exists()


def test_an_ordered_or_published_ad_cannot_be_deleted(employer_client, draft_ad, taxonomy, product):
    published = AdFactory(company=draft_ad.company)
    place_order(ad=draft_ad, product=product)

    for ad in (draft_ad, published):
        response = employer_client.post(reverse("companies:ad_delete", args=[ad.pk]))
        assert response.status_code == 302
        assert Ad.objects.filter(pk=ad.pk).exists()


def test_deleting_a_draft_leaves_an_entry_in_the_companys_history(
    frozen_now, employer_client, employer, draft_ad
):
    """Who deleted which draft of the company, and when: ids only, as every audit entry."""
    from privacy import audit

    draft_id = draft_ad.pk

    employer_client.post(reverse("companies:ad_delete", args=[draft_id]))

    [entry] = audit.entries_for(draft_ad.company)
    assert entry.event == audit.Event.AD_DRAFT_DELETED
    assert entry.by == employer
    assert entry.at == frozen_now
    assert entry.details == {"ad": draft_id}
    assert entry.get_event_display() == "Annonsutkast borttaget"


def test_a_refused_deletion_leaves_no_entry(employer_client, draft_ad, product):
    from privacy import audit

    place_order(ad=draft_ad, product=product)

    employer_client.post(reverse("companies:ad_delete", args=[draft_ad.pk]))

    assert not audit.entries_for(draft_ad.company).exists()
