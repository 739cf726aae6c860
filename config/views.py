"""The site's own error pages: in its layout, in Swedish (English under /en/), each saying
what to do next.

404, 403 and 429 are rendered by Django and allauth with the request, in the full layout.
400 and 500 are rendered here without the request and without the database, so they still
answer when the request (a forged Host header) or the database is what failed; should even
the template fail (say, a missing static files manifest), a line of plain HTML answers.
A stale form gets its own 403 (CSRF_FAILURE_VIEW).
"""

from django.conf import settings
from django.http import HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader

LAST_RESORT = (
    '<!doctype html><meta charset="utf-8"><title>500</title>'
    "<h1>Något gick fel. Försök igen om en stund.</h1>"
    '<p lang="en">Something went wrong. Please try again in a while.</p>'
)


def _plain(template_name: str) -> str:
    context = {"SITE_NAME": settings.SITE_NAME, "CONTACT_EMAIL": settings.CONTACT_EMAIL}
    try:
        return loader.render_to_string(template_name, context)
    except Exception:  # an error page must not fail in turn
        return LAST_RESORT


def bad_request(request, exception=None):
    return HttpResponseBadRequest(_plain("400.html"))


def server_error(request):
    return HttpResponseServerError(_plain("500.html"))


def csrf_failure(request, reason=""):
    """A form sent from a stale page (or without cookies): say so, and offer it afresh."""
    return render(request, "403_csrf.html", status=403)
