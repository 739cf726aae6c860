"""django-allauth's hooks for this site: its mails go through the one mailer.

allauth keeps its own templates (account/email/<name>_subject.txt, _message.txt and an
optional _message.html) and its subject prefix; the mailer renders them in the language of the
request that asked for the mail, as an account mail (see mailer.services for what that means
for suppressed and restricted people).
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from mailer import services as mailer


class AccountAdapter(DefaultAccountAdapter):
    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        request = allauth_context.request
        templates = mailer.Templates(
            subject=f"{template_prefix}_subject.txt",
            text=f"{template_prefix}_message.txt",
            html=f"{template_prefix}_message.html",
            subject_prefix=self.format_email_subject(""),
        )
        mailer.send(
            templates,
            to=email,
            context={
                "request": request,
                "email": email,
                "current_site": get_current_site(request),
                **context,
            },
            kind=mailer.MailKind.ACCOUNT,
            language=translation.get_language(),
        )
