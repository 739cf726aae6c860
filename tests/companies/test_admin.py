import datetime as dt

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from companies.models import Company, Payment
from companies.money import format_sek
from companies.services import billing
from config.fields import PublicURLField
from jobs.models import Ad, ModeratedAd
from tests.factories.companies import CompanyFactory, place_order
from tests.factories.jobs import AdFactory

pytestmark = pytest.mark.django_db


def _order(company=None, now=None):
    now = now or timezone.now()
    ad = AdFactory(
        company=company or CompanyFactory(),
        status=Ad.Status.DRAFT,
        published_at=None,
        ends_at=None,
        last_application_date=timezone.localdate(now) + dt.timedelta(days=20),
    )
    return place_order(ad=ad, now=now)


def test_customer_status_is_derived_from_paid_invoices(taxonomy, admin_user):
    lead = CompanyFactory()
    unpaid = _order().company
    paying = _order().company
    invoice = paying.orders.get().invoice
    billing.register_payment(
        invoice=invoice,
        amount_ore=invoice.total_ore,
        paid_on=timezone.localdate(),
        by=admin_user,
        now=timezone.now(),
    )

    status = dict(Company.objects.with_customer_status().values_list("pk", "customer_status"))

    assert status == {lead.pk: "lead", unpaid.pk: "lead", paying.pk: "customer"}


def test_staff_filter_companies_by_status_and_search_by_org_number(staff_client, taxonomy):
    lead = CompanyFactory(name="Leadbolaget AB")
    paying = _order(company=CompanyFactory(name="Kundbolaget AB")).company
    invoice = paying.orders.get().invoice
    billing.register_payment(
        invoice=invoice,
        amount_ore=invoice.total_ore,
        paid_on=timezone.localdate(),
        by=staff_client.user,
        now=timezone.now(),
    )
    url = reverse("admin:companies_company_changelist")

    customers = staff_client.get(url, {"customer_status": "customer"}).content.decode()
    assert "Kundbolaget AB" in customers and "Leadbolaget AB" not in customers
    found = staff_client.get(url, {"q": lead.org_number}).content.decode()
    assert "Leadbolaget AB" in found and "Kundbolaget AB" not in found
    assert "Betalande kund" in staff_client.get(url).content.decode()


def test_the_overdue_filter_lists_unpaid_invoices_past_their_due_date(staff_client, taxonomy):
    old = _order(now=timezone.now() - dt.timedelta(days=40)).invoice
    new = _order().invoice
    url = reverse("admin:companies_invoice_changelist")

    page = staff_client.get(url, {"payment": "overdue"}).content.decode()

    assert reverse("companies:invoice_pdf", args=[old.pk]) in page
    assert reverse("companies:invoice_pdf", args=[new.pk]) not in page


def test_staff_register_a_payment_in_admin_through_the_service(staff_client, taxonomy):
    invoice = _order().invoice

    response = staff_client.post(
        reverse("admin:companies_payment_add"),
        {
            "invoice": invoice.pk,
            "amount_ore": invoice.total_ore,
            "paid_on": timezone.localdate().isoformat(),
            "reference": "BG 123",
        },
    )

    assert response.status_code == 302
    payment = Payment.objects.get()
    assert payment.registered_by == staff_client.user
    invoice.refresh_from_db()
    assert invoice.paid_at is not None


def test_staff_take_ads_down_with_a_reason_from_admin(staff_client, taxonomy):
    ad = _order().ad
    url = reverse("admin:jobs_moderatedad_changelist")

    confirm = staff_client.post(url, {"action": "take_down", "_selected_action": [ad.pk]})
    assert confirm.status_code == 200
    assert "reason" in confirm.content.decode()
    staff_client.post(
        url,
        {
            "action": "take_down",
            "_selected_action": [ad.pk],
            "apply": "1",
            "reason": "Annonsen bryter mot villkoren",
        },
    )

    ad.refresh_from_db()
    assert ad.status == Ad.Status.TAKEN_DOWN
    assert ad.status_reason == "Annonsen bryter mot villkoren"
    assert ad.revisions.filter(kind="taken_down", changed_by=staff_client.user).exists()


def _take_down(staff_client, ads):
    url = reverse("admin:jobs_moderatedad_changelist")
    chosen = {"action": "take_down", "_selected_action": [ad.pk for ad in ads], "apply": "1"}
    response = staff_client.post(url, chosen | {"reason": "Bryter mot villkoren"}, follow=True)
    return [str(message) for message in response.context["messages"]]


def test_taking_down_one_ad_says_so_in_the_singular_and_two_in_the_plural(staff_client, taxonomy):
    assert _take_down(staff_client, [_order().ad]) == ["1 annons har tagits ner."]
    assert _take_down(staff_client, [_order().ad, _order().ad]) == ["2 annonser har tagits ner."]


def test_admin_pages_of_the_app_open(staff_client, taxonomy):
    order = _order()
    for name, args in [
        ("company_changelist", []),
        ("company_change", [order.company_id]),
        ("order_changelist", []),
        ("invoice_changelist", []),
        ("invoice_change", [order.invoice.pk]),
        ("payment_changelist", []),
        ("reminder_changelist", []),
        ("agreement_changelist", []),
        ("agreement_add", []),
        ("product_changelist", []),
        ("invitation_changelist", []),
    ]:
        response = staff_client.get(reverse(f"admin:companies_{name}", args=args))
        assert response.status_code == 200, name
    # The ads the employers order are moderated in jobs' admin.
    assert staff_client.get(reverse("admin:jobs_moderatedad_changelist")).status_code == 200


def test_staff_write_agreement_notes_signed_with_their_name(staff_client, taxonomy):
    from companies.models import Agreement

    company = CompanyFactory()
    staff_client.post(
        reverse("admin:companies_agreement_add"),
        {
            "company": company.pk,
            "ads_per_month": 5,
            "price_ore": 400000,
            "starts_on": "2026-12-01",
            "ends_on": "",
            "contact_name": "Per",
            "contact_email": "",
            "notes-TOTAL_FORMS": 1,
            "notes-INITIAL_FORMS": 0,
            "notes-MIN_NUM_FORMS": 0,
            "notes-MAX_NUM_FORMS": 1000,
            "notes-0-text": "Ringde Per om våren.",
        },
    )

    agreement = Agreement.objects.get()
    assert agreement.created_by == staff_client.user
    assert agreement.notes.get().author == staff_client.user


def test_staff_edits_of_an_ad_in_admin_go_through_the_ad_service_with_history(
    staff_client, taxonomy, rf
):
    from types import SimpleNamespace

    from django.contrib import admin

    from jobs.models import AdRevision, ModeratedAd

    ad = ModeratedAd.objects.get(pk=_order().ad.pk)
    model_admin = admin.site._registry[ModeratedAd]
    request = rf.post("/")
    request.user = staff_client.user
    form = SimpleNamespace(cleaned_data={"title": "Rättad titel", "is_featured": True})

    model_admin.save_model(request, ad, form, change=True)

    ad.refresh_from_db()
    assert ad.title == "Rättad titel"
    edit = ad.revisions.get(kind=AdRevision.Kind.EDITED)
    assert edit.changed_by == staff_client.user
    assert edit.changes["title"][1] == "Rättad titel"


def test_staff_cannot_delete_an_ad_by_hand_in_admin(staff_client, taxonomy):
    ad = _order().ad
    response = staff_client.get(reverse("admin:jobs_moderatedad_delete", args=[ad.pk]))
    assert response.status_code == 403
    assert Ad.objects.filter(pk=ad.pk).exists()


def test_staff_search_ads_by_title_company_name_or_org_number(staff_client, taxonomy):
    bakery = CompanyFactory(name="Acme Bageri AB")
    by_title = AdFactory(title="Konditor sökes")
    by_company = AdFactory(company=bakery, title="Kock")
    AdFactory(title="Snickare")
    url = reverse("admin:jobs_moderatedad_changelist")

    def found(words):
        with CaptureQueriesContext(connection) as captured:
            response = staff_client.get(url, {"q": words})
        counted = next(q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"])
        # Companies are looked up on their own: a join in the search reads every ad.
        assert "companies_company" not in counted, counted
        return {ad.pk for ad in response.context["cl"].result_list}

    assert found("konditor") == {by_title.pk}
    assert found("bageri") == {by_company.pk}
    assert found(bakery.org_number) == {by_company.pk}
    assert found('"acme bageri" kock') == {by_company.pk}  # every word; quoted words are one
    assert found("kock konditor") == set()


def test_a_title_search_is_what_the_trigram_index_answers(db):
    """Admin's `icontains` on the title is the very expression the index holds (migration
    jobs 0014), so PostgreSQL can answer it from the index. (Whether its planner does, on a
    test database's few rows, proves nothing.)"""
    if connection.vendor != "postgresql":
        pytest.skip("the trigram index is PostgreSQL's")
    sql = str(Ad.objects.filter(title__icontains="kondit").values("pk").query)
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'jobs_ad_title_trgm'")
        (definition,) = cursor.fetchone()

    assert 'UPPER("jobs_ad"."title"::text) LIKE UPPER(' in sql, sql
    assert "USING gin (upper((title)::text) gin_trgm_ops)" in definition, definition


def test_staff_search_applications_by_ad_title_company_or_applicant_address(client, taxonomy):
    """Each table on its own index, the applications of each united: Django's OR across
    the joins to ads, companies and people read every application with its ad (6.2 s at
    1 000 000 applications for one address)."""
    from jobs.models import Application
    from tests.factories import UserFactory
    from tests.factories.accounts import staff_user
    from tests.factories.jobs import ApplicationFactory

    bakery = CompanyFactory(name="Acme Bageri AB")
    by_title = ApplicationFactory(ad=AdFactory(title="Konditor sökes"))
    by_company = ApplicationFactory(ad=AdFactory(company=bakery, title="Kock"))
    by_person = ApplicationFactory(seeker=UserFactory(email="lisa.holm@example.se"))
    ApplicationFactory(ad=AdFactory(title="Snickare"))
    client.force_login(staff_user("jobs.view_application"))
    url = reverse("admin:jobs_application_changelist")

    def found(words):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, {"q": words})
        counted = next(q["sql"] for q in captured.captured_queries if "COUNT(" in q["sql"])
        assert "JOIN" not in counted, counted  # no application is read with its ad or person
        return {application.pk for application in response.context["cl"].result_list}

    assert found("konditor") == {by_title.pk}
    assert found("bageri") == {by_company.pk}
    assert found("LISA.holm@") == {by_person.pk}
    assert found('"acme bageri" kock') == {by_company.pk}  # every word; quoted words are one
    assert found("kock lisa") == set()
    assert found("") == set(Application.objects.values_list("pk", flat=True))

    client.force_login(staff_user("jobs.view_applyclick"))  # staff, but not this permission
    refused = client.get(url, {"q": "lisa"})
    assert refused.status_code == 403 and "lisa.holm" not in refused.content.decode()


@pytest.mark.parametrize(("model", "field"), [(Company, "website"), (ModeratedAd, "apply_url")])
def test_staff_type_public_web_addresses_by_the_sites_own_rule(rf, admin_user, model, field):
    request = rf.get("/")
    request.user = admin_user
    form = admin.site._registry[model].get_form(request)

    assert isinstance(form.base_fields[field], PublicURLField)
    with pytest.raises(ValidationError):
        form.base_fields[field].clean("http://localhost:8000/")
    assert form.base_fields[field].clean("bolaget.se") == "https://bolaget.se"


def _pay_in_admin(client, invoice, **changes):
    data = {
        "invoice": invoice.pk,
        "amount_ore": invoice.total_ore,
        "paid_on": timezone.localdate().isoformat(),
        "reference": "BG 123",
        **changes,
    }
    return client.post(reverse("admin:companies_payment_add"), data)


def _refusal(response) -> str:
    assert response.status_code == 200
    assert not Payment.objects.exists()
    return response.content.decode().replace("\xa0", " ")


@pytest.mark.parametrize("amount", ["0", "-100"])
def test_staff_cannot_register_a_payment_of_nothing(stopped_now, staff_client, taxonomy, amount):
    invoice = _order().invoice

    page = _refusal(_pay_in_admin(staff_client, invoice, amount_ore=amount))

    assert "En betalning måste vara mer än 0 kr." in page


def test_staff_cannot_register_a_payment_dated_in_the_future(stopped_now, staff_client, taxonomy):
    invoice = _order().invoice
    tomorrow = stopped_now.date() + dt.timedelta(days=1)

    page = _refusal(_pay_in_admin(staff_client, invoice, paid_on=tomorrow.isoformat()))

    assert f"En betalning kan inte vara daterad efter i dag ({stopped_now.date()})." in page


def test_staff_cannot_register_a_payment_dated_before_the_invoice(
    stopped_now, staff_client, taxonomy
):
    invoice = _order(now=stopped_now - dt.timedelta(days=10)).invoice
    before = invoice.issued_on - dt.timedelta(days=1)

    page = _refusal(_pay_in_admin(staff_client, invoice, paid_on=before.isoformat()))

    assert f"Betalningen är daterad före fakturans datum ({invoice.issued_on})." in page


def test_an_amount_other_than_what_is_owed_needs_staffs_confirmation(
    stopped_now, staff_client, taxonomy
):
    invoice = _order().invoice
    owed = format_sek(invoice.total_ore).replace("\xa0", " ")
    typed = format_sek(invoice.total_ore // 100).replace("\xa0", " ")

    page = _refusal(_pay_in_admin(staff_client, invoice, amount_ore=invoice.total_ore // 100))

    assert f"På faktura {invoice.number} återstår {owed}, inte {typed}." in page
    confirmed = _pay_in_admin(
        staff_client, invoice, amount_ore=invoice.total_ore // 100, confirm_amount="on"
    )
    assert confirmed.status_code == 302
    assert Payment.objects.get().amount_ore == invoice.total_ore // 100
    invoice.refresh_from_db()
    assert invoice.paid_at is None


def test_what_is_owed_is_what_earlier_payments_left(stopped_now, staff_client, taxonomy):
    invoice = _order().invoice
    billing.register_payment(
        invoice=invoice,
        amount_ore=10_000,
        paid_on=stopped_now.date(),
        by=staff_client.user,
        now=stopped_now,
    )

    response = _pay_in_admin(staff_client, invoice, amount_ore=invoice.total_ore - 10_000)

    assert response.status_code == 302
    invoice.refresh_from_db()
    assert invoice.paid_at is not None


def test_a_paid_invoice_takes_a_further_payment_only_when_staff_confirm(
    stopped_now, staff_client, taxonomy
):
    invoice = _order().invoice
    assert _pay_in_admin(staff_client, invoice).status_code == 302

    refused = _pay_in_admin(staff_client, invoice)

    assert refused.status_code == 200
    assert f"Faktura {invoice.number} är redan betald i sin helhet." in (refused.content.decode())
    assert Payment.objects.count() == 1


def test_a_payment_dated_today_on_the_invoices_day_is_registered(
    stopped_now, staff_client, taxonomy
):
    invoice = _order(now=stopped_now).invoice
    assert invoice.issued_on == stopped_now.date()

    response = _pay_in_admin(staff_client, invoice, paid_on=stopped_now.date().isoformat())

    assert response.status_code == 302
    assert Payment.objects.get().registered_by == staff_client.user
    change = reverse("admin:companies_payment_change", args=[Payment.objects.get().pk])
    page = staff_client.get(change).content.decode()
    assert 'name="confirm_amount"' not in page and 'name="amount_ore"' not in page


def test_staff_write_the_payment_date_year_first(stopped_now, staff_client, taxonomy):
    """The admin's Swedish read 01/02 month first: the 2nd of January for a Swede's 1 Feb."""
    invoice = _order(now=stopped_now - dt.timedelta(days=40)).invoice
    day = stopped_now.date() - dt.timedelta(days=3)

    _refusal(_pay_in_admin(staff_client, invoice, paid_on=day.strftime("%m/%d/%Y")))
    _refusal(_pay_in_admin(staff_client, invoice, paid_on=day.strftime("%d/%m/%Y")))
    assert _pay_in_admin(staff_client, invoice, paid_on=day.strftime("%Y/%m/%d")).status_code == 302
    assert Payment.objects.get().paid_on == day
