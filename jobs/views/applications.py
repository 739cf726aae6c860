"""Applying, the employer's inbox, the seeker's applications, documents behind permission."""

from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_safe,
)

from accounts.downloads import content_disposition, private_file_response
from config.pages import PER_PAGE
from config.ratelimit import limit_request, wait_phrase
from config.views import on_stale_form

from ..forms import ApplicationForm, ApplicationReviewForm
from ..models import Ad, Application, ApplyMethod
from ..selectors import (
    CHANGE_APPLICATION,
    VIEW_APPLICATION_DOCUMENT,
    ad_state_for_applicant,
    ad_statistics,
    ads_with_applications,
    application_for,
    applications_of,
    can_handle,
    deletion_date,
    seeker_applications,
)
from ..services import applications as services

INLINE_TYPES = {"application/pdf"}


def _sign_in_to_apply(pk: int, *, unsent: bool):
    """To sign-in saying why (a visitor's "Apply", or an application whose session ended
    before it was sent) and back to the form, where the browser tab fills in its draft again
    (static/js/draft.js)."""
    form = reverse("jobs:apply", args=[pk])
    reason = "apply-unsent" if unsent else "apply"
    return redirect(f"{reverse('account_login')}?for={reason}&next={quote(form, safe='/')}")


def _apply_again(request, pk):
    """The application form sent from a stale page (its CSRF token went with a sign-out, or
    changed with a sign-in in another tab): back to the form, through sign-in if needed."""
    if not request.user.is_authenticated:
        return _sign_in_to_apply(pk, unsent=True)
    messages.error(
        request,
        _(
            "Your application has not been sent: the page had expired. Check the form and "
            "send it again."
        ),
    )
    return redirect("jobs:apply", pk=pk)


@on_stale_form(_apply_again)
def apply(request, pk):
    if not request.user.is_authenticated:
        return _sign_in_to_apply(pk, unsent=request.method == "POST")
    ad = get_object_or_404(Ad.objects.select_related("company", "municipality"), pk=pk)
    now = timezone.now()
    if not ad.is_public(now):
        # The ad's page says it is closed; only what was written and not sent needs saying.
        if request.method == "POST":
            messages.error(request, _("Your application was not sent: the ad has closed."))
        return redirect(ad.get_absolute_url())
    if ad.apply_method != ApplyMethod.PORTAL:
        return redirect(ad.get_absolute_url())
    if services.has_applied(ad=ad, seeker=request.user):
        messages.info(
            request,
            _(
                "You have already applied for this job. You find your "
                "application under My applications."
            ),
        )
        return redirect("jobs:my_applications")
    too_large = getattr(request, "upload_too_large", False)
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        seeker=request.user,
        upload_too_large=too_large and request.method == "POST",
    )
    if request.method == "POST" and form.is_valid():
        # Only an application that would be sent counts against the limit, and a refusal
        # keeps the form as it was written (a chosen file must be chosen again).
        if wait := limit_request(request, "apply"):
            return _too_many_applications(request, ad, form, wait)
        upload = form.cleaned_data.get("upload")
        try:
            application = services.submit_application(
                ad=ad,
                seeker=request.user,
                message=form.cleaned_data["message"],
                documents=list(form.cleaned_data["documents"]),
                upload=upload,
                upload_type=form.upload_type.content_type if form.upload_type else "",
                applicant_name=form.name(),
                now=now,
            )
        except services.AlreadyApplied as exc:
            messages.info(request, str(exc))
            return redirect("jobs:my_applications")
        except services.AdClosed:
            messages.error(request, _("Your application was not sent: the ad has closed."))
            return redirect(ad.get_absolute_url())
        except services.ApplicationError as exc:
            messages.error(request, str(exc))
            return redirect(ad.get_absolute_url())
        return redirect("jobs:apply_done", pk=application.pk)
    if form.is_bound and request.FILES.get("upload") and "upload" not in form.errors:
        # A browser never keeps a chosen file: say so beside it, or the application would
        # go without the CV once the other mistakes are put right.
        form.add_error("upload", _("Choose the file again when you send the application."))
    return _apply_page(request, ad, form)


def _apply_page(request, ad, form, *, status: int = 200):
    # The browser tab keeps a draft of the form (static/js/draft.js) under this tag: the same
    # for the same person and ad, opaque to anyone else, so a draft is never filled in for
    # another person who signs in on the same tab.
    owner = salted_hmac("jobs.application-draft", f"{request.user.pk}:{ad.pk}").hexdigest()[:20]
    context = {"ad": ad, "form": form, "draft_owner": owner}
    return render(request, "jobs/apply.html", context, status=status)


def _too_many_applications(request, ad, form, wait: int):
    form.add_error(
        None,
        _(
            "You have sent many applications in a short while. Wait %(wait)s and send this "
            "one again."
        )
        % {"wait": wait_phrase(wait)},
    )
    if form.cleaned_data.get("upload"):
        form.add_error("upload", _("Choose the file again when you send the application."))
    response = _apply_page(request, ad, form, status=429)
    response["Retry-After"] = str(wait)
    return response


@login_required
@require_safe
def apply_done(request, pk):
    application = get_object_or_404(
        Application.objects.for_seeker(request.user).select_related("ad__company"), pk=pk
    )
    return render(
        request,
        "jobs/apply_done.html",
        {
            "application": application,
            "ad": application.ad,
            "deletion_date": deletion_date(application),
        },
    )


@login_required
def my_applications(request):
    applications = list(seeker_applications(request.user))
    now = timezone.now()
    rows = [(a, deletion_date(a), ad_state_for_applicant(a.ad, now)) for a in applications]
    return render(request, "jobs/my_applications.html", {"rows": rows})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def withdraw_application(request, pk):
    """GET asks first (the application and its documents are deleted for good), POST does it."""
    application = get_object_or_404(Application.objects.for_seeker(request.user), pk=pk)
    if request.method != "POST":
        context = {
            "title": _("Withdraw the application?"),
            "question": _(
                "Your application for “%(title)s” is withdrawn and deleted, with its documents."
            )
            % {"title": application.ad.title},
            "consequence": _("This cannot be undone: the company no longer sees it."),
            "action": _("Withdraw and delete"),
            "cancel_url": reverse("jobs:my_applications"),
        }
        return render(request, "components/confirm_page.html", context)
    services.withdraw_application(application=application, by=request.user)
    messages.success(request, _("Your application was withdrawn and deleted, with its documents."))
    return redirect("jobs:my_applications")


@login_required
def employer_inbox(request):
    """The ads of the person's companies with their counts, a page at a time (500 ads in
    one table took 100 ms)."""
    page = Paginator(ads_with_applications(request.user), PER_PAGE).get_page(
        request.GET.get("page")
    )
    ads = list(page.object_list)
    stats = ad_statistics(ad.pk for ad in ads)
    return render(
        request,
        "jobs/inbox.html",
        {"rows": [(ad, stats[ad.pk]) for ad in ads], "page": page},
    )


@login_required
@require_GET
def ad_applications(request, pk):
    ad = get_object_or_404(Ad.objects.select_related("company"), pk=pk)
    if not can_handle(request.user, ad):
        raise Http404
    page = Paginator(applications_of(ad), PER_PAGE).get_page(request.GET.get("page"))
    rows = [(a, deletion_date(a)) for a in page.object_list]
    return render(
        request,
        "jobs/ad_applications.html",
        {"ad": ad, "rows": rows, "page": page, "now": timezone.now()},
    )


@login_required
@require_http_methods(["GET", "POST"])
def application_detail(request, pk):
    """The company reads and handles an application; staff read it with the view permission
    and change it only with the change permission (both with a second factor)."""
    application = application_for(request.user, pk)
    if application is None:
        # The same page for one withdrawn, deleted by its rule or never the person's (the
        # ids are sequential: which exist is not told), saying what may have happened.
        return render(request, "jobs/application_gone.html", status=404)
    may_change = can_handle(request.user, application.ad, permission=CHANGE_APPLICATION)
    if request.method == "POST" and not may_change:
        raise PermissionDenied
    form = ApplicationReviewForm(request.POST or None, instance=application) if may_change else None
    if form is not None and request.method == "POST" and form.is_valid():
        services.review_application(
            application=application,
            status=form.cleaned_data["status"],
            employer_notes=form.cleaned_data["employer_notes"],
            share_status=form.cleaned_data["share_status"],
            by=request.user,
        )
        messages.success(request, _("The application was updated."))
        return redirect("jobs:application", pk=application.pk)
    return render(
        request,
        "jobs/application.html",
        {
            "application": application,
            "ad": application.ad,
            "form": form,
            "documents": application.documents.order_by("pk"),
            "deletion_date": deletion_date(application),
        },
    )


@login_required
@require_GET
def application_document(request, pk, document_pk):
    """A document of an application, for the applicant, the company and staff with the
    permission and a second factor: PDF shown inline."""
    application = get_object_or_404(Application.objects.select_related("ad"), pk=pk)
    if (
        application.seeker_id != request.user.pk
        and application_for(request.user, pk, permission=VIEW_APPLICATION_DOCUMENT) is None
    ):
        raise Http404
    document = get_object_or_404(application.documents, pk=document_pk)
    response = private_file_response(
        document.file.open("rb"),
        filename=document.original_name,
        content_type=document.content_type or "application/octet-stream",
    )
    if document.content_type in INLINE_TYPES:
        response["Content-Disposition"] = content_disposition(document.original_name).replace(
            "attachment;", "inline;", 1
        )
    return response
