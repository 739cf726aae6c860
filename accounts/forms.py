from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from config.text import PlainTextForm
from taxonomy.models import Municipality, Occupation

from . import filetypes, virusscan
from .models import Document, SeekerProfile
from .validators import normalize_name, normalize_phone, normalize_postal_code


class SwedishContactFields:
    """clean_ methods of a form's `postal_code` and `phone`: a Swedish postal code and phone
    number, normalised (the seeker's profile, a company's address on its invoices)."""

    cleaned_data: dict

    def clean_postal_code(self) -> str:
        value = self.cleaned_data["postal_code"].strip()
        return normalize_postal_code(value) if value else ""

    def clean_phone(self) -> str:
        value = self.cleaned_data["phone"].strip()
        return normalize_phone(value) if value else ""


class ChecklistWidget(forms.CheckboxSelectMultiple):
    """Checkboxes in a folding panel with a filter box (templates/accounts/_form_fields.html):
    touch, keyboard and screen readers use plain checkboxes; the filter box only appears
    with JavaScript (static/js/checklist.js)."""


class ProfileForm(SwedishContactFields, PlainTextForm, forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    occupations = forms.ModelMultipleChoiceField(
        label=_("Occupations I am interested in"),
        required=False,
        queryset=Occupation.objects.order_by("name"),
        widget=ChecklistWidget,
        help_text=_("Choose as many as you like."),
    )
    municipalities = forms.ModelMultipleChoiceField(
        label=_("Where I want to work"),
        required=False,
        queryset=Municipality.objects.order_by("name"),
        widget=ChecklistWidget,
        help_text=_("Choose as many as you like."),
    )

    class Meta:
        model = SeekerProfile
        fields = ["street", "postal_code", "town", "phone", "occupations", "municipalities"]
        labels = {
            "street": _("Street address"),
            "postal_code": _("Postal code"),
            "town": _("Town"),
            "phone": _("Phone"),
        }
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "postal_code": forms.TextInput(
                attrs={"autocomplete": "postal-code", "inputmode": "numeric"}
            ),
            "street": forms.TextInput(attrs={"autocomplete": "street-address"}),
            "town": forms.TextInput(attrs={"autocomplete": "address-level2"}),
        }
        help_texts = {
            "phone": _("E.g. 070-123 45 67 or +46 70 123 45 67."),
            "postal_code": _("E.g. 111 51."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_name"].initial = user.first_name
        self.fields["last_name"].initial = user.last_name
        self.fields["first_name"].widget.attrs["autocomplete"] = "given-name"
        self.fields["last_name"].widget.attrs["autocomplete"] = "family-name"
        self.order_fields(["first_name", "last_name"])

    def clean_first_name(self):
        return normalize_name(self.cleaned_data["first_name"])

    def clean_last_name(self):
        return normalize_name(self.cleaned_data["last_name"])

    def clean_town(self):
        value = " ".join(self.cleaned_data["town"].split())
        return normalize_name(value) if value else ""


class DocumentUploadForm(PlainTextForm, forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, Word (DOCX) or OpenDocument (ODT), at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.docx,.odt"}),
    )
    title = forms.CharField(
        label=_("Name"),
        max_length=150,
        required=False,
        help_text=_("Leave empty to use the file's name."),
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=Document.Kind.choices, initial=Document.Kind.CV
    )

    def __init__(self, *args, upload_too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_too_large = upload_too_large
        self.detected_type = None

    def _too_large_error(self):
        return forms.ValidationError(
            _("The file is too large: at most %(limit)s is allowed."),
            code="too_large",
            params={"limit": filesizeformat(settings.MAX_DOCUMENT_SIZE)},
        )

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self.upload_too_large:
            # The upload handler dropped the file before it was stored: say why.
            self.errors.pop("file", None)
            self.add_error("file", self._too_large_error())

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."), code="empty")
        if upload.size > settings.MAX_DOCUMENT_SIZE:
            raise self._too_large_error()
        detected = filetypes.detect(upload)
        if detected is None:
            raise forms.ValidationError(
                _(
                    "This file is not a PDF, DOCX or ODT document (we check the content, not "
                    "the name)."
                ),
                code="file_type",
            )
        if detected.content_type in filetypes.ZIP_BASED:
            self._check_archive(upload)
        try:
            virusscan.scan(upload)
        except virusscan.VirusFound as exc:
            raise forms.ValidationError(
                _("The virus scanner found something harmful in this file, so it was not saved."),
                code="virus",
            ) from exc
        except virusscan.ScanError as exc:
            raise forms.ValidationError(
                _("We could not check the file for viruses just now. Please try again in a while."),
                code="scan_failed",
            ) from exc
        self.detected_type = detected
        return upload

    def _check_archive(self, upload):
        try:
            filetypes.check_archive(upload, size=upload.size)
        except filetypes.ArchiveRefused as exc:
            raise forms.ValidationError(
                ARCHIVE_REFUSALS[exc.reason],
                code=f"archive_{exc.reason}",
                params={
                    "entries": settings.DOCUMENT_ZIP_MAX_ENTRIES,
                    "unpacked": filesizeformat(settings.DOCUMENT_ZIP_MAX_UNPACKED),
                    "ratio": settings.DOCUMENT_ZIP_MAX_RATIO,
                },
            ) from exc


SAVE_AGAIN = _("Save it again from your word processor, or as a PDF, and upload that.")
ARCHIVE_REFUSALS = {
    "entries": format_lazy(
        "{} {}",
        _("This document is made of too many parts (more than %(entries)s)."),
        SAVE_AGAIN,
    ),
    "unpacked": format_lazy(
        "{} {}", _("This document unpacks to more than %(unpacked)s."), SAVE_AGAIN
    ),
    "ratio": format_lazy(
        "{} {}",
        _("This document unpacks to more than %(ratio)s times its own size."),
        SAVE_AGAIN,
    ),
    "broken": format_lazy(
        "{} {}", _("This document is damaged or encrypted, so it cannot be opened."), SAVE_AGAIN
    ),
}


class DocumentRenameForm(PlainTextForm, forms.ModelForm):
    class Meta:
        model = Document
        fields = ["title", "kind"]
        labels = {"title": _("Name"), "kind": _("Kind")}

    def clean_title(self):
        title = " ".join(self.cleaned_data["title"].split())
        if not title:
            raise forms.ValidationError(_("Give the document a name."), code="required")
        return title


class DeleteAccountForm(PlainTextForm, forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="wrong_password")
        return password
