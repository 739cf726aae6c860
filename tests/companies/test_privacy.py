"""The employer side's personal data: declared, kept for exactly its rule's period, and
bookkeeping never deleted early, neither by another rule nor by an erasure request."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from companies.models import (
    Agreement,
    AgreementNote,
    Company,
    Invitation,
    Invoice,
    Membership,
    Order,
    Payment,
    Reminder,
)
from companies.models.core import ANONYMISED_SOLE_TRADER_NAME
from companies.privacy import BOOKKEEPING_REASON
from companies.services import billing
from jobs.models import Ad, AdRevision
from privacy import enforcement, registry, retention, subjects
from privacy.models import EnforcementRun
from privacy.vocabulary import Action
from tests.factories.companies import (
    CompanyFactory,
    MembershipFactory,
    place_order,
    valid_org_number,
)
from tests.factories.jobs import AdFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
ONE_DAY = dt.timedelta(days=1)


def at(year, month, day, hour=12):
    return dt.datetime(year, month, day, hour, tzinfo=STOCKHOLM)


def run(as_of, rule=None):
    return enforcement.enforce(
        as_of=as_of,
        now=at(as_of.year, as_of.month, as_of.day, 3),
        trigger=EnforcementRun.Trigger.TEST,
        rule=rule,
    )


def test_every_model_of_the_app_with_personal_data_is_declared():
    declared = {
        (d.model, d.rule) for d in registry.declarations() if d.model.startswith("companies.")
    }

    assert declared == {
        ("companies.Company", "contacts.partner"),
        ("companies.Membership", "contacts.partner"),
        ("companies.Invitation", "contacts.partner"),
        ("companies.Agreement", "contacts.partner"),
        ("companies.AgreementNote", "contacts.long_term"),
        ("companies.Order", "billing.bookkeeping"),
        ("companies.Invoice", "billing.bookkeeping"),
        ("companies.Payment", "billing.bookkeeping"),
        ("companies.Reminder", "billing.bookkeeping"),
    }
    # The ad's change history is the ad's (jobs), under the ad's own rule.
    assert [d.rule for d in registry.for_model("jobs.AdRevision")] == ["ads.ad"]


def test_bookkeeping_is_kept_on_erasure_with_the_legal_reason():
    for model in ("Order", "Invoice", "Payment", "Reminder"):
        (declaration,) = registry.for_model(f"companies.{model}")
        assert declaration.on_erase == Action.KEEP
        assert declaration.keep_reason == BOOKKEEPING_REASON


@pytest.fixture
def order(taxonomy):
    """An order placed on 10 March 2026, with a payment and a reminder."""
    membership = MembershipFactory(company=CompanyFactory(org_number="811218-9876"))
    ad = AdFactory(
        company=membership.company,
        status=Ad.Status.DRAFT,
        published_at=None,
        ends_at=None,
        last_application_date=dt.date(2026, 3, 31),
    )
    order = place_order(ad=ad, by=membership.user, now=at(2026, 3, 10))
    billing.register_payment(
        invoice=order.invoice,
        amount_ore=100,
        paid_on=dt.date(2026, 3, 20),
        by=None,
        now=at(2026, 3, 20),
    )
    Reminder.objects.create(
        invoice=order.invoice, level=1, sent_to=order.invoice.buyer_email, sent_at=at(2026, 4, 20)
    )
    return order


def _chain_exists(order):
    return (
        Order.objects.filter(pk=order.pk).exists(),
        Invoice.objects.filter(order=order).exists(),
        Payment.objects.filter(invoice__order=order).exists(),
        Reminder.objects.filter(invoice__order=order).exists(),
    )


@pytest.mark.parametrize(
    ("years", "last_kept_day"), [(5, dt.date(2031, 12, 31)), (7, dt.date(2033, 12, 31))]
)
def test_bookkeeping_goes_the_day_after_the_financial_year_end_plus_the_period(
    order, settings, years, last_kept_day
):
    settings.BOOKKEEPING_YEARS = years
    (declaration,) = registry.for_model("companies.Invoice")
    assert retention.deletion_date(declaration, order.invoice) == last_kept_day + ONE_DAY

    run(last_kept_day, rule="billing.bookkeeping")
    assert _chain_exists(order) == (True, True, True, True)
    run(last_kept_day + ONE_DAY, rule="billing.bookkeeping")
    assert _chain_exists(order) == (False, False, False, False)


def test_a_payment_in_the_next_year_keeps_the_whole_chain_a_year_longer(order):
    billing.register_payment(
        invoice=order.invoice,
        amount_ore=100,
        paid_on=dt.date(2027, 1, 5),
        by=None,
        now=at(2027, 1, 5),
    )

    run(dt.date(2032, 12, 31), rule="billing.bookkeeping")
    assert _chain_exists(order) == (True, True, True, True)
    run(dt.date(2033, 1, 1), rule="billing.bookkeeping")
    assert _chain_exists(order) == (False, False, False, False)


def test_no_other_rule_deletes_bookkeeping_early(order):
    company = order.company
    company.cooperation_ended_on = dt.date(2026, 6, 1)
    company.save()

    run(dt.date(2031, 12, 31))  # every rule: the ad (ads.ad), the company (contacts.partner) ...

    assert not Ad.objects.filter(pk=order.ad_id).exists()
    assert _chain_exists(order) == (True, True, True, True)
    company.refresh_from_db()
    assert company.org_number is None  # anonymised, never deleted: the orders point to it


def test_an_erasure_request_of_a_contact_person_keeps_the_bookkeeping(order, admin_user):
    user = order.ordered_by

    report = subjects.erase(user=user, by=admin_user, now=at(2026, 5, 1))

    assert _chain_exists(order) == (True, True, True, True)
    kept = {item["category"]: item for item in report["kept"]}
    invoices = kept[str(registry.for_model("companies.Invoice")[0].category)]
    assert invoices["reason"] == str(BOOKKEEPING_REASON)
    assert invoices["until"] == "2032-01-01"
    assert not Membership.objects.filter(user=user).exists()


def test_an_erasure_request_by_the_sole_traders_address_anonymises_the_company_only(
    order, admin_user
):
    company = order.company

    subjects.erase(email=company.email, by=admin_user, now=at(2026, 5, 1))

    company.refresh_from_db()
    assert company.org_number is None and company.email == ""
    assert _chain_exists(order) == (True, True, True, True)
    assert Invoice.objects.get(order=order).buyer_org_number == "811218-9876"


def test_company_data_go_on_the_day_staff_mark_the_cooperation_ended(taxonomy):
    membership = MembershipFactory()
    company = membership.company
    company.cooperation_ended_on = dt.date(2027, 3, 1)
    company.save()
    invitation = Invitation.objects.create(company=company, email="x@example.se")
    agreement = Agreement.objects.create(
        company=company,
        ads_per_month=5,
        price_ore=1,
        starts_on=dt.date(2026, 1, 1),
        contact_name="Per",
        contact_email="per@example.se",
    )

    run(dt.date(2027, 2, 28), rule="contacts.partner")
    company.refresh_from_db()
    assert company.org_number and company.email
    assert Membership.objects.filter(pk=membership.pk).exists()
    assert Invitation.objects.filter(pk=invitation.pk).exists()

    run(dt.date(2027, 3, 1), rule="contacts.partner")
    company.refresh_from_db()
    assert company.org_number is None and company.email == "" and company.phone == ""
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not Invitation.objects.filter(pk=invitation.pk).exists()
    agreement.refresh_from_db()
    assert (agreement.contact_name, agreement.contact_email) == ("", "")


def test_a_company_still_cooperating_is_never_due(taxonomy):
    company = CompanyFactory()

    run(dt.date(2040, 1, 1), rule="contacts.partner")

    assert Company.objects.get(pk=company.pk).org_number == company.org_number


def test_agreement_notes_go_five_years_after_they_were_written(taxonomy):
    agreement = Agreement.objects.create(
        company=CompanyFactory(), ads_per_month=5, price_ore=1, starts_on=dt.date(2026, 1, 1)
    )
    note = AgreementNote.objects.create(
        agreement=agreement, text="Samtal", created_at=at(2026, 1, 10)
    )

    run(dt.date(2031, 1, 9), rule="contacts.long_term")
    assert AgreementNote.objects.filter(pk=note.pk).exists()
    run(dt.date(2031, 1, 10), rule="contacts.long_term")
    assert not AgreementNote.objects.filter(pk=note.pk).exists()


def test_an_ads_history_goes_five_years_after_the_ad_ended(taxonomy):
    ad = AdFactory(published_at=at(2026, 1, 1), ends_at=at(2026, 2, 1))
    revision = AdRevision.objects.create(
        ad=ad, kind="edited", changes={"title": ["a", "b"]}, changed_at=at(2026, 1, 5)
    )

    run(dt.date(2031, 1, 31), rule="ads.ad")
    assert AdRevision.objects.filter(pk=revision.pk).exists()
    run(dt.date(2031, 2, 1), rule="ads.ad")
    assert not AdRevision.objects.filter(pk=revision.pk).exists()


def test_the_access_report_lists_the_contact_persons_orders_with_deletion_dates(order):
    report = subjects.collect(user=order.ordered_by, now=timezone.now())

    text = str(report)
    assert "2032-01-01" in text


# --- A sole trader's company name is their own name, and its page's slug is made of it.


@pytest.fixture
def sole_trader(taxonomy, stopped_now):
    """A sole trader whose cooperation ends today, with a published ad."""
    company = CompanyFactory(
        name="Sigrid Tallqvist",
        slug="sigrid-tallqvist",
        org_number="811218-9876",
        cooperation_ended_on=timezone.localdate(stopped_now),
    )
    ad = AdFactory(company=company, title="Snickare sökes", description="Bygg hus med oss.")
    return company, ad


def end_cooperations(now):
    return enforcement.enforce(
        as_of=timezone.localdate(now),
        now=now,
        trigger=EnforcementRun.Trigger.TEST,
        rule="contacts.partner",
    )


def test_a_sole_traders_name_and_page_address_go_when_the_cooperation_ends(
    client, sole_trader, stopped_now
):
    company, ad = sole_trader
    old_page = company.get_absolute_url()

    end_cooperations(stopped_now)

    company.refresh_from_db()
    assert company.name == ANONYMISED_SOLE_TRADER_NAME
    assert company.slug == f"enskild-firma-{company.pk}"
    assert company.org_number is None
    assert client.get(old_page).status_code == 404
    for url in (ad.get_absolute_url(), reverse("jobs:search")):
        page = client.get(url).content.decode()
        assert "Tallqvist" not in page, url
        assert ANONYMISED_SOLE_TRADER_NAME in page, url
    assert end_cooperations(stopped_now).total("acted") == 0  # done once, never again


def test_a_limited_companys_name_and_page_address_stay_when_its_cooperation_ends(
    sole_trader, stopped_now
):
    company = CompanyFactory(
        name="Tallqvist Bygg AB",
        slug="tallqvist-bygg",
        cooperation_ended_on=timezone.localdate(stopped_now),
    )

    end_cooperations(stopped_now)

    company.refresh_from_db()
    assert (company.name, company.slug) == ("Tallqvist Bygg AB", "tallqvist-bygg")
    assert company.org_number is None and company.email == ""


def test_a_sole_traders_erasure_request_moves_the_page_to_a_neutral_address(
    client, sole_trader, stopped_now
):
    company, _ad = sole_trader
    company.cooperation_ended_on = None  # still cooperating: the page is shown
    company.save()
    old_page = company.get_absolute_url()
    assert client.get(old_page).status_code == 200

    subjects.erase(email=company.email, by=None, now=stopped_now)

    company.refresh_from_db()
    assert client.get(old_page).status_code == 404
    page = client.get(company.get_absolute_url())
    assert page.status_code == 200
    assert "Tallqvist" not in page.content.decode()


def test_staff_erasing_a_sole_traders_company_in_admin_anonymises_its_name(
    sole_trader, stopped_now, admin_user
):
    from privacy.records import erase_records

    company, _ad = sole_trader

    erase_records(queryset=Company.objects.filter(pk=company.pk), by=admin_user, now=stopped_now)

    company.refresh_from_db()
    assert (company.name, company.slug) == (
        ANONYMISED_SOLE_TRADER_NAME,
        f"enskild-firma-{company.pk}",
    )


def test_no_company_registers_with_the_slug_an_anonymisation_writes(stopped_now):
    from companies.services import registration

    for n, name in enumerate(("Enskild firma", "Enskild firma 7", "Enskild firma 7")):
        company = registration.register_company(
            by=MembershipFactory().user,
            name=name,
            org_number=valid_org_number(900 + n),
            email=f"info{n}@example.se",
            phone="08-123 456 78",
            street="Storgatan 1",
            postal_code="111 22",
            town="Stockholm",
            now=stopped_now,
        )
        assert not company.slug.startswith("enskild-firma"), company.slug


def test_sole_traders_anonymised_before_lose_their_name_by_migration(order):
    """Their organisation number is gone; their invoices' buyer number says what they were."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("companies.migrations.0006_anonymised_sole_traders_names")
    sole_trader = order.company
    member = MembershipFactory(
        company=CompanyFactory(name="Tallqvist Bygg AB", slug="tallqvist-bygg")
    )
    limited = member.company
    draft = {"status": Ad.Status.DRAFT, "published_at": None, "ends_at": None}
    ad = AdFactory(company=limited, last_application_date=dt.date(2026, 3, 31), **draft)
    place_order(ad=ad, by=member.user, now=at(2026, 3, 10))
    cooperating = CompanyFactory(name="Greta Holm", slug="greta-holm", org_number="810101-1232")
    # Anonymised as before: the number and the contact details, not the name.
    Company.objects.filter(pk__in=[sole_trader.pk, limited.pk]).update(
        org_number=None, email="", phone=""
    )

    migration.forwards(apps, None)
    migration.forwards(apps, None)  # run twice: the same

    sole_trader.refresh_from_db()
    assert (sole_trader.name, sole_trader.slug) == (
        ANONYMISED_SOLE_TRADER_NAME,
        f"enskild-firma-{sole_trader.pk}",
    )
    limited.refresh_from_db()
    assert (limited.name, limited.slug) == ("Tallqvist Bygg AB", "tallqvist-bygg")
    cooperating.refresh_from_db()
    assert (cooperating.name, cooperating.slug) == ("Greta Holm", "greta-holm")
