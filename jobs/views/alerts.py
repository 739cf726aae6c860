"""Job alerts: save a search, list and delete alerts, unsubscribe by the e-mail's link."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from config.ratelimit import client_ip
from privacy.consent import ConsentMethod

from ..forms import JobAlertForm, criteria_from
from ..models import JobAlert
from ..services import alerts as services


@login_required
def alert_create(request):
    """The search shown in words, the consent box and "save". A search with an invalid or
    contradictory value, or with nothing that narrows it (every new job in Sweden), is
    refused with the reason: nothing is saved in place of what the person asked for."""
    form_search, criteria = criteria_from(request.POST if request.method == "POST" else request.GET)
    problems = _problems(form_search, criteria)
    form = JobAlertForm(request.POST or None)
    if request.method == "POST" and not problems and form.is_valid():
        try:
            alert = services.create_alert(
                user=request.user,
                criteria=criteria,
                name=form.cleaned_data["name"],
                wording=services.CONSENT_WORDING,
                ip=client_ip(request),
                now=timezone.now(),
            )
        except services.DuplicateAlert as duplicate:
            return _already_have(request, duplicate.alert)
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
            "problems": problems,
            "search_url": reverse("jobs:search") + _query(form_search),
        },
        status=400 if problems and request.method == "POST" else 200,
    )


def _problems(form_search, criteria) -> list[str]:
    """Why this search cannot be an alert: each filter's error, or that it narrows
    nothing."""
    problems = [
        f"{form_search.fields[name].label}: {' '.join(errors)}"
        for name, errors in form_search.errors.items()
    ]
    if not problems and not services.narrows(criteria):
        problems.append(
            _(
                "An alert needs words or a filter: with neither it would send every new job "
                "in Sweden. Narrow the search first."
            )
        )
    return problems


def _query(form_search) -> str:
    """The search as it was asked for (invalid values included), to change it."""
    sent = {name: value for name, value in form_search.data.items() if value}
    return "?" + urlencode(sent) if sent else ""


def _already_have(request, alert):
    """No second alert for the same search: the person is told, and led to the one."""
    url = reverse("jobs:alerts") + f"#alert-{alert.pk}"
    text = _("You already have a job alert for this search: %(alert)s. No new one was saved.")
    link = format_html('<a href="{}">{}</a>', url, services.alert_title(alert))
    messages.info(request, format_html(text.replace("%(alert)s", "{}"), link))
    return redirect(url)


@login_required
def alert_list(request):
    alerts = JobAlert.objects.for_user(request.user).running()
    rows = [(a, services.alert_title(a), services.lapses_on(a)) for a in alerts]
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
            services.confirm_alert(token=token, ip=client_ip(request), now=now)
            return render(request, "jobs/alert_confirm.html", {"done": True})
    except services.ConfirmationError as error:
        return render(request, "jobs/alert_confirm.html", {"error": error.reason}, status=400)
    return render(request, "jobs/alert_confirm.html", {"token": token})


@csrf_exempt  # the signed token is the credential; mail clients POST here (RFC 8058)
def alert_unsubscribe(request, token):
    """GET shows the buttons (link scanners must not unsubscribe anyone); POST stops this
    alert only (`only=this`, the button under each alert of a digest) or every alert of the
    address (the one-click POST of mail clients, RFC 8058), signed in or not, and records
    the withdrawal in the consent ledger when no alert is left."""
    alert = services.alert_from_token(token)
    if alert is None and services.is_unsubscribe_token(token):
        # Our link, its alert deleted since (with its account): nothing more is sent.
        return render(request, "jobs/alert_unsubscribe.html", {"gone": True})
    if alert is None:
        return render(request, "jobs/alert_unsubscribe.html", {"invalid": True}, status=404)
    if request.method == "POST":
        only = request.POST.get("only") == "this"
        if alert.is_running and only:
            services.delete_alert(
                alert=alert, method=ConsentMethod.UNSUBSCRIBE_LINK, now=timezone.now()
            )
        elif alert.is_running:
            services.unsubscribe(
                alert=alert, method=ConsentMethod.UNSUBSCRIBE_LINK, now=timezone.now()
            )
        context = {"done": True, "only": only, "alert": alert}
        return render(request, "jobs/alert_unsubscribe.html", context)
    return render(
        request,
        "jobs/alert_unsubscribe.html",
        {
            "alert": alert,
            "title": services.alert_title(alert),
            "done": not alert.is_running,
            "token": token,
        },
    )
