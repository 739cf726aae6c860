"""The public company page: the company and its open ads, never its people; none for a
hidden or ended company; linked from the ad; in the sitemap."""

import datetime as dt

import pytest
from django.urls import reverse

from companies.logos import clean_logo
from companies.services import logos
from jobs.models import Ad
from tests.factories.companies import CompanyFactory, MembershipFactory, png_bytes
from tests.factories.jobs import AdFactory, ClosedAdFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bakery(frozen_now, taxonomy):
    company = CompanyFactory(
        name="Stenugnsbageriet i Ystad AB",
        town="Ystad",
        description="Vi bakar surdegsbröd varje morgon.",
        email="info@stenugn.se",
        phone="0411-123 45",
        street="Stora Östergatan 4",
        org_number="810101-1234",  # a sole trader's personal identity number
    )
    member = MembershipFactory(company=company, user__first_name="Greta", user__last_name="Holm")
    return company, member.user


def test_the_page_shows_the_company_and_only_its_public_ads(client, bakery):
    company, _member = bakery
    AdFactory(company=company, title="Bagare, heltid")
    ClosedAdFactory(company=company, title="Stängd bagartjänst")
    AdFactory(company=company, title="Utkast", status=Ad.Status.DRAFT, published_at=None)
    AdFactory(title="Annat företags annons")
    response = client.get(reverse("companies:page", args=[company.slug]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Stenugnsbageriet i Ystad AB" in page
    assert "Ystad" in page
    assert "surdegsbröd" in page
    assert "Bagare, heltid" in page
    for hidden in ("Stängd bagartjänst", "Utkast", "Annat företags annons"):
        assert hidden not in page


def test_the_page_shows_no_personal_data_of_the_members_or_the_company(client, bakery):
    company, member = bakery
    AdFactory(company=company, contact_name="Karin Lind", contact_email="karin@stenugn.se")
    page = client.get(reverse("companies:page", args=[company.slug])).content.decode()
    for private in (
        member.email,
        "Greta",
        "Holm",
        "Karin Lind",
        "karin@stenugn.se",
        "info@stenugn.se",
        "0411-123 45",
        "Stora Östergatan",
        "810101-1234",
    ):
        assert private not in page, private


def test_a_hidden_company_has_no_page(client, bakery):
    company, _member = bakery
    company.show_page = False
    company.save()
    assert client.get(reverse("companies:page", args=[company.slug])).status_code == 404


def test_a_company_whose_cooperation_ended_has_no_page(client, bakery, frozen_now):
    company, _member = bakery
    company.cooperation_ended_on = frozen_now.date() - dt.timedelta(days=1)
    company.save()
    assert client.get(reverse("companies:page", args=[company.slug])).status_code == 404


def test_a_restricted_company_has_no_page_and_no_logo(client, bakery, frozen_now):
    from privacy import restrictions

    company, _member = bakery
    logos.set_logo(company=company, logo=clean_logo(png_bytes()), by=None)
    company.refresh_from_db()
    logo_url = reverse("companies:logo", args=[company.pk, company.logo_version])
    restrictions.restrict(email=company.email, reason="Bestridd", by=None, now=frozen_now)
    assert client.get(reverse("companies:page", args=[company.slug])).status_code == 404
    assert client.get(logo_url).status_code == 404


def test_an_unknown_company_is_404(client, db):
    assert client.get(reverse("companies:page", args=["finns-inte"])).status_code == 404


def test_the_ad_links_to_the_company_page_and_shows_the_logo(client, bakery):
    company, _member = bakery
    logos.set_logo(company=company, logo=clean_logo(png_bytes()), by=None)
    ad = AdFactory(company=company)
    page = client.get(ad.get_absolute_url()).content.decode()
    assert f'href="{company.get_absolute_url()}"' in page
    assert reverse("companies:logo", args=[company.pk, company.logo_version]) in page


def test_results_show_the_logo(client, bakery):
    company, _member = bakery
    logos.set_logo(company=company, logo=clean_logo(png_bytes()), by=None)
    AdFactory(company=company)
    page = client.get(reverse("jobs:search")).content.decode()
    assert reverse("companies:logo", args=[company.pk, company.logo_version]) in page


def test_the_ad_of_a_hidden_company_names_it_without_a_link(client, bakery):
    company, _member = bakery
    company.show_page = False
    company.save()
    ad = AdFactory(company=company)
    page = client.get(ad.get_absolute_url()).content.decode()
    assert company.get_absolute_url() not in page


def test_the_sitemap_lists_public_company_pages_only(client, bakery):
    company, _member = bakery
    hidden = CompanyFactory(show_page=False)
    xml = client.get(reverse("jobs:sitemap_section", args=["companies"])).content.decode()
    assert company.get_absolute_url() in xml
    assert hidden.get_absolute_url() not in xml
    index = client.get(reverse("jobs:sitemap")).content.decode()
    assert "sitemap-companies.xml" in index


def test_the_page_costs_the_same_queries_with_many_ads(
    client, bakery, django_assert_max_num_queries
):
    company, _member = bakery
    for _ in range(6):
        AdFactory(company=company)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("companies:page", args=[company.slug])).status_code == 200


def test_the_ads_structured_data_names_the_logo(client, bakery):
    company, _member = bakery
    logos.set_logo(company=company, logo=clean_logo(png_bytes()), by=None)
    ad = AdFactory(company=company)
    page = client.get(ad.get_absolute_url()).content.decode()
    logo = reverse("companies:logo", args=[company.pk, company.logo_version])
    assert f'"logo": "http://testserver{logo}"' in page


def test_the_website_link_is_in_the_pages_language(client, bakery):
    company, _member = bakery
    company.website = "https://stenugn.example"
    company.save()
    swedish = client.get(reverse("companies:page", args=[company.slug])).content.decode()
    assert "Företagets webbplats" in swedish and "The company's website" not in swedish


def test_the_website_link_is_not_followed_and_gets_no_opener(client, bakery):
    company, _member = bakery
    company.website = "https://stenugn.se"
    company.save()

    page = client.get(reverse("companies:page", args=[company.slug])).content.decode()

    assert '<a href="https://stenugn.se" rel="nofollow noopener">' in page


@pytest.mark.parametrize(
    "stored", ["http://localhost:8000/admin/", "ftp://stenugn.se/", "http://192.168.1.1/"]
)
def test_a_website_stored_before_the_check_is_neither_linked_nor_given_to_search_engines(
    client, bakery, stored
):
    """Addresses saved before the form asked for a public web page (the model's field took
    ftp: and local hosts) are not linked on the page nor named in an ad's structured data."""
    company, _member = bakery
    type(company).objects.filter(pk=company.pk).update(website=stored)  # as saved back then
    ad = AdFactory(company=company)

    page = client.get(reverse("companies:page", args=[company.slug])).content.decode()
    ad_page = client.get(ad.get_absolute_url()).content.decode()

    assert stored not in page and "Företagets webbplats" not in page
    assert stored not in ad_page and '"sameAs"' not in ad_page
