"""Every page of My pages is laid out alike: the page's heading first, then the account's
menu, and a <title> that is the heading followed by the site's name (base.html's order)."""

import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

MY_PAGES = [
    "accounts:overview",
    "accounts:profile",
    "jobs:my_applications",
    "jobs:saved_list",
    "jobs:alerts",
    "accounts:documents",
    "accounts:my_data",
    "accounts:delete_account",
    "rights:file_signed_in",
    "account_email",
    "account_change_password",
]


def _text(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("name", MY_PAGES)
def test_each_of_my_pages_has_its_heading_first_and_its_title_in_the_sites_order(
    client, taxonomy, name, language
):
    client.force_login(UserFactory())
    with translation.override(language):
        path = reverse(name)
    response = client.get(path)
    assert response.status_code == 200, path
    page = response.content.decode()

    title = _text(re.search(r"<title>(.*?)</title>", page, re.S).group(1))
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert title == f"{_text(heading.group(1))} · {settings.SITE_NAME}"
    menu = page.index('class="account-nav"')
    assert heading.start() < menu, f"{path}: the menu comes before the page's heading"
