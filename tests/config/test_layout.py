"""The header and footer of a visitor without an account are rendered once per language and
process (config/layout.py), and are exactly what the templates render."""

import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from config import layout
from tests.factories import UserFactory
from tests.factories.privacy import create_cookie_rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_memo():
    layout._memo.clear()


def rendered_names(response):
    return [t.name for t in response.templates]


def plain(name, path, language="sv"):
    """The component rendered the ordinary way, for an anonymous request of `path`."""
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    with translation.override(language):
        return render_to_string(name, {}, request=request)


def test_a_visitors_header_and_footer_are_what_the_templates_render(client, taxonomy):
    path = reverse("jobs:search") + "?q=%3Cb%3E&page=2"
    page = client.get(path).content.decode()

    assert plain("components/header.html", path) in page
    assert plain("components/footer.html", path) in page


def test_the_language_switch_carries_the_pages_own_path_escaped(client, taxonomy):
    page = client.get(reverse("jobs:search") + "?q=<b>x</b>&county=").content.decode()

    assert 'name="next" value="/jobb/?q=%3Cb%3Ex%3C/b%3E&amp;county="' in page
    assert layout.PATH_MARK not in page


def test_the_frame_is_rendered_once_per_language(client, taxonomy):
    first = client.get(reverse("jobs:home"))
    second = client.get(reverse("jobs:search"))
    with translation.override("en"):
        english_url = reverse("jobs:home")
    english = client.get(english_url)

    assert "components/header.html" in rendered_names(first)
    assert "components/header.html" not in rendered_names(second)
    assert "components/footer.html" not in rendered_names(second)
    assert "components/header.html" in rendered_names(english)
    assert "Find jobs" in english.content.decode() and "Hitta jobb" in second.content.decode()


def test_a_signed_in_person_gets_their_own_header_and_a_visitor_never_gets_it(client, taxonomy):
    user = UserFactory()
    client.force_login(user)
    signed_in = client.get(reverse("jobs:home")).content.decode()
    client.logout()
    visitor = client.get(reverse("jobs:home")).content.decode()

    assert reverse("account_logout") in signed_in
    assert reverse("account_logout") not in visitor
    assert reverse("account_login") in visitor


def hidden(page, name):
    """The values of the cookie bar's hidden inputs called `name` (both its forms)."""
    bar = re.search(r'<section class="cookie-bar".*?</section>', page, re.S)
    return re.findall(rf'<input type="hidden" name="{name}" value="([^"]*)">', bar[0])


def test_the_cookie_bar_asks_for_the_undecided_groups_and_returns_to_each_pages_own_path(
    client, taxonomy, settings
):
    settings.FACEBOOK_PIXEL_ID = "1234567890"  # marketing is asked for with a Pixel only
    create_cookie_rows()
    first = client.get(reverse("jobs:search") + "?q=<b>x</b>").content.decode()
    second = client.get(reverse("jobs:home")).content.decode()

    groups = sorted(set(hidden(first, "cookie_groups")))
    assert len(groups) > 1 and hidden(second, "cookie_groups") == hidden(first, "cookie_groups")
    assert hidden(first, "next") == ["/jobb/?q=%3Cb%3Ex%3C/b%3E"] * 2
    assert hidden(second, "next") == ["/"] * 2

    client.post(reverse("cookie_consent_decline"), {"cookie_groups": groups[0], "next": "/"})
    fewer = client.get(reverse("jobs:home")).content.decode()
    assert sorted(set(hidden(fewer, "cookie_groups"))) == groups[1:]

    client.post(reverse("cookie_consent_accept"), {"cookie_groups": groups[1:], "next": "/"})
    assert 'class="cookie-bar"' not in client.get(reverse("jobs:home")).content.decode()


def test_the_cookie_bar_speaks_the_pages_language(client, taxonomy):
    create_cookie_rows()
    swedish = client.get(reverse("jobs:home")).content.decode()
    with translation.override("en"):
        english = client.get(reverse("jobs:home")).content.decode()

    assert "Godkänn alla" in swedish and "Accept all" not in swedish
    assert "Accept all" in english and 'action="/en/' in english


def test_the_footer_says_who_gets_the_data_as_the_notice_does(client, taxonomy):
    """Applications go to the company applied to (the notice's recipients): the footer
    must not say the data is shared with no one."""
    page = client.get(reverse("jobs:home")).content.decode()
    assert "delar dem inte med andra" not in page
    assert "en ansökan går till företaget du söker jobb hos" in page
