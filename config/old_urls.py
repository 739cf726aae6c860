"""Old addresses keep working: a permanent redirect to the page's translated address.

Until issue 15 the site's paths were English words (/jobs/, /me/, /accounts/ ...) with a
few Swedish ones (/foretag/ for the employer's pages, /arbetsgivare/<slug>/ for a company
page), the same on the Swedish site and under /en/. Links to them live on in e-mails
already sent (confirmations, unsubscribe links, applications, invoices), bookmarks and
search engines. OLD_ROUTES lists every old route with the name of its page today; a request
for an old path gets the page's address in the same language (no prefix: Swedish, /en/:
English), with the query string kept: 301 for GET and HEAD, 308 for anything else, so a
form posted to an old address is posted again, not lost. OLD_PREFIXES moves whole trees
whose inner paths did not change (allauth's, the cookie pages).

The middleware only looks at 404 responses, so it costs nothing on pages that exist: a path
no route matches, or one the company page (foretag/<slug>/) took that is an old employer
page (/foretag/registrera/, /foretag/5/). It never redirects to the same path or to a path
no route matches, and a redirect never lands on a route that yields to it, so it cannot loop.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.urls import NoReverseMatch, is_valid_path, reverse
from django.urls.resolvers import RoutePattern
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

# (old route, name of the page today), in the old order: the first match wins.
OLD_ROUTES: list[tuple[str, str]] = [
    # accounts
    ("me/", "accounts:overview"),
    ("me/profile/", "accounts:profile"),
    ("me/documents/", "accounts:documents"),
    ("me/documents/<int:pk>/", "accounts:document_edit"),
    ("me/documents/<int:pk>/delete/", "accounts:document_delete"),
    ("documents/<int:pk>/download/", "accounts:document_download"),
    ("me/data/", "accounts:my_data"),
    ("me/data/export/", "accounts:my_data_export"),
    ("me/delete/", "accounts:delete_account"),
    ("keep-account/<str:token>/", "accounts:keep_account"),
    # companies
    ("priser/", "companies:pricing"),
    ("arbetsgivare/<slug:slug>/", "companies:page"),
    ("arbetsgivare/logo/<int:pk>/<slug:version>.webp", "companies:logo"),
    ("foretag/", "companies:index"),
    ("foretag/registrera/", "companies:register"),
    ("foretag/<int:pk>/", "companies:dashboard"),
    ("foretag/<int:pk>/uppgifter/", "companies:company_edit"),
    ("foretag/<int:pk>/annonser/ny/", "companies:ad_create"),
    ("foretag/<int:pk>/kontaktpersoner/bjud-in/", "companies:invite"),
    (
        "foretag/<int:pk>/kontaktpersoner/<int:membership_pk>/ta-bort/",
        "companies:remove_member",
    ),
    ("foretag/annonser/<int:pk>/andra/", "companies:ad_edit"),
    ("foretag/annonser/<int:pk>/forhandsvisning/", "companies:ad_preview"),
    ("foretag/annonser/<int:pk>/bestall/", "companies:ad_order"),
    ("foretag/annonser/<int:pk>/avsluta/", "companies:ad_withdraw"),
    ("foretag/annonser/<int:pk>/tillsatt/", "companies:ad_fill"),
    ("foretag/fakturor/<int:pk>/pdf/", "companies:invoice_pdf"),
    ("foretag/inbjudan/<str:token>/", "companies:accept_invitation"),
    # privacy, rights, newsletter, support
    ("privacy/", "privacy:notice"),
    ("privacy/record-of-processing.csv", "privacy:processing_record_csv"),
    ("privacy/record-of-processing.pdf", "privacy:processing_record_pdf"),
    ("rights/", "rights:intake"),
    ("rights/sent/", "rights:sent"),
    ("rights/verify/<int:pk>/<str:token>/", "rights:verify"),
    ("rights/download/<int:pk>/<str:token>/", "rights:download"),
    ("me/data/request/", "rights:file_signed_in"),
    ("me/data/report/", "rights:own_report"),
    ("me/data/report/<int:pk>/", "rights:own_report_download"),
    ("newsletter/", "newsletter:signup"),
    ("newsletter/me/", "newsletter:subscribe_me"),
    ("newsletter/check-your-inbox/", "newsletter:check_inbox"),
    ("newsletter/confirm/<str:token>/", "newsletter:confirm"),
    ("newsletter/unsubscribe/<str:token>/", "newsletter:unsubscribe"),
    ("newsletter/o/<str:token>/", "newsletter:open"),
    ("newsletter/c/<str:token>/", "newsletter:click"),
    ("contact/", "support:contact"),
    ("contact/sent/", "support:sent"),
    # jobs
    ("jobs/", "jobs:search"),
    ("jobs/feed/", "jobs:feed"),
    ("jobs/feed/<slug:county_slug>/", "jobs:county_feed"),
    ("jobs/alerts/", "jobs:alerts"),
    ("jobs/alerts/new/", "jobs:alert_create"),
    ("jobs/alerts/<int:pk>/delete/", "jobs:alert_delete"),
    ("jobs/alerts/confirm/<str:token>/", "jobs:alert_confirm"),
    ("jobs/alerts/unsubscribe/<str:token>/", "jobs:alert_unsubscribe"),
    ("jobs/<int:pk>/", "jobs:detail"),
    ("jobs/<int:pk>/contact/", "jobs:reveal_contact"),
    ("jobs/<int:pk>/apply/", "jobs:apply"),
    ("jobs/<int:pk>/apply/external/", "jobs:apply_external"),
    ("jobs/<int:pk>/save/", "jobs:save_ad"),
    ("jobs/<int:pk>/unsave/", "jobs:unsave_ad"),
    ("jobs/<int:pk>/applications/", "jobs:ad_applications"),
    ("jobs/<int:pk>/<slug:slug>/", "jobs:detail_slug"),
    ("employer/applications/", "jobs:inbox"),
    ("employer/applications/<int:pk>/", "jobs:application"),
    ("applications/<int:pk>/documents/<int:document_pk>/", "jobs:application_document"),
    ("me/saved-jobs/", "jobs:saved_list"),
    ("me/applications/", "jobs:my_applications"),
    ("me/applications/<int:pk>/withdraw/", "jobs:withdraw_application"),
    ("me/applications/<int:pk>/sent/", "jobs:apply_done"),
    # allauth's pages that have Swedish routes (config/account_urls.py)
    ("accounts/login/", "account_login"),
    ("accounts/logout/", "account_logout"),
    ("accounts/signup/", "account_signup"),
    ("accounts/email/", "account_email"),
    ("accounts/confirm-email/", "account_email_verification_sent"),
    ("accounts/confirm-email/<str:key>/", "account_confirm_email"),
    ("accounts/password/change/", "account_change_password"),
    ("accounts/password/set/", "account_set_password"),
    ("accounts/password/reset/", "account_reset_password"),
    ("accounts/password/reset/done/", "account_reset_password_done"),
    ("accounts/password/reset/key/done/", "account_reset_password_from_key_done"),
]

# (old prefix, today's prefix): trees whose inner paths stayed, tried after OLD_ROUTES.
OLD_PREFIXES: list[tuple[str, Promise]] = [
    ("accounts/", pgettext_lazy("url", "accounts/")),
    ("cookies/", pgettext_lazy("url", "cookies/")),
]

# Today's routes that may take an old path, and then yield to it when they find nothing.
YIELDING_ROUTES = {"companies:page"}

_PATTERNS = [(RoutePattern(route, is_endpoint=True), name) for route, name in OLD_ROUTES]


def new_path(path: str) -> str | None:
    """Today's path for an old path (language prefix included), or None."""
    language = translation.get_language_from_path(path)
    prefix = f"/{language}/" if language else "/"
    rest = path[len(prefix) :]
    with translation.override(language or settings.LANGUAGE_CODE):
        target = _translate(rest, prefix)
        if target is None or target == path or not is_valid_path(target):
            return None
        return target


def _translate(rest: str, prefix: str) -> str | None:
    for pattern, name in _PATTERNS:
        match = pattern.match(rest)
        if match is not None:
            try:
                return reverse(name, kwargs=match[2])
            except NoReverseMatch:  # a value today's route refuses
                return None
    for old, new in OLD_PREFIXES:
        if rest.startswith(old):
            return prefix + str(new) + rest[len(old) :]
    return None


class OldAddressesMiddleware:
    """Redirects a 404 for an old address to the page's address today (see module doc)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        match = request.resolver_match
        if match is not None and match.view_name not in YIELDING_ROUTES:
            return response
        target = new_path(request.path_info)
        if target is None and settings.APPEND_SLASH and not request.path_info.endswith("/"):
            target = new_path(request.path_info + "/")  # /jobs is /jobs/ is /jobb/
        if target is None:
            return response
        if query := request.META.get("QUERY_STRING", ""):
            target = f"{target}?{query}"
        return HttpResponsePermanentRedirect(
            iri_to_uri(target), preserve_request=request.method not in ("GET", "HEAD")
        )
