from django import forms
from django.utils.translation import gettext_lazy as _

from config.text import PlainTextForm

from .models import Kind


class RequestForm(PlainTextForm, forms.Form):
    kind = forms.ChoiceField(label=_("Which right do you want to use?"), choices=Kind.choices)
    message = forms.CharField(
        label=_("Message (optional)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PublicRequestForm(RequestForm):
    email = forms.EmailField(
        label=_("The e-mail address the request is about"),
        max_length=254,
        help_text=_("We send a link there: the request counts once you open it."),
    )

    field_order = ["kind", "email", "message"]
