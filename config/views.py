"""The site's own error pages: in its layout, in Swedish (English under /en/), each saying
what to do next.

404, 403 and 429 are rendered by Django and allauth with the request, in the full layout.
400 and 500 are rendered here without the request and without the database, so they still
answer when the request (a forged Host header) or the database is what failed; should even
the template fail (say, a missing static files manifest), a line of plain HTML answers.
A stale form gets its own 403 (CSRF_FAILURE_VIEW), unless its view says how to take the
person back to the form instead (`on_stale_form`): the application form, whose draft the
browser tab keeps, leads to sign-in and back rather than to an error.
"""

from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import Resolver404, resolve

V = TypeVar("V", bound=Callable[..., HttpResponse])

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


def on_stale_form(answer: Callable[..., HttpResponse]) -> Callable[[V], V]:
    """Mark a view whose form, sent from a stale page, is answered by `answer(request, *args,
    **kwargs)` (a redirect back to the form) instead of the stale-form page."""

    def mark(view: V) -> V:
        view.on_stale_form = answer  # type: ignore[attr-defined]
        return view

    return mark


def csrf_failure(request, reason=""):
    """A form sent from a stale page (or without cookies): say so, and offer it afresh. A view
    marked with `on_stale_form` answers for its own form (it must only redirect: nothing of the
    refused request is acted on)."""
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and (again := getattr(match.func, "on_stale_form", None)):
        return again(request, *match.args, **match.kwargs)
    return render(request, "403_csrf.html", status=403)
