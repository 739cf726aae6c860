"""The site's URLs plus views that fail on purpose, for the error pages' tests."""

from django.conf.urls.i18n import i18n_patterns
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.urls import path

from config import urls as site


def fail(request, status):
    if status == 400:
        raise SuspiciousOperation("a test's bad request")
    if status == 403:
        raise PermissionDenied
    raise RuntimeError("a test's server error")


urlpatterns = [
    *i18n_patterns(path("test-errors/<int:status>/", fail), prefix_default_language=False),
    *site.urlpatterns,
]
handler400 = site.handler400
handler500 = site.handler500
