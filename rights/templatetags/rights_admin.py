"""The chart of open requests by days left, on admin's index (for staff who may see them)."""

from typing import Any

from django import template
from django.utils import timezone
from django.utils.safestring import SafeString

from privacy.staff import staff_may

register = template.Library()


@register.simple_tag(takes_context=True)
def open_requests_chart(context: dict[str, Any]) -> SafeString | str:
    from rights import selectors
    from rights.admin import chart_svg

    request = context.get("request")
    if request is None or not staff_may(request.user, "rights.view_datarequest"):
        return ""
    return chart_svg(selectors.open_by_days_left(today=timezone.localdate()))
