from django import forms
from django.utils.translation import gettext_lazy as _

from config.text import PlainTextForm

from .models import LongTermReason, ReportReason, SupportRequest


class ContactForm(PlainTextForm, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("Your e-mail address"), max_length=254)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    message = forms.CharField(
        label=_("Message"), max_length=5000, widget=forms.Textarea(attrs={"rows": 8})
    )


class ReportAdForm(PlainTextForm, forms.Form):
    """A visitor tells us what is wrong with an ad. Only the reason is required: the address
    is for an answer, if they want one."""

    reason = forms.ChoiceField(
        label=_("What is wrong with the ad?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what is wrong with the ad.")},
    )
    details = forms.CharField(
        label=_("Tell us more"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you saw, and where in the ad. Required if you chose “Something else”."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only if you want to hear what we did about it."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ReportReason.OTHER and not cleaned.get("details", "").strip():
            self.add_error("details", _("Tell us what is wrong with the ad."))
        return cleaned


class SupportRequestAdminForm(PlainTextForm, forms.ModelForm):
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

    def clean_reply(self):
        reply = self.cleaned_data.get("reply", "")
        if reply.strip() and not self.instance.email:
            raise forms.ValidationError(
                _("This person left no e-mail address: there is no one to send a reply to.")
            )
        return reply
