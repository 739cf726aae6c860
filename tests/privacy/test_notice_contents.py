"""The published notice says all the seed notice says (for what the product does), and
nothing false: compared item by item with ../shared/seed/privacy-notice.sv.txt, in Swedish
and English, following ../shared/spec/privacy-rules.md (legal bases, sole traders, which
processors to list)."""

import csv
import html
import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from privacy import registry
from privacy.vocabulary import LegalBasis
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Each data item of the seed, by data subject: (the seed's words, what our notice lists in
# Swedish, in English). Where the product records less than the seed says, the notice says
# the smaller truth (e.g. a shortened IP address, the referring site's name only).
SEED_ITEMS = [
    # Jobbsökare
    ("seeker", "E-postadress", "E-postadress", "E-mail address"),
    ("seeker", "Förnamn och efternamn", "Förnamn och efternamn", "First and last name"),
    ("seeker", "Adress", "Adress", "Address"),
    ("seeker", "Telefonnummer", "Telefonnummer", "Phone number"),
    (
        "seeker",
        "Jobbintressen",
        "Jobbintressen (yrken och kommuner)",
        "Job interests (occupations and municipalities)",
    ),
    # Företag och kontaktpersoner
    (
        "company_contact",
        "Företagsnamn",
        "Företagsnamn (en enskild näringsidkares är hens eget namn)",
        "Company name (a sole trader's is their own name)",
    ),
    (
        "company_contact",
        "Företagets e-postadress",
        "Företagets e-postadress",
        "Company e-mail address",
    ),
    ("company_contact", "Företagsadress", "Företagsadress", "Company address"),
    (
        "company_contact",
        "Företagets telefonnummer",
        "Företagets telefonnummer",
        "Company phone number",
    ),
    (
        "company_contact",
        "Organisationsnummer",
        "Organisationsnummer (en enskild näringsidkares är hens personnummer)",
        "Organisation number (a sole trader's is their personal identity number)",
    ),
    (
        "company_contact",
        "Förnamn och efternamn på kontaktperson(er); e-postadress till kontaktperson(er)",
        "Kontaktpersoners namn och e-postadresser, och deras roll",
        "Contact persons' names and e-mail addresses, and their role",
    ),
    (
        "company_contact",
        "Telefonnummer till kontaktperson(er)",
        "Namn, e-postadress och telefonnummer till annonsens kontaktperson",
        "Name, e-mail address and phone number of the ad's contact person",
    ),
    (
        "company_contact",
        "Eventuell kommunikation angående avtal med kontaktperson/företag",
        "Kommunikation om avtal med kontaktpersonen eller företaget",
        "Correspondence about agreements with the contact person or the company",
    ),
    (
        "company_contact",
        "Kundstatus - lead (potentiell kund), betalande kund",
        "Kundstatus: lead (potentiell kund) eller betalande kund",
        "Customer status: lead (potential customer) or paying customer",
    ),
    (
        "company_contact",
        "Dokumentation av köp (jobbannonsbeställning)",
        "Dokumentation av köp (beställningar av jobbannonser)",
        "Documentation of purchases (orders of job ads)",
    ),
    (
        "company_contact",
        "Faktureringsinformation",
        "Faktureringsinformation (köparens namn, organisationsnummer, adress och e-postadress)",
        "Billing information (name, organisation number, address and e-mail of the buyer)",
    ),
    # Hemsidesbesökare
    (
        "visitor",
        "Tekniska identifierare",
        "En teknisk identifierare som grupperar dina besök under ett dygn och byts varje dag",
        "A technical identifier that groups your visits within one day and changes every day",
    ),
    (
        "visitor",
        "IP-adress",
        "Din IP-adress, förkortad till sitt nätverk (IPv4 /24, IPv6 /48)",
        "Your IP address, shortened to its network (IPv4 /24, IPv6 /48)",
    ),
    (
        "visitor",
        "Typ av enhet",
        "Typ av enhet (dator, mobil, surfplatta)",
        "Type of device (computer, mobile, tablet)",
    ),
    (
        "visitor",
        "Webbläsartyp, webbläsar-ID och språkinställningar",
        "Webbläsartyp och språkinställning",
        "Browser type and language setting",
    ),
    (
        "visitor",
        "Vilken hemsida som hänvisade dig",
        "Webbplatsen som hänvisade dig till oss (bara dess namn)",
        "The site that referred you to us (its name only)",
    ),
    (
        "visitor",
        "Vilka delar ... inklusive annonser, du tittar på, tidpunkt ... och antal besök",
        "Vilka annonser du tittar på, när, och hur ofta under ett dygn",
        "Which ads you view, when, and how often in one day",
    ),
    (
        "visitor",
        "Systemhandlingar (visade jobbannonser, visade kontaktinformation)",
        "Vilka annonsers kontaktuppgifter du visar, och när",
        "Which ads' contact details you reveal, and when",
    ),
    # Kontaktförfrågningar och korrespondens: today the requests about one's data (the
    # support app adds its requests with its own declaration).
    (
        "contact",
        "Kontaktförfrågningar och korrespondens",
        "Dina begäranden om dina personuppgifter, och när vi besvarade dem",
        "Your requests about your personal data, and when we answered them",
    ),
    ("contact", "E-postadress", "E-postadress", "E-mail address"),
    # Prenumeranter på nyhetsbrev
    ("subscriber", "E-postadress", "E-postadress", "E-mail address"),
    (
        "subscriber",
        "Information om givna och eventuellt återkallade samtycken",
        "Samtycken du gett och återkallat: när, hur, från vilken IP-adress (förkortad till sitt "
        "nät: IPv4 /24, IPv6 /48), och den text du fick se",
        "Consents you gave and withdrew: when, how, from which IP address (shortened to its "
        "network: IPv4 /24, IPv6 /48), and the wording you were shown",
    ),
]

# The seed's items that only hold while the Facebook Pixel is in use (FACEBOOK_PIXEL_ID).
PIXEL_ITEMS = [
    (
        "Tekniska identifierare som kan koppla användaren till ... Facebook",
        "Facebook Pixel, efter ditt samtycke: en teknisk identifierare som kopplar din "
        "webbläsare till Facebook (kakan _fbp)",
        "Facebook Pixel, after your consent: a technical identifier that links your browser "
        "to Facebook (the _fbp cookie)",
    ),
    (
        "IP-adress",
        "Facebook Pixel, efter ditt samtycke: din IP-adress, som din webbläsare skickar",
        "Facebook Pixel, after your consent: your IP address, sent by your browser",
    ),
    (
        "Vilka delar av WorkWithUs.se hemsida ... tidpunkt, varaktighet och antal besök",
        "Facebook Pixel, efter ditt samtycke: vilka sidor på webbplatsen du tittar på, när "
        "och hur ofta",
        "Facebook Pixel, after your consent: which pages of the site you view, when and how often",
    ),
]

# The seed's purposes the issue found missing: (what the notice says, in sv and en).
SEED_PURPOSES = [
    (  # exclusion for breach of the terms
        "seeker",
        "Utesluta dig från webbplatsen om du bryter mot användarvillkoren eller lagen",
        "Exclude you from the site if you break the terms of use or the law",
    ),
    (
        "company_contact",
        "Utesluta företaget från webbplatsen om det bryter mot villkoren eller lagen",
        "Exclude the company from the site if it breaks the terms or the law",
    ),
    (  # anonymised analyses
        "visitor",
        "Göra analyser där uppgifterna ingår i anonymiserad form (endast antal)",
        "Make analyses in which the data is anonymised (counts only)",
    ),
    (  # recommendations: the jobs we suggest are those matching a saved search
        "seeker",
        "Mejla dig nya jobb som matchar din sparade sökning",
        "E-mail you new jobs that match your saved search",
    ),
    (  # security and compliance
        "visitor",
        "Skydda webbplatsen: upptäcka och stoppa missbruk och attacker, och dokumentera att "
        "vi följer lagen",
        "Protect the site: find and stop abuse and attacks, and document that we follow the law",
    ),
    (  # answering enquiries
        "contact",
        "Besvara din begäran och dokumentera att vi gjorde det",
        "Answer your request and document that we did",
    ),
]

FACEBOOK_LINKS = (
    "https://www.facebook.com/legal/terms/businesstools",
    "https://www.facebook.com/legal/controller_addendum",
    "https://www.facebook.com/about/privacy",
    "https://www.facebook.com/legal/EU_data_transfer_addendum",
)
PAGE_INSIGHTS_LINK = "https://www.facebook.com/legal/terms/information_about_page_insights_data"


def _page(client, language):
    return client.get("/integritet/" if language == "sv" else "/en/privacy/").text


def _section(page, subject):
    return page.split(f'id="subject-{subject}"')[1].split("</section>")[0]


def _items(page, subject):
    items = _section(page, subject).split('class="privacy-items"')[1].split("</ul>")[0]
    return [html.unescape(item).strip() for item in re.findall(r"<li>(.*?)</li>", items, re.S)]


def _purposes(page, subject):
    section = _section(page, subject)
    lists = re.findall(r'class="privacy-purposes">(.*?)</ul>', section, re.S)
    return [
        html.unescape(p).strip() for block in lists for p in re.findall(r"<li>(.*?)</li>", block)
    ]


@pytest.fixture
def pages(client, settings):
    """The notice of a site that configured no processors, no Pixel and the seed's controller
    (whatever a local .env says)."""
    settings.FACEBOOK_PIXEL_ID = ""
    settings.PRIVACY_PROCESSORS = {}
    settings.PRIVACY_CONTROLLER = {
        "name": "Ncom",
        "org_number": "",
        "address": "",
        "email": "kontakt@workwithus.se",
    }
    return {language: _page(client, language) for language in ("sv", "en")}


@pytest.mark.parametrize(("subject", "seed", "swedish", "english"), SEED_ITEMS)
def test_every_data_item_of_the_seed_is_listed_under_its_subject(
    pages, subject, seed, swedish, english
):
    assert swedish in _items(pages["sv"], subject), seed
    assert english in _items(pages["en"], subject), seed


def test_every_declared_item_is_listed_under_its_subject_and_nothing_else(pages):
    for language, page in pages.items():
        with translation.override(language):
            for subject in {d.subject for d in registry.declarations()}:
                declared = {
                    str(item)
                    for d in registry.declarations()
                    if d.subject == subject
                    for item in d.items
                }
                assert set(_items(page, subject)) == declared, (language, subject)


def test_what_the_site_does_not_collect_is_not_listed_as_collected(pages):
    visitor_sv = " ".join(_items(pages["sv"], "visitor"))
    visitor_en = " ".join(_items(pages["en"], "visitor"))
    # No Google, no browser id; without the Pixel no Facebook either.
    for word in ("Google", "ID", "Facebook"):
        assert word not in visitor_sv
    for word in ("Google", "browser id", "Facebook"):
        assert word not in visitor_en
    # Time on pages and other pages only with statistics consent (visitors/), and it says so,
    # with what the server log holds (config/gunicorn.py).
    assert "how long" in visitor_en
    assert "Only if you accept statistics cookies do we also record" in pages["en"]
    assert "Bara om du godkänner statistikcookies registrerar vi också" in pages["sv"]
    assert "it holds no IP address, browser or referring site" in pages["en"]
    assert "den innehåller ingen IP-adress, webbläsare eller hänvisande webbplats" in pages["sv"]


@pytest.mark.parametrize(("subject", "swedish", "english"), SEED_PURPOSES)
def test_the_seeds_purposes_are_listed_under_their_subject(pages, subject, swedish, english):
    assert swedish in _purposes(pages["sv"], subject)
    assert english in _purposes(pages["en"], subject)


def test_seekers_and_companies_data_is_under_legitimate_interest_a_subscription_under_contract():
    for declaration in registry.declarations():
        if declaration.rule in ("seeker.inactive_account", "contacts.partner", "ads.ad"):
            expected = (
                LegalBasis.CONTRACT
                if declaration.model == "companies.Agreement"
                else LegalBasis.LEGITIMATE_INTEREST
            )
            assert declaration.legal_basis == expected, declaration.model
        if declaration.rule == "billing.bookkeeping":
            assert declaration.legal_basis == LegalBasis.LEGAL_OBLIGATION


def test_one_purpose_has_one_legal_basis_everywhere_and_the_consent_proof_is_legitimate_interest():
    bases: dict[str, set[LegalBasis]] = {}
    for declaration in registry.declarations():
        for purpose in (declaration.purpose, *declaration.further_purposes):
            bases.setdefault(str(purpose), set()).add(declaration.legal_basis)
    assert {purpose: b for purpose, b in bases.items() if len(b) > 1} == {}
    proofs = [d for d in registry.declarations() if d.rule == "seeker.job_alert_consent"]
    assert {d.legal_basis for d in proofs} == {LegalBasis.LEGITIMATE_INTEREST}
    sending = [d for d in registry.declarations() if d.rule == "seeker.job_alerts"]
    assert {d.legal_basis for d in sending} == {LegalBasis.CONSENT}


def test_the_job_alert_consent_proof_is_shown_under_one_legal_basis(pages):
    section = _section(pages["en"], "seeker")
    proof = "Document that you agreed to receive job alerts, and when you stopped"
    assert section.count(f"<li>{proof}</li>") == 1
    rows = [row for row in section.split("<tr>") if proof in row]
    assert rows and all("Legitimate interest, GDPR art. 6(1)(f)" in row for row in rows)


def test_the_controller_block_comes_from_the_settings(client, settings):
    settings.PRIVACY_CONTROLLER = {
        "name": "Ncom ApS",
        "org_number": "DK 12345678",
        "address": "Exempelgatan 1, 111 22 Stockholm",
        "email": "dataskydd@example.se",
    }
    for language in ("sv", "en"):
        page = _page(client, language)
        controller = page.split('id="controller"')[1].split('id="data"')[0]
        for fact in ("Ncom ApS", "DK 12345678", "Exempelgatan 1, 111 22 Stockholm"):
            assert fact in controller
        assert 'href="mailto:dataskydd@example.se"' in controller
    assert "Ncom ApS är personuppgiftsansvarig" in _page(client, "sv")
    assert "Ncom ApS is the controller of your personal data" in _page(client, "en")


def test_the_seeds_controller_is_the_default_and_empty_fields_are_left_out(pages):
    example = (Path(settings.BASE_DIR) / ".env.example").read_text(encoding="utf-8")
    assert "\nPRIVACY_CONTROLLER_NAME=Ncom\n" in example
    assert 'env.str("PRIVACY_CONTROLLER_NAME", default="Ncom")' in (
        Path(settings.BASE_DIR) / "config" / "settings.py"
    ).read_text(encoding="utf-8")
    controller = pages["en"].split('id="controller"')[1].split('id="data"')[0]
    assert "Ncom is the controller" in controller
    assert "Organisation number" not in controller
    assert (
        "Organisationsnummer" not in pages["sv"].split('id="controller"')[1].split('id="data"')[0]
    )


def _settings_fail(**env):
    script = "import django; django.setup()"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    return result.stderr.strip().splitlines()[-1]


def test_a_bad_controller_address_or_number_or_an_unknown_processor_stops_the_start_up():
    last = _settings_fail(PRIVACY_CONTROLLER_EMAIL="not an address")
    assert "PRIVACY_CONTROLLER_EMAIL must be an e-mail address" in last
    last = _settings_fail(PRIVACY_CONTROLLER_ORG_NUMBER="abc")
    assert "PRIVACY_CONTROLLER_ORG_NUMBER must be an organisation number" in last
    last = _settings_fail(PRIVACY_PROCESSORS="hosting,mailchamp")
    assert "ImproperlyConfigured" in last and "mailchamp" in last


def test_processors_that_are_not_configured_are_not_listed(pages):
    for page in pages.values():
        recipients = page.split('id="recipients"')[1].split('id="retention"')[0]
        for name in ("MailChimp", "Mandrill", "Vimeo", "YouTube", "LinkedIn", "Facebook"):
            assert name not in recipients
        assert 'id="social"' not in page
        for link in (*FACEBOOK_LINKS, PAGE_INSIGHTS_LINK):
            assert link not in page
    assert "We use no processors" in pages["en"]
    assert "our processors" not in pages["en"]  # no table says otherwise
    assert "Only us" in pages["en"]
    assert "We do not transfer personal data to countries outside the EU/EEA." in pages["en"]


def test_anonymised_analyses_are_named_where_the_product_makes_them(pages):
    """The seed names them for people; the product counts applications per ad for the
    company (naming no one), and visitors' page views."""
    for subject in ("applicant", "visitor"):
        section = _section(pages["en"], subject)
        assert "Make analyses in which the data is anonymised (counts only)" in section


def test_configured_processors_are_listed_with_their_names_and_transfers(client, settings):
    settings.PRIVACY_PROCESSORS = {"hosting": "Example Hosting AB", "mailchimp": "", "youtube": ""}
    settings.FACEBOOK_PIXEL_ID = ""
    for language, kind in (("sv", "Hostingleverantör"), ("en", "Hosting provider")):
        recipients = _page(client, language).split('id="recipients"')[1].split('id="retention"')[0]
        assert f"{kind} (Example Hosting AB)" in recipients
        assert "MailChimp (Intuit Inc.)" in recipients and "YouTube" in recipients
        assert "Vimeo" not in recipients and "LinkedIn" not in recipients
    assert "to the USA, under the European Commission&#x27;s standard contractual clauses" in (
        _page(client, "en")
    )


def test_with_the_pixel_facebook_is_a_joint_controller_with_its_terms_items_and_transfer(
    client, settings
):
    settings.FACEBOOK_PIXEL_ID = "1234567890"
    settings.PRIVACY_PROCESSORS = {"facebook_page": ""}
    for language, swedish in (("sv", True), ("en", False)):
        page = _page(client, language)
        assert 'id="social"' in page
        for link in (*FACEBOOK_LINKS, PAGE_INSIGHTS_LINK):
            assert link in page
        items = _items(page, "visitor")
        for _seed, sv, en in PIXEL_ITEMS:
            assert (sv if swedish else en) in items
        purposes = _purposes(page, "visitor")
        assert (
            "Mäta våra annonser och visa dig riktade annonser, tillsammans med Facebook"
            if swedish
            else "Measure our ads and show you targeted ads, together with Facebook"
        ) in purposes
    en = _page(client, "en")
    consent = _section(en, "visitor").split("Consent, GDPR art. 6(1)(a):")[1]
    assert "Measure our ads and show you targeted ads" in consent.split("</ul>")[0]
    assert "Facebook Pixel (Meta Platforms Ireland" in en.split('id="recipients"')[1]
    assert "Statistics about visits to our Facebook page (Page Insights)" in _items(en, "contact")


def test_sole_traders_are_explained(pages):
    company = _section(pages["en"], "company_contact")
    assert "its organisation number is your personal identity number" in company
    assert "we never show the organisation number publicly" in company


SELF_SERVICE = (
    "accounts:my_data",
    "accounts:profile",
    "accounts:documents",
    "jobs:my_applications",
    "accounts:delete_account",
    "jobs:alerts",
    "cookie_consent_cookie_group_list",
)


@pytest.mark.parametrize(
    ("language", "label"),
    [("sv", "Se, rätta och radera dina uppgifter själv"), ("en", "See, correct")],
)
def test_the_self_service_pages_are_linked(pages, language, label):
    page = pages[language]
    assert label in page
    section = page.split('id="self-service"')[1].split('id="rights"')[0]
    with translation.override(language):
        for name in SELF_SERVICE:
            assert f'href="{reverse(name)}"' in section


@pytest.fixture
def officer(client):
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_processing_record"))
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    return user


def test_the_record_of_processing_lists_each_declarations_items(client, officer):
    response = client.get("/en/privacy/record-of-processing.csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    account = next(r for r in rows if r["Category of data"] == "Your account")
    assert account["Data items"].startswith("E-mail address; First and last name")


def test_the_record_of_processing_names_the_controller_and_only_the_processors_in_use(
    client, officer, settings
):
    settings.PRIVACY_CONTROLLER = {**settings.PRIVACY_CONTROLLER, "org_number": "DK 12345678"}
    settings.PRIVACY_PROCESSORS = {"hosting": "Example Hosting AB"}
    settings.FACEBOOK_PIXEL_ID = ""
    response = client.get("/en/privacy/record-of-processing.pdf")
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Controller: Ncom" in text and "DK 12345678" in text
    assert "Hosting provider (Example Hosting AB)" in text
    for name in ("MailChimp", "Mandrill", "Vimeo", "YouTube", "LinkedIn", "Facebook"):
        assert name not in text


def test_the_consent_proof_and_the_rate_limits_say_they_hold_the_ip_address(pages):
    assert (
        "Consents you gave and withdrew: when, how, from which IP address (shortened to its "
        "network: IPv4 /24, IPv6 /48), and the wording you were shown"
        in _items(pages["en"], "subscriber")
    )
    visitor = _section(pages["en"], "visitor")
    assert "we count requests per IP address in memory, for at most a day" in visitor
    assert "räknar vi förfrågningar per IP-adress i minnet" in _section(pages["sv"], "visitor")


def test_mandrill_and_amazon_s3_are_listed_when_the_site_uses_them_named_or_not(client, settings):
    """The mail goes through Mandrill and the files into Amazon S3 by their own settings:
    the notice said "we use no processors" and "no transfers" all the same."""
    settings.PRIVACY_PROCESSORS = {}
    settings.MANDRILL_API_KEY = "a-key"
    settings.AWS_STORAGE_BUCKET_NAME = "jobboard"
    settings.AWS_S3_ENDPOINT_URL = ""
    page = _page(client, "en")
    recipients = page.split('id="recipients"')[1].split('id="retention"')[0]
    assert "Mandrill (Intuit Inc.)" in recipients
    assert "Amazon Web Services EMEA SARL (Amazon S3)" in recipients
    assert "We use no processors" not in page
    assert "We do not transfer personal data to countries outside the EU/EEA." not in page
    settings.AWS_S3_ENDPOINT_URL = "https://s3.example-provider.se"  # another provider
    settings.PRIVACY_PROCESSORS = {"storage": "Example Lagring AB"}
    recipients = _page(client, "en").split('id="recipients"')[1]
    assert "Amazon" not in recipients and "File storage service (Example Lagring AB)" in recipients


def test_the_recipients_section_names_everyone_the_data_goes_to(pages):
    """The billing rows named our accountant and auditor; the recipients section did not."""
    recipients = pages["sv"].split('id="recipients"')[1].split('id="retention"')[0]
    assert "Vår redovisningskonsult och revisor" in recipients
    recipients = pages["en"].split('id="recipients"')[1].split('id="retention"')[0]
    assert "Our accountant and auditor" in recipients and "The company applied to" in recipients
