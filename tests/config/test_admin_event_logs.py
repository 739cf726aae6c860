"""Admin's lists of the tables that grow by the million (visitor events, clicks, cookie
choices, daily figures, the audit log) read one page, newest first, and never every row:
at 3 000 000 ad views the list took 15 s (a sort of the whole table for its order, a count
of every row, and the distinct browsers for a filter), now 76 ms."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.admin import LargeTablePaginator, planner_rows
from jobs.models import AdView, ApplyClick
from tests.factories import AdFactory
from tests.factories.accounts import staff_user

pytestmark = pytest.mark.django_db

LOGS = {
    "jobs_adview": "jobs.view_adview",
    "jobs_contactview": "jobs.view_contactview",
    "jobs_applyclick": "jobs.view_applyclick",
    "jobs_addailystat": "jobs.view_addailystat",
    "visitors_cookiechoice": "visitors.view_cookiechoice",
    "visitors_pageview": "visitors.view_pageview",
    "visitors_dailypagestat": "visitors.view_dailypagestat",
    "privacy_auditentry": "privacy.view_auditentry",
}


def _views(count: int) -> list[AdView]:
    """`count` ad views, one a minute, the newest last written (as they are)."""
    ad, start = AdFactory(), timezone.now() - dt.timedelta(hours=1)
    return [
        AdView.objects.create(
            ad=ad,
            occurred_at=start + dt.timedelta(minutes=i),
            session_hash=f"besök-{i}",
            device_class="mobile" if i % 2 else "desktop",
            browser_family="Safari" if i % 3 == 0 else "Firefox",
        )
        for i in range(count)
    ]


def _reads_every_row(sql: str, table: str) -> bool:
    """A count without a limit, the distinct values of a column (a filter's choices or a
    date hierarchy), or an order no index gives (the primary key's; the daily pages' own
    unique index): each reads the whole table."""
    if f'FROM "{table}"' not in sql or sql.startswith("EXPLAIN"):
        return False
    if "COUNT(" in sql:
        return "LIMIT" not in sql
    order = sql.partition(" ORDER BY ")[2]
    indexed = (
        f'"{table}"."day" DESC' if table == "visitors_dailypagestat" else f'"{table}"."id" DESC'
    )
    return "DISTINCT" in sql or (bool(order) and not order.startswith(indexed))


@pytest.mark.parametrize("table", LOGS)
def test_each_log_list_reads_one_page_and_never_every_row(client, taxonomy, table):
    _views(3)
    client.force_login(staff_user(LOGS[table]))
    app, model = table.split("_", 1)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(f"admin:{app}_{model}_changelist"))

    assert response.status_code == 200
    whole = [q["sql"] for q in captured.captured_queries if _reads_every_row(q["sql"], table)]
    assert not whole, whole


def test_ad_views_come_newest_first_and_counted_exactly_up_to_the_cap(
    client, taxonomy, monkeypatch
):
    views = _views(4)
    client.force_login(staff_user("jobs.view_adview"))
    url = reverse("admin:jobs_adview_changelist")

    listed = client.get(url).context["cl"]

    assert [view.pk for view in listed.result_list] == [view.pk for view in reversed(views)]
    assert listed.result_count == 4

    monkeypatch.setattr(LargeTablePaginator, "EXACT_UP_TO", 2)
    over = client.get(url).context["cl"]
    # Above the cap: PostgreSQL's estimate (never below what was counted), SQLite's count.
    assert over.result_count >= 3
    if connection.vendor == "sqlite":
        assert over.result_count == 4


def test_the_browser_and_method_filters_offer_known_values_and_filter(client, taxonomy):
    views = _views(6)
    ApplyClick.objects.create(ad=views[0].ad, occurred_at=timezone.now(), method="email")
    ApplyClick.objects.create(ad=views[0].ad, occurred_at=timezone.now(), method="url")
    client.force_login(staff_user("jobs.view_adview", "jobs.view_applyclick"))

    page = client.get(reverse("admin:jobs_adview_changelist"), {"browser_family": "Safari"})
    clicks = client.get(reverse("admin:jobs_applyclick_changelist"), {"method": "email"})

    shown = page.context["cl"].result_list
    assert {view.browser_family for view in shown} == {"Safari"} and len(shown) == 2
    text = page.content.decode()
    assert all(f"?browser_family={name}" in text for name in ("Edge", "Firefox", "Other"))
    assert [click.method for click in clicks.context["cl"].result_list] == ["email"]
    assert "?method=portal" in clicks.content.decode()


def test_staff_without_the_permission_are_refused_the_list(client, taxonomy):
    _views(1)
    client.force_login(staff_user("jobs.view_applyclick"))

    response = client.get(reverse("admin:jobs_adview_changelist"))

    assert response.status_code == 403
    assert "besök-0" not in response.content.decode()


def test_the_planner_estimate_is_postgresqls_and_nothing_elsewhere(taxonomy):
    _views(3)

    estimate = planner_rows(AdView.objects.filter(device_class="mobile"))

    if connection.vendor == "postgresql":
        assert isinstance(estimate, int) and estimate >= 0
        assert planner_rows(AdView.objects.filter(pk__in=[])) == 0
    else:
        assert estimate is None
