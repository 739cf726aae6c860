"""robots.txt (pointing at the sitemap) for search engines."""

from django.http import HttpResponse
from django.urls import reverse


def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("jobs:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /me/",
        "Disallow: /employer/",
        "Disallow: /accounts/",
        "Disallow: /admin/",
        "Disallow: /jobs/*/apply/",
        "",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
