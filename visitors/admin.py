"""Admin of the visitors app: proof of cookie choices and statistics, read-only; a chart
of visits per day for staff with the permission to view the daily totals."""

import datetime

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from config.admin import EventLogAdmin
from privacy.staff import staff_may

from . import charts, selectors
from .models import CookieChoice, DailyPageStat, PageView

CHART_DAYS = (30, 90, 365)


@admin.register(CookieChoice)
class CookieChoiceAdmin(EventLogAdmin):
    list_display = ("__str__", "action", "groups", "accepted", "declined", "wording", "occurred_at")
    list_filter = ("action", "occurred_at")
    search_fields = ("visitor_id",)
    raw_id_fields = ("wording",)
    readonly_fields = (
        "visitor_id",
        "action",
        "groups",
        "accepted",
        "declined",
        "wording",
        "occurred_at",
    )


@admin.register(PageView)
class PageViewAdmin(EventLogAdmin):
    list_display = ("__str__", "path", "ad", "visit", "starts_visit", "duration", "occurred_at")
    list_filter = ("starts_visit", "occurred_at")
    search_fields = ("path",)
    raw_id_fields = ("ad",)
    readonly_fields = (
        "visitor_id",
        "visit",
        "starts_visit",
        "path",
        "ad",
        "occurred_at",
        "duration",
    )


@admin.register(DailyPageStat)
class DailyPageStatAdmin(EventLogAdmin):
    ordering = ["-day", "-path"]  # the unique (day, path) index, read backwards
    list_display = ("day", "path", "views", "visits", "seconds")
    list_filter = ("day",)
    search_fields = ("path",)
    readonly_fields = ("day", "path", "views", "visits", "seconds")
    change_list_template = "visitors/admin/dailypagestat_change_list.html"

    def get_urls(self) -> list[URLPattern]:
        chart = self.admin_site.admin_view(self.chart_view)
        return [path("chart/", chart, name="visitors_visits_chart"), *super().get_urls()]

    def chart_view(self, request: HttpRequest) -> TemplateResponse:
        if not staff_may(request.user, "visitors.view_dailypagestat"):
            raise PermissionDenied
        days = request.GET.get("days", "")
        span = int(days) if days.isdigit() and int(days) in CHART_DAYS else CHART_DAYS[0]
        last = timezone.localdate()
        first = last - datetime.timedelta(days=span - 1)
        chart = charts.bar_chart(selectors.visits_per_day(first=first, last=last))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Visits per day"),
            "chart": chart,
            "span": span,
            "spans": CHART_DAYS,
        }
        return TemplateResponse(request, "visitors/admin/visits_chart.html", context)
