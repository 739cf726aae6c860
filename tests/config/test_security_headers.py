"""The headers the MDN HTTP Observatory grade depends on (bench/observatory.py measures the
grade itself against gunicorn over HTTPS; these tests keep each header from regressing).

The Content-Security-Policy allows nothing from another origin and no inline script or
style without the request's nonce; so every page must carry its inline code with that nonce
and no style attribute or event handler at all.
"""

import json
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.conf import settings as django_settings
from django.contrib import admin
from django.urls import reverse

from tests.factories import AdFactory, UserFactory
from tests.factories.accounts import DocumentFactory
from tests.factories.privacy import create_cookie_rows

pytestmark = pytest.mark.django_db

SIX_MONTHS = 15_552_000  # the Observatory's "six months"
BROAD = {"*", "http:", "https:", "data:", "'unsafe-inline'", "'unsafe-eval'"}
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}
PRODUCTION_SETTINGS = (
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "LANGUAGE_COOKIE_SECURE",
    "COOKIE_CONSENT_SECURE",
)


def production_settings(**env) -> dict:
    """The settings above as config/settings.py makes them with DEBUG off."""
    script = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{n: getattr(settings, n, None) for n in {PRODUCTION_SETTINGS!r}}}))"
    )
    environment = {"DJANGO_SETTINGS_MODULE": "config.settings", "PATH": "/usr/bin:/bin"}
    environment.update(
        DEBUG="false", SECRET_KEY="x" * 50, EMAIL_URL="smtp+tls://ci:ci@mail.example.se:587", **env
    )
    result = subprocess.run(  # noqa: S603 (this interpreter, our own script)
        [sys.executable, "-c", script],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def production():
    return production_settings()


@pytest.fixture
def as_in_production(settings, production):
    for name, value in production.items():
        setattr(settings, name, value)
    return settings


def policy(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


class InlineCode(HTMLParser):
    """Inline scripts and styles with their nonces; style attributes and event handlers."""

    def __init__(self):
        super().__init__()
        self.scripts, self.styles, self.style_attributes, self.handlers = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and "src" not in attributes:
            self.scripts.append((attributes.get("type") or "", attributes.get("nonce")))
        if tag == "style":
            self.styles.append(attributes.get("nonce"))
        if "style" in attributes:
            self.style_attributes.append(tag)
        self.handlers += [f"{tag} {name}" for name in attributes if name.startswith("on")]


def assert_the_policy_lets_the_page_run(response):
    assert response.status_code == 200, response.status_code
    csp = policy(response)
    nonce = next(
        (s[len("'nonce-") : -1] for s in csp["script-src"] if s.startswith("'nonce-")), None
    )
    page = InlineCode()
    page.feed(response.content.decode())
    assert page.handlers == [], "event handler attributes never run under the policy"
    assert page.style_attributes == [], "style attributes never apply under the policy"
    for script_type, script_nonce in page.scripts:
        if script_type in JS_TYPES:  # data blocks (JSON-LD, json_script) never run
            assert script_nonce is not None and script_nonce == nonce, script_type
    for style_nonce in page.styles:
        assert style_nonce is not None and style_nonce == nonce


# --- HSTS and the production switches.


def test_production_asks_for_hsts_of_at_least_six_months_with_subdomains(production):
    assert production["SECURE_HSTS_SECONDS"] >= SIX_MONTHS
    assert production["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert production["SECURE_HSTS_PRELOAD"] is False
    assert production["SECURE_SSL_REDIRECT"] is True


def test_hsts_is_a_setting_preload_only_on_request():
    chosen = production_settings(
        SECURE_HSTS_SECONDS="63072000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        SECURE_HSTS_PRELOAD="true",
    )
    assert chosen["SECURE_HSTS_SECONDS"] == 63072000
    assert chosen["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert chosen["SECURE_HSTS_PRELOAD"] is True


def test_production_marks_every_cookie_of_the_site_secure(production):
    for name in ("SESSION", "CSRF", "LANGUAGE"):
        assert production[f"{name}_COOKIE_SECURE"] is True, name
    assert production["COOKIE_CONSENT_SECURE"] is True


def test_the_hsts_header_over_https(client, as_in_production):
    response = client.get("/", secure=True)
    hsts = [part.strip() for part in response["Strict-Transport-Security"].split(";")]
    assert int(hsts[0].removeprefix("max-age=")) >= SIX_MONTHS
    assert "includeSubDomains" in hsts and "preload" not in hsts


# --- The other headers, on every response.


def test_the_content_security_policy_is_strict(client):
    csp = policy(client.get("/", secure=True))
    assert csp["default-src"] == ["'none'"]
    for directive in ("script-src", "style-src"):
        assert "'self'" in csp[directive]
        assert not BROAD & set(csp[directive]), directive
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    sources = {source for values in csp.values() for source in values}
    assert not {s for s in sources if s.startswith(("http:", "https:"))}, "another origin"


def test_permissions_policy_cross_origin_and_the_classic_headers(client):
    response = client.get("/", secure=True)
    features = dict(part.strip().split("=") for part in response["Permissions-Policy"].split(","))
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[feature] == "()", feature
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


# --- Cookies: Secure over HTTPS, whatever set them.


@pytest.fixture
def cookie_groups():
    create_cookie_rows()


def test_the_cookie_consent_cookie_is_secure_over_https(client, cookie_groups):
    response = client.post(
        "/kakor/accept/", {"cookie_groups": ["marketing"], "next": "/"}, secure=True
    )
    cookie = response.cookies["cookie_consent"]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax" and cookie["httponly"] is True


def test_session_csrf_and_language_cookies_are_secure_over_https(client):
    UserFactory(email="asa@example.se")
    page = client.get(reverse("account_login"), secure=True)
    assert page.cookies["csrftoken"]["secure"] is True
    assert page.cookies["csrftoken"]["samesite"] == "Lax"
    signed_in = client.post(
        reverse("account_login"),
        {"login": "asa@example.se", "password": "correct horse battery staple"},
        secure=True,
    )
    assert signed_in.status_code == 302
    session = signed_in.cookies["sessionid"]
    assert session["secure"] is True and session["httponly"] is True
    assert session["samesite"] == "Lax"
    language = client.post("/i18n/setlang/", {"language": "en", "next": "/"}, secure=True)
    assert language.cookies["django_language"]["secure"] is True
    assert language.cookies["django_language"]["samesite"] == "Lax"


def test_over_plain_http_in_development_cookies_still_work(client):
    page = client.get(reverse("account_login"))
    assert not page.cookies["csrftoken"]["secure"]


# --- Every page runs under the policy.


@pytest.fixture
def ad(taxonomy):
    return AdFactory()


def test_public_pages_carry_inline_code_only_with_the_nonce(client, ad, cookie_groups):
    for url in (
        "/",
        "/en/",
        reverse("jobs:search") + "?q=utvecklare",
        ad.get_absolute_url(),
        reverse("account_login"),
        reverse("account_signup"),
        reverse("account_reset_password"),
        "/kakor/",
        reverse("privacy:notice"),
    ):
        assert_the_policy_lets_the_page_run(client.get(url, secure=True))


def test_signed_in_pages_carry_inline_code_only_with_the_nonce(client, taxonomy):
    seeker = UserFactory()
    DocumentFactory(owner=seeker)
    client.force_login(seeker)
    # The TOTP set-up page (its QR code is a data: image) asks for the password again.
    client.post(
        reverse("account_reauthenticate"),
        {"password": "correct horse battery staple"},
        secure=True,
    )
    for url in (reverse("accounts:documents"), reverse("mfa_activate_totp")):
        assert_the_policy_lets_the_page_run(client.get(url, secure=True))


@pytest.fixture
def staff_client(client, admin_user):
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=admin_user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    client.force_login(admin_user)
    return client


def test_every_admin_list_runs_under_the_policy(staff_client, taxonomy):
    assert_the_policy_lets_the_page_run(staff_client.get(reverse("admin:index"), secure=True))
    for model in admin.site._registry:
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        assert_the_policy_lets_the_page_run(staff_client.get(url, secure=True))


def test_the_periodic_task_form_script_carries_the_nonce(staff_client):
    response = staff_client.get(reverse("admin:django_celery_beat_periodictask_add"), secure=True)
    assert 'id="periodic-task-overrides" nonce="' in response.text
    assert_the_policy_lets_the_page_run(response)


# --- Another origin only where a page needs it.


def test_the_pixel_gets_the_nonce_and_facebook_only_after_consent(client, settings, cookie_groups):
    settings.FACEBOOK_PIXEL_ID = "1234567890"
    before = client.get("/", secure=True)
    assert "facebook" not in before["Content-Security-Policy"]
    client.post("/kakor/accept/", {"cookie_groups": ["marketing"]}, secure=True)
    after = client.get("/", secure=True)
    csp = policy(after)
    assert "https://connect.facebook.net" in csp["script-src"]
    assert "https://www.facebook.com" in csp["img-src"]
    assert "https://www.facebook.com" in csp["connect-src"]
    assert "fbq('init', '1234567890')" in after.text
    assert_the_policy_lets_the_page_run(after)


def test_no_pixel_id_no_facebook_even_after_consent(client, cookie_groups):
    client.post("/kakor/accept/", {"cookie_groups": ["marketing"]}, secure=True)
    assert "facebook" not in client.get("/", secure=True)["Content-Security-Policy"]


def test_an_ad_that_takes_applications_elsewhere_lets_its_form_go_there_only(client, taxonomy):
    elsewhere = AdFactory(apply_method="url", apply_url="https://jobb.foretaget.se/ansok?id=7")
    by_mail = AdFactory(apply_method="email", apply_email="jobb@foretaget.se")
    portal = AdFactory()
    form_action = policy(client.get(elsewhere.get_absolute_url(), secure=True))["form-action"]
    assert form_action == ["'self'", "https://jobb.foretaget.se"]
    # By e-mail, the button comes back to the page with the address: nowhere else.
    assert policy(client.get(by_mail.get_absolute_url(), secure=True))["form-action"] == ["'self'"]
    assert policy(client.get(portal.get_absolute_url(), secure=True))["form-action"] == ["'self'"]
