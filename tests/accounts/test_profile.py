import pytest
from django.urls import reverse, translate_url

from accounts.models import SeekerProfile, User
from taxonomy.models import Municipality, Occupation
from tests.factories.accounts import SeekerProfileFactory

pytestmark = pytest.mark.django_db
URL = reverse("accounts:profile")


def valid_data(**changes):
    data = {
        "first_name": "Åsa",
        "last_name": "Öberg",
        "street": "Storgatan 1",
        "postal_code": "11151",
        "town": "Stockholm",
        "phone": "070-123 45 67",
        "occupations": [],
        "municipalities": [],
    }
    data.update(changes)
    return data


def test_a_seeker_fills_in_the_profile_and_it_is_normalised(seeker_client, seeker, taxonomy):
    occupation, place = Occupation.objects.first(), Municipality.objects.first()
    response = seeker_client.post(
        URL,
        valid_data(first_name="A\u030asa", occupations=[occupation.pk], municipalities=[place.pk]),
    )
    assert response.status_code == 302
    profile = SeekerProfile.objects.get(user=seeker)
    seeker.refresh_from_db()
    assert seeker.first_name == "Åsa"
    assert (profile.postal_code, profile.phone) == ("111 51", "+46701234567")
    assert list(profile.occupations.all()) == [occupation]
    assert list(profile.municipalities.all()) == [place]


def test_the_profile_can_be_saved_again_and_changed(seeker_client, seeker):
    SeekerProfileFactory(user=seeker, town="Malmö")
    seeker_client.post(URL, valid_data(town="Göteborg"))
    assert SeekerProfile.objects.get(user=seeker).town == "Göteborg"
    assert SeekerProfile.objects.count() == 1


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("postal_code", "1234", "fem siffror"),
        ("phone", "12 34 56", "börjar med 0, eller med + och landsnumret"),
        ("phone", "070-12", "fel antal siffror"),
        ("first_name", "R2D2", "bara bokstäver"),
        ("last_name", "", "Detta fält måste fyllas i"),
    ],
)
def test_bad_input_gets_a_clear_message_and_nothing_is_saved(
    seeker_client, seeker, field, value, message
):
    response = seeker_client.post(URL, valid_data(**{field: value}))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SeekerProfile.objects.exists()
    assert User.objects.get(pk=seeker.pk).first_name == "Åsa"


def test_a_name_error_does_not_save_the_other_fields_half_way(seeker_client, seeker):
    SeekerProfileFactory(user=seeker, town="Malmö")
    seeker_client.post(URL, valid_data(town="Göteborg", last_name="<b>"))
    assert SeekerProfile.objects.get(user=seeker).town == "Malmö"


def test_messages_are_in_english_under_en(seeker_client):
    response = seeker_client.post(translate_url(URL, "en"), valid_data(postal_code="12"))
    assert "Enter a Swedish postal code with five digits" in response.content.decode()


def test_the_profile_page_shows_the_saved_values(seeker_client, seeker):
    SeekerProfileFactory(user=seeker, street="Kungsgatan 5")
    page = seeker_client.get(URL).content.decode()
    assert "Kungsgatan 5" in page
    assert 'value="Åsa"' in page


def test_the_profile_page_lists_the_chosen_interests(seeker_client, seeker, taxonomy):
    profile = SeekerProfileFactory(user=seeker)
    occupation, place = Occupation.objects.first(), Municipality.objects.last()
    profile.occupations.add(occupation)
    profile.municipalities.add(place)
    page = seeker_client.get(URL).content.decode()
    assert f"Yrken du har valt:</strong> {occupation.name}" in page
    assert f"Orter du har valt:</strong> {place.name}" in page


def test_occupations_and_places_are_checkboxes_in_a_folding_panel_with_a_count(
    seeker_client, seeker, taxonomy
):
    profile = SeekerProfileFactory(user=seeker)
    profile.occupations.add(*Occupation.objects.all()[:2])

    page = seeker_client.get(URL).text

    assert page.count('<details class="checklist"') == 2
    assert 'type="checkbox" name="occupations"' in page
    assert 'type="checkbox" name="municipalities"' in page
    assert "2 valda" in page
    assert "Ctrl" not in page  # nothing that needs a keyboard
    assert 'class="checklist-filter" placeholder="Skriv för att filtrera listan" hidden' in page


def test_the_account_page_leads_to_applications_and_alerts(seeker_client):
    page = seeker_client.get(reverse("accounts:overview")).text

    assert reverse("jobs:my_applications") in page
    assert reverse("jobs:alerts") in page
