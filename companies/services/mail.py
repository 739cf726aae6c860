"""Sending this app's e-mails from templates/emails/companies_<name>_{subject,txt,html}."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from privacy.consent import is_suppressed
from privacy.restrictions import is_restricted


def may_mail(email: str) -> bool:
    """A person who restricted processing or is on the suppression list gets no invitation.
    (Invoices and reminders still go to the company: bookkeeping and legal claims.)"""
    return not (is_suppressed(email) or is_restricted(email=email))


def send(name: str, *, to: str, context: dict, attachments=(), language: str = "sv") -> None:
    context = {"SITE_NAME": settings.SITE_NAME, "SITE_URL": settings.SITE_URL, **context}
    with translation.override(language):
        subject = render_to_string(f"emails/companies_{name}_subject.txt", context)
        text = render_to_string(f"emails/companies_{name}.txt", context)
        html = render_to_string(f"emails/companies_{name}.html", context)
    message = EmailMultiAlternatives(" ".join(subject.split()), text, to=[to])
    message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()
