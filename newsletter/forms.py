from django import forms
from django.utils.translation import gettext_lazy as _

from config.text import PlainTextForm

from .models import Subscriber


class SignupForm(PlainTextForm, forms.Form):
    """Used with prefix="newsletter": the footer's field never clashes with a page's own."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Enter your e-mail address."),
            "invalid": _("Enter a valid e-mail address, like name@example.se."),
        },
    )
    tracking = forms.BooleanField(required=False, initial=False)
    source = forms.ChoiceField(
        choices=[(Subscriber.Source.FOOTER, ""), (Subscriber.Source.PAGE, "")],
        required=False,
        widget=forms.HiddenInput,
    )


class SubscribeMeForm(PlainTextForm, forms.Form):
    tracking = forms.BooleanField(required=False, initial=False)
