"""Result cards come from the card cache (jobs/cards.py): rendered once, shown again from
the cache, and changed at once when anything they show changes. The heart is per person
and never in the cached part."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from jobs import cards
from jobs.models import Ad, SavedAd
from privacy import restrictions
from taxonomy.models import Municipality
from tests.factories import AdFactory, ClosedAdFactory, UserFactory
from tests.factories.companies import MembershipFactory

pytestmark = pytest.mark.django_db

SEARCH = reverse("jobs:search")


@pytest.fixture
def ad(frozen_now, taxonomy):
    return AdFactory(
        title="Bagare till stenugnsbageri",
        company__name="Anna Åkessons Bageri",
        company__email="anna@bageri.se",
    )


@pytest.fixture
def renders(monkeypatch):
    """Counts the cards rendered afresh (not taken from the cache)."""
    made = []
    original = cards.render_fragment

    def counting(card):
        made.append(card.pk)
        return original(card)

    monkeypatch.setattr(cards, "render_fragment", counting)
    return made


def page(client, url=SEARCH):
    return client.get(url).content.decode()


def kept_card(ad, language="sv"):
    """The card the cache holds for the ad in a language (None: none)."""
    entry = cache.get(cards.key(ad.pk, language))
    return entry and entry[1]


def both_languages(client):
    """Every card of the search page kept in Swedish and in English."""
    page(client)
    with translation.override("en"):
        page(client, reverse("jobs:search"))


def card_of(html, ad):
    """The <li> of the ad's card on a page."""
    match = re.search(
        rf'<li class="ad-card[^"]*"[^>]*>(?:(?!</li>).)*?/{ad.pk}/(?:(?!</li>).)*</li>', html, re.S
    )
    assert match, f"no card of ad {ad.pk}"
    return match.group(0)


def fresh(ad):
    return Ad.objects.select_related("company", "municipality").with_restrictions().get(pk=ad.pk)


def test_a_card_is_rendered_once_then_shown_from_the_cache(client, ad, renders):
    first = card_of(page(client), ad)
    second = card_of(page(client), ad)
    assert renders == [ad.pk]
    assert first == second
    assert "Bagare till stenugnsbageri" in first and "Anna Åkessons Bageri" in first


def test_the_home_page_and_the_results_share_the_cached_card(client, ad, renders):
    page(client)
    page(client, reverse("jobs:home"))
    assert renders == [ad.pk]


def test_a_card_shows_its_dates_once_formatted(client, ad, frozen_now):
    html = card_of(page(client), ad)
    published = timezone.localtime(ad.published_at)
    assert f'<time datetime="{published.isoformat()}">{published.date().isoformat()}</time>' in html
    apply_by = ad.last_application_date.isoformat()
    assert f'<time datetime="{apply_by}">{apply_by}</time>' in html


def test_the_card_changes_when_the_title_is_edited(client, ad):
    page(client)
    ad.title = "Konditor"
    ad.save()
    assert "Konditor" in card_of(page(client), ad)


def test_the_card_changes_when_the_title_is_changed_behind_the_models_back(client, ad):
    page(client)
    Ad.objects.filter(pk=ad.pk).update(title="Konditor")  # no updated_at, no signal
    html = card_of(page(client), ad)
    assert "Konditor" in html and "Bagare" not in html


def test_the_card_changes_when_the_company_is_renamed(client, ad):
    page(client)
    ad.company.name = "Åkessons Bröd AB"
    ad.company.save()
    html = card_of(page(client), ad)
    assert "Åkessons Bröd AB" in html and "Anna Åkessons Bageri" not in html


def test_the_card_changes_when_the_company_logo_changes(client, ad):
    assert "company-logo" not in card_of(page(client), ad)
    ad.company.logo.name = "logos/aaaa1111.png"
    ad.company.save()
    first = reverse("companies:logo", args=[ad.company.pk, "aaaa1111"])
    assert first in card_of(page(client), ad)
    ad.company.logo.name = "logos/bbbb2222.png"
    ad.company.save()
    html = card_of(page(client), ad)
    assert reverse("companies:logo", args=[ad.company.pk, "bbbb2222"]) in html
    assert first not in html


def test_the_card_hides_a_restricted_company_and_names_it_again_once_lifted(client, ad):
    ad.company.logo.name = "logos/aaaa1111.png"
    ad.company.save()
    page(client)
    restrictions.restrict(email="anna@bageri.se", reason="Art. 18", by=None, now=timezone.now())
    html = card_of(page(client), ad)
    assert "Anna Åkessons Bageri" not in html and "company-logo" not in html
    assert "Arbetsgivaren namnges inte" in html
    restrictions.lift_restrictions(email="anna@bageri.se", by=None, now=timezone.now())
    html = card_of(page(client), ad)
    assert "Anna Åkessons Bageri" in html and "company-logo" in html


def test_a_restricted_company_name_is_not_in_its_cached_card(client, ad):
    restrictions.restrict(email="anna@bageri.se", reason="Art. 18", by=None, now=timezone.now())
    page(client)
    stored = kept_card(ad)
    assert stored and "Anna Åkessons Bageri" not in stored


def test_a_contact_restriction_gives_the_card_a_new_version_and_names_no_one(client, ad):
    before = cards.version(cards.source(fresh(ad)))
    restrictions.restrict(email=ad.contact_email, reason="Art. 18", by=None, now=timezone.now())
    assert cards.version(cards.source(fresh(ad))) != before
    html = card_of(page(client), ad)
    assert ad.contact_name not in html and ad.contact_email not in html


def test_the_card_changes_when_the_ad_moves_or_its_municipality_is_renamed(client, ad):
    page(client)
    other = Municipality.objects.exclude(pk=ad.municipality_id).order_by("pk").first()
    ad.municipality = other
    ad.save()
    assert f"· {other.name}</p>" in card_of(page(client), ad)
    Municipality.objects.filter(pk=other.pk).update(name="Nyköping Nya")
    assert "· Nyköping Nya</p>" in card_of(page(client), ad)


def test_the_card_follows_the_language_of_the_page(client, ad):
    swedish = card_of(page(client), ad)
    with translation.override("en"):
        english_url = reverse("jobs:search")
    english = card_of(page(client, english_url), ad)
    assert "Sök senast" in swedish and "Apply by" not in swedish
    assert "Apply by" in english and "Sök senast" not in english
    assert "/en/" in english and "/en/" not in swedish


def test_a_new_card_template_gives_a_new_version(ad, monkeypatch):
    card = cards.source(fresh(ad))
    before = cards.version(card)
    monkeypatch.setattr(cards, "_code_versions", {})
    monkeypatch.setattr(cards, "TEMPLATE", "components/company_logo.html")
    assert cards.version(card) != before


def test_a_saved_heart_is_never_in_the_cached_card(client, ad):
    saver, other = UserFactory(), UserFactory()
    SavedAd.objects.create(user=saver, ad=ad)
    client.force_login(saver)
    html = page(client)
    assert "is-saved" in card_of(html, ad)
    stored = kept_card(ad)
    assert "save-button" not in stored and "csrfmiddlewaretoken" not in stored
    client.force_login(other)
    theirs = card_of(page(client), ad)
    assert "is-saved" not in theirs
    assert reverse("jobs:save_ad", args=[ad.pk]) in theirs


def _normalised(html):
    return re.sub(r">\s+<", "><", re.sub(r"\s+", " ", str(html))).strip()


@pytest.mark.parametrize(
    ("state", "saved"),
    [("visitor", False), ("seeker", False), ("seeker", True), ("staff", False)],
)
def test_the_hearts_of_a_list_are_the_save_button_components_markup(rf, ad, state, saved):
    """The list's hearts are written in Python for speed; the ad page uses the component."""
    ad.title = 'Bagare & "konditor" <i>'
    ad.is_saved = saved
    saving = {
        "may_save": state == "seeker",
        "signed_in": state != "visitor",
        "next": "/jobb/?q=bagare&page=2",
        "csrf_token": "token123" if state == "seeker" else "",
    }
    component = render_to_string(
        "components/save_button.html",
        {"ad": ad, "saved": saved, **saving},
    )
    assert _normalised(cards.hearts(saving)(ad)) == _normalised(component)


def test_staff_see_cards_without_a_heart(client, ad):
    client.force_login(UserFactory(is_staff=True))
    assert "save-button" not in card_of(page(client), ad)


def test_a_company_member_sees_a_working_heart_on_every_card(client, ad):
    client.force_login(MembershipFactory().user)
    assert reverse("jobs:save_ad", args=[ad.pk]) in card_of(page(client), ad)


def test_every_word_of_the_card_template_is_in_the_key():
    """A new translation of a word on the card must give new keys: the template's words
    are the ones cards.CARD_WORDS puts into the key."""
    from django.template.loader import get_template

    source = get_template(cards.TEMPLATE).template.source
    assert set(re.findall(r'{% translate "([^"]+)" %}', source)) == set(cards.CARD_WORDS)
    assert "blocktranslate" not in source


def test_an_ad_has_one_kept_card_a_language_replaced_when_it_changes(client, ad, renders):
    page(client)
    ad.title = "Konditor till stenugnsbageri"
    Ad.objects.filter(pk=ad.pk).update(title=ad.title)  # no signal: the version tells
    assert "Konditor" in card_of(page(client), ad)
    assert "Konditor" in kept_card(ad) and "Bagare" not in kept_card(ad)
    assert renders == [ad.pk, ad.pk]
    page(client)
    assert renders == [ad.pk, ad.pk]


def test_a_restriction_takes_the_company_name_out_of_the_cache_at_once(client, ad):
    """A sole trader's company is their name: once restricted, no kept card may hold it,
    in any language, even if no one views the list again."""
    both_languages(client)
    assert "Anna Åkessons Bageri" in kept_card(ad, "sv") and kept_card(ad, "en")
    restrictions.restrict(email="ANNA@bageri.se", reason="Art. 18", by=None, now=timezone.now())
    assert kept_card(ad, "sv") is None and kept_card(ad, "en") is None


def test_a_contact_restriction_takes_the_ads_cards_out_of_the_cache(client, ad):
    both_languages(client)
    restrictions.restrict(email=ad.contact_email, reason="Art. 18", by=None, now=timezone.now())
    assert kept_card(ad, "sv") is None and kept_card(ad, "en") is None


def test_lifting_a_restriction_takes_the_unnamed_cards_out(client, ad):
    restrictions.restrict(email="anna@bageri.se", reason="Art. 18", by=None, now=timezone.now())
    both_languages(client)
    assert kept_card(ad) is not None
    restrictions.lift_restrictions(email="anna@bageri.se", by=None, now=timezone.now())
    assert kept_card(ad, "sv") is None and kept_card(ad, "en") is None


def test_a_company_written_takes_its_ads_cards_out_but_not_others(client, ad):
    other = AdFactory(title="Snickare")
    both_languages(client)
    ad.company.name = "Åkesson Bröd"
    ad.company.save()
    assert kept_card(ad, "sv") is None and kept_card(ad, "en") is None
    assert kept_card(other) is not None


def test_a_deleted_ad_leaves_no_kept_card(client, ad):
    both_languages(client)
    Ad.objects.filter(pk=ad.pk).delete()
    assert kept_card(ad, "sv") is None and kept_card(ad, "en") is None


def test_a_card_written_during_the_transaction_is_forgotten_on_commit(
    client, ad, django_capture_on_commit_callbacks
):
    """A page rendered between the write and its commit keeps what it read before the
    commit: the card goes again when the write commits."""
    with django_capture_on_commit_callbacks(execute=True):
        ad.company.name = "Åkesson Bröd"
        ad.company.save()
        cache.set(cards.key(ad.pk, "sv"), ("old", "Anna Åkessons Bageri"))
    assert kept_card(ad) is None


def test_a_row_read_as_values_has_the_source_of_the_ad_read_as_a_model(ad):
    """Result rows (cards.rows) and ad pages' cards (cards.source of a model) make the
    same card: company, logo version, place, restrictions."""
    ad.company.logo.name = "logos/aaaa1111.png"
    ad.company.save()
    restrictions.restrict(email=ad.contact_email, reason="Art. 18", by=None, now=timezone.now())
    (row,) = cards.rows(Ad.objects.filter(pk=ad.pk).with_restrictions())
    assert row.card == cards.source(fresh(ad))
    assert row.card.logo_version == "aaaa1111" and row.card.contact_hidden


def test_deleting_an_ad_that_ended_long_ago_costs_the_cache_nothing(ad, monkeypatch):
    """Its cards expired long before (a card is made only while the ad is public): the
    retention rule deletes such ads in their thousands."""
    forgotten = []
    monkeypatch.setattr(cards, "forget", lambda pks: forgotten.extend(pks))
    old = ClosedAdFactory(ends_at=timezone.now() - dt.timedelta(seconds=cards.TIMEOUT + 60))
    old_pk = old.pk
    forgotten.clear()
    old.delete()
    assert forgotten == []
    live_pk = ad.pk
    ad.delete()
    assert set(forgotten) == {live_pk} and old_pk not in forgotten


def test_an_end_moved_far_into_the_past_still_takes_the_card_out(client, ad):
    both_languages(client)
    ad.ends_at = timezone.now() - dt.timedelta(days=30)
    ad.save()
    assert kept_card(ad, "sv") is None and kept_card(ad, "en") is None
