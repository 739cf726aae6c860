"""Applicants learn what happened: a status the company shares, and a polite closure when an
ad stops before its end, each mailed once, in the language the person applied in."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from jobs import tasks
from jobs.models import Ad, Application
from jobs.selectors import deletion_date
from jobs.services import ads as ad_services
from tests.factories import AdFactory, MembershipFactory
from tests.factories.accounts import staff_user
from tests.factories.jobs import ApplicationFactory

pytestmark = pytest.mark.django_db


def _member_of(ad):
    return MembershipFactory(company=ad.company).user


def _mails_to(user):
    return [m for m in mail.outbox if m.to == [user.email]]


def test_filling_an_ad_tells_each_applicant_waiting_for_an_answer_once(
    client, taxonomy, django_capture_on_commit_callbacks
):
    ad = AdFactory(title="Lagerarbetare", company__name="Lager AB")
    waiting_en = ApplicationFactory(ad=ad, language="en")
    shortlisted = ApplicationFactory(ad=ad, language="sv", status="shortlisted")
    shortlisted.shared_status = "shortlisted"
    shortlisted.save()
    hired = ApplicationFactory(ad=ad, status="hired")  # the company tells them itself
    told_no = ApplicationFactory(ad=ad, status="rejected", shared_status="rejected")
    other_ad = ApplicationFactory(ad=AdFactory(company=ad.company))
    client.force_login(_member_of(ad))
    asked = client.get(reverse("companies:ad_fill", args=[ad.pk])).content.decode()
    assert "Sökande som väntar på besked får ett mejl" in asked  # the employer knows

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("companies:ad_fill", args=[ad.pk]))

    ad.refresh_from_db()
    assert ad.status == Ad.Status.FILLED
    [english] = _mails_to(waiting_en.seeker)
    assert english.subject == "Position filled: Lagerarbetare"
    assert 'Lager AB has filled the position "Lagerarbetare"' in english.body
    with translation.override("en"):
        assert reverse("jobs:my_applications") in english.body
    [swedish] = _mails_to(shortlisted.seeker)
    assert "Lager AB har tillsatt tjänsten" in swedish.body
    for person in (hired, told_no, other_ad):
        assert not _mails_to(person.seeker)
    told = Application.objects.filter(closure_told_at__isnull=False)
    assert set(told) == {waiting_en, shortlisted}

    assert tasks.tell_applicants_ad_closed(ad_id=ad.pk) == 0  # run again: no one twice
    assert len(mail.outbox) == 2


@pytest.mark.parametrize("stop", ["withdraw", "take_down"])
def test_an_ad_withdrawn_or_taken_down_is_no_longer_published_for_its_applicants(
    stop, taxonomy, django_capture_on_commit_callbacks
):
    ad = AdFactory(title="Snickare")
    application = ApplicationFactory(ad=ad, language="en")
    now = timezone.now()

    with django_capture_on_commit_callbacks(execute=True):
        if stop == "withdraw":
            ad_services.withdraw_ad(ad=ad, by=_member_of(ad), now=now)
        else:
            reason = "Diskriminerande krav"
            ad_services.take_down_ad(ad=ad, by=staff_user(), reason=reason, now=now)

    [message] = _mails_to(application.seeker)
    assert message.subject == "Ad closed: Snickare"
    assert "is no longer published and takes no more applications" in message.body
    assert "Diskriminerande" not in message.body  # the reason is the employer's to read
    assert f"deleted on {deletion_date(application):%Y-%m-%d}." in message.body
    assert "/en/" in message.body  # the links in the language of the mail


def test_an_ad_reaching_its_last_day_tells_no_one_and_the_list_says_so(
    client, taxonomy, stopped_now
):
    ended = AdFactory(ends_at=stopped_now - dt.timedelta(days=1))
    application = ApplicationFactory(ad=ended)
    filled = ApplicationFactory(seeker=application.seeker, ad=AdFactory(status="filled"))
    ApplicationFactory(seeker=application.seeker, ad=AdFactory(title="Fortfarande öppen"))

    assert tasks.tell_applicants_ad_closed(ad_id=ended.pk) == 0
    client.force_login(application.seeker)
    page = client.get(reverse("jobs:my_applications")).content.decode()

    assert not mail.outbox
    assert page.count('class="badge"') == 2
    assert "Sista ansökningsdagen har passerat" in page
    assert "Tjänsten är tillsatt" in page
    assert filled.ad.title in page


def test_a_status_shared_is_mailed_once_and_a_status_kept_to_the_company_never(
    client, taxonomy, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(ad__title="Kock", language="en")
    client.force_login(_member_of(application.ad))
    url = reverse("jobs:application", args=[application.pk])

    def post(status, share, notes=""):
        data = {"status": status, "employer_notes": notes} | (
            {"share_status": "on"} if share else {}
        )
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url, data)

    assert "får ett mejl när den ändras" in client.get(url).content.decode()
    post("reviewed", share=False)
    assert not mail.outbox
    post("rejected", share=True)
    post("rejected", share=True, notes="Saknar körkort")  # the same status shown again
    post("rejected", share=False)
    post("rejected", share=True)  # hidden and shown again: not news
    [message] = mail.outbox
    assert message.to == [application.seeker.email]
    assert message.subject == "News about your application: Kock"
    assert ": Not selected." in message.body
    assert "Thank you for your interest" in message.body
    assert "Saknar körkort" not in message.body  # notes are the company's own
