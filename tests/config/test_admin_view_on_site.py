"""Admin's "view on site" link sends only staff who may see that kind of record in admin
to its page: Django's own sent any staff member, a draft's title in the page's address."""

import pytest
from django.contrib.contenttypes.models import ContentType

from jobs.models import Ad, ModeratedAd
from tests.factories import AdFactory, UserFactory
from tests.factories.accounts import staff_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(taxonomy):
    return AdFactory(title="Hemlig rekrytering", status=Ad.Status.DRAFT, published_at=None)


def link(model, obj):
    kind = ContentType.objects.get_for_model(model, for_concrete_model=False)
    return f"/admin/r/{kind.pk}/{obj.pk}/"


def test_staff_without_permission_are_refused_and_learn_nothing(client, draft):
    client.force_login(staff_user())
    for model in (ModeratedAd, Ad):
        response = client.get(link(model, draft))
        assert response.status_code == 403
        assert "hemlig" not in response.get("Location", "") + response.text.lower()


def test_staff_who_may_view_the_ads_reach_the_page(client, draft):
    client.force_login(staff_user("jobs.view_moderatedad"))
    response = client.get(link(ModeratedAd, draft))
    assert (
        response.status_code == 302
        and f"/jobb/{draft.pk}/hemlig-rekrytering/" in response["Location"]
    )


def test_others_are_sent_to_sign_in_and_staff_without_a_second_factor_to_set_it_up(client, draft):
    url = link(ModeratedAd, draft)
    assert "login" in client.get(url)["Location"]
    client.force_login(UserFactory())
    assert "login" in client.get(url)["Location"]
    client.force_login(staff_user("jobs.view_moderatedad", second_factor=False))
    assert "hemlig" not in client.get(url)["Location"]


def test_an_unknown_kind_of_record_is_not_found(client):
    client.force_login(staff_user(is_superuser=True))
    assert client.get("/admin/r/999999/1/").status_code == 404
