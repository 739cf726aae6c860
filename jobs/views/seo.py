"""robots.txt (pointing at the sitemap) for search engines.

Crawlers stay out of the private trees (the seeker's pages, the employer's pages, the
account pages, admin) and the application forms, in every language: the prefixes are read
from the routes, so they follow the translated addresses. Public pages (ads, search,
company pages) stay open.
"""

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import translation

# A page in each private tree: its first path segment is the tree's prefix.
PRIVATE_TREES = ("accounts:overview", "companies:index", "account_login", "admin:index")


def _prefix(path: str, language_prefix: str) -> str:
    first = path[len(language_prefix) :].split("/", 1)[0]
    return f"{language_prefix}{first}/"


def _disallowed(language: str) -> list[str]:
    language_prefix = "/" if language == settings.LANGUAGE_CODE else f"/{language}/"
    with translation.override(language):
        paths = [_prefix(reverse(name), language_prefix) for name in PRIVATE_TREES]
        paths.append(reverse("jobs:apply", kwargs={"pk": 0}).replace("/0/", "/*/"))
    return paths


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("jobs:sitemap"))
    lines = ["User-agent: *"]
    for language, _name in settings.LANGUAGES:
        lines += [f"Disallow: {path}" for path in _disallowed(language)]
    lines += ["", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
