"""The load scenario of bench/load.py (locust): who uses the site, and how often.

Proportions as a job board sees them: most people search and read ads; a few seekers sign
in and apply with a CV; a few employers sign in and read their inbox. Each simulated person
comes from an address of their own (X-Forwarded-For behind one trusted proxy, as behind the
load balancer), so per-client rate limits apply to each as to a real person. The numbers
(ad ids, accounts) come from bench/load.py through the environment.
"""

import itertools
import os
import random
import re

from locust import HttpUser, between, task

AD_FIRST = int(os.environ.get("LOAD_AD_FIRST", "1"))
AD_LAST = int(os.environ.get("LOAD_AD_LAST", "100000"))
SEEKERS = int(os.environ.get("LOAD_SEEKERS", "0"))
EMPLOYERS = int(os.environ.get("LOAD_EMPLOYERS", "0"))
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
WORDS = ["erfarenhet", "utvecklare", "lager", "kock", "sjuksköterska", "truck", "kundtjänst"]
_addresses = itertools.count(1)
_seekers = itertools.count(0)
_employers = itertools.count(0)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def pdf(text: str) -> bytes:
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class Person(HttpUser):
    abstract = True

    def on_start(self):
        n = next(_addresses)
        self.client.headers["X-Forwarded-For"] = f"10.{n // 65536 % 256}.{n // 256 % 256}.{n % 256}"
        self.client.headers["User-Agent"] = "Mozilla/5.0 (Load test) Chrome/130.0"
        # The bench's throw-away certificate; Django checks the Referer of HTTPS posts.
        self.client.verify = False
        self.client.headers["Referer"] = f"{self.host}/"

    def token(self, url: str, name: str) -> str:
        page = self.client.get(url, name=name)
        match = CSRF.search(page.text)
        return match.group(1) if match else ""

    def sign_in(self, email: str) -> None:
        token = self.token("/konto/logga-in/", "sign in")
        self.client.post(
            "/konto/logga-in/",
            {"csrfmiddlewaretoken": token, "login": email, "password": PASSWORD},
            name="sign in",
        )


class Visitor(Person):
    weight = 16
    wait_time = between(1, 4)

    @task(5)
    def search(self):
        params = {"q": random.choice(WORDS)}
        if random.random() < 0.3:
            params["sort"] = "newest"
        self.client.get("/jobb/", params=params, name="search")

    @task(2)
    def browse(self):
        self.client.get("/jobb/", params={"page": random.randint(1, 20)}, name="list")

    @task(6)
    def read_ad(self):
        self.client.get(f"/jobb/{random.randint(AD_FIRST, AD_LAST)}/", name="ad page")

    @task(1)
    def home(self):
        self.client.get("/", name="home")


class Seeker(Person):
    weight = 2
    wait_time = between(15, 25)  # a person writes an application; under the apply limits

    def on_start(self):
        super().on_start()
        self.number = next(_seekers) % max(SEEKERS, 1)
        self.sign_in(f"seeker{self.number}@load.example")

    @task
    def apply(self):
        ad = random.randint(AD_FIRST, AD_LAST)
        url = f"/jobb/{ad}/ansok/"
        token = self.token(url, "apply (form)")
        self.client.post(
            url,
            data={"csrfmiddlewaretoken": token, "message": "Jag söker tjänsten."},
            files={"upload": ("CV.pdf", pdf(f"CV {self.number}"), "application/pdf")},
            name="apply (send with CV)",
        )


class Employer(Person):
    weight = 2
    wait_time = between(3, 8)

    def on_start(self):
        super().on_start()
        self.sign_in(f"employer{next(_employers) % max(EMPLOYERS, 1)}@load.example")

    @task
    def inbox(self):
        self.client.get("/arbetsgivare/ansokningar/", name="employer inbox")
