"""The public request form, its verification link, the download of a report, and the
signed-in person's requests and own ZIP from My data."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accounts import downloads
from config import ratelimit

from .forms import PublicRequestForm, RequestForm
from .models import AccessReport
from .services import RequestError, reports, requests
from .services.errors import AlreadyVerified, OpenRequestExists, OwnReportExists


def _too_many(request: HttpRequest, wait: int) -> HttpResponse:
    message = _("Too many requests from here. Try again in %(wait)s.") % {
        "wait": ratelimit.wait_phrase(wait)
    }
    return ratelimit.too_many(request, message=message, wait=wait)


@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    form = PublicRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = ratelimit.limit_request(request, "rights_request")
        if wait:
            return _too_many(request, wait)
        requests.file_request(
            kind=form.cleaned_data["kind"],
            email=form.cleaned_data["email"],
            message=form.cleaned_data["message"],
            language=translation.get_language() or "sv",
            now=timezone.now(),
        )
        # The same answer whether or not we know the address.
        return redirect("rights:sent")
    status = 400 if form.errors else 200
    return render(request, "rights/intake.html", {"form": form}, status=status)


@require_GET
def sent(request: HttpRequest) -> HttpResponse:
    return render(request, "rights/sent.html")


@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """GET asks to confirm (mail scanners open links); POST verifies. A link used before
    says that the request is confirmed already, and what comes next."""
    now = timezone.now()
    try:
        if request.method == "GET":
            requests.check_link(pk=pk, token=token, now=now)
            return render(request, "rights/verify.html", {"confirm": True})
        filed = requests.verify_request(pk=pk, token=token, now=now)
    except AlreadyVerified as used:
        return render(request, "rights/verify.html", {"already": used.request})
    except RequestError as error:
        return render(request, "rights/verify.html", {"error": str(error)}, status=400)
    return render(request, "rights/verify.html", {"verified": filed})


@require_GET
def download(request: HttpRequest, pk: int, token: str) -> HttpResponseBase:
    """The link mailed with a report: whoever holds it gets the ZIP, for 7 days."""
    report = reports.report_for_token(pk=pk, token=token, now=timezone.now())
    if report is None:
        return render(request, "rights/download_gone.html", status=404)
    return _zip(report)


def _zip(report: AccessReport) -> FileResponse:
    day = timezone.localdate(report.ready_at).isoformat() if report.ready_at else "report"
    return downloads.private_file_response(
        report.file.open("rb"),
        # Named in the language of the page that asks for it ("mina-uppgifter-…" in Swedish).
        filename=f"{_('my-data')}-{day}.zip",
        content_type="application/zip",
    )


@login_required
@require_http_methods(["GET", "POST"])
def file_from_my_data(request: HttpRequest) -> HttpResponse:
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wait = ratelimit.limit_request(request, "rights_request")
        if wait:
            return _too_many(request, wait)
        try:
            requests.file_signed_in(
                user=request.user,  # type: ignore[arg-type]  # login_required: a user
                kind=form.cleaned_data["kind"],
                message=form.cleaned_data["message"],
                language=translation.get_language() or "sv",
                now=timezone.now(),
            )
        except OpenRequestExists as open_request:
            messages.info(request, str(open_request))
            return redirect("accounts:my_data")
        messages.success(request, _("Your request is received. We answer within a month."))
        return redirect("accounts:my_data")
    status = 400 if form.errors else 200
    return render(request, "rights/file_signed_in.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def own_report(request: HttpRequest) -> HttpResponse:
    """POST starts the ZIP (built by the worker; limited, and one a day); GET shows its
    progress."""
    now = timezone.now()
    if request.method == "POST":
        wait = ratelimit.limit_request(request, "own_report")
        if wait:
            return _too_many(request, wait)
        try:
            reports.request_own_report(
                user=request.user,  # type: ignore[arg-type]  # login_required: a user
                language=translation.get_language() or "sv",
                now=now,
            )
        except OwnReportExists as refused:
            messages.info(request, str(refused))
        return redirect("rights:own_report")
    report = (
        AccessReport.objects.filter(user=request.user.pk, request__isnull=True)
        .order_by("-created_at")
        .first()
    )
    expired = report is not None and report.expires_at is not None and (report.expires_at <= now)
    standing = reports.standing_own_report(user=request.user, now=now)  # type: ignore[arg-type]
    return render(
        request,
        "rights/own_report.html",
        {"report": report, "expired": expired, "may_make_new": standing is None},
    )


@login_required
@require_GET
def own_report_download(request: HttpRequest, pk: int) -> HttpResponseBase:
    report = get_object_or_404(
        AccessReport,
        pk=pk,
        user=request.user.pk,
        request__isnull=True,
        state=AccessReport.State.READY,
    )
    if report.expires_at is None or report.expires_at <= timezone.now():
        raise Http404
    return _zip(report)
