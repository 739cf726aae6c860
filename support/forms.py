from django import forms
from django.utils.translation import gettext_lazy as _

from .models import LongTermReason, SupportRequest


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class SupportRequestAdminForm(forms.ModelForm):
    """Staff keep a thread longer, and answer it: the reply is e-mailed and kept."""

    reply = forms.CharField(
        label=_("Reply"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("E-mailed to the person when you save, and kept on the thread."),
    )
    long_term_reason = forms.ChoiceField(
        label=_("Kept longer because it is about"),
        choices=[("", "---------"), *LongTermReason.choices],
        required=False,
    )

    class Meta:
        model = SupportRequest
        fields = ("long_term_reason",)
