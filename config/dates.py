"""The `day` filter for pages: a date as the site writes it (2027-01-02) in a span that never
breaks, wherever it stands, in a sentence too. A phone wrapped an ISO date at its hyphens
("2027-" on one line, "01-02" on the next). Not for mails or PDFs, which are not HTML pages.

    {% load dates %}{{ ad.last_application_date|day }}
    {% blocktranslate with due=request.due_on|day %}We answer by {{ due }}.{% endblocktranslate %}
"""

from django import template
from django.template.defaultfilters import date
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


@register.filter(expects_localtime=True)
def day(value, arg: str = "Y-m-d") -> SafeString | str:
    """`value` (a date, or a datetime in the current time zone) formatted by `arg`."""
    if value in (None, ""):
        return ""
    return format_html('<span class="date">{}</span>', date(value, arg))
