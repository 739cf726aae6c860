import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.forms import SwedishContactFields
from accounts.validators import check_email_length
from config.fields import PublicURLField
from config.text import PlainTextForm, single_line
from jobs.forms import MESSAGE_MAX_LENGTH, AdForm, limit_length

from .logos import LOGO_MAX_BYTES, LogoRefused, clean_logo
from .models import Company, Invoice, Membership, Payment, Product
from .money import format_sek
from .orgnr import normalize_org_number
from .services.registration import COMPANY_FIELDS

# The contact fields as both company forms ask for them (registering and changing).
PHONE_HELP = _("E.g. 08-123 456 78 or +46 8 123 456 78.")
PHONE_WIDGET = forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})
POSTAL_CODE_HELP = _("E.g. 111 51.")
POSTAL_CODE_WIDGET = forms.TextInput(attrs={"autocomplete": "postal-code", "inputmode": "numeric"})
EMAIL_HELP = _("Invoices are sent to this address.")


class CompanyForm(SwedishContactFields, PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Company name"), max_length=200)
    org_number = forms.CharField(
        label=_("Organisation number"), max_length=20, help_text=_("Ten digits, like 556677-8899.")
    )
    email = forms.EmailField(
        label=_("Company e-mail"), help_text=EMAIL_HELP, validators=[check_email_length]
    )
    phone = forms.CharField(
        label=_("Phone"), max_length=30, help_text=PHONE_HELP, widget=PHONE_WIDGET
    )
    street = forms.CharField(label=_("Street address"), max_length=200)
    postal_code = forms.CharField(
        label=_("Postal code"), max_length=8, help_text=POSTAL_CODE_HELP, widget=POSTAL_CODE_WIDGET
    )
    town = forms.CharField(label=_("Town"), max_length=100)

    def __init__(self, *args, now: dt.datetime, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate(now)  # a sole trader's latest date of birth

    def clean_org_number(self):
        number = normalize_org_number(self.cleaned_data["org_number"], today=self.today)
        if Company.objects.filter(org_number=number).exists():
            raise ValidationError(
                _(
                    "A company with this organisation number is already "
                    "registered. Ask its contact person to invite you."
                ),
                code="unique",
            )
        return number


class CompanyDetailsForm(SwedishContactFields, PlainTextForm, forms.ModelForm):
    website = PublicURLField(label=_("Website"), required=False)
    logo_upload = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_("PNG, JPEG, GIF or WebP, at most 2 MB. Shown with your ads and on your page."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}
        ),
    )
    remove_logo = forms.BooleanField(label=_("Remove the logo"), required=False)

    class Meta:
        model = Company
        fields = COMPANY_FIELDS
        labels = {
            "name": _("Company name"),
            "email": _("Company e-mail"),
            "phone": _("Phone"),
            "street": _("Street address"),
            "postal_code": _("Postal code"),
            "town": _("Town"),
            "description": _("About the company"),
        }
        help_texts = {
            "email": EMAIL_HELP,
            "phone": PHONE_HELP,
            "postal_code": POSTAL_CODE_HELP,
            "description": _("Shown with your ads."),
        }
        widgets = {"phone": PHONE_WIDGET, "postal_code": POSTAL_CODE_WIDGET}

    def __init__(self, *args, upload_too_large=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_too_large = upload_too_large
        limit_length(self.fields["description"], MESSAGE_MAX_LENGTH)
        if not (self.instance and self.instance.logo):
            del self.fields["remove_logo"]

    def clean_logo_upload(self):
        """The clean logo (companies.logos), or None when no file was sent."""
        upload = self.cleaned_data.get("logo_upload")
        if self.upload_too_large or (upload and upload.size > LOGO_MAX_BYTES):
            raise ValidationError(
                _("The file is too large: a logo may be at most %(size)s MB."),
                params={"size": LOGO_MAX_BYTES // (1024 * 1024)},
                code="too_large",
            )
        if not upload:
            return None
        try:
            return clean_logo(upload.read())
        except LogoRefused as error:
            raise ValidationError(str(error), code="invalid_image") from error


def max_product_days() -> int:
    return max(Product.objects.available().values_list("days", flat=True), default=30)


def ad_form(data=None, *, instance=None, now=None) -> AdForm:
    """The ad form with the longest product's period as the limit of the last day to apply
    (the product is chosen when ordering); a live ad keeps to its paid period."""
    return AdForm(data, instance=instance, longest_days=max_product_days(), now=now)


class OrderForm(PlainTextForm, forms.Form):
    product = forms.ModelChoiceField(
        label=_("Product"),
        queryset=Product.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = Product.objects.available()
        self.fields["product"].label_from_instance = lambda p: p.display_name


class InviteForm(PlainTextForm, forms.Form):
    email = forms.EmailField(label=_("E-mail address"), validators=[check_email_length])
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class AdsFilterForm(PlainTextForm, forms.Form):
    """The dashboard's ads narrowed by words of the title and by where they are; any input
    gives a list (too long words are cut, an unknown state shows every ad)."""

    STATES = (
        ("", _("All ads")),
        ("live", _("Shown now")),
        ("waiting", _("Drafts and waiting")),
        ("ended", _("Ended ads")),
    )

    q = forms.CharField(
        label=_("Words in the title"),
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    state = forms.ChoiceField(label=_("Show"), choices=STATES, required=False)

    def criteria(self) -> tuple[str, str]:
        """(words, state) to narrow by; ("", "") for none."""
        words = " ".join(single_line(str(self.data.get("q", ""))).split())[:150]
        state = str(self.data.get("state", ""))
        return words, state if state in dict(self.STATES) else ""


PAYMENT_FIELDS = ("invoice", "amount_ore", "paid_on", "reference")
# The database's limit for an amount, said in the form rather than met as an error.
MOST_ORE = 2_147_483_647


class PaymentAdminForm(PlainTextForm, forms.ModelForm):
    """What staff type before the service registers a payment, checked against the
    invoice: more than 0 kr, dated neither after today nor before the invoice, and what is
    still owed on it unless staff confirm another amount (a part payment; kronor typed into
    the öre field)."""

    amount_ore = forms.IntegerField(
        label=_("amount (öre)"),
        min_value=1,
        max_value=MOST_ORE,
        error_messages={
            "min_value": _("A payment must be more than 0 kr."),
            "max_value": _("The amount is too large for one payment."),
        },
    )
    confirm_amount = forms.BooleanField(
        label=_("The amount differs from what is owed on the invoice: register it anyway"),
        required=False,
    )

    class Meta:
        model = Payment
        fields = PAYMENT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = timezone.localdate()

    def clean(self):
        data = super().clean()
        invoice, paid_on = data.get("invoice"), data.get("paid_on")
        if paid_on and paid_on > self.today:
            self.add_error(
                "paid_on",
                _("A payment cannot be dated after today (%(today)s).")
                % {"today": self.today.isoformat()},
            )
        elif invoice and paid_on and paid_on < invoice.issued_on:
            self.add_error(
                "paid_on",
                _("The payment is dated before the invoice's date (%(issued)s).")
                % {"issued": invoice.issued_on.isoformat()},
            )
        amount = data.get("amount_ore")
        if invoice and amount and not data.get("confirm_amount"):
            self._check_owed(invoice, amount)
        return data

    def _check_owed(self, invoice: Invoice, amount: int) -> None:
        paid = invoice.payments.aggregate(total=Sum("amount_ore"))["total"] or 0
        owed = invoice.total_ore - paid
        if owed <= 0:
            message = _("Invoice %(number)s is already paid in full.") % {"number": invoice.number}
        elif amount != owed:
            message = _("%(owed)s is still owed on invoice %(number)s, not %(amount)s.") % {
                "owed": format_sek(owed),
                "number": invoice.number,
                "amount": format_sek(amount),
            }
        else:
            return
        self.add_error("amount_ore", message)
        self.add_error("confirm_amount", _("Tick this to register the amount anyway."))
