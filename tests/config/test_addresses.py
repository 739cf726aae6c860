"""One URL language: Swedish paths on the Swedish site, English ones under /en/, and every old
address redirecting to its page today (config/old_urls.py, issue 15)."""

import re

import pytest
from django.urls import NoReverseMatch, resolve, reverse
from django.urls.resolvers import RoutePattern
from django.utils import translation

from config.old_urls import OLD_ROUTES
from tests.factories import AdFactory, CompanyFactory

# Old path (as in e-mails already sent and bookmarks) -> the Swedish page today.
OLD_SWEDISH = [
    ("/jobs/", "/jobb/"),
    ("/jobs/feed/", "/jobb/flode/"),
    ("/jobs/feed/stockholms-lan/", "/jobb/flode/stockholms-lan/"),
    ("/jobs/alerts/", "/jobb/bevakningar/"),
    ("/jobs/alerts/new/", "/jobb/bevakningar/ny/"),
    ("/jobs/alerts/7/delete/", "/jobb/bevakningar/7/ta-bort/"),
    ("/jobs/alerts/confirm/abc.123:x/", "/jobb/bevakningar/bekrafta/abc.123:x/"),
    ("/jobs/alerts/unsubscribe/abc.123:x/", "/jobb/bevakningar/avsluta/abc.123:x/"),
    ("/jobs/12/", "/jobb/12/"),
    ("/jobs/12/contact/", "/jobb/12/kontakt/"),
    ("/jobs/12/apply/", "/jobb/12/ansok/"),
    ("/jobs/12/apply/external/", "/jobb/12/ansok/extern/"),
    ("/jobs/12/save/", "/jobb/12/spara/"),
    ("/jobs/12/unsave/", "/jobb/12/ta-bort-sparat/"),
    ("/jobs/12/applications/", "/arbetsgivare/annonser/12/ansokningar/"),
    ("/jobs/12/snickare-i-umea/", "/jobb/12/snickare-i-umea/"),
    ("/employer/applications/", "/arbetsgivare/ansokningar/"),
    ("/employer/applications/3/", "/arbetsgivare/ansokningar/3/"),
    ("/applications/3/documents/4/", "/ansokningar/3/dokument/4/"),
    ("/me/", "/mina-sidor/"),
    ("/me/profile/", "/mina-sidor/profil/"),
    ("/me/documents/", "/mina-sidor/dokument/"),
    ("/me/documents/5/", "/mina-sidor/dokument/5/"),
    ("/me/documents/5/delete/", "/mina-sidor/dokument/5/ta-bort/"),
    ("/documents/5/download/", "/dokument/5/ladda-ner/"),
    ("/me/data/", "/mina-sidor/mina-uppgifter/"),
    ("/me/data/export/", "/mina-sidor/mina-uppgifter/export/"),
    ("/me/data/request/", "/mina-sidor/mina-uppgifter/begaran/"),
    ("/me/data/report/", "/mina-sidor/mina-uppgifter/rapport/"),
    ("/me/data/report/9/", "/mina-sidor/mina-uppgifter/rapport/9/"),
    ("/me/delete/", "/mina-sidor/ta-bort-konto/"),
    ("/me/saved-jobs/", "/mina-sidor/sparade-jobb/"),
    ("/me/applications/", "/mina-sidor/ansokningar/"),
    ("/me/applications/3/withdraw/", "/mina-sidor/ansokningar/3/aterkalla/"),
    ("/me/applications/3/sent/", "/mina-sidor/ansokningar/3/skickad/"),
    ("/keep-account/abc.123:x/", "/behall-konto/abc.123:x/"),
    ("/arbetsgivare/snickeri-ab/", "/foretag/snickeri-ab/"),
    ("/arbetsgivare/logo/2/v3.webp", "/foretag/logo/2/v3.webp"),
    ("/foretag/", "/arbetsgivare/"),
    ("/foretag/registrera/", "/arbetsgivare/registrera/"),
    ("/foretag/2/", "/arbetsgivare/2/"),
    ("/foretag/2/uppgifter/", "/arbetsgivare/2/uppgifter/"),
    ("/foretag/2/annonser/ny/", "/arbetsgivare/2/annonser/ny/"),
    ("/foretag/2/kontaktpersoner/bjud-in/", "/arbetsgivare/2/kontaktpersoner/bjud-in/"),
    (
        "/foretag/2/kontaktpersoner/6/ta-bort/",
        "/arbetsgivare/2/kontaktpersoner/6/ta-bort/",
    ),
    ("/foretag/annonser/12/andra/", "/arbetsgivare/annonser/12/andra/"),
    ("/foretag/annonser/12/forhandsvisning/", "/arbetsgivare/annonser/12/forhandsvisning/"),
    ("/foretag/annonser/12/bestall/", "/arbetsgivare/annonser/12/bestall/"),
    ("/foretag/annonser/12/avsluta/", "/arbetsgivare/annonser/12/avsluta/"),
    ("/foretag/annonser/12/tillsatt/", "/arbetsgivare/annonser/12/tillsatt/"),
    ("/foretag/fakturor/8/pdf/", "/arbetsgivare/fakturor/8/pdf/"),
    ("/foretag/inbjudan/abc.123:x/", "/arbetsgivare/inbjudan/abc.123:x/"),
    ("/privacy/", "/integritet/"),
    ("/privacy/record-of-processing.csv", "/integritet/register-over-behandlingar.csv"),
    ("/privacy/record-of-processing.pdf", "/integritet/register-over-behandlingar.pdf"),
    ("/rights/", "/dina-rattigheter/"),
    ("/rights/sent/", "/dina-rattigheter/skickad/"),
    ("/rights/verify/4/abc.123:x/", "/dina-rattigheter/bekrafta/4/abc.123:x/"),
    ("/rights/download/4/abc.123:x/", "/dina-rattigheter/ladda-ner/4/abc.123:x/"),
    ("/newsletter/", "/nyhetsbrev/"),
    ("/newsletter/me/", "/nyhetsbrev/prenumerera/"),
    ("/newsletter/check-your-inbox/", "/nyhetsbrev/kolla-inkorgen/"),
    ("/newsletter/confirm/abc.123:x/", "/nyhetsbrev/bekrafta/abc.123:x/"),
    ("/newsletter/unsubscribe/abc.123:x/", "/nyhetsbrev/avsluta/abc.123:x/"),
    ("/newsletter/o/abc.123:x/", "/nyhetsbrev/o/abc.123:x/"),
    ("/newsletter/c/abc.123:x/", "/nyhetsbrev/c/abc.123:x/"),
    ("/contact/", "/kontakt/"),
    ("/contact/sent/", "/kontakt/skickat/"),
    ("/cookies/", "/kakor/"),
    ("/cookies/accept/", "/kakor/accept/"),
    ("/accounts/login/", "/konto/logga-in/"),
    ("/accounts/logout/", "/konto/logga-ut/"),
    ("/accounts/signup/", "/konto/registrera/"),
    ("/accounts/email/", "/konto/e-post/"),
    ("/accounts/confirm-email/", "/konto/bekrafta-e-post/"),
    ("/accounts/confirm-email/MQ:1tAbc:xyz/", "/konto/bekrafta-e-post/MQ:1tAbc:xyz/"),
    ("/accounts/password/change/", "/konto/losenord/byt/"),
    ("/accounts/password/set/", "/konto/losenord/valj/"),
    ("/accounts/password/reset/", "/konto/losenord/aterstall/"),
    ("/accounts/password/reset/done/", "/konto/losenord/aterstall/skickat/"),
    ("/accounts/password/reset/key/done/", "/konto/losenord/aterstall/klart/"),
    ("/accounts/password/reset/key/3-abc-def/", "/konto/password/reset/key/3-abc-def/"),
    ("/accounts/2fa/", "/konto/2fa/"),
]

# Old English paths that changed -> the English page today.
OLD_ENGLISH = [
    ("/en/me/", "/en/my-pages/"),
    ("/en/me/saved-jobs/", "/en/my-pages/saved-jobs/"),
    ("/en/me/data/request/", "/en/my-pages/data/request/"),
    ("/en/me/delete/", "/en/my-pages/delete-account/"),
    ("/en/priser/", "/en/pricing/"),
    ("/en/arbetsgivare/snickeri-ab/", "/en/companies/snickeri-ab/"),
    ("/en/foretag/", "/en/employer/"),
    ("/en/foretag/2/uppgifter/", "/en/employer/2/details/"),
    ("/en/foretag/annonser/12/bestall/", "/en/employer/ads/12/order/"),
    ("/en/foretag/fakturor/8/pdf/", "/en/employer/invoices/8/pdf/"),
    ("/en/foretag/inbjudan/abc/", "/en/employer/invitation/abc/"),
]

# The addresses themselves, pinned: (name, kwargs, Swedish, English).
ADDRESSES = [
    ("jobs:home", {}, "/", "/en/"),
    ("jobs:search", {}, "/jobb/", "/en/jobs/"),
    (
        "jobs:detail_slug",
        {"pk": 12, "slug": "snickare"},
        "/jobb/12/snickare/",
        "/en/jobs/12/snickare/",
    ),
    ("jobs:apply", {"pk": 12}, "/jobb/12/ansok/", "/en/jobs/12/apply/"),
    ("jobs:alerts", {}, "/jobb/bevakningar/", "/en/jobs/alerts/"),
    ("jobs:feed", {}, "/jobb/flode/", "/en/jobs/feed/"),
    ("jobs:saved_list", {}, "/mina-sidor/sparade-jobb/", "/en/my-pages/saved-jobs/"),
    ("jobs:inbox", {}, "/arbetsgivare/ansokningar/", "/en/employer/applications/"),
    ("accounts:overview", {}, "/mina-sidor/", "/en/my-pages/"),
    ("accounts:my_data", {}, "/mina-sidor/mina-uppgifter/", "/en/my-pages/data/"),
    ("companies:index", {}, "/arbetsgivare/", "/en/employer/"),
    (
        "companies:page",
        {"slug": "snickeri-ab"},
        "/foretag/snickeri-ab/",
        "/en/companies/snickeri-ab/",
    ),
    ("companies:pricing", {}, "/priser/", "/en/pricing/"),
    ("privacy:notice", {}, "/integritet/", "/en/privacy/"),
    ("rights:intake", {}, "/dina-rattigheter/", "/en/rights/"),
    ("support:contact", {}, "/kontakt/", "/en/contact/"),
    ("newsletter:signup", {}, "/nyhetsbrev/", "/en/newsletter/"),
    ("cookie_consent_cookie_group_list", {}, "/kakor/", "/en/cookies/"),
    ("account_login", {}, "/konto/logga-in/", "/en/accounts/login/"),
    ("account_signup", {}, "/konto/registrera/", "/en/accounts/signup/"),
    ("admin:index", {}, "/admin/", "/en/admin/"),
    ("jobs:robots", {}, "/robots.txt", "/en/robots.txt"),
    ("set_language", {}, "/i18n/setlang/", "/i18n/setlang/"),
    ("healthz", {}, "/healthz", "/healthz"),
]

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("name", "kwargs", "swedish", "english"), ADDRESSES)
def test_the_swedish_site_has_swedish_paths_and_english_lives_under_en(
    name, kwargs, swedish, english
):
    with translation.override("sv"):
        assert reverse(name, kwargs=kwargs) == swedish
    with translation.override("en"):
        assert reverse(name, kwargs=kwargs) == english


@pytest.mark.parametrize(("old", "new"), OLD_SWEDISH + OLD_ENGLISH)
def test_an_old_address_redirects_permanently_to_its_page_today(client, old, new):
    response = client.get(old)

    assert response.status_code == 301
    assert response["Location"] == new


def test_the_redirect_table_above_tries_every_old_route():
    olds = [old.removeprefix("/en")[1:] for old, _new in OLD_SWEDISH + OLD_ENGLISH]
    for route, _name in OLD_ROUTES:
        pattern = RoutePattern(route, is_endpoint=True)
        assert any(pattern.match(old) for old in olds), route


def test_the_query_string_is_kept(client):
    response = client.get("/jobs/?q=snickare&kommun=umea&page=2")

    assert response.status_code == 301
    assert response["Location"] == "/jobb/?q=snickare&kommun=umea&page=2"


def test_a_head_request_gets_the_same_permanent_redirect(client):
    response = client.head("/me/applications/")

    assert response.status_code == 301
    assert response["Location"] == "/mina-sidor/ansokningar/"


def test_a_form_posted_to_an_old_address_is_sent_on_with_a_308(client):
    response = client.post("/contact/?from=footer", {"message": "Hej"})

    assert response.status_code == 308
    assert response["Location"] == "/kontakt/?from=footer"


def test_a_one_click_unsubscribe_to_an_old_address_is_sent_on_with_a_308(client):
    response = client.post("/newsletter/unsubscribe/abc.123/", {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 308
    assert response["Location"] == "/nyhetsbrev/avsluta/abc.123/"


def test_an_old_path_without_its_slash_still_finds_the_page(client):
    response = client.get("/jobs")

    assert response.status_code == 301
    assert response["Location"] == "/jobb/"


def test_todays_addresses_and_unknown_ones_are_not_redirected(client):
    assert client.get("/jobb/").status_code == 200
    assert client.get("/en/jobs/").status_code == 200
    assert client.get("/no-such-page/").status_code == 404
    assert client.get("/en/no-such-page/").status_code == 404


def test_an_english_path_on_the_swedish_site_that_never_existed_is_not_guessed(client):
    # /my-pages/ is today's English path, but only under /en/.
    assert client.get("/my-pages/").status_code == 404


def test_an_old_employer_page_under_a_company_address_goes_to_the_employer_page(client):
    # /foretag/<slug>/ is a company page today; a company "2" does not exist, so the old
    # employer page /foretag/2/ wins.
    response = client.get("/foretag/2/")

    assert response.status_code == 301
    assert response["Location"] == "/arbetsgivare/2/"


def test_an_employer_page_that_finds_nothing_is_not_sent_round_in_a_loop(client, django_user_model):
    client.force_login(django_user_model.objects.create_user(email="a@example.se", password="x"))

    response = client.get("/arbetsgivare/424242/")

    assert response.status_code not in (301, 308)


def test_old_links_in_e_mails_lead_to_the_page(client, taxonomy, frozen_now):
    ad = AdFactory(title="Snickare i Umeå")

    response = client.get(f"/jobs/{ad.pk}/", follow=True)

    assert response.status_code == 200
    assert response.redirect_chain[0] == (f"/jobb/{ad.pk}/", 301)
    assert "Snickare i Umeå" in response.content.decode()


@pytest.mark.parametrize("name", sorted({name for _route, name in OLD_ROUTES}))
def test_no_route_name_changed_and_each_reverses_in_both_languages(name):
    route = next(route for route, old_name in OLD_ROUTES if old_name == name)
    kwargs = {
        key: 3 if kind == "int" else "abc" for kind, key in re.findall(r"<(\w+):(\w+)>", route)
    }
    paths = {}
    for language in ("sv", "en"):
        with translation.override(language):
            try:
                paths[language] = reverse(name, kwargs=kwargs)
            except NoReverseMatch:  # pragma: no cover - the assertion says which
                pytest.fail(f"{name} does not reverse in {language}")
            assert resolve(paths[language]).view_name == name
    assert paths["en"].startswith("/en/")
    assert not paths["sv"].startswith("/en/")


def test_the_language_switch_lands_on_the_same_ad_in_english(client, taxonomy, frozen_now):
    ad = AdFactory(title="Snickare i Umeå")
    swedish = ad.get_absolute_url()

    response = client.post("/i18n/setlang/", {"language": "en", "next": swedish + "?ref=1"})

    assert swedish.startswith("/jobb/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/jobs/{ad.pk}/{ad.slug}/?ref=1"


def test_the_language_switch_lands_on_the_same_ad_in_swedish_whatever_the_browser_asks(
    client, taxonomy, frozen_now
):
    ad = AdFactory(title="Snickare i Umeå")
    with translation.override("en"):
        english = ad.get_absolute_url()

    response = client.post(
        "/i18n/setlang/",
        {"language": "sv", "next": english},
        headers={"accept-language": "sv"},
    )

    assert english.startswith("/en/jobs/")
    assert response["Location"] == f"/jobb/{ad.pk}/{ad.slug}/"


@pytest.mark.parametrize(
    ("swedish", "english"),
    [("/mina-sidor/sparade-jobb/", "/en/my-pages/saved-jobs/"), ("/priser/", "/en/pricing/")],
)
def test_the_language_switch_translates_the_path_both_ways(client, swedish, english):
    to_english = client.post("/i18n/setlang/", {"language": "en", "next": swedish})
    to_swedish = client.post("/i18n/setlang/", {"language": "sv", "next": english})

    assert to_english["Location"] == english
    assert to_swedish["Location"] == swedish


def test_robots_txt_keeps_crawlers_out_of_the_private_trees_in_both_languages(client):
    text = client.get("/robots.txt").content.decode()
    disallowed = set(re.findall(r"^Disallow: (\S+)$", text, re.MULTILINE))

    assert {
        "/mina-sidor/",
        "/arbetsgivare/",
        "/konto/",
        "/admin/",
        "/jobb/*/ansok/",
        "/en/my-pages/",
        "/en/employer/",
        "/en/accounts/",
        "/en/jobs/*/apply/",
    } <= disallowed
    public = ("/jobb/", "/jobb/12/snickare/", "/foretag/snickeri-ab/", "/en/jobs/", "/integritet/")
    rules = [re.compile(re.escape(rule).replace(r"\*", ".*")) for rule in disallowed]
    for path in public:
        assert not any(rule.match(path) for rule in rules), path
    assert any(rule.match("/jobb/12/ansok/") for rule in rules)


def test_a_company_page_still_answers_at_its_swedish_and_english_address(client):
    company = CompanyFactory(slug="snickeri-ab", show_page=True)

    assert client.get("/foretag/snickeri-ab/").status_code == 200
    assert client.get("/en/companies/snickeri-ab/").status_code == 200
    assert client.get("/arbetsgivare/snickeri-ab/")["Location"] == "/foretag/snickeri-ab/"
    assert company.slug == "snickeri-ab"


def test_the_sitemap_lists_the_swedish_addresses(client, taxonomy, frozen_now):
    ad = AdFactory(title="Snickare i Umeå", company__slug="snickeri-ab", company__show_page=True)

    ads = client.get("/sitemap-ads.xml").content.decode()
    companies = client.get("/sitemap-companies.xml").content.decode()
    pages = client.get("/sitemap-pages.xml").content.decode()

    assert f"http://testserver/jobb/{ad.pk}/{ad.slug}/" in ads
    assert "http://testserver/foretag/snickeri-ab/" in companies
    assert "http://testserver/jobb/</loc>" in pages
    assert "/jobs/" not in ads + companies + pages
