"""The frame of every page for a visitor who is not signed in, rendered once per process and
language instead of once per request: the header, the footer and the cookie bar.

The header and the footer are a third of a short page's time (two dozen URLs reversed and
as many strings translated), yet for a visitor without an account they depend only on the
language, on code (templates, URLs, translations, settings: a new process when they change)
and, for the language switch, on the page's own path. So they are memoised per language,
with the path put in afresh each time (escaped, as the template would). A signed-in person's
header (their menu, the sign-out form with its token) is rendered for them every time.
The cookie bar depends on the language, on the cookie groups the visitor has not chosen yet
(by their names: the bar shows nothing else of them) and on the page's path (where a choice
returns to), put in afresh like the header's.

    {% load layout %}{% cookie_bar %} {% site_header %} ... {% site_footer %}
"""

from cookie_consent.util import get_not_accepted_or_declined_cookie_groups
from django import template
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from privacy import cookies

register = template.Library()

HEADER, FOOTER = "components/header.html", "components/footer.html"
COOKIE_BAR = "components/cookie_bar_banner.html"
PATH_MARK = "__page_path_for_the_language_switch__"
_memo: dict[tuple, str] = {}


def _forget(**kwargs: object) -> None:
    """Settings change only in tests (a new process otherwise): start afresh then."""
    _memo.clear()


setting_changed.connect(_forget, dispatch_uid="config.layout.forget")


class _AnyPage:
    """The request as header.html sees it, with a mark where the page's path goes."""

    def get_full_path(self) -> str:
        return PATH_MARK


def _frame(name: str, **context: object) -> str:
    """`name` rendered for any page, once per language and `context` (made of strings)."""
    key = (name, translation.get_language() or settings.LANGUAGE_CODE, *sorted(context.items()))
    html = _memo.get(key)
    if html is None:
        values = {"SITE_NAME": settings.SITE_NAME, "user": AnonymousUser(), "request": _AnyPage()}
        html = _memo[key] = render_to_string(name, {**values, **context})
    return html


def _with_path(html: str, request) -> SafeString:
    path = escape(request.get_full_path()) if request is not None else ""
    return mark_safe(html.replace(PATH_MARK, path))  # noqa: S308 (rendered, and escaped)


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    user = context.get("user")
    if user is not None and user.is_authenticated:
        values = {str(k): v for k, v in context.flatten().items()}
        return mark_safe(render_to_string(HEADER, values))  # noqa: S308
    # request is None for a page rendered without one (a PDF, a test)
    return _with_path(_frame(HEADER), context.get("request"))


@register.simple_tag
def site_footer() -> SafeString:
    return mark_safe(_frame(FOOTER))  # noqa: S308 (rendered by the template engine)


@register.simple_tag(takes_context=True)
def cookie_bar(context: template.Context) -> SafeString:
    """The bar asking for the cookie groups the visitor has not chosen yet (none: no bar)."""
    request = context.get("request")
    if request is None:
        return mark_safe("")
    undecided = get_not_accepted_or_declined_cookie_groups(request)
    names = tuple(group.varname for group in undecided if cookies.offered(group.varname))
    if not names:
        return mark_safe("")
    html = _frame(COOKIE_BAR, undecided=names)
    return _with_path(html, request)
