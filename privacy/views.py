import csv
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from . import processors, registry, selectors
from .staff import staff_may

if TYPE_CHECKING:
    from weasyprint.document import Document

RECORD_PERMISSION = "privacy.view_processing_record"


def notice(request: HttpRequest) -> HttpResponse:
    """The published privacy notice: its data and retention sections come from the registry
    and the rules, so the promise and the behaviour cannot drift apart."""
    parties = processors.in_use()
    return render(
        request,
        "privacy/notice.html",
        {
            "controller": settings.PRIVACY_CONTROLLER,
            "subject_groups": selectors.data_categories(),
            "retention_rows": selectors.retention_rows(),
            "processors": [
                p for p in parties if p.role == processors.Role.PROCESSOR or p.processor_too
            ],
            "joint_controllers": [p for p in parties if p.role == processors.Role.JOINT_CONTROLLER],
            "transfers": [p for p in parties if p.transfer],
            # Everyone the registry names as receiving some kind of data (the table above
            # says which), listed once: an accountant, the companies applied to ...
            "recipients": sorted({str(r) for d in registry.declarations() for r in d.recipients}),
            "pixel": any(p.key == "facebook_pixel" for p in parties),
        },
    )


def _check_record_access(request: HttpRequest) -> None:
    # Non-staff learn nothing (404); staff without the permission or a second factor are
    # refused (403).
    if not (request.user.is_authenticated and request.user.is_staff):
        raise Http404
    if not staff_may(request.user, RECORD_PERMISSION):
        raise PermissionDenied


def processing_record_csv(request: HttpRequest) -> HttpResponse:
    """The record of processing activities (GDPR art. 30) as CSV, for staff."""
    _check_record_access(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="record-of-processing.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow([str(label) for _, label in selectors.RECORD_COLUMNS])
    for row in selectors.processing_records():
        writer.writerow([row[key] for key, _ in selectors.RECORD_COLUMNS])
    return response


def processing_record_pdf(request: HttpRequest) -> HttpResponse:
    """The same record as a PDF (WeasyPrint), for staff."""
    _check_record_access(request)
    pdf = processing_record_document(request).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="record-of-processing.pdf"'
    return response


def processing_record_document(request: HttpRequest) -> "Document":
    """The record laid out on its pages (its columns fit the page's width)."""
    from weasyprint import HTML

    html = render_to_string(
        "privacy/processing_record_pdf.html",
        {
            "columns": selectors.RECORD_COLUMNS,
            "rows": selectors.processing_records(),
            "generated_on": timezone.localdate(),
            "controller": settings.PRIVACY_CONTROLLER,
            "parties": processors.in_use(),
        },
        request=request,
    )
    return HTML(string=html, base_url=request.build_absolute_uri("/")).render()
