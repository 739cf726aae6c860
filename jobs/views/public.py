"""The public side: home, search, the ad page, revealing the contact person."""

import copy
from functools import partial
from urllib.parse import urlencode, urlsplit

from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from config import caching, page_cache, security
from config.caching import same_origin_post
from config.fields import is_public_url
from config.page_cache import kept_page
from config.ratelimit import limit_request, too_many, wait_phrase
from taxonomy import cache as taxonomy_cache

from .. import counts, jsonld
from .. import search as search_module
from ..formatting import render_description
from ..forms import criteria_from
from ..models import Ad, ApplyMethod
from ..selectors import ad_for_page, can_preview, is_company_member, similar_ads
from ..services import ads as ad_services
from ..services import applications as application_services
from ..services import visits
from ..tracking import visitor_from_request
from .saved import mark_saved

REVEAL_SALT = "jobs.reveal-contact"
REVEAL_MAX_AGE = 15 * 60


@kept_page
def home(request):
    per_county, latest = counts.home_figures(now=timezone.now())
    taxonomy = taxonomy_cache.get()
    regions = [
        {"name": name, "slug": slug, "count": per_county.get(pk, 0)}
        for pk, name, slug in taxonomy.counties
    ]
    return render(
        request,
        "jobs/home.html",
        {
            "latest_ads": latest,
            "saving": mark_saved(request, latest),
            "regions": regions,
            "active_count": sum(per_county.values()),
        },
    )


@kept_page
def search(request):
    form, criteria = criteria_from(request.GET)
    results = search_module.search(criteria, page=request.GET.get("page"), now=timezone.now())
    params = criteria.as_params()
    return render(
        request,
        "jobs/search.html",
        {
            "form": form,
            "criteria": criteria,
            "results": results,
            "saving": mark_saved(request, results.ads),
            "q": criteria.q,
            # Signs alone ("-", "!!!") find nothing, as on PostgreSQL: the page says why.
            "no_words": bool(criteria.q) and not search_module.query_terms(criteria.q),
            "query_string": urlencode(params),
            "params": params,
        },
    )


def _ad_or_404(request, pk, *, now):
    ad = ad_for_page(pk)
    if ad is None or (ad.is_preview(now) and not can_preview(request.user, ad)):
        raise Http404
    return ad


def _reveal_token(ad):
    return signing.TimestampSigner(salt=REVEAL_SALT).sign(str(ad.pk))


def _revealed(request, ad, param: str = "contact") -> bool:
    token = request.GET.get(param, "")
    if not token:
        return False
    try:
        value = signing.TimestampSigner(salt=REVEAL_SALT).unsign(token, max_age=REVEAL_MAX_AGE)
    except signing.BadSignature:
        return False
    return value == str(ad.pk)


def _allow_apply_elsewhere(request, ad) -> None:
    """The apply button posts here and is redirected to the employer's site: the page's
    Content-Security-Policy lets that one form leave the site, and only to there (an e-mail
    address comes back to the page: a mail app may not be there to open)."""
    if ad.apply_method == ApplyMethod.URL and is_public_url(ad.apply_url):
        parts = urlsplit(ad.apply_url)
        security.allow(request, {"form-action": [f"{parts.scheme}://{parts.netloc}"]})


def _logo_url(request, ad) -> str:
    company = ad.company
    if not company.logo:
        return ""
    return request.build_absolute_uri(
        reverse("companies:logo", args=[company.pk, company.logo_version])
    )


def _description(ad) -> dict:
    """The description as HTML and its first words for the meta tags: rendered once
    (the Markdown renderer and the sanitiser are a page's dearest filters)."""
    html = render_description(ad.description)
    # As `|striptags|truncatewords:30` did: the sanitiser escaped every character of the
    # text (quotes too), so the words without the tags are safe in an attribute.
    summary = mark_safe(Truncator(strip_tags(html)).words(30, truncate=" …"))  # noqa: S308
    return {"description_html": html, "summary": summary}


def _count_view(request, *, ad_id: int, company_id: int) -> None:
    """One view per visit: not the page again after revealing the contact person or the
    address to apply to (the same visit), nor the company's own people looking at their
    ad (their statistics are of others)."""
    if "contact" in request.GET or "apply" in request.GET:
        return
    if request.user.is_authenticated and is_company_member(request.user, company_id):
        return
    now = timezone.now()
    visitor = visitor_from_request(request, day=timezone.localdate(now))
    visits.record_ad_view(ad=Ad(pk=ad_id), visitor=visitor, now=now)


@require_safe
@kept_page
def detail(request, pk, slug=None):
    now = timezone.now()
    ad = _ad_or_404(request, pk, now=now)
    if ad.status == Ad.Status.TAKEN_DOWN and not can_preview(request.user, ad):
        return _removed(request, ad, now=now)
    if slug is not None and slug != ad.slug:
        return redirect(ad.get_absolute_url(), permanent=True)
    if ad.status == Ad.Status.TAKEN_DOWN:  # its company and staff: never for others
        page_cache.dont_keep()
    is_public, is_preview = ad.is_public(now), ad.is_preview(now)
    # Views are counted on the page of a published ad, open or ended by its date: also when
    # the page is served kept (config/page_cache.py), which holds until the ad ends.
    if ad.status == Ad.Status.PUBLISHED and not is_preview:
        count = partial(_count_view, ad_id=ad.pk, company_id=ad.company_id)
        page_cache.each_time(request, count)
    page_cache.fresh_until(ad.ends_at if is_public else None)
    # ads.public_contact: the contact person is shown only while the ad is public, and never
    # while restricted (GDPR art. 18); only to whoever holds the link, so never kept.
    show_contact = is_public and not ad.contact_hidden and _revealed(request, ad)
    # Where to e-mail an application, shown once the apply button is pressed (the address
    # stays out of the page scrapers read, as the contact person's does).
    show_apply_email = (
        is_public
        and ad.apply_method == ApplyMethod.EMAIL
        and bool(ad.apply_email)
        and _revealed(request, ad, "apply")
    )
    if show_contact or show_apply_email:
        page_cache.dont_keep()
    context = {
        "ad": ad,
        "is_public": is_public,
        "is_preview": is_preview,
        "show_contact": show_contact,
        "show_apply_email": show_apply_email,
        "apply_subject": _("Application: %(title)s") % {"title": ad.title},
        "has_applied": is_public and application_services.has_applied(ad=ad, seeker=request.user),
        # No structured data names a restricted company (search engines would show it).
        "jsonld": (
            jsonld.as_script(jsonld.job_posting(ad, logo_url=_logo_url(request, ad)))
            if is_public and not ad.company_hidden
            else ""
        ),
        "similar": [] if is_public else similar_ads(ad, now=now),
        "saving": mark_saved(request, [ad]) if is_public else None,
        **_description(ad),
    }
    if is_public:
        _allow_apply_elsewhere(request, ad)
    response = render(request, "jobs/detail.html", context)
    if show_contact or show_apply_email:
        # A person's contact details are on this page: never for a shared cache to keep.
        response["Cache-Control"] = caching.PERSONAL
    return response


def _removed(request, ad: Ad, *, now):
    """An ad staff took down broke our rules or the law: its page stays, closed, but shows
    nothing of it (not even its title, nor in a redirect to its slug), only where to look
    instead."""
    context = {"similar": similar_ads(ad, now=now)}
    return render(request, "jobs/removed.html", context)


def render_preview(request, ad: Ad):
    """The ad exactly as the public will see it once live (the public template, as a visitor
    who revealed the contact details), for its company's members before and after ordering."""
    now = timezone.now()
    preview = copy.copy(ad)
    if ad.is_public(now):
        note = _("Preview: this is the ad as it is shown now.")
    elif ad.published_at is None:
        note = _("Preview: this ad is not published yet.")
    else:  # ended: shown as it would be if ordered again today
        note = _("Preview: this ad has closed. This is how it looks if you order it again.")
    if not ad.is_public(now):
        preview.status, preview.published_at = Ad.Status.PUBLISHED, now
        preview.ends_at = ad_services.end_of_application_day(
            max(ad.last_application_date, timezone.localdate(now))
        )
    context = {
        "ad": preview,
        "is_public": True,
        "show_contact": True,
        "has_applied": False,
        "jsonld": "",
        "similar": [],
        "is_preview": True,
        "preview_note": note,
        **_description(preview),
    }
    _allow_apply_elsewhere(request, ad)
    return render(request, "jobs/detail.html", context)


@same_origin_post  # on the cacheable ad page: no CSRF token (config/caching.py)
@require_POST
def reveal_contact(request, pk):
    now = timezone.now()
    ad = _ad_or_404(request, pk, now=now)
    if not ad.is_public(now) or ad.contact_hidden:
        return redirect(ad.get_absolute_url())
    if wait := limit_request(request, "reveal_contact"):
        message = _(
            "You have asked for many employers' contact details in a short while. Wait "
            "%(wait)s and try again."
        ) % {"wait": wait_phrase(wait)}
        return too_many(request, message=message, wait=wait)
    visits.record_contact_view(
        ad=ad, visitor=visitor_from_request(request, day=timezone.localdate(now)), now=now
    )
    return HttpResponseRedirect(f"{ad.get_absolute_url()}?contact={_reveal_token(ad)}#contact")


@same_origin_post  # on the cacheable ad page: no CSRF token (config/caching.py)
@require_POST
def apply_external(request, pk):
    """Count the click, then send the seeker to the employer's link or e-mail."""
    now = timezone.now()
    ad = _ad_or_404(request, pk, now=now)
    if not ad.is_public(now) or ad.apply_method == ApplyMethod.PORTAL:
        return redirect(ad.get_absolute_url())
    application_services.record_apply_click(ad=ad, now=now)
    if ad.apply_method == ApplyMethod.URL and is_public_url(ad.apply_url):
        return HttpResponseRedirect(ad.apply_url)
    if ad.apply_method == ApplyMethod.EMAIL and ad.apply_email:
        token = _reveal_token(ad)
        return HttpResponseRedirect(f"{ad.get_absolute_url()}?apply={token}#apply")
    return redirect(ad.get_absolute_url())
