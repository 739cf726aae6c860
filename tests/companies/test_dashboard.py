import pytest
from django.urls import reverse
from django.utils import timezone

from companies.models import Invitation
from jobs.models import AdView, Application, ContactView
from tests.factories.accounts import UserFactory
from tests.factories.companies import MembershipFactory, place_order
from tests.factories.jobs import AdFactory

pytestmark = pytest.mark.django_db


def _event(model, ad):
    return model.objects.create(ad=ad, session_hash="x" * 64, device_class="desktop")


def _ads_with_activity(company, n):
    ads = []
    for i in range(n):
        ad = AdFactory(company=company, status="draft", published_at=None, ends_at=None)
        place_order(ad=ad)
        for _ in range(i + 1):
            _event(AdView, ad)
        _event(ContactView, ad)
        Application.objects.create(ad=ad, seeker=UserFactory())
        ads.append(ad)
    return ads


def test_the_dashboard_counts_views_contact_views_and_applications(
    employer_client, company, taxonomy
):
    ads = _ads_with_activity(company, 2)

    response = employer_client.get(reverse("companies:dashboard", args=[company.pk]))

    rows = {ad.pk: ad for ad in response.context["ads"]}
    assert rows[ads[0].pk].view_count == 1
    assert rows[ads[1].pk].view_count == 2
    assert rows[ads[1].pk].contact_view_count == 1
    assert rows[ads[1].pk].application_count == 1
    page = response.content.decode()
    assert ads[0].title in page
    assert f"Faktura {ads[0].orders.get().invoice.number} (PDF)" in page


def test_the_dashboard_takes_as_many_queries_for_many_ads_as_for_one(
    employer_client, company, taxonomy, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _ads_with_activity(company, 1)
    MembershipFactory(company=company)
    url = reverse("companies:dashboard", args=[company.pk])
    with CaptureQueriesContext(connection) as one:
        employer_client.get(url)

    _ads_with_activity(company, 6)
    MembershipFactory(company=company)
    with django_assert_max_num_queries(len(one.captured_queries)):
        employer_client.get(url)


def test_the_dashboard_shows_members_and_the_owner_can_invite(employer_client, company):
    colleague = MembershipFactory(company=company, role="member")

    page = employer_client.get(reverse("companies:dashboard", args=[company.pk])).content.decode()

    assert colleague.user.email in page
    assert reverse("companies:invite", args=[company.pk]) in page


def test_a_user_with_one_company_goes_straight_to_its_dashboard(employer_client, company):
    response = employer_client.get(reverse("companies:index"))

    assert response.url == reverse("companies:dashboard", args=[company.pk])


def test_two_companies_of_the_same_name_are_told_apart_by_their_numbers(client):
    first = MembershipFactory(company__name="QA Testbolag AB")
    MembershipFactory(user=first.user, company__name="QA Testbolag AB")
    client.force_login(first.user)

    page = client.get(reverse("companies:index")).content.decode()

    for company in first.user.memberships.values_list("company__org_number", flat=True):
        assert f"Organisationsnummer {company}" in page


def test_a_user_without_company_is_asked_to_register(client):
    client.force_login(UserFactory())

    response = client.get(reverse("companies:index"))

    assert response.url == reverse("companies:register")


def test_members_see_a_company_link_in_the_header(employer_client, company):
    page = employer_client.get(reverse("companies:pricing")).content.decode()

    assert reverse("companies:index") in page


def test_the_pricing_page_shows_the_products_with_and_without_vat(client, product):
    page = client.get(reverse("companies:pricing")).content.decode()

    assert "Annons 30 dagar" in page
    assert "995\u00a0kr" in page  # whole kronor read at a glance, never broken in two
    assert "995,00" not in page
    assert "1\u00a0243,75\u00a0kr inkl. moms" in page
    assert "Visas i 30 dagar" not in page  # the name says it already
    # The days are a most: the ad ends on its last day to apply, which may come sooner.
    assert "visas till och med sista ansökningsdagen, och högst så många dagar" in page


def test_the_pricing_page_speaks_english_under_en(client, product):
    page = client.get("/en/pricing/").content.decode()

    assert "Ad, 30 days" in page
    assert "Prices for job ads" in page


def test_the_products_exist_from_the_data_migration():
    from companies.models import Product

    assert {p.code: p.price_ore for p in Product.objects.all()} == {
        "annons-30": 99500,
        "framhavd-30": 179500,
    }
    assert timezone.now()


def test_the_header_asks_for_the_users_memberships_once_a_page(employer_client, company):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as page:
        response = employer_client.get(reverse("jobs:search"))
    membership_queries = [q for q in page.captured_queries if "companies_membership" in q["sql"]]
    assert len(membership_queries) == 1
    page_html = response.content.decode()
    assert reverse("companies:index") in page_html
    assert reverse("jobs:inbox") in page_html


def test_the_dashboard_offers_withdraw_only_for_a_public_ad_and_says_ended(
    employer_client, company, taxonomy
):
    import datetime as dt

    from jobs.models import Ad

    live = AdFactory(company=company)
    ended = AdFactory(
        company=company,
        published_at=timezone.now() - dt.timedelta(days=40),
        ends_at=timezone.now() - dt.timedelta(days=10),
    )
    scheduled = AdFactory(company=company, published_at=timezone.now() + dt.timedelta(days=3))
    response = employer_client.get(reverse("companies:dashboard", args=[company.pk]))
    rows = {ad.pk: ad for ad in response.context["ads"]}
    assert rows[live.pk].is_live and not rows[live.pk].has_ended
    assert rows[ended.pk].has_ended and not rows[ended.pk].is_live
    assert not rows[scheduled.pk].is_live and not rows[scheduled.pk].has_ended
    page = response.content.decode()
    assert reverse("companies:ad_withdraw", args=[live.pk]) in page
    assert reverse("companies:ad_withdraw", args=[ended.pk]) not in page
    assert reverse("companies:ad_withdraw", args=[scheduled.pk]) not in page
    assert all(ad.status == Ad.Status.PUBLISHED for ad in (live, ended, scheduled))


def test_an_employer_has_one_applications_entry_in_the_menu(employer_client, company):
    page = employer_client.get(reverse("companies:pricing")).content.decode()
    menu = page.split('class="main-nav"', 1)[1].split("</nav>", 1)[0]

    assert reverse("jobs:inbox") in menu
    assert reverse("jobs:my_applications") not in menu
    assert reverse("jobs:alerts") in menu
    assert "<details" in page.split('class="main-nav"', 1)[0]  # folds on a phone, no script


def test_the_dashboard_shows_the_ads_and_invoices_a_page_at_a_time(
    employer_client, company, taxonomy
):
    """A large employer's dashboard: 25 ads and 25 invoices a page, each list with its own
    links that keep the other's page; a page number out of range shows the last page, and
    one that is not a number the first."""
    from config.pages import PER_PAGE

    ads = [
        AdFactory(company=company, status="draft", published_at=None, ends_at=None)
        for _ in range(PER_PAGE + 2)
    ]
    for ad in ads:
        place_order(ad=ad)
    url = reverse("companies:dashboard", args=[company.pk])

    first = employer_client.get(url)
    assert len(first.context["ads"]) == PER_PAGE and len(first.context["invoices"]) == PER_PAGE
    html = first.content.decode()
    assert 'href="?page=2"' in html and 'href="?invoice_page=2"' in html
    assert html.count('class="pagination"') == 2  # each named after its list
    assert 'aria-label="Annonser"' in html and 'aria-label="Beställningar och fakturor"' in html

    second = employer_client.get(url, {"page": 2, "invoice_page": 1})
    shown = [ad.pk for ad in second.context["ads"]]
    assert shown == [ad.pk for ad in reversed(ads[:2])]  # newest first: the oldest last
    assert 'href="?invoice_page=1&amp;page=1"' in second.content.decode()
    assert 'href="?page=2&amp;invoice_page=2"' in second.content.decode()

    for odd in ("999", "-1", "två", ""):
        response = employer_client.get(url, {"page": odd})
        assert response.status_code == 200, odd
        assert response.context["ads"].number == (2 if odd in ("999", "-1") else 1), odd


def test_the_english_dashboard_names_the_product_in_english(employer_client, company, taxonomy):
    """The order keeps the Swedish name it was billed under; the page reads in English."""
    _ads_with_activity(company, 1)
    swedish = employer_client.get(reverse("companies:dashboard", args=[company.pk])).text
    assert "Annons 30 dagar" in swedish
    english = employer_client.get(f"/en/employer/{company.pk}/").content.decode()
    assert "Ad, 30 days" in english and "Annons 30 dagar" not in english


def test_the_dashboard_finds_ads_by_words_of_the_title_and_by_state(
    employer_client, company, taxonomy, stopped_now
):
    import datetime as dt

    live = AdFactory(company=company, title="Snickare till Växjö")
    draft = AdFactory(
        company=company, title="Snickare, sommar", status="draft", published_at=None, ends_at=None
    )
    scheduled = AdFactory(
        company=company, title="Målare", published_at=stopped_now + dt.timedelta(days=3)
    )
    ended = AdFactory(company=company, title="Snickare vinter", ends_at=stopped_now)
    filled = AdFactory(company=company, title="Murare", status="filled")
    AdFactory(title="Snickare hos en annan")  # another company's
    url = reverse("companies:dashboard", args=[company.pk])

    def shown(**params):
        response = employer_client.get(url, params)
        assert response.status_code == 200
        return {ad.pk for ad in response.context["ads"]}

    assert shown() == {live.pk, draft.pk, scheduled.pk, ended.pk, filled.pk}
    assert shown(q="  snickare ") == {live.pk, draft.pk, ended.pk}
    assert shown(q="snickare växjö") == {live.pk}
    assert shown(state="live") == {live.pk}
    assert shown(state="waiting") == {draft.pk, scheduled.pk}
    assert shown(state="ended") == {ended.pk, filled.pk}
    assert shown(q="snickare", state="ended") == {ended.pk}
    assert shown(state="okänt", q="x" * 5000) == set()
    assert shown(state="okänt") == shown()  # an unknown state narrows nothing

    page = employer_client.get(url, {"q": "kock"}).content.decode()
    assert "Ingen annons matchar" in page and "Visa alla annonser" in page
    page = employer_client.get(url, {"q": "snickare", "page": "1"}).content.decode()
    assert 'value="snickare"' in page  # the words stay in the box


def test_an_unpaid_invoice_past_its_due_date_is_marked_overdue(
    employer_client, company, taxonomy, stopped_now
):
    import datetime as dt

    from companies.services import billing

    then = stopped_now - dt.timedelta(days=40)

    def draft(**fields):
        return AdFactory(
            company=company,
            status="draft",
            published_at=None,
            ends_at=None,
            last_application_date=then.date() + dt.timedelta(days=14),
            **fields,
        )

    late = place_order(ad=draft(), now=then).invoice
    paid = place_order(ad=draft(), now=then).invoice
    billing.register_payment(
        invoice=paid,
        amount_ore=paid.total_ore,
        paid_on=stopped_now.date(),
        reference="OCR",
        by=None,
        now=stopped_now,
    )
    place_order(ad=AdFactory(company=company, status="draft", published_at=None, ends_at=None))

    page = employer_client.get(reverse("companies:dashboard", args=[company.pk])).content.decode()

    assert page.count("Förfallen: betala så snart du kan.") == 1
    row = page.split(f"Faktura {late.number} (PDF)", 1)[1].split("</tr>", 1)[0]
    assert "Förfallen" in row


def test_changing_the_companys_details_asks_for_phone_and_postal_code_as_registering_does(
    employer_client, company
):
    page = employer_client.get(reverse("companies:company_edit", args=[company.pk]))
    html = page.content.decode()
    assert 'type="tel"' in html and 'autocomplete="postal-code"' in html
    assert "T.ex. 08-123 456 78" in html


def test_an_invitation_to_an_address_too_long_for_mail_is_refused(employer_client, company):
    """On PostgreSQL the address did not fit its column (254 characters): an error page."""
    employer_client.post(
        reverse("companies:invite", args=[company.pk]),
        {"email": "x" * 300 + "@example.se", "role": "member"},
    )

    assert not Invitation.objects.exists()
