"""The MDN HTTP Observatory's grade of this site, measured locally over HTTPS.

    .venv/bin/python bench/observatory.py

There is no network here, so the Observatory's scoring (mdn/mdn-http-observatory: its ten
tests, their modifiers, the extra credit only above 90 and the grade chart) is written out
below and applied to the site served as production serves it: gunicorn with DEBUG off and
production settings, over TLS with a self-signed certificate made at run time in a temporary
folder (trusted by this client only, never written anywhere else), on loopback. A scratch
SQLite database in the same folder gets the demo data and a visitor account.

Pages graded: the home page, a search, an ad and the sign-in page, each as the Observatory
fetches a site (HTTPS, plain HTTP and its redirects, /robots.txt, a CORS preflight), by two
visitors: a new one (no cookies yet), and one who signed in and accepted every cookie on a
site that has a Facebook Pixel configured (the session, language and cookie_consent cookies
and the Pixel's extra sources are then graded too). Prints each test's result and modifier
per page, each page's score and grade, and the lowest score overall; exits 1 below A+.
"""

import http.client
import os
import re
import secrets
import shutil
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

BASE = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
CORS_ORIGIN = "https://http-observatory.security.mozilla.org"

# --- The Observatory's score table (modifier per result) and grade chart.

MODIFIERS = {
    "csp-implemented-with-no-unsafe-default-src-none": 10,
    "csp-implemented-with-no-unsafe": 5,
    "csp-implemented-with-unsafe-inline-in-style-src-only": 0,
    "csp-implemented-with-insecure-scheme-in-passive-content-only": -10,
    "csp-implemented-with-unsafe-eval": -10,
    "csp-implemented-with-unsafe-inline": -20,
    "csp-implemented-with-insecure-scheme": -20,
    "csp-header-invalid": -25,
    "csp-not-implemented": -25,
    "cookies-secure-with-httponly-sessions-and-samesite": 5,
    "cookies-secure-with-httponly-sessions": 0,
    "cookies-not-found": 0,
    "cookies-without-secure-flag-but-protected-by-hsts": -5,
    "cookies-session-without-secure-flag-but-protected-by-hsts": -10,
    "cookies-without-secure-flag": -20,
    "cookies-samesite-flag-invalid": -20,
    "cookies-anticsrf-without-samesite-flag": -20,
    "cookies-session-without-httponly-flag": -30,
    "cookies-session-without-secure-flag": -40,
    "cross-origin-resource-sharing-not-implemented": 0,
    "cross-origin-resource-sharing-implemented-with-public-access": 0,
    "cross-origin-resource-sharing-implemented-with-restricted-access": 0,
    "cross-origin-resource-sharing-implemented-with-universal-access": -50,
    "redirection-to-https": 0,
    "redirection-not-needed-no-http": 0,
    "redirection-off-host-from-http": -5,
    "redirection-not-to-https-on-initial-redirection": -10,
    "redirection-not-to-https": -20,
    "redirection-missing": -20,
    "referrer-policy-private": 5,
    "referrer-policy-not-implemented": 0,
    "referrer-policy-unsafe": -5,
    "referrer-policy-header-invalid": -5,
    "hsts-implemented-max-age-at-least-six-months": 0,
    "hsts-implemented-max-age-less-than-six-months": -10,
    "hsts-not-implemented": -20,
    "hsts-header-invalid": -20,
    "sri-implemented-and-all-scripts-loaded-securely": 5,
    "sri-implemented-and-external-scripts-loaded-securely": 5,
    "sri-not-implemented-but-all-scripts-loaded-from-secure-origin": 0,
    "sri-not-implemented-but-no-scripts-loaded": 0,
    "sri-not-implemented-response-not-html": 0,
    "sri-not-implemented-but-external-scripts-loaded-securely": -5,
    "sri-implemented-but-external-scripts-not-loaded-securely": -20,
    "sri-not-implemented-and-external-scripts-not-loaded-securely": -50,
    "x-content-type-options-nosniff": 0,
    "x-content-type-options-not-implemented": -5,
    "x-content-type-options-header-invalid": -5,
    "x-frame-options-implemented-via-csp": 5,
    "x-frame-options-sameorigin-or-deny": 0,
    "x-frame-options-allow-from-origin": 0,
    "x-frame-options-not-implemented": -20,
    "x-frame-options-header-invalid": -20,
    "cross-origin-resource-policy-implemented-with-same-origin": 10,
    "cross-origin-resource-policy-implemented-with-same-site": 10,
    "cross-origin-resource-policy-implemented-with-cross-origin": 0,
    "cross-origin-resource-policy-not-implemented": 0,
    "cross-origin-resource-policy-header-invalid": -5,
}
GRADES = [
    (100, "A+"),
    (90, "A"),
    (85, "A-"),
    (80, "B+"),
    (70, "B"),
    (65, "B-"),
    (60, "C+"),
    (50, "C"),
    (45, "C-"),
    (40, "D+"),
    (30, "D"),
    (25, "D-"),
    (0, "F"),
]
MINIMUM_FOR_EXTRA_CREDIT = 90
SIX_MONTHS = 15_552_000  # the Observatory's "six months" (it accepts 180 days)
BROAD = {"ftp:", "http:", "https:", "*", "http://*", "http://*.*", "https://*", "https://*.*"}
UNSAFE_INLINE = {"'unsafe-inline'", "data:"}
PASSIVE = ("img-src", "media-src")


def grade(score: int) -> str:
    return next(letter for floor, letter in GRADES if max(score, 0) >= floor)


# --- What one scan fetched.


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, list[str]]  # lower-case name -> values
    body: str = ""

    def header(self, name: str) -> str | None:
        values = self.headers.get(name.lower())
        return values[0] if values else None


@dataclass
class Scan:
    https: Response  # the page over HTTPS, after redirects (the Observatory's "auto")
    http_route: list[Response]  # plain HTTP and every redirect after it
    cors: Response | None
    cookies: list[str] = field(default_factory=list)  # every Set-Cookie of the session


class Meta(HTMLParser):
    """<meta http-equiv> values and <script> elements of a page."""

    def __init__(self):
        super().__init__()
        self.equiv: dict[str, list[str]] = {}
        self.scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "meta" and attributes.get("http-equiv"):
            name = attributes["http-equiv"].lower()
            self.equiv.setdefault(name, []).append(attributes.get("content") or "")
        if tag == "script":
            self.scripts.append(attributes)


# --- The ten tests: each returns its result name.


def parse_csp(policies: list[str]) -> dict[str, set[str]]:
    """One policy (this site sends one): directive -> sources, lower-cased; a repeated
    directive makes it invalid; an empty source list means 'none'."""
    csp: dict[str, set[str]] = {}
    for policy in policies[:1]:
        for entry in policy.replace("\r", "").replace("\n", "").split(";"):
            directive, *sources = entry.strip().split()
            directive = directive.lower()
            if directive in csp:
                raise ValueError(f"duplicate directive {directive}")
            sources = [s.lower() for s in sources]
            csp[directive] = set(sources or (["'none'"] if directive.endswith("-src") else []))
    return csp


def csp_test(scan: Scan) -> tuple[str, dict[str, set[str]]]:
    headers = scan.https.headers.get("content-security-policy", [])
    policies = [policy.strip() for value in headers for policy in value.split(",")]
    if not policies:
        return "csp-not-implemented", {}
    try:
        csp = parse_csp(policies)
    except ValueError:
        return "csp-header-invalid", {}
    default = csp.get("default-src")
    script = set(csp.get("script-src") or default or {"*"})
    style = set(csp.get("style-src") or default or {"*"})
    objects = csp.get("object-src") or default or {"*"}
    for sources in (script, style):
        if any(s.startswith(("'nonce-", "'sha")) for s in sources):
            sources.discard("'unsafe-inline'")
    if "'strict-dynamic'" in script:
        if not any(s.startswith(("'nonce-", "'sha")) for s in script):
            return "csp-header-invalid", csp
        script = {s for s in script if s not in BROAD and s not in {"'self'", "'unsafe-inline'"}}
    active = [s for d, v in csp.items() if d not in PASSIVE and d != "script-src" for s in v]
    active += script
    passive = [s for d in PASSIVE for s in (csp.get(d) or default or set())]
    if script & (BROAD | UNSAFE_INLINE) or objects & BROAD:
        return "csp-implemented-with-unsafe-inline", csp
    if any(s.startswith(("http:", "ftp:")) for s in active):
        return "csp-implemented-with-insecure-scheme", csp
    if "'unsafe-eval'" in script | style:
        return "csp-implemented-with-unsafe-eval", csp
    if any(s.startswith(("http:", "ftp:")) for s in passive):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only", csp
    if style & (BROAD | UNSAFE_INLINE):
        return "csp-implemented-with-unsafe-inline-in-style-src-only", csp
    if default == {"'none'"}:
        return "csp-implemented-with-no-unsafe-default-src-none", csp
    return "csp-implemented-with-no-unsafe", csp


def hsts_test(scan: Scan) -> str:
    header = scan.https.header("Strict-Transport-Security")
    if header is None:
        return "hsts-not-implemented"
    if "," in header:
        return "hsts-header-invalid"
    max_age = None
    for part in (p.strip().lower() for p in header.split(";")):
        if part.startswith("max-age="):
            digits = re.match(r"\d+", part[8:128])
            max_age = int(digits.group()) if digits else None
    if max_age is None:
        return "hsts-header-invalid"
    return (
        "hsts-implemented-max-age-at-least-six-months"
        if max_age >= SIX_MONTHS
        else "hsts-implemented-max-age-less-than-six-months"
    )


COOKIE_BADNESS = [  # from least to most bad
    "cookies-without-secure-flag-but-protected-by-hsts",
    "cookies-without-secure-flag",
    "cookies-session-without-secure-flag-but-protected-by-hsts",
    "cookies-samesite-flag-invalid",
    "cookies-anticsrf-without-samesite-flag",
    "cookies-session-without-httponly-flag",
    "cookies-session-without-secure-flag",
]


def cookies_test(scan: Scan, hsts_ok: bool) -> str:
    if not scan.cookies:
        return "cookies-not-found"
    worst, missing_samesite = -1, False

    def worse(result):
        nonlocal worst
        worst = max(worst, COOKIE_BADNESS.index(result))

    for raw in scan.cookies:
        jar = SimpleCookie()
        jar.load(raw)
        for name, morsel in jar.items():
            samesite = (morsel["samesite"] or "").lower()
            secure = bool(morsel["secure"])
            if re.search(r"(?i)samesite(?!=\s*(lax|strict|none)\b)", raw):
                worse("cookies-samesite-flag-invalid")
            if samesite == "none" and not secure:
                worse("cookies-samesite-flag-invalid")
            session = any(word in name.lower() for word in ("login", "sess"))
            if not secure:
                worse(
                    "cookies-without-secure-flag-but-protected-by-hsts"
                    if hsts_ok
                    else "cookies-without-secure-flag"
                )
            if "csrf" in name.lower() and not samesite:
                worse("cookies-anticsrf-without-samesite-flag")
            if session and not secure:
                worse(
                    "cookies-session-without-secure-flag-but-protected-by-hsts"
                    if hsts_ok
                    else "cookies-session-without-secure-flag"
                )
            if session and not morsel["httponly"]:
                worse("cookies-session-without-httponly-flag")
            missing_samesite = missing_samesite or not samesite
    if worst >= 0:
        return COOKIE_BADNESS[worst]
    if missing_samesite:
        return "cookies-secure-with-httponly-sessions"
    return "cookies-secure-with-httponly-sessions-and-samesite"


def cors_test(scan: Scan) -> str:
    if scan.cors is None or scan.cors.header("Access-Control-Allow-Origin") is None:
        return "cross-origin-resource-sharing-not-implemented"
    allowed = scan.cors.header("Access-Control-Allow-Origin").strip().lower()
    credentials = (scan.cors.header("Access-Control-Allow-Credentials") or "").strip().lower()
    if allowed == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access"
    if allowed == CORS_ORIGIN and credentials == "true":
        return "cross-origin-resource-sharing-implemented-with-universal-access"
    return "cross-origin-resource-sharing-implemented-with-restricted-access"


def redirection_test(scan: Scan) -> str:
    route = scan.http_route
    if not route:
        return "redirection-not-needed-no-http"
    if len(route) == 1:
        return "redirection-missing"
    first, second = urlsplit(route[0].url), urlsplit(route[1].url)
    if urlsplit(route[-1].url).scheme != "https":
        return "redirection-not-to-https"
    if second.scheme == "http":
        return "redirection-not-to-https-on-initial-redirection"
    if first.hostname != second.hostname:
        return "redirection-off-host-from-http"
    return "redirection-to-https"


def referrer_test(scan: Scan, meta: Meta) -> str:
    values = scan.https.headers.get("referrer-policy", []) + meta.equiv.get("referrer", [])
    if not values:
        return "referrer-policy-not-implemented"
    good = {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}
    bad = {"origin", "origin-when-cross-origin", "unsafe-url", "no-referrer-when-downgrade"}
    known = [v.strip().lower() for v in ",".join(values).split(",") if v.strip().lower()]
    known = [v for v in known if v in good | bad]
    if known and known[-1] in good:
        return "referrer-policy-private"
    if known:
        return "referrer-policy-unsafe"
    return "referrer-policy-header-invalid"


def sri_test(scan: Scan, meta: Meta) -> str:
    content_type = (scan.https.header("Content-Type") or "").split(";")[0].strip()
    if content_type and content_type not in {"text/html", "application/xhtml+xml"}:
        return "sri-not-implemented-response-not-html"
    if not meta.scripts:
        return "sri-not-implemented-but-no-scripts-loaded"
    result, foreign = None, False
    order = [
        "sri-implemented-and-all-scripts-loaded-securely",
        "sri-implemented-and-external-scripts-loaded-securely",
        "sri-not-implemented-but-external-scripts-loaded-securely",
        "sri-implemented-but-external-scripts-not-loaded-securely",
        "sri-not-implemented-and-external-scripts-not-loaded-securely",
    ]
    for script in meta.scripts:
        src = script.get("src")
        if not src:
            continue
        relative_origin = not re.match(r"^(https?:)?//", src)
        secure_origin = relative_origin or urlsplit(src).hostname == HOST
        secure_scheme = src.startswith("https://") or relative_origin
        integrity = script.get("integrity")
        if secure_origin:
            if integrity and result is None:
                result = order[0]
            continue
        foreign = True
        if integrity and not secure_scheme:
            candidate = order[3]
        elif not integrity and secure_scheme:
            candidate = order[2]
        elif not integrity:
            candidate = order[4]
        else:
            candidate = order[1]
        if result is None or order.index(candidate) > order.index(result):
            result = candidate
    if result:
        return result
    if foreign:
        return "sri-implemented-and-external-scripts-loaded-securely"
    return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin"


def nosniff_test(scan: Scan) -> str:
    header = scan.https.header("X-Content-Type-Options")
    if header is None:
        return "x-content-type-options-not-implemented"
    if header.strip().lower() == "nosniff":
        return "x-content-type-options-nosniff"
    return "x-content-type-options-header-invalid"


def frame_options_test(scan: Scan, csp: dict[str, set[str]]) -> str:
    if "frame-ancestors" in csp:
        return "x-frame-options-implemented-via-csp"
    header = (scan.https.header("X-Frame-Options") or "").strip().lower()
    if not header:
        return "x-frame-options-not-implemented"
    if header in {"deny", "sameorigin"}:
        return "x-frame-options-sameorigin-or-deny"
    if header.startswith("allow-from"):
        return "x-frame-options-allow-from-origin"
    return "x-frame-options-header-invalid"


def resource_policy_test(scan: Scan, meta: Meta) -> str:
    value = scan.https.header("Cross-Origin-Resource-Policy")
    if value is None and meta.equiv.get("cross-origin-resource-policy"):
        value = meta.equiv["cross-origin-resource-policy"][-1]
    if value is None:
        return "cross-origin-resource-policy-not-implemented"
    return {
        "same-site": "cross-origin-resource-policy-implemented-with-same-site",
        "same-origin": "cross-origin-resource-policy-implemented-with-same-origin",
        "cross-origin": "cross-origin-resource-policy-implemented-with-cross-origin",
    }.get(value.strip().lower(), "cross-origin-resource-policy-header-invalid")


def score(scan: Scan) -> tuple[dict[str, str], int]:
    """Each test's result, and the score as the Observatory adds it up."""
    meta = Meta()
    meta.feed(scan.https.body)
    csp_result, csp = csp_test(scan)
    hsts = hsts_test(scan)
    results = {
        "content-security-policy": csp_result,
        "cookies": cookies_test(scan, hsts == "hsts-implemented-max-age-at-least-six-months"),
        "cross-origin-resource-sharing": cors_test(scan),
        "redirection": redirection_test(scan),
        "referrer-policy": referrer_test(scan, meta),
        "strict-transport-security": hsts,
        "subresource-integrity": sri_test(scan, meta),
        "x-content-type-options": nosniff_test(scan),
        "x-frame-options": frame_options_test(scan, csp),
        "cross-origin-resource-policy": resource_policy_test(scan, meta),
    }
    modifiers = [MODIFIERS[result] for result in results.values()]
    penalties = 100 + sum(m for m in modifiers if m < 0)
    total = 100 + sum(modifiers) if penalties >= MINIMUM_FOR_EXTRA_CREDIT else penalties
    return results, max(total, 0)


# --- Serving the site and fetching pages like the Observatory.


class Client:
    """HTTP(S) to loopback with a cookie jar, following redirects by hand."""

    def __init__(self, https_port: int, http_port: int, cafile: Path):
        self.ports = {"https": https_port, "http": http_port}
        self.context = ssl.create_default_context(cafile=str(cafile))
        self.jar: dict[str, str] = {}
        self.set_cookies: list[str] = []

    def request(self, method, url, *, body=None, headers=None) -> Response:
        parts = urlsplit(url)
        port = parts.port or self.ports[parts.scheme]
        if parts.scheme == "https":
            conn = http.client.HTTPSConnection(HOST, port, context=self.context, timeout=30)
        else:
            conn = http.client.HTTPConnection(HOST, port, timeout=30)
        sent = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
        sent["User-Agent"] = "Mozilla/5.0 (X11; Linux x86_64) observatory-bench"
        if self.jar and parts.scheme == "https":
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.jar.items())
        sent.update(headers or {})
        conn.request(method, parts.path + (f"?{parts.query}" if parts.query else ""), body, sent)
        raw = conn.getresponse()
        headers_ = {}
        for name, value in raw.getheaders():
            headers_.setdefault(name.lower(), []).append(value)
        response = Response(url, raw.status, headers_, raw.read().decode("utf-8", "replace"))
        conn.close()
        for cookie in headers_.get("set-cookie", []):
            self.set_cookies.append(cookie)
            jar = SimpleCookie()
            jar.load(cookie)
            self.jar.update({name: morsel.value for name, morsel in jar.items()})
        return response

    def follow(self, url, **kwargs) -> list[Response]:
        route = [self.request("GET", url, **kwargs)]
        while route[-1].status in (301, 302, 303, 307, 308) and len(route) < 10:
            location = route[-1].header("Location")
            if location.startswith("/"):
                base = urlsplit(route[-1].url)
                location = f"{base.scheme}://{base.netloc}{location}"
            try:
                route.append(self.request("GET", location))
            except (OSError, http.client.HTTPException):
                route.append(Response(location, 0, {}))  # the hop is on record, unreachable
                break
        return route

    def scan(self, path: str) -> Scan:
        https_port, http_port = self.ports["https"], self.ports["http"]
        page = self.follow(f"https://{HOST}:{https_port}{path}")[-1]
        http_route = self.follow(f"http://{HOST}:{http_port}{path}")
        self.request("GET", f"https://{HOST}:{https_port}/robots.txt")
        cors = self.request(
            "OPTIONS",
            page.url,
            headers={"Access-Control-Request-Method": "GET", "Origin": CORS_ORIGIN},
        )
        # The Observatory grades every cookie its session was given: here the visitor's.
        return Scan(page, http_route, cors, list(self.set_cookies))


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def make_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            "-keyout", str(key), "-out", str(cert), "-subj", f"/CN={HOST}",
            "-addext", f"subjectAltName=IP:{HOST}",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def environment(folder: Path, https_port: int, pixel: bool) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS=HOST,
        CSRF_TRUSTED_ORIGINS=f"https://{HOST}:{https_port}",
        SITE_URL=f"https://{HOST}:{https_port}",
        SECURE_SSL_HOST=f"{HOST}:{https_port}",
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        STATIC_ROOT=str(folder / "static"),
        PRIVATE_MEDIA_ROOT=str(folder / "private"),
        FACEBOOK_PIXEL_ID="1234567890" if pixel else "",
        # Production refuses to print mail; nothing is sent here (no mail is asked for).
        EMAIL_URL="smtp://127.0.0.1:2525",
        LOG_LEVEL="WARNING",
    )
    return env


VISITOR_SCRIPT = """
from allauth.account.models import EmailAddress
from accounts.models import User
user = User.objects.create_user(email="{email}", password="{password}")
EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
"""


def prepare(env: dict[str, str], *, email: str, password: str) -> None:
    manage = [PYTHON, "manage.py"]
    for command in (
        ["migrate", "--no-input", "-v", "0"],
        ["seed_demo", "--ads", "20", "--i-know"],  # a scratch database of its own
        ["collectstatic", "--no-input", "-v", "0"],
        ["shell", "-c", VISITOR_SCRIPT.format(email=email, password=password)],
    ):
        subprocess.run([*manage, *command], cwd=BASE, env=env, check=True, capture_output=True)


def serve(env, port, cert=None, key=None) -> subprocess.Popen:
    gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
    command = [gunicorn, "config.wsgi:application", "--bind", f"{HOST}:{port}", "--workers", "2"]
    if cert:
        command += ["--certfile", str(cert), "--keyfile", str(key)]
    return subprocess.Popen(
        command, cwd=BASE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as s:
            if s.connect_ex((HOST, port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"nothing listens on {HOST}:{port}")


def sign_in_and_accept_cookies(client: Client, https_port: int, *, email, password) -> None:
    base = f"https://{HOST}:{https_port}"
    login = client.request("GET", f"{base}/konto/logga-in/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.body).group(1)
    form = {"csrfmiddlewaretoken": token, "login": email, "password": password}
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Referer": f"{base}/"}
    signed_in = client.request(
        "POST", f"{base}/konto/logga-in/", body=urlencode(form), headers=headers
    )
    assert signed_in.status == 302, f"sign-in failed ({signed_in.status})"
    home = client.request("GET", f"{base}/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', home.body).group(1)
    groups = [("cookie_groups", g) for g in ("statistics", "marketing")]
    body = urlencode([("csrfmiddlewaretoken", token), *groups, ("next", "/")])
    client.request("POST", f"{base}/kakor/accept/", body=body, headers=headers)
    language = urlencode({"csrfmiddlewaretoken": token, "language": "sv", "next": "/"})
    client.request("POST", f"{base}/i18n/setlang/", body=language, headers=headers)
    assert {"sessionid", "cookie_consent", "django_language"} <= set(client.jar), client.jar


def pages(client: Client, https_port: int) -> dict[str, str]:
    home = client.request("GET", f"https://{HOST}:{https_port}/").body
    ad = re.search(r'href="(/jobb/\d+/[^"]*)"', home).group(1)
    return {"home": "/", "search": "/jobb/?q=utvecklare", "ad": ad, "sign-in": "/konto/logga-in/"}


def report(visitor: str, scans: dict[str, Scan]) -> int:
    lowest = 1000
    for name, scan in scans.items():
        results, total = score(scan)
        lowest = min(lowest, total)
        print(f"\n{visitor}, {name} ({scan.https.url}): {total} {grade(total)}")
        for test, result in results.items():
            print(f"  {test:32} {MODIFIERS[result]:+4d}  {result}")
    return lowest


def measure(folder: Path, cert: Path, key: Path, visitor: dict[str, str], *, pixel: bool) -> int:
    https_port, http_port = free_port(), free_port()
    env = environment(folder, https_port, pixel)
    servers = [serve(env, https_port, cert, key), serve(env, http_port)]
    try:
        wait_until_up(https_port)
        wait_until_up(http_port)
        client = Client(https_port, http_port, cert)
        title = "New visitor"
        if pixel:
            sign_in_and_accept_cookies(client, https_port, **visitor)
            title = "Signed in, every cookie accepted, Pixel configured"
        paths = pages(client, https_port)
        return report(title, {name: client.scan(path) for name, path in paths.items()})
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)


def main() -> int:
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="observatory-") as name:
        folder = Path(name)
        cert, key = make_certificate(folder)
        visitor = {"email": "observatory@example.se", "password": secrets.token_urlsafe(16)}
        prepare(environment(folder, 0, pixel=False), **visitor)
        lowest = min(
            measure(folder, cert, key, visitor, pixel=False),
            measure(folder, cert, key, visitor, pixel=True),
        )
    print(f"\nOverall (the lowest page): {lowest} {grade(lowest)}")
    print(f"({time.monotonic() - started:.0f} s with the set-up)")
    return 0 if lowest >= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
