"""The frame of every page for a visitor who is not signed in, rendered once per process and
language instead of once per request.

The header and the footer are a third of a short page's time (two dozen URLs reversed and
as many strings translated), yet for a visitor without an account they depend only on the
language, on code (templates, URLs, translations, settings: a new process when they change)
and, for the language switch, on the page's own path. So they are memoised per language,
with the path put in afresh each time (escaped, as the template would). A signed-in person's
header (their menu, the sign-out form with its token) is rendered for them every time.

    {% load layout %}{% site_header %} ... {% site_footer %}
"""

from django import template
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

HEADER, FOOTER = "components/header.html", "components/footer.html"
PATH_MARK = "__page_path_for_the_language_switch__"
_memo: dict[tuple[str, str], str] = {}


def _forget(**kwargs: object) -> None:
    """Settings change only in tests (a new process otherwise): start afresh then."""
    _memo.clear()


setting_changed.connect(_forget, dispatch_uid="config.layout.forget")


class _AnyPage:
    """The request as header.html sees it, with a mark where the page's path goes."""

    def get_full_path(self) -> str:
        return PATH_MARK


def _frame(name: str) -> str:
    key = (name, translation.get_language() or settings.LANGUAGE_CODE)
    html = _memo.get(key)
    if html is None:
        context = {"SITE_NAME": settings.SITE_NAME, "user": AnonymousUser(), "request": _AnyPage()}
        html = _memo[key] = render_to_string(name, context)
    return html


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    user = context.get("user")
    if user is not None and user.is_authenticated:
        values = {str(k): v for k, v in context.flatten().items()}
        return mark_safe(render_to_string(HEADER, values))  # noqa: S308
    request = context.get("request")  # None: a page rendered without one (a PDF, a test)
    path = escape(request.get_full_path()) if request is not None else ""
    return mark_safe(_frame(HEADER).replace(PATH_MARK, path))  # noqa: S308 (escaped)


@register.simple_tag
def site_footer() -> SafeString:
    return mark_safe(_frame(FOOTER))  # noqa: S308 (rendered by the template engine)
