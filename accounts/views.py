from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from . import downloads, selectors, services
from .forms import DeleteAccountForm, DocumentRenameForm, DocumentUploadForm, ProfileForm
from .mydata import my_data_report


@login_required
def overview(request):
    return render(
        request,
        "accounts/overview.html",
        {
            "profile": selectors.profile_of(request.user),
            "document_count": selectors.documents_of(request.user).count(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    instance = selectors.profile_of(request.user)
    form = ProfileForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.update_profile(
            user=request.user,
            first_name=data["first_name"],
            last_name=data["last_name"],
            street=data["street"],
            postal_code=data["postal_code"],
            town=data["town"],
            phone=data["phone"],
            occupations=data["occupations"],
            municipalities=data["municipalities"],
            by=request.user,
            now=timezone.now(),
        )
        messages.success(request, _("Your profile is saved."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form, "profile": instance})


@login_required
@require_http_methods(["GET", "POST"])
def documents(request):
    if request.method == "POST":
        form = DocumentUploadForm(
            request.POST,
            request.FILES,
            upload_too_large=getattr(request, "upload_too_large", False),
        )
        if form.is_valid():
            try:
                services.add_document(
                    owner=request.user,
                    uploaded_file=form.cleaned_data["file"],
                    content_type=form.detected_type.content_type,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    by=request.user,
                    now=timezone.now(),
                )
            except services.DocumentQuotaExceeded as exc:
                form.add_error("file", str(exc))
            else:
                messages.success(request, _("Your document is uploaded."))
                return redirect("accounts:documents")
        status = 400
    else:
        form, status = DocumentUploadForm(), 200
    return render(
        request,
        "accounts/documents.html",
        {"form": form, "documents": selectors.documents_of(request.user)},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def document_edit(request, pk):
    document = selectors.own_document(request.user, pk)
    form = DocumentRenameForm(request.POST or None, instance=document)
    if request.method == "POST" and form.is_valid():
        services.rename_document(
            document=document,
            title=form.cleaned_data["title"],
            kind=form.cleaned_data["kind"],
            by=request.user,
        )
        messages.success(request, _("The document is renamed."))
        return redirect("accounts:documents")
    return render(request, "accounts/document_edit.html", {"form": form, "document": document})


@login_required
@require_http_methods(["GET", "POST"])
def document_delete(request, pk):
    document = selectors.own_document(request.user, pk)
    if request.method == "POST":
        services.delete_document(document=document, by=request.user)
        messages.success(request, _("The document is deleted."))
        return redirect("accounts:documents")
    return render(request, "accounts/document_delete.html", {"document": document})


@require_GET
def document_download(request, pk):
    document = selectors.readable_document(request.user, pk)
    return downloads.private_file_response(
        document.file.open("rb"),
        filename=downloads.download_name(document.title, document.content_type),
        content_type=document.content_type,
    )


@login_required
@require_GET
def my_data(request):
    now = timezone.now()
    return render(
        request,
        "accounts/my_data.html",
        {"report": my_data_report(user=request.user, now=now), "now": now},
    )


@login_required
@require_GET
def my_data_export(request):
    """The ZIP is built by a worker, never inside a request (rights.services.reports): the
    old address leads to the page that starts it and shows its progress."""
    return redirect("rights:own_report")


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    now = timezone.now()
    if refusal := services.deletion_refusal(user=request.user, now=now):
        status = 409 if request.method == "POST" else 200
        return render(request, "accounts/delete_account.html", {"refusal": refusal}, status=status)
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        report = services.delete_account(user=user, by=user, now=now)
        logout(request)
        return render(request, "accounts/account_deleted.html", {"report": report})
    return render(
        request, "accounts/delete_account.html", {"form": form}, status=400 if form.errors else 200
    )


# The signed token is the credential, and the page sends no Referer (below): a browser then
# sends "Origin: null" with the form, which Django's CSRF check would refuse. A forged POST
# could only keep the account of whoever holds the link alive.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def keep_account(request, token):
    """The link of the 30-day warning. GET only asks (mail scanners open every link and
    must not keep an idle account alive); the button POSTs and counts as activity."""
    if request.method == "POST":
        user = services.keep_account(token=token, today=timezone.localdate())
    else:
        user = services.account_to_keep(token=token)
    context = {"kept": request.method == "POST", "invalid": user is None, "token": token}
    response = render(
        request, "accounts/keep_account.html", context, status=400 if user is None else 200
    )
    # The address holds the token: no Referer carries it to the next page or an asset (the
    # log writes it as "<token>": config/logs.py).
    response["Referrer-Policy"] = "no-referrer"
    return response
