"""What an erasure leaves behind, and whom it finds.

The restriction an erasure places over the data the law makes us keep has a clock: it goes
under `contacts.long_term` after that data has gone. An erasure finds the person by every
address they are known by: the login address, the account's other verified addresses, and
so the ads where they are the contact person."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress

from accounts.models import User
from companies.models import Order
from jobs.models import Ad, JobAlert
from privacy import enforcement, restrictions, subjects
from privacy.models import ConsentRecord, EnforcementRun, Restriction
from tests.factories import AdFactory, MembershipFactory, UserFactory
from tests.factories.companies import place_order
from tests.factories.jobs import JobAlertFactory
from tests.factories.privacy import ConsentRecordFactory

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 6, 1, 10, tzinfo=dt.UTC)


def run(as_of, rule="contacts.long_term"):
    return enforcement.enforce(as_of=as_of, now=NOW, trigger=EnforcementRun.Trigger.TEST, rule=rule)


@pytest.fixture
def erased_with_bookkeeping(taxonomy):
    """A contact person erased while their order of 10 March 2026 is kept by law:
    billing.bookkeeping keeps it until 31 December 2031, it goes on 1 January 2032."""
    membership = MembershipFactory(user=UserFactory(email="kund@example.se"))
    ad = AdFactory(
        company=membership.company,
        status=Ad.Status.DRAFT,
        published_at=None,
        ends_at=None,
        last_application_date=dt.date(2026, 3, 31),
    )
    order = place_order(ad=ad, by=membership.user, now=at(2026, 3, 10))
    subjects.erase(user=membership.user, by=None, now=NOW)
    return order


def at(year, month, day):
    return dt.datetime(year, month, day, 12, tzinfo=STOCKHOLM)


def test_the_erasure_restriction_has_a_clock_at_the_end_of_the_kept_data(erased_with_bookkeeping):
    restriction = Restriction.objects.get(email="kund@example.se")
    assert restriction.lifted_at is None
    assert restriction.kept_until == dt.datetime(2032, 1, 1, tzinfo=STOCKHOLM)
    assert restrictions.is_restricted(email="kund@example.se")


def test_the_erasure_restriction_goes_five_years_after_the_kept_data(erased_with_bookkeeping):
    run(dt.date(2036, 12, 31))
    assert Restriction.objects.filter(email="kund@example.se").exists()
    run(dt.date(2037, 1, 1))
    assert not Restriction.objects.filter(email="kund@example.se").exists()


def test_the_erasure_restriction_does_not_stop_the_kept_data_from_going(erased_with_bookkeeping):
    order = erased_with_bookkeeping
    run(dt.date(2031, 12, 31), rule="billing.bookkeeping")
    assert Order.objects.filter(pk=order.pk).exists()
    counts = run(dt.date(2032, 1, 1), rule="billing.bookkeeping").counts["billing.bookkeeping"]
    assert not Order.objects.filter(pk=order.pk).exists()
    assert counts["restricted"] == 0


def test_an_erasure_with_nothing_kept_leaves_no_restriction(taxonomy):
    subjects.erase(user=UserFactory(), by=None, now=NOW)
    assert not Restriction.objects.exists()


@pytest.fixture
def person_with_two_addresses(taxonomy):
    user = UserFactory(email="login@example.se")
    EmailAddress.objects.create(user=user, email="Jobb@Example.se", verified=True, primary=False)
    return user


def rows_under(address):
    return {
        "ad": AdFactory(contact_email=address, contact_name="Anna Åkesson"),
        "alert": JobAlertFactory(user=None, email=address),
        "consent": ConsentRecordFactory(email=address),
    }


def assert_erased(rows):
    ad = Ad.objects.get(pk=rows["ad"].pk)
    assert (ad.contact_name, ad.contact_email) == ("", "")
    assert not JobAlert.objects.filter(pk=rows["alert"].pk).exists()
    assert not ConsentRecord.objects.filter(pk=rows["consent"].pk).exists()


def test_erasing_an_account_finds_the_rows_under_its_other_verified_address(
    person_with_two_addresses,
):
    rows = rows_under("jobb@example.se")
    subjects.erase(user=person_with_two_addresses, by=None, now=NOW)
    assert_erased(rows)
    assert not User.objects.filter(pk=person_with_two_addresses.pk).exists()


def test_erasing_by_a_secondary_address_finds_the_account_and_its_login_address(
    person_with_two_addresses,
):
    rows = rows_under("login@example.se")
    subjects.erase(email="jobb@example.se", by=None, now=NOW)
    assert_erased(rows)
    assert not User.objects.filter(pk=person_with_two_addresses.pk).exists()


def test_an_unverified_address_finds_nothing(person_with_two_addresses):
    EmailAddress.objects.create(
        user=person_with_two_addresses, email="ovrifierad@example.se", verified=False
    )
    rows = rows_under("ovrifierad@example.se")
    subjects.erase(user=person_with_two_addresses, by=None, now=NOW)
    assert Ad.objects.get(pk=rows["ad"].pk).contact_email == "ovrifierad@example.se"
    assert ConsentRecord.objects.filter(pk=rows["consent"].pk).exists()


def test_erasing_another_person_leaves_these_rows(person_with_two_addresses):
    rows = rows_under("jobb@example.se")
    subjects.erase(user=UserFactory(), by=None, now=NOW)
    assert Ad.objects.get(pk=rows["ad"].pk).contact_email == "jobb@example.se"
    assert User.objects.filter(pk=person_with_two_addresses.pk).exists()
