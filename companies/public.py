"""The public side of a company: its page (name, logo, description, town, open ads) and its
logo file.

The page shows the company only: never its contact persons, its e-mail, phone or street,
nor a sole trader's organisation number. A company that hides its page, whose cooperation
has ended, or that is restricted, has none (404). The logo is served by its digest with a
year's cache: a new logo gets a new address, and the old one redirects to it.
"""

from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from jobs.models import Ad
from jobs.views.saved import mark_saved
from privacy import restrictions

from .logos import CONTENT_TYPE
from .models import Company

LOGO_CACHE = "public, max-age=31536000, immutable"


@require_safe
def company_page(request, slug):
    now = timezone.now()
    company = get_object_or_404(
        Company.objects.with_public_page(timezone.localdate(now)), slug=slug
    )
    if restrictions.is_restricted(email=company.email):
        raise Http404  # storage only (GDPR art. 18): no public page names it
    ads = list(
        Ad.objects.public(now)
        .for_company(company)
        .select_related("company", "municipality")
        .order_by("-published_at", "-id")
    )
    return render(
        request,
        "companies/page.html",
        {"company": company, "ads": ads, "saving": mark_saved(request, ads)},
    )


@require_safe
def logo(request, pk, version):
    company = get_object_or_404(Company.objects.exclude(logo=""), pk=pk)
    if restrictions.is_restricted(email=company.email):
        raise Http404
    if company.logo_version != version:
        # A page cached with the previous logo: send it to the current one.
        return redirect("companies:logo", pk=company.pk, version=company.logo_version)
    try:
        with default_storage.open(company.logo.name, "rb") as stored:
            data = stored.read()
    except OSError as error:
        raise Http404 from error
    response = HttpResponse(data, content_type=CONTENT_TYPE)
    response["Cache-Control"] = LOGO_CACHE
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
