"""The search form's filters are rendered once per language and taxonomy
(SearchForm.filter_fields): the chosen values are still marked, an import shows at once,
the English page has English labels, and an invalid value still shows its message."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from jobs import forms
from taxonomy import builtin
from taxonomy.importer import builtin_texts, import_taxonomy
from taxonomy.models import County, Municipality

pytestmark = pytest.mark.django_db

URL = reverse("jobs:search")


def select(html, name):
    match = re.search(rf'<select name="{name}"[^>]*>.*?</select>', html, re.S)
    assert match, f"no select {name}"
    return match.group(0)


def chosen(html, name):
    return re.findall(r'<option value="([^"]*)" selected>', select(html, name))


@pytest.fixture
def renders(monkeypatch):
    """Counts the filter blocks rendered through the template."""
    made = []
    original = forms.render_to_string

    def counting(template, context=None, *args, **kwargs):
        if template == forms.FILTER_TEMPLATE:
            made.append(context["field"].name)
        return original(template, context, *args, **kwargs)

    monkeypatch.setattr(forms, "render_to_string", counting)
    return made


def test_the_filters_are_rendered_once_and_then_copied(client, taxonomy, renders):
    client.get(URL)
    first = len(renders)
    client.get(URL, {"county": County.objects.first().slug})
    assert first == len(forms.FILTERS)
    assert len(renders) == first


def test_the_chosen_values_are_marked_selected(client, taxonomy):
    place = Municipality.objects.order_by("name").last()
    county = place.county  # a municipality of another county is ignored
    params = {
        "county": county.slug,
        "municipality": place.slug,
        "near": place.slug,
        "distance_km": "50",
        "employment_type": "temporary",
        "published_within": "7",
        "sort": "newest",
    }
    client.get(URL)  # the blank blocks are made without any choice
    html = client.get(URL, params).content.decode()
    for name, value in params.items():
        assert chosen(html, name) == [value], name
    assert chosen(html, "extent") == [] and chosen(html, "occupation_group") == []
    assert chosen(client.get(URL).content.decode(), "county") == []


def test_a_value_that_is_also_an_option_of_another_field_is_marked_only_in_its_own(
    client, taxonomy
):
    place = Municipality.objects.order_by("name").first()
    html = client.get(URL, {"near": place.slug}).content.decode()
    assert chosen(html, "near") == [place.slug]
    assert chosen(html, "municipality") == []


def test_an_invalid_value_still_shows_why_it_was_ignored(client, taxonomy):
    client.get(URL)
    html = client.get(URL, {"county": "atlantis", "extent": "full_time"}).content.decode()
    assert "Ignoreras: atlantis finns inte bland alternativen." in html
    assert chosen(html, "extent") == ["full_time"]


def test_a_place_without_a_distance_shows_the_default_distance_chosen(client, taxonomy):
    client.get(URL)
    html = client.get(URL, {"near": "malmo"}).content.decode()

    assert chosen(html, "near") == ["malmo"]
    assert chosen(html, "distance_km") == ["25"]
    assert "Ignoreras" not in html


def test_a_distance_without_a_place_keeps_its_choice_beside_the_note(client, taxonomy):
    client.get(URL)
    html = client.get(URL, {"distance_km": "50"}).content.decode()

    assert chosen(html, "distance_km") == ["50"]  # choosing a place is then enough
    assert "Ignoreras: Ett avstånd behöver en ort att mätas från" in html


def test_an_unknown_distance_near_a_place_is_explained_and_the_default_chosen(client, taxonomy):
    client.get(URL)
    response = client.get(URL, {"near": "malmo", "distance_km": "7"})
    html = response.content.decode()

    assert list(response.context["form"].errors) == ["distance_km"]
    assert "Ignoreras:" in html
    assert chosen(html, "distance_km") == ["25"]
    assert response.context["criteria"].distance_km == 25


def test_the_english_page_explains_an_ignored_place_in_english(client, taxonomy):
    with translation.override("en"):
        english_url = reverse("jobs:search")
    html = client.get(english_url, {"county": "skane", "municipality": "kiruna"}).content.decode()

    assert "Ignored: Kiruna is not in Skåne län." in html


def test_an_imported_municipality_shows_up_at_once(
    client, taxonomy, django_capture_on_commit_callbacks
):
    assert "Nya Staden" not in client.get(URL).content.decode()
    texts = builtin_texts()
    texts["municipalities"] = (
        builtin.MUNICIPALITIES.rstrip("\n") + "\n9999,Nya Staden,01,Stockholms län,"
        "59.3,18.0,Nya Staden,\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        import_taxonomy(texts)
    html = client.get(URL, {"municipality": "nya-staden"}).content.decode()
    assert "Nya Staden" in select(html, "near")
    assert chosen(html, "municipality") == ["nya-staden"]


def test_the_english_page_has_english_labels_and_the_swedish_page_swedish(client, taxonomy):
    swedish = client.get(URL).content.decode()
    with translation.override("en"):
        english_url = reverse("jobs:search")
    english = client.get(english_url, {"employment_type": "seasonal"}).content.decode()
    assert ">Län</label>" in swedish and "Hela Sverige" in select(swedish, "county")
    assert ">Region</label>" in english and "All of Sweden" in select(english, "county")
    assert "Hela Sverige" not in english
    assert chosen(english, "employment_type") == ["seasonal"]
    assert client.get(URL).content.decode().count("Hela Sverige") == 1


def test_each_search_form_has_its_own_fields_and_widgets_sharing_only_what_none_changes(
    taxonomy,
):
    """The search's fields are copied shallowly for each form (a deep copy cost more than
    the search's SQL): two forms never share a field or a widget, nor with the class, and
    the choices they share are the class's own."""
    first, second = forms.SearchForm({"county": "no-such-county"}), forms.SearchForm()
    assert not first.is_valid() and "county" in first.errors  # the copies validate

    for name, field in forms.SearchForm.base_fields.items():
        copies = (first.fields[name], second.fields[name])
        assert len({id(field), *map(id, copies)}) == 3, name
        assert len({id(field.widget), *(id(copy.widget) for copy in copies)}) == 3, name
        assert all(type(copy) is type(field) for copy in copies), name
    first.fields["sort"].widget.attrs["data-mine"] = "1"  # a form's own change
    first.fields["sort"].label = "Mine"
    assert "data-mine" not in str(second["sort"]) and second.fields["sort"].label != "Mine"
    assert forms.SearchForm.base_fields["sort"].label != "Mine"
    assert second.fields["extent"].choices == forms.SearchForm.base_fields["extent"].choices
    assert first.fields["county"].allowed is second.fields["county"].allowed  # one taxonomy
