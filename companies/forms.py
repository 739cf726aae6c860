import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobs.models import Ad, ApplyMethod, SalaryType

from .models import Company, Membership, Product
from .orgnr import normalize_org_number
from .services.ads import AD_FIELDS


class CompanyForm(forms.Form):
    name = forms.CharField(label=_("Company name"), max_length=200)
    org_number = forms.CharField(
        label=_("Organisation number"), max_length=20, help_text=_("Ten digits, like 556677-8899.")
    )
    email = forms.EmailField(
        label=_("Company e-mail"), help_text=_("Invoices are sent to this address.")
    )
    phone = forms.CharField(label=_("Phone"), max_length=30)
    street = forms.CharField(label=_("Street address"), max_length=200)
    postal_code = forms.CharField(label=_("Postal code"), max_length=6)
    town = forms.CharField(label=_("Town"), max_length=100)

    def clean_org_number(self):
        number = normalize_org_number(self.cleaned_data["org_number"])
        if Company.objects.filter(org_number=number).exists():
            raise ValidationError(
                _(
                    "A company with this organisation number is already "
                    "registered. Ask its contact person to invite you."
                ),
                code="unique",
            )
        return number


class CompanyDetailsForm(forms.ModelForm):
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")

    class Meta:
        model = Company
        fields = (
            "name",
            "email",
            "phone",
            "street",
            "postal_code",
            "town",
            "website",
            "description",
        )
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
            "email": _("Invoices are sent to this address."),
            "description": _("Shown with your ads."),
        }


class AdForm(forms.ModelForm):
    """What the employer writes. The last day to apply may be at most `max_days` away."""

    apply_url = forms.URLField(
        label=Ad._meta.get_field("apply_url").verbose_name,
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = Ad
        fields = AD_FIELDS
        widgets = {
            "last_application_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 12}),
            "salary_type": forms.RadioSelect,
            "apply_method": forms.RadioSelect,
        }
        help_texts = {
            "salary_text": _('Optional, e.g. "Salary by agreement, commission on top".'),
            "contact_name": _("Shown on the ad while it is open, and removed when it ends."),
        }

    def __init__(self, *args, max_days: int, today: dt.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.max_days, self.today = max_days, today
        self.fields["contact_name"].required = True
        self.fields["municipality"].queryset = self.fields["municipality"].queryset.order_by("name")
        self.fields["occupation"].queryset = self.fields["occupation"].queryset.order_by("name")

    def clean_last_application_date(self):
        day = self.cleaned_data["last_application_date"]
        if day < self.today:
            raise ValidationError(_("The last day to apply cannot be in the past."))
        if day > self.today + dt.timedelta(days=self.max_days):
            raise ValidationError(
                _("The last day to apply can be at most %(days)s days away."),
                params={"days": self.max_days},
            )
        return day

    def clean(self):
        data = super().clean()
        self._clean_salary(data)
        self._clean_apply(data)
        return data

    def _clean_salary(self, data):
        if data.get("salary_type") == SalaryType.BEFORE_INTERVIEW:
            data["salary_min"] = data["salary_max"] = None
            return
        low, high = data.get("salary_min"), data.get("salary_max")
        if low is None:
            self.add_error("salary_min", _("Give the lowest salary of the range."))
        if high is None:
            self.add_error("salary_max", _("Give the highest salary of the range."))
        if low is not None and high is not None and high < low:
            self.add_error("salary_max", _("The highest salary cannot be below the lowest."))

    def _clean_apply(self, data):
        method = data.get("apply_method")
        if method == ApplyMethod.URL and not data.get("apply_url"):
            self.add_error("apply_url", _("Give the link where applicants apply."))
        if method == ApplyMethod.EMAIL and not data.get("apply_email"):
            self.add_error("apply_email", _("Give the e-mail address applications go to."))
        if method != ApplyMethod.URL:
            data["apply_url"] = ""
        if method != ApplyMethod.EMAIL:
            data["apply_email"] = ""


def max_product_days() -> int:
    return max(Product.objects.available().values_list("days", flat=True), default=30)


def ad_form(data=None, *, instance=None, now=None) -> AdForm:
    """A live ad's last day to apply stays within its paid period; otherwise the longest
    product's period is the limit (the product is chosen when ordering)."""
    today = timezone.localdate(now)
    max_days = max_product_days()
    if instance is not None and instance.pk and instance.is_public(now or timezone.now()):
        order = instance.orders.order_by("-created_at", "-id").first()
        if order is not None:
            paid_end = timezone.localdate(instance.published_at + dt.timedelta(days=order.days))
            max_days = max(0, (paid_end - today).days)
    return AdForm(data, instance=instance, max_days=max_days, today=today)


class OrderForm(forms.Form):
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


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(
        label=_("Role"), choices=Membership.Role.choices, initial=Membership.Role.MEMBER
    )


class TakeDownForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason shown to the employer"), widget=forms.Textarea, max_length=2000
    )
