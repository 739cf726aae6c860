"""The language switch lands on the same page in the other language.

Django's set_language translates `next` with translate_url(), which first resolves the path
in the *active* language. For /i18n/setlang/ (no prefix) that is the cookie's or the
browser's language, not the page's: an English reader whose browser asks for Swedish would
post /en/jobs/... while Swedish is active, the path would not resolve, and they would stay
on the English page. So the page's own language (from its path) is active while Django's
view translates it.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.i18n import set_language as django_set_language


def set_language(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next", request.GET.get("next")) or request.META.get(
        "HTTP_REFERER", ""
    )
    page_language = translation.get_language_from_path(urlsplit(next_url).path)
    with translation.override(page_language or settings.LANGUAGE_CODE):
        return django_set_language(request)
