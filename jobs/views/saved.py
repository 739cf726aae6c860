"""Saved jobs: the heart on an ad (a POST form, no JavaScript needed) and the list under
My pages."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import prefetch_related_objects
from django.http import Http404
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import Resolver404, resolve
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..models import Ad
from ..selectors import saved_ad_ids, saved_ads_of
from ..services import saved as services


def _back(request, ad: Ad):
    """Back to the page the heart was on (results keep their filters), at the ad's card
    (components/ad_card.html gives each the id `ad-<pk>`), so that the person does not lose
    their place in the list; else the ad."""
    target = request.POST.get("next") or request.GET.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        if "#" not in target and not _is_page_of(ad, urlsplit(target).path):
            target = f"{target}#ad-{ad.pk}"
        return redirect(target)
    return redirect(ad.get_absolute_url())


def _is_page_of(ad: Ad, path: str) -> bool:
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.view_name in ("jobs:detail", "jobs:detail_slug") and match.kwargs["pk"] == ad.pk


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def save_ad(request, pk):
    """POST saves. GET is where a visitor who pressed the heart comes back after signing in
    (the heart sent them to sign in with this page next): it asks once more, as a GET must
    not change anything, and the POST goes back where the heart was."""
    now = timezone.now()
    ad = get_object_or_404(Ad, pk=pk)
    if ad.is_preview(now):  # not out yet: whether it exists is not told
        raise Http404
    if not services.may_save(request.user):
        messages.error(request, _("Saved jobs are for job seekers: sign in with your own account."))
        return _back(request, ad)
    if request.method != "POST":
        if not ad.is_public(now):
            messages.error(request, _("This ad is closed: it can no longer be saved."))
            return _back(request, ad)
        if saved_ad_ids(request.user, [ad.pk]):
            messages.info(request, _("The job is already saved. You find it under Saved jobs."))
            return _back(request, ad)
        return render(
            request,
            "components/confirm_page.html",
            {
                "title": _("Save the job?"),
                "question": _("“%(title)s” is kept under Saved jobs.") % {"title": ad.title},
                "action": _("Save the job"),
                "action_class": "button",
                "cancel_url": ad.get_absolute_url(),
            },
        )
    try:
        services.save_ad(ad=ad, by=request.user, now=now)
    except services.SaveRefused:
        messages.error(request, _("This ad is closed: it can no longer be saved."))
        return _back(request, ad)
    messages.success(request, _("The job is saved. You find it under Saved jobs."))
    return _back(request, ad)


@login_required
@require_POST
def unsave_ad(request, pk):
    ad = get_object_or_404(Ad, pk=pk)
    if services.unsave_ad(ad=ad, by=request.user):
        messages.success(request, _("The job is removed from your saved jobs."))
    return _back(request, ad)


@login_required
@require_safe
def saved_list(request):
    now = timezone.now()
    saved = saved_ads_of(request.user)
    return render(
        request,
        "jobs/saved.html",
        {
            "saved": [(row, row.ad.is_public(now)) for row in saved],
            "may_save": services.may_save(request.user),
        },
    )


def mark_saved(request, ads) -> dict:
    """Set `is_saved` on each ad of a page (one query) and return what the hearts need."""
    ads = list(ads)
    user = request.user
    if user.is_authenticated:
        # Loaded once for the page: the header's `user.memberships.exists` reads it too.
        prefetch_related_objects([getattr(user, "_wrapped", user)], "memberships")
    may_save = services.may_save(user)
    ids = saved_ad_ids(user, [ad.pk for ad in ads]) if may_save else set()
    for ad in ads:
        ad.is_saved = ad.pk in ids
    return {
        "may_save": may_save,
        "signed_in": request.user.is_authenticated,
        "next": request.get_full_path(),
        # The hearts are components included with `only`: they get the token from here.
        "csrf_token": get_token(request) if may_save else "",
    }
