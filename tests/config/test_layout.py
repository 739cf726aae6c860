"""The header and footer of a visitor without an account are rendered once per language and
process (config/layout.py), and are exactly what the templates render."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from config import layout
from tests.factories import UserFactory

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
