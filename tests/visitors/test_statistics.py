"""Visitor statistics: only after statistics consent; daily totals that survive the raw
rows' deletion and carry no personal data; the staff chart of visits per day."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from jobs.models import AdDailyStat, AdView, ContactView
from jobs.selectors import ad_statistics
from privacy import enforcement
from privacy.models import EnforcementRun
from tests.factories import AdFactory, UserFactory
from tests.factories.accounts import staff_user
from visitors import selectors, services
from visitors.models import CookieChoice, DailyPageStat, PageView

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = dt.datetime(2026, 6, 1, 3, tzinfo=dt.UTC)
VISITOR = "a" * 32


def at(year, month, day, hour=12, minute=0):
    return dt.datetime(year, month, day, hour, minute, tzinfo=STOCKHOLM)


def run(as_of):
    return enforcement.enforce(
        as_of=as_of, now=NOW, trigger=EnforcementRun.Trigger.TEST, rule="visitors.tracking"
    )


def accept(client, *groups):
    client.post("/kakor/accept/", {"cookie_groups": list(groups)})


# --- Recorded only after statistics consent.


def test_nothing_is_recorded_before_a_choice(browser_client):
    browser_client.get("/")
    browser_client.get("/jobb/")
    assert not PageView.objects.exists()


def test_nothing_is_recorded_after_declining_or_accepting_only_marketing(browser_client):
    browser_client.post("/kakor/decline/", {"cookie_groups": ["statistics"]})
    browser_client.get("/")
    accept(browser_client, "marketing")
    browser_client.get("/")
    assert not PageView.objects.exists()


def test_pages_and_ads_are_recorded_under_the_visitor_number_after_consent(
    browser_client, taxonomy, stopped_now
):
    ad = AdFactory()
    accept(browser_client, "statistics")
    visitor = browser_client.cookies["visitor"].value
    browser_client.get("/")
    browser_client.get(ad.get_absolute_url())
    views = list(PageView.objects.order_by("pk"))
    assert [v.path for v in views] == ["/", ad.get_absolute_url()]
    assert {v.visitor_id for v in views} == {visitor}
    assert views[1].ad_id == ad.pk and views[0].ad_id is None
    # Not the proof's number: the two are not linked.
    assert visitor != CookieChoice.objects.get().visitor_id


def test_withdrawing_statistics_stops_the_recording(browser_client):
    accept(browser_client, "statistics")
    browser_client.get("/")
    browser_client.post("/kakor/decline/", {"cookie_groups": ["statistics"]})
    browser_client.get("/")
    assert PageView.objects.count() == 1


def test_bots_admin_and_errors_are_not_recorded(browser_client):
    accept(browser_client, "statistics")
    browser_client.get("/admin/")
    browser_client.get("/no-such-page/")
    browser_client.get("/", HTTP_USER_AGENT="Googlebot/2.1")
    assert not PageView.objects.exists()


def test_time_on_a_page_and_the_number_of_visits():
    first = services.record_page_view(visitor_id=VISITOR, path="/", ad_id=None, now=at(2026, 1, 1))
    second = services.record_page_view(
        visitor_id=VISITOR, path="/jobb/", ad_id=None, now=at(2026, 1, 1, 12, 2)
    )
    later = services.record_page_view(
        visitor_id=VISITOR, path="/", ad_id=None, now=at(2026, 1, 1, 12, 33)
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.duration == 120 and (first.visit, first.starts_visit) == (1, True)
    assert (second.visit, second.starts_visit) == (1, False)
    assert second.duration is None  # the next page came after the visit ended
    assert (later.visit, later.starts_visit) == (2, True)


# --- Retention: 12 months, with daily totals kept.


def test_page_views_and_cookie_choices_go_twelve_months_after_collection():
    view = services.record_page_view(visitor_id=VISITOR, path="/", ad_id=None, now=at(2025, 5, 10))
    choice = services.record_choice(
        visitor_id=VISITOR,
        action="accept",
        groups=["statistics"],
        accepted=["statistics"],
        declined=[],
        wording="The banner.",
        now=at(2025, 5, 10),
    )
    run(dt.date(2026, 5, 9))
    assert PageView.objects.filter(pk=view.pk).exists()
    assert CookieChoice.objects.filter(pk=choice.pk).exists()
    run(dt.date(2026, 5, 10))
    assert not PageView.objects.filter(pk=view.pk).exists()
    assert not CookieChoice.objects.filter(pk=choice.pk).exists()


def test_daily_page_totals_survive_the_deletion_and_carry_no_personal_data():
    for minute, path in ((0, "/"), (1, "/jobb/"), (50, "/")):
        services.record_page_view(
            visitor_id=VISITOR, path=path, ad_id=None, now=at(2025, 1, 10, 12, minute)
        )
    services.record_page_view(visitor_id="b" * 32, path="/", ad_id=None, now=at(2025, 1, 10))
    before = selectors.visits_per_day(first=dt.date(2025, 1, 10), last=dt.date(2025, 1, 10))
    run(dt.date(2026, 6, 1))
    assert not PageView.objects.exists()
    totals = {s.path: (s.views, s.visits, s.seconds) for s in DailyPageStat.objects.all()}
    assert totals == {"/": (3, 3, 60), "/jobb/": (1, 0, 0)}
    after = selectors.visits_per_day(first=dt.date(2025, 1, 10), last=dt.date(2025, 1, 10))
    assert before == after == [(dt.date(2025, 1, 10), 3)]
    fields = {f.name for f in DailyPageStat._meta.get_fields()}
    assert fields == {"id", "day", "path", "views", "visits", "seconds"}


def test_the_employers_ad_statistics_survive_the_deletion_of_the_visitor_events(taxonomy):
    ad = AdFactory()
    for session, when in (
        ("s1", at(2025, 1, 10)),
        ("s1", at(2025, 1, 10, 13)),
        ("s2", at(2025, 1, 11)),
    ):
        AdView.objects.create(ad=ad, occurred_at=when, session_hash=session, device_class="desktop")
    ContactView.objects.create(
        ad=ad, occurred_at=at(2025, 1, 10), session_hash="s1", device_class="mobile"
    )
    AdView.objects.create(
        ad=ad, occurred_at=at(2026, 5, 1), session_hash="s3", device_class="desktop"
    )
    before = ad_statistics([ad.pk])
    run(dt.date(2026, 6, 1))
    assert AdView.objects.count() == 1 and not ContactView.objects.exists()
    assert ad_statistics([ad.pk]) == before
    assert before[ad.pk] == {"views": 4, "visitors": 3, "contact_views": 1, "apply_clicks": 0}
    fields = {f.name for f in AdDailyStat._meta.get_fields()}
    assert fields == {"id", "ad", "day", "views", "visitors", "contact_views"}


# --- The staff chart.

CHART = "/en/admin/visitors/dailypagestat/chart/"


def test_staff_with_the_permission_see_visits_per_day_as_svg(client, stopped_now):
    services.record_page_view(visitor_id=VISITOR, path="/", ad_id=None, now=stopped_now)
    client.force_login(staff_user("visitors.view_dailypagestat"))
    page = client.get(CHART)
    assert page.status_code == 200
    figure = page.text.split('<figure class="visits-chart">')[1].split("</figure>")[0]
    assert "<svg" in figure and "<rect" in figure
    assert "<script" not in figure and "http" not in figure.replace("http://www.w3.org", "")
    assert f"{stopped_now.date():%Y-%m-%d}: 1" in page.text
    assert client.get(CHART, {"days": "nonsense"}).status_code == 200
    assert client.get(CHART, {"days": "90"}).status_code == 200


def test_the_chart_is_refused_without_the_permission_or_the_second_factor(client):
    assert "login" in client.get(CHART)["Location"]  # anonymous
    client.force_login(UserFactory())
    assert "login" in client.get(CHART)["Location"]  # not staff
    client.force_login(staff_user())
    assert client.get(CHART).status_code == 403
    client.force_login(staff_user("visitors.view_dailypagestat", second_factor=False))
    assert client.get(CHART).status_code in (302, 403)


def test_a_token_in_the_path_is_never_recorded(rf):
    from django.urls import resolve

    from visitors.middleware import page_name

    def named(path):
        request = rf.get(path)
        request.resolver_match = resolve(path)
        return page_name(request)

    assert named("/jobb/bevakningar/avsluta/secret-token-123/") == (
        "/jobb/bevakningar/avsluta/<str:token>/"
    )
    assert named("/jobb/12/systemutvecklare/") == "/jobb/12/systemutvecklare/"
    assert named("/jobb/") == "/jobb/"
