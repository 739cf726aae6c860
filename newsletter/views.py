"""Sign-up (footer and page), confirmation, one-click unsubscribe, opens and clicks."""

import base64

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST, require_safe

from config.caching import same_origin_post
from config.ratelimit import client_ip, limit_request, too_many, wait_phrase
from privacy.consent import ConsentMethod

from .forms import SignupForm, SubscribeMeForm
from .models import Subscriber
from .services import sending, subscriptions

PIXEL = base64.b64decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7")


def _page_context(request, form):
    user = request.user
    current = None
    if user.is_authenticated:
        current = Subscriber.objects.filter(email=user.email.lower()).first()
    return {
        "form": form,
        "wording": (
            subscriptions.wording_for(user)
            if user.is_authenticated
            else subscriptions.signup_wording()
        ),
        "tracking_wording": subscriptions.tracking_wording(),
        "current": current,
    }


@same_origin_post  # the footer's form is on cacheable pages: no CSRF token (config/caching.py)
def signup(request):
    """GET: the page. POST (the page or the footer): the same answer whatever the address."""
    form = SignupForm(request.POST or None, prefix="newsletter")
    if request.method == "POST":
        if wait := limit_request(request, "newsletter_signup"):
            message = _(
                "Many sign-ups came from your network in a short while. Wait %(wait)s and try "
                "again."
            ) % {"wait": wait_phrase(wait)}
            return too_many(request, message=message, wait=wait)
        if form.is_valid():
            subscriptions.request_subscription(
                email=form.cleaned_data["email"],
                source=form.cleaned_data["source"] or Subscriber.Source.PAGE,
                tracking=form.cleaned_data["tracking"],
                ip=client_ip(request),
                now=timezone.now(),
                by=request.user,
            )
            return redirect("newsletter:check_inbox")
    status = 400 if form.is_bound else 200
    return render(request, "newsletter/signup.html", _page_context(request, form), status=status)


@login_required
@require_POST
def subscribe_me(request):
    """A signed-in user with a verified address subscribes in one step (My data)."""
    form = SubscribeMeForm(request.POST)
    if wait := limit_request(request, "newsletter_signup"):
        message = _("Wait %(wait)s and try again.") % {"wait": wait_phrase(wait)}
        return too_many(request, message=message, wait=wait)
    subscriber = subscriptions.request_subscription(
        email=request.user.email,
        source=Subscriber.Source.MY_DATA,
        tracking=form.is_valid() and form.cleaned_data["tracking"],
        ip=client_ip(request),
        now=timezone.now(),
        by=request.user,
    )
    if subscriber.status == Subscriber.Status.ACTIVE:
        messages.success(request, _("You subscribe to the newsletter now."))
        return redirect("accounts:my_data")
    return redirect("newsletter:check_inbox")


@login_required
@require_POST
def unsubscribe_me(request):
    """A signed-in subscriber stops the newsletter in one step, as easily as they subscribed
    (My data, the newsletter page); the withdrawal goes to the ledger."""
    subscriber = Subscriber.objects.filter(email=request.user.email.lower()).first()
    if subscriber is not None and subscriptions.unsubscribe(
        subscriber=subscriber, method=ConsentMethod.ACCOUNT_SETTINGS, now=timezone.now()
    ):
        messages.success(request, _("You no longer get the newsletter."))
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = reverse("accounts:my_data")
    return redirect(back)


def check_inbox(request):
    return render(request, "newsletter/check_inbox.html")


@never_cache
def confirm(request, token):
    """GET shows one button (link scanners must not subscribe anyone); POST confirms."""
    now = timezone.now()
    try:
        subscriptions.subscriber_to_confirm(token=token, now=now)
        if request.method == "POST":
            subscriptions.confirm(token=token, now=now)
            return render(request, "newsletter/welcome.html")
    except subscriptions.SubscriptionError as error:
        if error.reason == "used" and subscriptions.confirmed_by(token):
            # Opened again after it worked: nothing is wrong, and nothing to do again.
            return render(request, "newsletter/confirm.html", {"already": True})
        return render(request, "newsletter/confirm.html", {"error": error.reason}, status=400)
    return render(request, "newsletter/confirm.html", {"token": token})


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
@never_cache
def unsubscribe(request, token):
    """GET shows one button; POST unsubscribes, signed in or not, and records the withdrawal."""
    subscriber = subscriptions.subscriber_from_unsubscribe_token(token)
    if subscriber is None and subscriptions.is_unsubscribe_token(token):
        # Our link, its subscription deleted since (an erasure): nothing more is sent.
        return render(request, "newsletter/unsubscribe.html", {"done": True})
    if subscriber is None:
        return render(request, "newsletter/unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        subscriptions.unsubscribe(
            subscriber=subscriber, method=ConsentMethod.UNSUBSCRIBE_LINK, now=timezone.now()
        )
        return render(request, "newsletter/unsubscribe.html", {"done": True})
    done = subscriber.status == Subscriber.Status.UNSUBSCRIBED
    return render(request, "newsletter/unsubscribe.html", {"done": done, "token": token})


@require_safe
@never_cache
def track_open(request, token):
    sending.record_open(token=token, now=timezone.now())
    return HttpResponse(PIXEL, content_type="image/gif")


@require_safe
def track_click(request, token):
    url = sending.record_click(token=token, now=timezone.now())
    if not url.startswith(("http://", "https://", "mailto:", "/")) or url.startswith("//"):
        return render(request, "newsletter/link_invalid.html", status=404)
    return HttpResponseRedirect(url)
