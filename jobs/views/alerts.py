"""Job alerts: save a search, list and delete alerts, unsubscribe by the e-mail's link."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from privacy.consent import ConsentMethod

from ..forms import JobAlertForm, criteria_from
from ..models import JobAlert
from ..services import alerts as services


@login_required
def alert_create(request):
    form_search, criteria = criteria_from(request.POST if request.method == "POST" else request.GET)
    form = JobAlertForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        alert = services.create_alert(
            user=request.user,
            criteria=criteria,
            name=form.cleaned_data["name"],
            wording=services.CONSENT_WORDING,
            ip=request.META.get("REMOTE_ADDR"),
            now=timezone.now(),
        )
        if alert.confirmed_at is None:
            messages.info(
                request,
                _(
                    "Your job alert is saved. Confirm your address by the link we e-mailed you "
                    "within 24 hours: no alert is sent before that."
                ),
            )
        else:
            messages.success(
                request,
                _("Your job alert is saved. You get at most one e-mail a day, only with new jobs."),
            )
        return redirect("jobs:alerts")
    return render(
        request,
        "jobs/alert_form.html",
        {
            "form": form,
            "criteria": criteria,
            "params": criteria.as_params(),
            "filters": form_search.describe(),
            "wording": services.CONSENT_WORDING,
        },
    )


@login_required
def alert_list(request):
    alerts = JobAlert.objects.for_user(request.user).running()
    rows = [(a, services.criteria_of(a), services.lapses_on(a)) for a in alerts]
    return render(request, "jobs/alerts.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def alert_delete(request, pk):
    """GET asks first, POST removes the alert."""
    alert = get_object_or_404(JobAlert.objects.for_user(request.user).running(), pk=pk)
    if request.method != "POST":
        context = {
            "title": _("Remove the job alert?"),
            "question": _("You get no more e-mails for this alert."),
            "consequence": "",
            "action": _("Remove"),
            "cancel_url": reverse("jobs:alerts"),
        }
        return render(request, "components/confirm_page.html", context)
    services.delete_alert(alert=alert, now=timezone.now())
    messages.success(request, _("The job alert was removed."))
    return redirect("jobs:alerts")


def alert_confirm(request, token):
    """GET shows one button (link scanners must not confirm anything); POST confirms."""
    now = timezone.now()
    try:
        services.alert_to_confirm(token=token, now=now)
        if request.method == "POST":
            services.confirm_alert(token=token, ip=request.META.get("REMOTE_ADDR"), now=now)
            return render(request, "jobs/alert_confirm.html", {"done": True})
    except services.ConfirmationError as error:
        return render(request, "jobs/alert_confirm.html", {"error": error.reason}, status=400)
    return render(request, "jobs/alert_confirm.html", {"token": token})


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
def alert_unsubscribe(request, token):
    """GET shows one button (link scanners must not unsubscribe anyone); POST unsubscribes,
    signed in or not, and records the withdrawal in the consent ledger."""
    alert = services.alert_from_token(token)
    if alert is None and services.is_unsubscribe_token(token):
        # Our link, its alert deleted since (with its account): nothing more is sent.
        return render(request, "jobs/alert_unsubscribe.html", {"gone": True})
    if alert is None:
        return render(request, "jobs/alert_unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        if alert.is_running:
            services.unsubscribe(
                alert=alert, method=ConsentMethod.UNSUBSCRIBE_LINK, now=timezone.now()
            )
        return render(request, "jobs/alert_unsubscribe.html", {"done": True, "alert": alert})
    return render(
        request,
        "jobs/alert_unsubscribe.html",
        {"alert": alert, "done": not alert.is_running, "token": token},
    )
