from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext

from config.ratelimit import limit_request, too_many, wait_phrase
from jobs.models import Ad
from jobs.selectors import is_ad_id

from . import services
from .forms import ContactForm, ReportAdForm


def _over_the_limit(request: HttpRequest, message: str) -> HttpResponse | None:
    """The refusal, once a client or person has sent as many as the limit allows."""
    if wait := limit_request(request, "support"):
        return too_many(request, message=message % {"wait": wait_phrase(wait)}, wait=wait)
    return None


def contact(request: HttpRequest) -> HttpResponse:
    """The contact form. Whatever the address, the answer is the same page."""
    form = ContactForm(request.POST or None)
    # Only what would be kept counts: a mistake in the form costs nothing and saves nothing.
    if request.method == "POST" and form.is_valid():
        if refusal := _over_the_limit(
            request, gettext("You have sent many messages. Please try again in %(wait)s.")
        ):
            return refusal
        services.submit_request(
            **form.cleaned_data, language=translation.get_language() or "", now=timezone.now()
        )
        return redirect("support:sent")
    return render(request, "support/contact.html", {"form": form})


def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "support/sent.html")


def _reportable_ad(pk: int) -> Ad:
    """An ad whose page anyone may see (open or ended), not one that is not out yet nor one
    staff took down (its page shows nothing of it, and there is nothing left to report)."""
    ad = Ad.objects.filter(pk=pk).first() if is_ad_id(pk) else None
    if ad is None or ad.is_preview(timezone.now()) or ad.status == Ad.Status.TAKEN_DOWN:
        raise Http404
    return ad


def report_ad(request: HttpRequest, pk: int) -> HttpResponse:
    """Report an ad to staff from its page: what is wrong and, if the visitor wants an
    answer, their address. Limited as the contact form is."""
    ad = _reportable_ad(pk)
    form = ReportAdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if refusal := _over_the_limit(
            request, gettext("You have sent many reports. Please try again in %(wait)s.")
        ):
            return refusal
        services.submit_report(
            ad=ad,
            **form.cleaned_data,
            language=translation.get_language() or "",
            now=timezone.now(),
        )
        return redirect("support:report_sent", pk=ad.pk)
    return render(request, "support/report_ad.html", {"form": form, "ad": ad})


def report_sent(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "support/report_sent.html", {"ad": _reportable_ad(pk)})
