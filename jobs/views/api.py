"""The read-only API of open ads (jobs/api.py): a search, and one ad. JSON in Swedish or,
with `lang=en`, in English; a mistake gets 400 with a message per parameter, never a page."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, JsonResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from config.ratelimit import limit_request

from .. import api
from .. import search as search_module
from ..forms import SearchForm
from ..search import PAGE_SIZE
from ..selectors import is_ad_id

LANGUAGES = ("sv", "en")
MAX_PAGE = search_module.COUNT_CAP // PAGE_SIZE


def _error(status: int, message: str, **extra) -> JsonResponse:
    return JsonResponse({"error": {"message": message, **extra}}, status=status)


def _api_view(view: Callable[..., JsonResponse]) -> Callable[..., JsonResponse]:
    """GET and HEAD only, in the language asked for, within the readers' rate limit."""

    @require_safe
    @wraps(view)
    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> JsonResponse:
        lang = request.GET.get("lang", "sv")
        if lang not in LANGUAGES:
            return _error(
                400, "Unknown language: use lang=sv or lang=en.", fields={"lang": LANGUAGES}
            )
        with translation.override(lang):
            if wait := limit_request(request, "api"):
                message = _("Too many requests. Please wait %(seconds)s seconds.")
                response = _error(429, message % {"seconds": wait})
                response["Retry-After"] = str(wait)
                return response
            return view(request, *args, **kwargs)

    return answer


def _page(value: str | None) -> int | None:
    if value in (None, ""):
        return 1
    try:
        number = int(str(value))
    except ValueError:
        return None
    return number if 1 <= number <= MAX_PAGE else None


def _page_url(request: HttpRequest, number: int | bool) -> str | None:
    """The address of page `number` of the same search (None: no such page)."""
    if not number:
        return None
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(request.path + "?" + query.urlencode())


@_api_view
def ads(request: HttpRequest) -> JsonResponse:
    """Open ads matching the search's parameters (those of /jobb/), 20 a page, in the
    search's order; `count` is capped at COUNT_CAP, as on the site (`count_capped`)."""
    form = SearchForm({k: request.GET.get(k, "")[:1000] for k in SearchForm.base_fields})
    number = _page(request.GET.get("page"))
    if not form.is_valid() or number is None:
        fields = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
        if number is None:
            fields["page"] = [_("A page is a number from 1 to %(last)s.") % {"last": MAX_PAGE}]
        return _error(400, _("Some parameters are not valid."), fields=fields)
    results = search_module.search(form.criteria(), page=number, now=timezone.now())
    found = api.ads_for_api([row.pk for row in results.ads])
    return JsonResponse(
        {
            "count": results.count,
            "count_capped": results.capped,
            "page": results.number,
            "pages": results.num_pages,
            "next": _page_url(request, results.has_next and results.next_page_number),
            "previous": _page_url(request, results.has_previous and results.previous_page_number),
            "results": [api.summary(ad) for ad in found],
        },
        json_dumps_params={"ensure_ascii": False},
    )


@_api_view
def ad(request: HttpRequest, pk: int) -> JsonResponse:
    """One open ad whole; an ad that has ended is 410 Gone (its page says so), one that is
    not out yet or never was is 404."""
    now = timezone.now()
    found = api.ads_for_api([pk]) if is_ad_id(pk) else []
    if not found or found[0].is_preview(now):
        return _error(404, _("There is no such ad."))
    if not found[0].is_public(now):
        return _error(410, _("The ad is no longer open."), id=pk)
    return JsonResponse(api.detail(found[0]), json_dumps_params={"ensure_ascii": False})
