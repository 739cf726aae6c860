"""The site as bench/search.py serves it through gunicorn: config.wsgi's application with one
more URL, /__empty__/, an empty view behind the same middleware (the floor over HTTP).

    gunicorn bench.search_server:application -c config/gunicorn.py

Bench only: the product's URLs (config/urls.py) never carry the empty view.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()

from django.conf import settings  # noqa: E402 (after setup)
from django.http import HttpRequest, HttpResponse  # noqa: E402
from django.urls import path  # noqa: E402

import config.urls  # noqa: E402


def empty_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("")


urlpatterns = [path("__empty__/", empty_view), *config.urls.urlpatterns]
handler400 = config.urls.handler400
handler500 = config.urls.handler500
settings.ROOT_URLCONF = __name__
