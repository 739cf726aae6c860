"""The one mailer: who it refuses, what it says to a restricted person, and how it renders."""

import logging
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone, translation

from mailer import services as mailer
from mailer.services import MailKind
from privacy import consent, restrictions
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ADDRESS = "person@example.se"
CONTEXT = {
    "inviter": "Karin Lind",
    "company_name": "Bageriet AB",
    "link": "/inbjudan/abc/",
    "days": 7,
}
REASON = "we must send an invoice for every order (the Accounting Act and the VAT Act)."


def send(kind=MailKind.SERVICE, to=ADDRESS, **kwargs):
    if kind is MailKind.LEGAL:
        kwargs.setdefault("legal_reason", REASON)
    return mailer.send("companies_invitation", to=to, context=CONTEXT, kind=kind, **kwargs)


def restrict(*, email=ADDRESS, user=None):
    by = UserFactory(is_staff=True)
    restrictions.restrict(user=user, email=email, reason="Art. 18", by=by, now=timezone.now())


# kind: (sent to a suppressed address, sent to a suppressed address that is the confirmed login
# of an active account, sent to a restricted person)
EXPECTED = {
    MailKind.ACCOUNT: (True, True, True),
    MailKind.SERVICE: (False, True, False),
    MailKind.REPLY: (True, True, False),
    MailKind.LEGAL: (True, True, True),
    MailKind.MARKETING: (False, False, False),
}


@pytest.mark.parametrize("kind", list(MailKind))
@pytest.mark.parametrize("suppressed", [False, True])
@pytest.mark.parametrize("own_account", [False, True])
@pytest.mark.parametrize("restricted", [False, True])
def test_the_refusal_matrix(kind, suppressed, own_account, restricted):
    if own_account:
        UserFactory(email=ADDRESS)
    if suppressed:
        consent.suppress(email=ADDRESS)
    if restricted:
        restrict()
    to_suppressed, to_own_account, to_restricted = EXPECTED[kind]
    goes_when_suppressed = to_own_account if own_account else to_suppressed
    expected = (goes_when_suppressed or not suppressed) and (to_restricted or not restricted)

    assert mailer.may_send(to=ADDRESS, kind=kind) is expected
    assert send(kind) is expected
    assert len(mail.outbox) == int(expected)


def test_every_kind_goes_to_a_person_who_is_neither_suppressed_nor_restricted():
    for kind in MailKind:
        assert send(kind)
    assert len(mail.outbox) == len(MailKind)


def test_a_legal_mail_tells_a_restricted_person_why_it_still_comes():
    restrict()

    assert send(MailKind.LEGAL)

    [message] = mail.outbox
    line = (
        "Du får det här meddelandet trots att du har begärt begränsning av behandlingen av "
        "dina personuppgifter, eftersom lagen kräver det: "
    )
    assert message.body.startswith(line + REASON)
    html = message.alternatives[0][0]
    assert html.index(line) > html.index("<body")
    assert html.index(line) < html.index("Hej")


def test_the_legal_line_is_in_the_recipients_language_with_a_translated_reason():
    from companies.services.billing import INVOICE_REQUIRED_BY

    restrict()

    send(MailKind.LEGAL, language="sv", legal_reason=INVOICE_REQUIRED_BY)
    send(MailKind.LEGAL, language="en", legal_reason=INVOICE_REQUIRED_BY)

    swedish, english = mail.outbox
    assert "eftersom lagen kräver det: vi måste skicka en faktura" in swedish.body
    assert english.body.startswith(
        "You get this message although you have restricted the processing of your personal "
        "data, because the law requires it: we must send an invoice for every order"
    )


def test_a_legal_mail_to_an_unrestricted_person_does_not_mention_the_law():
    consent.suppress(email=ADDRESS)

    send(MailKind.LEGAL)

    assert "lagen kräver" not in mail.outbox[0].body
    assert "lagen kräver" not in mail.outbox[0].alternatives[0][0]


def test_a_legal_mail_needs_its_reason():
    with pytest.raises(ValueError, match="legal_reason"):
        mailer.send("companies_invitation", to=ADDRESS, context=CONTEXT, kind=MailKind.LEGAL)
    assert mail.outbox == []


def test_a_restriction_on_the_account_counts_after_the_address_changed():
    user = UserFactory(email="old@example.se")
    restrict(user=user, email=None)
    user.email = "new@example.se"
    user.save()

    assert not send(to="new@example.se")  # the mailer finds the account by the address
    assert not send(to="other@example.se", user=user)  # or the caller names it
    assert send(to="other@example.se")
    assert [m.to for m in mail.outbox] == [["other@example.se"]]


def test_a_refusal_is_logged_without_the_address(caplog):
    user = UserFactory(email=ADDRESS)
    restrict(user=user)

    with caplog.at_level(logging.INFO, logger="mailer.services"):
        send(MailKind.MARKETING)

    [record] = caplog.records
    assert "refused: restricted" in record.getMessage()
    assert f"user {user.pk}" in record.getMessage()
    assert "example.se" not in record.getMessage()


def test_each_address_gets_its_own_mail_and_a_suppressed_one_none():
    consent.suppress(email="stoppad@example.se")

    assert send(to=["a@example.se", "stoppad@example.se", "b@example.se"])

    assert [m.to for m in mail.outbox] == [["a@example.se"], ["b@example.se"]]


def test_subject_text_and_html_are_rendered_in_the_recipients_language(settings):
    send(language="en")
    send(language="sv")
    send()  # no language known: the site's

    english, swedish, default = mail.outbox
    assert english.subject == f"You are invited to Bageriet AB on {settings.SITE_NAME}"
    assert "Karin Lind invites you to become a contact person" in english.body
    assert '<html lang="en">' in english.alternatives[0][0]
    assert swedish.subject == f"Du är inbjuden till Bageriet AB på {settings.SITE_NAME}"
    assert "Karin Lind bjuder in dig att bli kontaktperson" in swedish.alternatives[0][0]
    assert '<html lang="sv">' in swedish.alternatives[0][0]
    assert default.subject == swedish.subject


def test_an_unknown_or_regional_language_falls_back_to_one_the_site_speaks():
    assert mailer.recipient_language("en-gb") == "en"
    assert mailer.recipient_language("de") == "sv"
    assert mailer.recipient_language(None) == "sv"


def test_the_site_context_is_added_in_one_place(settings):
    settings.SITE_URL = "https://workwithus.example"

    send()

    assert "https://workwithus.example/inbjudan/abc/" in mail.outbox[0].body
    assert settings.SITE_NAME in mail.outbox[0].body


def test_the_subject_is_one_line():
    subject, _text, _html = mailer.render(
        mailer.Templates.named("companies_invitation"),
        {**CONTEXT, "company_name": "Bageriet\nAB"},
    )
    assert subject == "Du är inbjuden till Bageriet AB på WorkWithUs.se"


def test_headers_and_attachments_pass_through():
    send(
        MailKind.MARKETING,
        headers={"List-Unsubscribe": "<https://x.example/u>"},
        attachments=[("faktura-7.pdf", b"%PDF-1.7", "application/pdf")],
    )

    [message] = mail.outbox
    assert message.extra_headers == {"List-Unsubscribe": "<https://x.example/u>"}
    assert message.attachments == [("faktura-7.pdf", b"%PDF-1.7", "application/pdf")]


def test_a_mail_without_an_html_template_is_text_only():
    templates = mailer.Templates(
        subject="emails/companies_invitation_subject.txt",
        text="emails/companies_invitation.txt",
        html="emails/no_such_template.html",
        subject_prefix="[Sajten] ",
    )

    mailer.send(templates, to=ADDRESS, context=CONTEXT, kind=MailKind.ACCOUNT)

    [message] = mail.outbox
    assert message.alternatives == []
    assert message.subject.startswith("[Sajten] Du är inbjuden")


def test_every_site_mail_has_its_subject_text_and_html_templates(settings):
    folder = settings.BASE_DIR / "templates" / "emails"
    names = {p.name.removesuffix("_subject.txt") for p in folder.glob("*_subject.txt")}
    assert names
    for name in names:
        assert (folder / f"{name}.txt").exists(), name
        assert (folder / f"{name}.html").exists(), name
    others = {p.stem for p in folder.iterdir()} - names - {f"{n}_subject" for n in names}
    assert not others, f"e-mail templates without a subject: {others}"


class _Links(HTMLParser):
    """The text of every <a> in an HTML mail."""

    def __init__(self):
        super().__init__()
        self.texts: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._open = []

    def handle_data(self, data):
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._open is not None:
            self.texts.append(" ".join("".join(self._open).split()))
            self._open = None


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize(
    "template",
    sorted(p.name for p in (Path(settings.BASE_DIR) / "templates/emails").glob("*.html")),
)
def test_no_link_in_an_html_mail_ends_with_a_colon(template, language):
    """A colon announces what follows; in a link's own text it announces nothing."""
    context = {
        "unsubscribe_url": "https://example.se/avsluta/",
        "ads": [{"title": "Kock", "url": "/jobb/1/", "municipality": "Umeå"}],
        "url": "https://example.se/x/",
        "invoice": {"number": "2026-0001", "total_ore": 125000},
    }
    with translation.override(language):
        links = _Links()
        links.feed(render_to_string(f"emails/{template}", context))
    assert not [text for text in links.texts if text.endswith(":")]
