import datetime as dt
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobs.forms import SearchForm, criteria_from
from jobs.models import EmploymentType, Extent
from jobs.search import Criteria, filtered, query_terms
from jobs.services import alerts
from taxonomy import cache as taxonomy_cache
from taxonomy.models import County, Municipality, Occupation, OccupationGroup
from tests.factories import AdFactory, ClosedAdFactory, CompanyFactory, UserFactory
from tests.factories.jobs import every_filter_set

pytestmark = pytest.mark.django_db

URL = reverse("jobs:search")


def hits(response):
    return [ad.pk for ad in response.context["results"].ads]


def test_an_empty_search_lists_active_ads_newest_first(client, taxonomy):
    older = AdFactory(published_at=timezone.now() - dt.timedelta(days=3))
    newer = AdFactory()
    ClosedAdFactory()

    response = client.get(URL)

    assert response.status_code == 200
    assert hits(response) == [newer.pk, older.pk]
    assert response.context["results"].count == 2


def test_words_find_title_description_and_company(client, taxonomy):
    by_title = AdFactory(title="Lagerarbetare", description="Truckkort krävs.")
    by_company = AdFactory(title="Kock", description="Restaurang.", company__name="Nordkod AB")
    AdFactory(title="Sjuksköterska", description="Vård.")

    assert hits(client.get(URL, {"q": "lagerarbetare"})) == [by_title.pk]
    assert hits(client.get(URL, {"q": "nordkod"})) == [by_company.pk]


def test_a_control_character_in_the_words_is_a_space_not_an_empty_search(
    client, taxonomy, stopped_now
):
    ad = AdFactory(title="Utveck lare sökes", description="Ett ovanligt ord.")
    AdFactory(title="Kock", description="Restaurang.")

    response = client.get(URL, {"q": "utveck\x00lare\x1b"})

    assert hits(response) == [ad.pk]
    assert response.context["form"].cleaned_data["q"] == "utveck lare"
    assert 'value="utveck lare"' in response.content.decode()


def test_swedish_stemming_finds_inflected_forms(client, taxonomy, postgres_only):
    ad = AdFactory(title="Vi söker utvecklaren", description="Spännande jobb.")
    AdFactory(title="Kock", description="Restaurang.")

    assert hits(client.get(URL, {"q": "utvecklare"})) == [ad.pk]


def test_relevance_ranks_title_matches_first(client, taxonomy, postgres_only):
    in_text = AdFactory(title="Kock", description="Du blir vår nya bagare och kock.")
    in_title = AdFactory(
        title="Bagare",
        description="Nybakat varje dag.",
        published_at=timezone.now() - dt.timedelta(days=5),
    )

    assert hits(client.get(URL, {"q": "bagare"})) == [in_title.pk, in_text.pk]
    assert hits(client.get(URL, {"q": "bagare", "sort": "newest"})) == [in_text.pk, in_title.pk]


def test_closed_ads_are_not_found(client, taxonomy):
    ClosedAdFactory(title="Lagerarbetare")

    assert hits(client.get(URL, {"q": "lagerarbetare"})) == []


def test_filter_by_county_and_municipality(client, taxonomy):
    first, other = (
        Municipality.objects.order_by("pk")[0],
        Municipality.objects.exclude(county=Municipality.objects.order_by("pk")[0].county).first(),
    )
    here = AdFactory(municipality=first)
    there = AdFactory(municipality=other)

    assert hits(client.get(URL, {"county": first.county.slug})) == [here.pk]
    assert hits(client.get(URL, {"municipality": other.slug})) == [there.pk]


def test_filter_by_distance_from_a_municipality(client, taxonomy):
    places = list(Municipality.objects.all())
    centre = places[0]
    far = max(places, key=lambda m: abs(m.latitude - centre.latitude))
    near_ad = AdFactory(municipality=centre)
    AdFactory(municipality=far)

    response = client.get(URL, {"near": centre.slug, "distance_km": "10"})

    assert hits(response) == [near_ad.pk]


def place(slug):
    return Municipality.objects.get(slug=slug)


def test_a_place_without_a_distance_searches_within_the_default_radius(client, taxonomy):
    malmo, lund = AdFactory(municipality=place("malmo")), AdFactory(municipality=place("lund"))
    AdFactory(municipality=place("kiruna"))

    response = client.get(URL, {"near": "malmo"})

    assert sorted(hits(response)) == sorted([malmo.pk, lund.pk])
    assert response.context["criteria"].distance_km == 25  # Lund is 16 km away, Helsingborg 55
    assert "distance_km=25" in response.context["query_string"]  # the next pages keep it


def test_a_distance_without_a_place_is_ignored_and_explained(client, taxonomy):
    ads = [AdFactory(municipality=place("malmo")), AdFactory(municipality=place("kiruna"))]

    response = client.get(URL, {"distance_km": "50"})

    assert sorted(hits(response)) == sorted(ad.pk for ad in ads)
    assert response.context["criteria"].distance_km is None
    assert "Ignoreras: Ett avstånd behöver en ort" in response.content.decode()


def test_a_municipality_outside_the_county_is_ignored_and_explained(client, taxonomy):
    malmo = AdFactory(municipality=place("malmo"))
    AdFactory(municipality=place("kiruna"))

    response = client.get(URL, {"county": "skane", "municipality": "kiruna"})

    assert hits(response) == [malmo.pk]
    assert response.context["criteria"].municipality == ""
    assert "Ignoreras: Kiruna ligger inte i Skåne län." in response.content.decode()


def test_a_municipality_in_the_county_narrows_it(client, taxonomy):
    lund = AdFactory(municipality=place("lund"))
    AdFactory(municipality=place("malmo"))

    response = client.get(URL, {"county": "skane", "municipality": "lund"})

    assert hits(response) == [lund.pk]
    assert not response.context["form"].errors


def test_a_stored_alert_with_a_place_and_no_distance_uses_the_default_radius(taxonomy):
    near = AdFactory(municipality=place("lund"))
    AdFactory(municipality=place("kiruna"))

    found = filtered(Criteria(near="malmo"), now=timezone.now())

    assert list(found.values_list("pk", flat=True)) == [near.pk]


def test_filter_by_occupation_group_at_any_level(client, taxonomy):
    occupations = list(Occupation.objects.select_related("group"))
    first = occupations[0]
    other = next(o for o in occupations if o.group.code[0] != first.group.code[0])
    wanted = AdFactory(occupation=first)
    AdFactory(occupation=other)

    code = first.group.code
    for level in range(1, len(code) + 1):  # SSYK 2512 is under 251, 25 and 2
        assert hits(client.get(URL, {"occupation_group": code[:level]})) == [wanted.pk], level


def test_a_group_filter_names_its_occupations_and_joins_no_taxonomy_table(client, taxonomy):
    """The planner cannot know how many occupations a joined group holds (it guessed two for
    the 850 of a major group, and then built the text's bitmap once per occupation: 1.1 s at
    100 000 live ads); their ids, from the taxonomy held in memory, it can count."""
    occupation = Occupation.objects.select_related("group").order_by("pk").first()
    AdFactory(occupation=occupation, title="Utvecklare")
    client.get(URL)  # the taxonomy is loaded

    with CaptureQueriesContext(connection) as captured:
        response = client.get(
            URL, {"q": "utvecklare", "occupation_group": occupation.group.code[0]}
        )

    assert response.context["results"].count == 1
    searched = "\n".join(q["sql"] for q in captured.captured_queries)
    assert "jobs_occupationgroup" not in searched


def test_an_occupation_imported_later_is_found_under_its_group(client, taxonomy):
    group = OccupationGroup.objects.filter(level=4).order_by("code").first()
    client.get(URL, {"occupation_group": group.code})  # the taxonomy is loaded and held
    newcomer = Occupation.objects.create(name="Nytt yrke", group=group, concept_id="new-1")
    taxonomy_cache.clear()  # as import_taxonomy does when it commits
    ad = AdFactory(occupation=newcomer)

    assert hits(client.get(URL, {"occupation_group": group.code[:2]})) == [ad.pk]


def test_filter_by_employment_type_extent_and_age(client, taxonomy):
    part_time = AdFactory(extent=Extent.PART_TIME, employment_type=EmploymentType.SEASONAL)
    old = AdFactory(published_at=timezone.now() - dt.timedelta(days=20))

    assert hits(client.get(URL, {"extent": "part_time"})) == [part_time.pk]
    assert hits(client.get(URL, {"employment_type": "seasonal"})) == [part_time.pk]
    assert old.pk not in hits(client.get(URL, {"published_within": "7"}))
    assert old.pk in hits(client.get(URL, {"published_within": "30"}))


def test_an_invalid_filter_is_ignored_and_explained(client, taxonomy):
    ad = AdFactory()

    response = client.get(URL, {"county": "atlantis", "published_within": "banana"})

    assert response.status_code == 200
    assert hits(response) == [ad.pk]
    assert "county" in response.context["form"].errors
    assert "published_within" in response.context["form"].errors
    assert "errorlist" in response.content.decode()


@pytest.mark.parametrize(
    "q",
    [
        "' OR 1=1 --",
        "\x00",
        "a\x00b",
        "x" * 10_000,
        "🙂 jobb 🚀",
        "och att det som",
        '"utvecklare',
        "utvecklare'",
        "((",
        "-",
        "!!!",
        "OR",
        '""',
        "<script>alert(1)</script>",
        "%",
        "_",
        "\\",
        "a & b | !c",
        "utvecklare:*",
    ],
)
def test_hostile_queries_answer_200_with_sane_results(client, taxonomy, q):
    AdFactory(title="Utvecklare")

    response = client.get(URL, {"q": q})

    assert response.status_code == 200
    assert response.context["results"].count <= 1
    assert "<script>alert(1)</script>" not in response.content.decode()


def titled(*titles):
    return {title: AdFactory(title=title, description="Se rubriken.").pk for title in titles}


def found(client, q):
    return sorted(hits(client.get(URL, {"q": q})))


@pytest.mark.parametrize("q", ["-", '"', '""', "!!!", "( )", "- -", "or", "OR or"])
def test_a_query_with_no_word_finds_nothing_and_says_why(client, taxonomy, q):
    """As websearch_to_tsquery: an empty query matches no ad (not every ad)."""
    titled("Kock", "Utvecklare")

    response = client.get(URL, {"q": q})

    assert hits(response) == []
    assert "Sökningen har inget ord att söka efter" in response.content.decode()


def test_a_programming_language_with_signs_is_not_its_letter_alone(client, taxonomy):
    ads = titled("C++-utvecklare", "Kock", "Chef")

    assert found(client, "c++") == [ads["C++-utvecklare"]]


def test_a_minus_excludes_a_word(client, taxonomy):
    ads = titled("Utvecklare Java", "Utvecklare Python", "Kock")

    assert found(client, "utvecklare -java") == [ads["Utvecklare Python"]]
    assert found(client, '-"utvecklare java"') == sorted([ads["Utvecklare Python"], ads["Kock"]])


def test_or_between_words_finds_either(client, taxonomy):
    ads = titled("Java-utvecklare", "Python-utvecklare", "Kock")

    assert found(client, "java or python") == sorted(
        [ads["Java-utvecklare"], ads["Python-utvecklare"]]
    )
    assert found(client, "java OR python") == found(client, "java or python")


def test_quotes_keep_words_together(client, taxonomy):
    ads = titled("Senior utvecklare", "Utvecklare, senior nivå")

    assert found(client, '"senior utvecklare"') == [ads["Senior utvecklare"]]
    assert found(client, "senior utvecklare") == sorted(ads.values())


def test_signs_around_a_word_are_not_part_of_it(client, taxonomy):
    ads = titled("Kock", "Utvecklare")

    assert found(client, "kock!") == [ads["Kock"]]
    assert found(client, "(kock) -") == [ads["Kock"]]


@pytest.mark.parametrize(
    "q, terms",
    [
        ("utvecklare -java", [[(False, "utvecklare"), (True, "java")]]),
        ("java or python", [[(False, "java")], [(False, "python")]]),
        ('-"senior, utvecklare"', [[(True, "senior utvecklare")]]),
        ("c++ .net node.js e-post", [[(False, w) for w in ("c++", ".net", "node.js", "e-post")]]),
        ("(kock)! -", [[(False, "kock")]]),
        ('java "or"', [[(False, "java"), (False, "or")]]),
        ("- or !!! ( )", []),
    ],
)
def test_the_fallback_reads_a_query_as_websearch_does(q, terms):
    assert query_terms(q) == terms


def test_a_nul_byte_in_the_raw_query_string_answers_200(client, taxonomy):
    assert client.get(URL + "?q=%00&county=%00&page=%00").status_code == 200


@pytest.mark.parametrize(
    "page, expected",
    [("1", 1), ("2", 2), ("3", 3), ("4", 3), ("0", 1), ("-1", 1), ("x", 1), ("99999999999", 3)],
)
def test_pagination_edges(client, taxonomy, page, expected):
    AdFactory.create_batch(41)

    results = client.get(URL, {"page": page}).context["results"]

    assert results.number == expected
    assert results.num_pages == 3
    assert len(results.ads) == (1 if expected == 3 else 20)


def test_pages_do_not_overlap(client, taxonomy):
    AdFactory.create_batch(25)

    first = hits(client.get(URL, {"page": 1}))
    second = hits(client.get(URL, {"page": 2}))

    assert len(first) == 20 and len(second) == 5
    assert not set(first) & set(second)


@pytest.mark.parametrize("params", [{}, {"q": "utvecklare"}, {"county": "stockholms-lan"}])
def test_queries_per_page_do_not_grow_with_the_number_of_ads(
    client, taxonomy, django_assert_max_num_queries, params
):
    # Warm the taxonomy cache, then count queries for 10 and for 50 ads.
    client.get(URL)
    AdFactory.create_batch(10)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ten:
        client.get(URL, params)
    AdFactory.create_batch(40)
    with CaptureQueriesContext(connection) as fifty:
        client.get(URL, params)

    assert len(ten) == len(fifty)
    assert len(fifty) <= 4


def test_count_is_capped(client, taxonomy, monkeypatch):
    import jobs.search

    monkeypatch.setattr(jobs.search, "COUNT_CAP", 5)
    AdFactory.create_batch(7)

    response = client.get(URL)

    assert response.context["results"].capped
    assert response.context["results"].count == 5


def test_home_shows_newest_ads_and_counts_per_region(
    client, taxonomy, django_assert_max_num_queries
):
    county = County.objects.order_by("name").first()
    AdFactory.create_batch(3, municipality=county.municipalities.first())
    ClosedAdFactory(municipality=county.municipalities.first())
    client.get("/")  # warm the taxonomy cache

    with django_assert_max_num_queries(3):
        response = client.get("/")

    region = next(r for r in response.context["regions"] if r["slug"] == county.slug)
    assert region["count"] == 3
    assert response.context["active_count"] == 3
    assert len(response.context["latest_ads"]) == 3
    assert reverse("jobs:county_feed", args=[county.slug]) in response.content.decode()


def test_a_page_loads_only_its_own_ads_in_a_subquery(client, taxonomy):
    """The page's ids come from a subquery: the table must be named by its alias there."""
    ads = AdFactory.create_batch(3, employment_type=EmploymentType.PERMANENT)
    AdFactory(employment_type=EmploymentType.HOURLY)

    found = hits(
        client.get(URL, {"employment_type": "permanent", "county": ads[0].municipality.county.slug})
    )

    assert sorted(found) == sorted(ad.pk for ad in ads)


def test_an_ad_leaves_search_at_once_when_withdrawn(client, taxonomy):
    ad = AdFactory(title="Lagerarbetare")
    assert hits(client.get(URL, {"q": "lagerarbetare"})) == [ad.pk]

    ad.status = "withdrawn"
    ad.ends_at = timezone.now()
    ad.save()

    assert hits(client.get(URL, {"q": "lagerarbetare"})) == []
    assert hits(client.get(URL)) == []


def test_the_sweep_keeps_the_live_flag_of_active_ads(taxonomy, postgres_only):
    from django.db import connection

    from jobs.tasks import sweep_search_index

    active = AdFactory()
    ClosedAdFactory()
    sweep_search_index()

    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM jobs_ad WHERE search_live")
        assert [row[0] for row in cursor.fetchall()] == [active.pk]


def test_a_title_change_updates_the_search_vector(client, taxonomy, postgres_only):
    ad = AdFactory(title="Kock")
    ad.title = "Bagare"
    ad.save()

    assert hits(client.get(URL, {"q": "bagare"})) == [ad.pk]
    assert hits(client.get(URL, {"q": "kock"})) == []


def test_a_renamed_company_is_found_by_its_new_name_only(client, taxonomy, postgres_only):
    company = CompanyFactory(name="Tallqvist Snickeri")
    ad = AdFactory(company=company, title="Snickare", description="Bygg hus med oss.")
    assert hits(client.get(URL, {"q": "tallqvist"})) == [ad.pk]

    company.name = "Norrbygge"
    company.save()

    assert hits(client.get(URL, {"q": "tallqvist"})) == []
    assert hits(client.get(URL, {"q": "norrbygge"})) == [ad.pk]


def test_an_anonymised_sole_trader_is_no_longer_found_by_their_name(
    client, taxonomy, stopped_now, postgres_only
):
    """A sole trader's company name is their own: when the cooperation ends it is
    anonymised (companies/privacy.py), and so is what the search finds."""
    from privacy import enforcement

    company = CompanyFactory(
        name="Sigrid Tallqvist",
        org_number="811218-9876",
        cooperation_ended_on=timezone.localdate(stopped_now),
    )
    ad = AdFactory(company=company, title="Snickare", description="Bygg hus med oss.")
    assert hits(client.get(URL, {"q": "tallqvist"})) == [ad.pk]

    enforcement.enforce(
        as_of=timezone.localdate(stopped_now),
        now=stopped_now,
        trigger="test",
        rule="contacts.partner",
    )

    assert hits(client.get(URL, {"q": "tallqvist"})) == []
    assert hits(client.get(URL, {"q": "sigrid"})) == []
    assert hits(client.get(URL, {"q": "enskild firma"})) == [ad.pk]


def test_the_form_fields_are_the_criteria_fields_in_the_same_order():
    assert tuple(SearchForm.base_fields) == Criteria.names()


def test_every_parameter_survives_the_way_through_the_url_the_form_and_an_alert(taxonomy):
    values = every_filter_set()
    assert set(values) == set(Criteria.names()), "give every parameter a value here"
    criteria = Criteria(**values)

    params = criteria.as_params()
    form, parsed = criteria_from(QueryDict(urlencode(params)))
    alert = alerts.create_alert(
        user=UserFactory(),
        criteria=parsed,
        name="",
        wording=alerts.CONSENT_WORDING,
        ip=None,
        now=timezone.now(),
    )
    alert.refresh_from_db()

    assert params == values
    assert not form.errors and parsed == criteria
    assert alert.criteria == values  # stored as the query string's parameters, as always
    assert alerts.criteria_of(alert) == criteria


def test_an_empty_search_has_no_parameters_and_unknown_ones_are_ignored(taxonomy):
    _form, criteria = criteria_from(QueryDict(""))

    assert criteria == Criteria() and criteria.as_params() == {}
    assert Criteria.from_values({"extra": "x", "q": ""}) == Criteria()
