import copy
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import (
    require_GET,
    require_http_methods,
    require_POST,
    require_safe,
)

from config.pages import query_without
from jobs.models import Ad
from jobs.services import ads as ad_services
from jobs.services.ads import AD_FIELDS, AdError
from jobs.views.public import render_preview
from privacy.staff import staff_may

from . import selectors
from .forms import AdsFilterForm, CompanyDetailsForm, CompanyForm, InviteForm, OrderForm, ad_form
from .models import Company, Invoice, Membership, Product
from .models.billing import VAT_PERCENT
from .services import billing, logos, orders, registration
from .services.orders import OrderError
from .services.registration import CompanyError


def pricing(request):
    return render(
        request,
        "companies/pricing.html",
        {"products": Product.objects.available(), "vat_percent": VAT_PERCENT},
    )


def _company(request, pk) -> Company:
    return get_object_or_404(Company.objects.for_user(request.user), pk=pk)


def _ad(request, pk) -> Ad:
    ads = Ad.objects.filter(company__memberships__user=request.user)
    return get_object_or_404(ads.select_related("company", "municipality", "occupation"), pk=pk)


@login_required
def dashboard_index(request):
    companies = list(Company.objects.for_user(request.user))
    if not companies:
        return redirect("companies:register")
    if len(companies) == 1:
        return redirect("companies:dashboard", pk=companies[0].pk)
    return render(request, "companies/choose_company.html", {"companies": companies})


@login_required
def register(request):
    now = timezone.now()
    form = CompanyForm(request.POST or None, now=now)
    if request.method == "POST" and form.is_valid():
        try:
            company = registration.register_company(by=request.user, now=now, **form.cleaned_data)
        except (CompanyError, ValidationError) as exc:
            form.add_error(None, exc.messages[0] if isinstance(exc, ValidationError) else str(exc))
        else:
            messages.success(request, _("Your company is registered. Write your first ad!"))
            return redirect("companies:dashboard", pk=company.pk)
    return render(request, "companies/register.html", {"form": form})


@login_required
@require_safe
def dashboard(request, pk):
    company = _company(request, pk)
    ads_filter = AdsFilterForm(request.GET)
    context = selectors.dashboard(
        company,
        now=timezone.now(),
        ads_page=request.GET.get("page"),
        invoices_page=request.GET.get("invoice_page"),
        ads_filter=ads_filter.criteria(),
    )
    members = context["members"]
    is_owner = any(
        m.user_id == request.user.pk and m.role == Membership.Role.OWNER for m in members
    )
    owners = [m for m in members if m.role == Membership.Role.OWNER]
    removable = {
        m.pk
        for m in members
        if is_owner and not (m.role == Membership.Role.OWNER and len(owners) == 1)
    }
    return render(
        request,
        "companies/dashboard.html",
        {
            **context,
            "company": company,
            "invite_form": InviteForm(),
            "ads_filter": ads_filter,
            "today": timezone.localdate(),
            "is_owner": is_owner,
            "removable": removable,
            "ads_query": query_without(request, "page"),
            "invoices_query": query_without(request, "invoice_page"),
        },
    )


@login_required
def company_edit(request, pk):
    company = _company(request, pk)
    if not registration.is_owner(company=company, user=request.user):
        messages.error(request, _("Only an owner can change the company's details."))
        return redirect("companies:dashboard", pk=company.pk)
    form = CompanyDetailsForm(
        request.POST or None,
        request.FILES or None,
        instance=copy.copy(company),
        upload_too_large=getattr(request, "upload_too_large", False),
    )
    if request.method == "POST" and form.is_valid():
        registration.update_company(company=company, by=request.user, fields=form.cleaned_data)
        if form.cleaned_data.get("logo_upload"):
            logos.set_logo(company=company, logo=form.cleaned_data["logo_upload"], by=request.user)
        elif form.cleaned_data.get("remove_logo"):
            logos.remove_logo(company=company, by=request.user)
        messages.success(request, _("The company's details are saved."))
        return redirect("companies:dashboard", pk=company.pk)
    return render(request, "companies/company_form.html", {"form": form, "company": company})


@login_required
def ad_create(request, pk):
    """The form carries a one-time token: sent twice (a double click), it saves one draft
    and both answers lead to it."""
    company = _company(request, pk)
    form = ad_form(request.POST or None)
    token = request.POST.get("form_token", "")[:43] or secrets.token_urlsafe(32)
    if request.method == "POST" and form.is_valid():
        ad = ad_services.write_ad(
            company=company,
            by=request.user,
            now=timezone.now(),
            fields={f: form.cleaned_data[f] for f in AD_FIELDS},
            form_token=token,
        )
        messages.success(request, _("Your ad is saved. Preview it, choose a product and order."))
        return redirect("companies:ad_order", pk=ad.pk)
    context = {"form": form, "company": company, "form_token": token}
    return render(request, "companies/ad_form.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def ad_delete(request, pk):
    """GET asks first, POST deletes: only a draft never ordered, by the company's members."""
    ad = _ad(request, pk)
    if not ad_services.is_deletable_draft(ad):
        messages.error(request, _("Only a draft that was never ordered can be deleted."))
        return redirect("companies:dashboard", pk=ad.company_id)
    if request.method != "POST":
        context = {
            "title": _("Delete the draft “%(title)s”?") % {"title": ad.title},
            "question": _("The draft is deleted for good. This cannot be undone."),
            "consequence": "",
            "action": _("Delete the draft"),
            "cancel_url": reverse("companies:dashboard", kwargs={"pk": ad.company_id}),
        }
        return render(request, "components/confirm_page.html", context)
    try:
        ad_services.delete_draft(ad=ad, by=request.user, now=timezone.now())
    except AdError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The draft was deleted."))
    return redirect("companies:dashboard", pk=ad.company_id)


@login_required
def ad_edit(request, pk):
    ad = _ad(request, pk)
    if ad.status == Ad.Status.TAKEN_DOWN:
        messages.error(request, _("This ad was taken down by our staff and cannot be changed."))
        return redirect("companies:dashboard", pk=ad.company_id)
    form = ad_form(request.POST or None, instance=copy.copy(ad))
    if request.method == "POST" and form.is_valid():
        try:
            ad = ad_services.edit_ad(
                ad=ad,
                by=request.user,
                now=timezone.now(),
                fields={f: form.cleaned_data[f] for f in AD_FIELDS},
            )
        except AdError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Your changes are saved."))
            if ad.status == Ad.Status.DRAFT:
                return redirect("companies:ad_order", pk=ad.pk)
            return redirect("companies:dashboard", pk=ad.company_id)
    return render(
        request, "companies/ad_form.html", {"form": form, "company": ad.company, "ad": ad}
    )


@login_required
@require_safe
def ad_preview(request, pk):
    """The ad exactly as the public will see it (jobs' public template, as if live)."""
    ad = _ad(request, pk)
    messages.info(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("Preview: this is how your ad will look."),
            reverse("companies:ad_order", kwargs={"pk": ad.pk}),
            _("Back to ordering"),
        ),
    )
    return render_preview(request, ad)


@login_required
def ad_order(request, pk):
    ad = _ad(request, pk)
    form = OrderForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            order = orders.order_ad(
                ad=ad, product=form.cleaned_data["product"], by=request.user, now=timezone.now()
            )
        except OrderError as exc:
            form.add_error(None, str(exc))
        else:
            ad.refresh_from_db()
            if ad.status == Ad.Status.PENDING_REVIEW:
                messages.success(
                    request,
                    _(
                        "Thank you for your order. Our staff review your "
                        "company's first ad before it goes live."
                    ),
                )
            else:
                messages.success(request, _("Thank you for your order. Your ad is live now."))
            messages.info(
                request,
                _("Invoice %(number)s has been sent to %(email)s.")
                % {"number": order.invoice.number, "email": order.invoice.buyer_email},
            )
            return redirect("companies:dashboard", pk=ad.company_id)
    offered = orders.choices(ad=ad, now=timezone.now())
    refusals = {choice.refusal for choice in offered}
    return render(
        request,
        "companies/ad_order.html",
        {
            "ad": ad,
            "form": form,
            "choices": offered,
            # The same refusal for every product is the ad's (already live, taken down,
            # last day passed): said at once, with no form to fill in.
            "refusal": refusals.pop() if len(refusals) == 1 else "",
            "vat_percent": VAT_PERCENT,
        },
    )


def _stop_view(service, done_message, confirm):
    """GET asks first (the ad stops being shown; getting it back takes a new order), POST
    stops it."""

    @login_required
    @require_http_methods(["GET", "HEAD", "POST"])
    def view(request, pk):
        ad = _ad(request, pk)
        if request.method != "POST":
            title, question, action = confirm(ad)
            context = {
                "title": title,
                "question": question,
                "consequence": " ".join(
                    (
                        _("Getting the ad back takes a new order."),
                        _(
                            "Applicants still waiting for an answer are told by e-mail "
                            "that the ad has closed."
                        ),
                    )
                ),
                "action": action,
                "cancel_url": reverse("companies:dashboard", args=[ad.company_id]),
            }
            return render(request, "components/confirm_page.html", context)
        try:
            service(ad=ad, by=request.user, now=timezone.now())
        except AdError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done_message())
        return redirect("companies:dashboard", pk=ad.company_id)

    return view


ad_withdraw = _stop_view(
    ad_services.withdraw_ad,
    lambda: _("The ad is withdrawn and no longer shown."),
    lambda ad: (
        _("Withdraw the ad?"),
        _("“%(title)s” stops being shown at once.") % {"title": ad.title},
        _("Withdraw the ad"),
    ),
)
ad_fill = _stop_view(
    ad_services.mark_filled,
    lambda: _("The ad is marked as filled and no longer shown."),
    lambda ad: (
        _("Mark the ad as filled?"),
        _("“%(title)s” is marked as filled and stops being shown at once.") % {"title": ad.title},
        _("Mark as filled"),
    ),
)


@login_required
@require_GET
def invoice_pdf(request, pk):
    """Company members, and staff with the view permission and a second factor; anyone else
    gets 404 (the ids are sequential: a refusal must not tell which exist)."""
    invoices = Invoice.objects.select_related("order")
    if not staff_may(request.user, "companies.view_invoice"):
        invoices = invoices.filter(order__company__memberships__user=request.user)
    invoice = get_object_or_404(invoices, pk=pk)
    content = billing.ensure_invoice_pdf(invoice=invoice)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{billing.invoice_filename(invoice)}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def invite(request, pk):
    company = _company(request, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            invitation = registration.invite_member(
                company=company, by=request.user, now=timezone.now(), **form.cleaned_data
            )
        except CompanyError as exc:
            messages.error(request, str(exc))
        else:
            sent = (
                _(
                    "A new invitation has been sent to %(email)s; the link in the earlier "
                    "one no longer works."
                )
                if getattr(invitation, "replaced_earlier", False)
                else _("The invitation has been sent to %(email)s.")
            )
            messages.success(request, sent % {"email": form.cleaned_data["email"]})
    else:
        messages.error(request, _("Give a valid e-mail address."))
    return redirect("companies:dashboard", pk=company.pk)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def remove_member(request, pk, membership_pk):
    """GET asks first (the person loses the company's pages at once), POST removes."""
    company = _company(request, pk)
    membership = get_object_or_404(company.memberships.select_related("user"), pk=membership_pk)
    if request.method != "POST":
        if not registration.is_owner(company=company, user=request.user):
            messages.error(request, _("Only an owner can remove contact persons."))
            return redirect("companies:dashboard", pk=company.pk)
        context = {
            "title": _("Remove the contact person?"),
            "question": _("%(person)s stops being a contact person of %(company)s.")
            % {"person": membership.user.email, "company": company.name},
            "consequence": _(
                "They lose access to the company's ads, applications and invoices at once, "
                "and are told by e-mail."
            ),
            "action": _("Remove"),
            "cancel_url": reverse("companies:dashboard", args=[company.pk]),
        }
        return render(request, "components/confirm_page.html", context)
    try:
        registration.remove_member(membership=membership, by=request.user)
    except CompanyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The contact person has been removed."))
        if membership.user_id == request.user.pk:  # no longer theirs to see
            return redirect("companies:index")
    return redirect("companies:dashboard", pk=company.pk)


@login_required
@require_POST
def withdraw_invitation(request, pk, invitation_pk):
    company = _company(request, pk)
    invitation = get_object_or_404(company.invitations, pk=invitation_pk)
    try:
        registration.withdraw_invitation(invitation=invitation, by=request.user)
    except CompanyError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been withdrawn: its link no longer works.")
            % {"email": invitation.email},
        )
    return redirect("companies:dashboard", pk=company.pk)


def accept_invitation(request, token):
    try:
        invitation = registration.invitation_from_token(token)
    except CompanyError as exc:
        return render(request, "companies/invitation.html", {"error": str(exc)}, status=400)
    context = {
        "invitation": invitation,
        "company": invitation.company,
        "next": request.get_full_path(),
    }
    if not request.user.is_authenticated:
        return render(request, "companies/invitation.html", context)
    context["error"] = registration.invitation_refusal(invitation=invitation, user=request.user)
    if request.method == "POST" and not context["error"]:
        try:
            registration.accept_invitation(
                invitation=invitation, user=request.user, now=timezone.now()
            )
        except CompanyError as exc:
            context["error"] = str(exc)
        else:
            messages.success(
                request,
                _("You are now a contact person of %(company)s.")
                % {"company": invitation.company.name},
            )
            return redirect("companies:dashboard", pk=invitation.company_id)
    return render(request, "companies/invitation.html", context)
