"""An ad staff take down broke our rules or the law: its page stays, closed, but shows
nothing of it to anyone but its own company and staff, and the company's members are told
why by one mail."""

import pytest
from django.core import mail
from django.urls import reverse

from jobs.services import ads as ad_services
from tests.factories import AdFactory, MembershipFactory
from tests.factories.accounts import SeekerProfileFactory, UserFactory, staff_user
from tests.factories.jobs import ApplicationFactory

pytestmark = pytest.mark.django_db

TITLE = "Lättjobbat hemifrån, 50 000 kr i veckan"
DESCRIPTION = "Skicka ditt bankkonto till oss"
REASON = "Annonsen är ett bedrägeri."


@pytest.fixture
def ad(frozen_now, taxonomy):
    return AdFactory(
        title=TITLE,
        description=DESCRIPTION,
        company__name="Snabba Pengar AB",
        company__description="Vi gör dig rik.",
        apply_method="email",
        apply_email="pengar@bedrageri.example",
    )


def _take_down(ad, now, captured):
    with captured(execute=True):
        return ad_services.take_down_ad(ad=ad, by=staff_user(), reason=REASON, now=now)


def _page(client, ad, user=None):
    if user is not None:
        client.force_login(user)
    response = client.get(ad.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("who", ["visitor", "seeker", "member_of_another_company"])
def test_a_taken_down_ads_page_shows_nothing_of_it(
    who, client, ad, frozen_now, django_capture_on_commit_callbacks
):
    user = {
        "visitor": lambda: None,
        "seeker": lambda: SeekerProfileFactory().user,
        "member_of_another_company": lambda: MembershipFactory().user,
    }[who]()
    AdFactory(title="Lagerarbetare")
    _take_down(ad, frozen_now, django_capture_on_commit_callbacks)

    page = _page(client, ad, user)

    assert "Annonsen har tagits bort" in page
    assert "Annonsen är stängd" in page
    assert "Lagerarbetare" in page  # similar ads, as on any closed ad's page
    assert reverse("jobs:search") in page
    assert '<meta name="robots" content="noindex">' in page
    for shown in (
        "Lättjobbat",
        DESCRIPTION,
        "Snabba Pengar",
        "Vi gör dig rik",
        "pengar@bedrageri",
        "Karin Lind",
        REASON,
        reverse("support:report_ad", args=[ad.pk]),
    ):
        assert shown not in page, shown


def test_a_taken_down_ad_under_another_slug_is_not_redirected_to_its_title(
    client, ad, frozen_now, django_capture_on_commit_callbacks
):
    _take_down(ad, frozen_now, django_capture_on_commit_callbacks)

    response = client.get(reverse("jobs:detail_slug", args=[ad.pk, "x"]))

    assert response.status_code == 200
    assert "Annonsen har tagits bort" in response.content.decode()


def test_its_own_company_still_sees_the_ad_and_the_reason(
    client, ad, frozen_now, django_capture_on_commit_callbacks
):
    member = MembershipFactory(company=ad.company).user
    _take_down(ad, frozen_now, django_capture_on_commit_callbacks)

    page = _page(client, ad, member)

    assert "Lättjobbat hemifrån" in page
    assert DESCRIPTION in page
    assert REASON in page
    assert "Annonsen är stängd" in page
    assert "Annonsen har tagits bort" not in page


def test_the_api_answers_gone_without_the_ad(
    client, ad, frozen_now, django_capture_on_commit_callbacks
):
    _take_down(ad, frozen_now, django_capture_on_commit_callbacks)

    response = client.get(f"/api/v1/ads/{ad.pk}/")

    assert response.status_code == 410
    assert "Lättjobbat" not in response.content.decode()


def test_it_cannot_be_reported_again(client, ad, frozen_now, django_capture_on_commit_callbacks):
    _take_down(ad, frozen_now, django_capture_on_commit_callbacks)

    assert client.get(reverse("support:report_ad", args=[ad.pk])).status_code == 404


def test_the_companys_members_get_one_mail_with_the_reason(
    ad, frozen_now, django_capture_on_commit_callbacks
):
    owner = MembershipFactory(company=ad.company, role="owner").user
    member = MembershipFactory(company=ad.company).user
    MembershipFactory(company=ad.company, user__is_active=False)
    applicant = ApplicationFactory(ad=ad, language="sv").seeker
    outsider = UserFactory()

    _take_down(ad, frozen_now, django_capture_on_commit_callbacks)
    _take_down(ad, frozen_now, django_capture_on_commit_callbacks)  # a second reason: no mail

    employer_mails = [m for m in mail.outbox if m.to != [applicant.email]]
    assert sorted(m.to[0] for m in employer_mails) == sorted([owner.email, member.email])
    message = employer_mails[0]
    assert message.subject == f"Din annons har tagits bort: {TITLE}"
    assert REASON in message.body
    assert "bryter mot våra regler eller mot lagen" in message.body
    dashboard = reverse("companies:dashboard", args=[ad.company_id])
    assert f"{dashboard}?q=" in message.body
    assert REASON in message.alternatives[0][0]
    assert "karin.lind@foretaget.se" not in [m.to[0] for m in mail.outbox]  # not a member
    assert not [m for m in mail.outbox if m.to == [outsider.email]]
    # The applicant's closure mail still goes, once, without the reason.
    [closure] = [m for m in mail.outbox if m.to == [applicant.email]]
    assert REASON not in closure.body


def test_the_statement_of_reasons_reaches_a_member_who_unsubscribed(
    ad, frozen_now, django_capture_on_commit_callbacks
):
    """The statement of reasons (DSA art. 17) is a legal mail about the member's own company's
    ad: an address on the suppression list (not, or no longer, a confirmed login) and a member
    who restricted processing still get it, the latter told why."""
    from privacy import consent, restrictions

    unsubscribed = MembershipFactory(
        company=ad.company, user__email="slutat@foretaget.se", user__verified=False
    ).user
    consent.suppress(email=unsubscribed.email)
    restricted = MembershipFactory(company=ad.company, user__email="begransad@foretaget.se").user
    restrictions.restrict(user=restricted, reason="Bestrider uppgifter", by=None, now=frozen_now)

    _take_down(ad, frozen_now, django_capture_on_commit_callbacks)

    told = {m.to[0]: m for m in mail.outbox}
    assert REASON in told["slutat@foretaget.se"].body
    assert REASON in told["begransad@foretaget.se"].body
    assert "EU 2022/2065" in told["begransad@foretaget.se"].body
