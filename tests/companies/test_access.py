"""A member of company A can see, change or download nothing of company B (404), and
anonymous visitors are sent to sign in."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse
from django.utils import timezone

from companies.models import Membership
from companies.services import billing
from jobs.models import Ad
from tests.factories.accounts import UserFactory, staff_user
from tests.factories.companies import CompanyFactory, MembershipFactory, place_order
from tests.factories.jobs import AdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def company_b(taxonomy):
    company = CompanyFactory()
    ad = AdFactory(company=company, status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    order = place_order(ad=ad)
    member = MembershipFactory(company=company)
    return {"company": company, "ad": ad, "invoice": order.invoice, "member": member}


def _urls(b):
    company, ad, invoice, member = b["company"], b["ad"], b["invoice"], b["member"]
    return {
        "get": [
            reverse("companies:dashboard", args=[company.pk]),
            reverse("companies:ad_create", args=[company.pk]),
            reverse("companies:company_edit", args=[company.pk]),
            reverse("companies:ad_edit", args=[ad.pk]),
            reverse("companies:ad_preview", args=[ad.pk]),
            reverse("companies:ad_order", args=[ad.pk]),
            reverse("companies:invoice_pdf", args=[invoice.pk]),
        ],
        "post": [
            reverse("companies:ad_edit", args=[ad.pk]),
            reverse("companies:company_edit", args=[company.pk]),
            reverse("companies:ad_order", args=[ad.pk]),
            reverse("companies:ad_withdraw", args=[ad.pk]),
            reverse("companies:ad_fill", args=[ad.pk]),
            reverse("companies:invite", args=[company.pk]),
            reverse("companies:remove_member", args=[company.pk, member.pk]),
        ],
    }


def test_a_member_of_another_company_gets_404_everywhere(client, company_b, employer):
    client.force_login(employer)  # a member of company A
    urls = _urls(company_b)

    for url in urls["get"]:
        assert client.get(url).status_code == 404, url
    for url in urls["post"]:
        assert client.post(url, {"email": "x@example.se", "role": "owner"}).status_code == 404, url

    company_b["ad"].refresh_from_db()
    assert company_b["ad"].is_public(timezone.now())
    assert Membership.objects.filter(pk=company_b["member"].pk).exists()
    assert not company_b["company"].invitations.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client, company_b):
    urls = _urls(company_b)
    login = reverse("account_login")

    for url in [*urls["get"], reverse("companies:index"), reverse("companies:register")]:
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(login), url
    for url in urls["post"]:
        response = client.post(url)
        assert response.status_code == 302 and response.url.startswith(login), url


def test_a_member_downloads_the_companys_invoice(client, company_b):
    client.force_login(company_b["member"].user)

    response = client.get(reverse("companies:invoice_pdf", args=[company_b["invoice"].pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response.content.startswith(b"%PDF")


def test_staff_download_any_invoice(client, company_b, admin_user):
    TOTP.activate(admin_user, generate_totp_secret())
    client.force_login(admin_user)

    response = client.get(reverse("companies:invoice_pdf", args=[company_b["invoice"].pk]))

    assert response.status_code == 200


@pytest.mark.parametrize(
    "staff",
    [
        lambda: staff_user(),
        lambda: staff_user("companies.view_invoice", second_factor=False),
        lambda: UserFactory(is_staff=True, is_superuser=True),
    ],
    ids=["no permission", "no second factor", "superuser without second factor"],
)
def test_staff_without_the_permission_and_a_second_factor_get_404(client, company_b, staff):
    client.force_login(staff())

    response = client.get(reverse("companies:invoice_pdf", args=[company_b["invoice"].pk]))

    assert response.status_code == 404


def test_staff_with_the_view_permission_and_a_second_factor_download_an_invoice(client, company_b):
    client.force_login(staff_user("companies.view_invoice"))

    response = client.get(reverse("companies:invoice_pdf", args=[company_b["invoice"].pk]))

    assert response.status_code == 200


def test_a_signed_in_user_without_company_cannot_download(client, company_b):
    client.force_login(UserFactory())

    response = client.get(reverse("companies:invoice_pdf", args=[company_b["invoice"].pk]))

    assert response.status_code == 404


def test_invoice_files_are_not_under_a_public_url(company_b, client, settings):
    billing.ensure_invoice_pdf(invoice=company_b["invoice"])
    company_b["invoice"].refresh_from_db()

    url = settings.MEDIA_URL + company_b["invoice"].pdf.name
    assert client.get(url).status_code == 404
