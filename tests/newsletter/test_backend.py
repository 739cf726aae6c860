"""Mail goes through django-anymail's Mandrill backend when MANDRILL_API_KEY is set (then no
EMAIL_URL is needed in production); otherwise through EMAIL_URL (the console locally)."""

import pytest
from anymail.backends.mandrill import EmailBackend
from django.core import mail
from django.core.mail import EmailMessage

from tests.config.test_settings import PRODUCTION, _import_settings

CODE = "import config.settings as s; print(s.EMAIL_BACKEND, s.ANYMAIL['MANDRILL_API_KEY'])"


def test_a_mandrill_key_selects_anymails_mandrill_backend_in_production():
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_URL"}
    result = _import_settings(code=CODE, MANDRILL_API_KEY="key-123", **env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["anymail.backends.mandrill.EmailBackend", "key-123"]


def test_without_a_key_production_still_needs_a_mail_server():
    env = {k: v for k, v in PRODUCTION.items() if k != "EMAIL_URL"}
    assert _import_settings(MANDRILL_API_KEY="", **env).returncode != 0


def test_the_mandrill_backend_sends_the_one_click_headers(settings, monkeypatch):
    settings.ANYMAIL = {"MANDRILL_API_KEY": "key-123"}
    posted = {}

    def fake_post(self, payload, message):
        posted.update(payload.get_request_params("https://mandrillapp.com/api/1.0/"))
        raise RuntimeError("stop before the network")

    monkeypatch.setattr(EmailBackend, "post_to_esp", fake_post)
    message = EmailMessage(
        "Nytt",
        "Hej",
        to=["a@example.se"],
        headers={"List-Unsubscribe": "<https://x/u/>", "List-Unsubscribe-Post": "One-Click"},
        connection=mail.get_connection("anymail.backends.mandrill.EmailBackend"),
    )
    with pytest.raises(RuntimeError):
        message.send()
    assert '"List-Unsubscribe": "<https://x/u/>"' in posted["data"]
