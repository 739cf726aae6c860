"""The ad page reads its ad as one row (jobs.selectors.ad_for_page), compiled once per
process on PostgreSQL: it must be the ad the ORM reads with select_related, relations and
restrictions included, for any ad asked for."""

import pytest
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from jobs import selectors
from jobs.models import Ad
from privacy import restrictions
from tests.factories import AdFactory
from tests.factories.companies import CompanyFactory

pytestmark = pytest.mark.django_db


def as_the_orm_reads_it(pk):
    return Ad.objects.select_related(*selectors.AD_PAGE_RELATIONS).with_restrictions().get(pk=pk)


def values(obj: Model) -> dict:
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def assert_read_alike(pk):
    read, orm = selectors.ad_for_page(pk), as_the_orm_reads_it(pk)
    assert values(read) == values(orm)
    assert (read.company_hidden, read.contact_hidden) == (orm.company_hidden, orm.contact_hidden)
    for path in selectors.AD_PAGE_RELATIONS:
        mine, theirs = read, orm
        for name in path.split("__"):
            mine, theirs = getattr(mine, name), getattr(theirs, name)
        assert type(mine) is type(theirs) and values(mine) == values(theirs), path
    return read


def test_the_ad_and_its_relations_are_read_as_the_orm_reads_them(
    taxonomy, django_assert_num_queries
):
    sole = CompanyFactory(name="Anna Åkesson", email="anna@example.se", logo="logos/ab12.png")
    first = AdFactory(company=sole, contact_email="karin@example.se", salary_min=30000)
    other = AdFactory(description="Annan text", salary_min=None)
    restrictions.restrict(email="ANNA@example.se", reason="Art. 18", by=None, now=timezone.now())
    selectors._AD_PAGE.forget()

    read = assert_read_alike(first.pk)
    assert read.company_hidden and not read.contact_hidden
    with django_assert_num_queries(1):  # the relations come with the ad
        ad = selectors.ad_for_page(other.pk)
        assert all((ad.company.name, ad.municipality.county.name, ad.occupation.group.code))
    assert_read_alike(other.pk)  # another ad through the same compiled query


def test_a_restricted_contact_is_read_as_hidden(taxonomy):
    ad = AdFactory(contact_email="karin@example.se")
    restrictions.restrict(email="karin@example.se", reason="Art. 18", by=None, now=timezone.now())

    assert assert_read_alike(ad.pk).contact_hidden


@pytest.mark.parametrize("pk", [0, -1, 10**6, 2**63 - 1, 2**63, 10**20])
def test_no_such_ad_is_none(taxonomy, pk):
    AdFactory()
    assert selectors.ad_for_page(pk) is None


@pytest.mark.parametrize("pk", ["999999", "99999999999999999999"])
def test_the_page_of_no_such_ad_is_not_found(client, taxonomy, pk):
    ad = AdFactory()
    for path in (ad.get_absolute_url(), reverse("jobs:detail", args=[ad.pk])):
        assert client.get(path).status_code == 200
        missing = path.replace(f"/{ad.pk}/", f"/{pk}/")
        assert client.get(missing).status_code == 404, missing
