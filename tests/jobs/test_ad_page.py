import json
import re

import pytest
from django.urls import reverse

from jobs.models import AdView, ApplyClick, ApplyMethod, ContactView, SalaryType
from tests.factories import AdFactory, ClosedAdFactory, MembershipFactory

pytestmark = pytest.mark.django_db

CONTACT = ("Karin Lind", "karin.lind@foretaget.se", "070-123 45 67")
REQUIRED = (
    "title",
    "description",
    "datePosted",
    "validThrough",
    "hiringOrganization",
    "jobLocation",
)


def jsonld_of(html):
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [json.loads(block) for block in blocks]


def test_the_ad_page_shows_the_ad_company_salary_and_apply_button(client, taxonomy):
    ad = AdFactory(title="Backendutvecklare", company__name="Nordkod AB")

    html = client.get(ad.get_absolute_url()).content.decode()

    assert "Backendutvecklare" in html
    assert "Nordkod AB" in html
    assert "Nordkod AB</a></strong>, Stockholm" in html  # no space before the comma
    assert "40" in html and "55" in html
    assert reverse("jobs:apply", args=[ad.pk]) in html


def test_a_visitors_apply_button_leads_to_sign_in_saying_why_and_back_to_the_form(client, taxonomy):
    from tests.factories import UserFactory

    ad = AdFactory()
    apply = reverse("jobs:apply", args=[ad.pk])
    page = client.get(ad.get_absolute_url()).text
    link = re.search(r'href="(/konto/logga-in/\?for=apply[^"]+)"', page)[1].replace("&amp;", "&")
    assert "Logga in för att söka jobbet" in client.get(link).text
    seeker = UserFactory()
    signed_in = client.post(
        link, {"login": seeker.email, "password": "correct horse battery staple"}
    )
    assert signed_in["Location"] == apply
    assert f'href="{apply}"' in client.get(ad.get_absolute_url()).text  # signed in: straight


def test_the_short_url_works_and_a_wrong_slug_redirects(client, taxonomy):
    ad = AdFactory(title="Snickare i Umeå")

    assert client.get(f"/jobb/{ad.pk}/").status_code == 200
    response = client.get(f"/jobb/{ad.pk}/fel-slug/")
    assert response.status_code == 301
    assert response["Location"] == ad.get_absolute_url()
    assert ad.get_absolute_url() == f"/jobb/{ad.pk}/snickare-i-umea/"


def test_drafts_are_not_public(client, taxonomy):
    ad = AdFactory(status="draft", published_at=None, ends_at=None)

    assert client.get(f"/jobb/{ad.pk}/").status_code == 404


def test_json_ld_parses_and_has_the_required_and_recommended_fields(client, taxonomy):
    ad = AdFactory(title="Lärare </script><script>alert(1)</script>")

    html = client.get(ad.get_absolute_url()).content.decode()
    [posting] = jsonld_of(html)

    assert posting["@type"] == "JobPosting"
    for field in REQUIRED:
        assert posting[field], field
    assert posting["title"] == ad.title
    assert posting["jobLocation"]["address"]["addressCountry"] == "SE"
    assert posting["jobLocation"]["address"]["addressLocality"] == ad.municipality.name
    assert posting["hiringOrganization"]["name"] == ad.company.name
    assert posting["employmentType"] == ["FULL_TIME"]
    assert posting["baseSalary"]["value"]["minValue"] == 40000
    assert posting["baseSalary"]["currency"] == "SEK"
    assert posting["identifier"]["value"] == str(ad.pk)
    assert posting["directApply"] is True
    assert "<script>alert(1)" not in html
    assert not any(value in json.dumps(posting) for value in CONTACT)


def test_json_ld_without_a_salary_range_has_no_base_salary(client, taxonomy):
    ad = AdFactory(salary_type=SalaryType.BEFORE_INTERVIEW, salary_min=None, salary_max=None)

    [posting] = jsonld_of(client.get(ad.get_absolute_url()).content.decode())

    assert "baseSalary" not in posting


def test_open_graph_and_canonical_tags(client, taxonomy):
    ad = AdFactory()

    html = client.get(f"/jobb/{ad.pk}/").content.decode()

    assert f'<meta property="og:title" content="{ad.title}' in html
    assert f'rel="canonical" href="http://testserver{ad.get_absolute_url()}"' in html


def test_contact_details_are_hidden_until_the_visitor_asks(client, taxonomy):
    ad = AdFactory()

    html = client.get(ad.get_absolute_url()).content.decode()
    assert not any(value in html for value in CONTACT)

    response = client.post(reverse("jobs:reveal_contact", args=[ad.pk]), follow=True)
    html = response.content.decode()
    assert all(value in html for value in CONTACT)
    assert ContactView.objects.filter(ad=ad).count() == 1


def test_a_forged_reveal_token_shows_nothing(client, taxonomy):
    ad = AdFactory()

    html = client.get(ad.get_absolute_url(), {"contact": f"{ad.pk}:forged:token"}).content
    assert CONTACT[0] not in html.decode()


def test_a_closed_ad_has_no_contact_data_no_apply_button_and_no_json_ld(client, taxonomy):
    ad = ClosedAdFactory()
    similar = AdFactory(occupation=ad.occupation)

    response = client.get(ad.get_absolute_url())
    html = response.content.decode()

    assert response.status_code == 200
    assert "Annonsen är stängd" in html
    assert not any(value in html for value in CONTACT)
    assert "Karin" not in html and "karin" not in html
    assert reverse("jobs:apply", args=[ad.pk]) not in html
    assert jsonld_of(html) == []
    assert similar.get_absolute_url() in html


def test_revealing_contact_on_a_closed_ad_shows_nothing(client, taxonomy):
    ad = ClosedAdFactory()

    response = client.post(reverse("jobs:reveal_contact", args=[ad.pk]), follow=True)

    assert not any(value in response.content.decode() for value in CONTACT)
    assert not ContactView.objects.exists()


def test_an_ad_view_is_recorded_without_personal_data(client, taxonomy):
    ad = AdFactory()

    client.get(
        ad.get_absolute_url(),
        REMOTE_ADDR="203.0.113.77",
        HTTP_REFERER="https://www.facebook.com/groups/jobb?id=123",
    )

    view = AdView.objects.get(ad=ad)
    assert view.ip_network == "203.0.113.0"
    assert view.referrer == "www.facebook.com"
    assert view.device_class == "desktop"
    assert view.browser_family == "Chrome"
    assert view.language == "sv-SE"
    assert len(view.session_hash) == 64 and "203.0.113" not in view.session_hash


def test_views_of_an_ended_ads_page_count_but_not_of_a_withdrawn_ones(client, taxonomy):
    ended = ClosedAdFactory()
    withdrawn = ClosedAdFactory(status="withdrawn")

    assert client.get(ended.get_absolute_url()).status_code == 200
    assert client.get(withdrawn.get_absolute_url()).status_code == 200

    assert list(AdView.objects.values_list("ad_id", flat=True)) == [ended.pk]


def test_one_visit_is_one_view_and_the_companys_own_people_are_not_counted(client, taxonomy):
    """Revealing the contact person brings the page back: the same visit, not a second
    view. The employer looking at their own ad is not a visitor of it."""
    ad = AdFactory(apply_method="email", apply_email="jobb@example.se")
    client.get(ad.get_absolute_url())
    revealed = client.post(reverse("jobs:reveal_contact", args=[ad.pk]))
    client.get(revealed["Location"])
    applying = client.post(reverse("jobs:apply_external", args=[ad.pk]))
    client.get(applying["Location"])
    assert AdView.objects.filter(ad=ad).count() == 1
    assert ContactView.objects.filter(ad=ad).count() == 1

    client.force_login(MembershipFactory(company=ad.company).user)
    client.get(ad.get_absolute_url())
    assert AdView.objects.filter(ad=ad).count() == 1


def test_bots_are_not_counted(client, taxonomy):
    ad = AdFactory()

    client.get(ad.get_absolute_url(), HTTP_USER_AGENT="Googlebot/2.1 (+http://www.google.com)")
    client.post(reverse("jobs:reveal_contact", args=[ad.pk]), HTTP_USER_AGENT="curl/8.0")

    assert not AdView.objects.exists()
    assert not ContactView.objects.exists()


@pytest.mark.parametrize(
    "method, field, value, location",
    [
        (
            ApplyMethod.URL,
            "apply_url",
            "https://jobb.example.se/ansok",
            "https://jobb.example.se/ansok",
        ),
    ],
)
def test_external_apply_records_the_click_and_sends_the_seeker_on(
    client, taxonomy, method, field, value, location
):
    ad = AdFactory(apply_method=method, **{field: value})

    response = client.post(reverse("jobs:apply_external", args=[ad.pk]))

    assert response.status_code == 302
    assert response["Location"] == location
    click = ApplyClick.objects.get(ad=ad)
    assert click.method == method


def test_apply_by_email_records_the_click_and_shows_the_address_to_write_to(client, taxonomy):
    """A mail link alone did nothing without a mail app: the address comes back on the
    page, with a link that opens a mail with the subject filled in."""
    ad = AdFactory(apply_method=ApplyMethod.EMAIL, apply_email="jobb@example.se", title="Kock")
    page = client.get(ad.get_absolute_url()).content.decode()
    assert "jobb@example.se" not in page  # not for scrapers of the page

    response = client.post(reverse("jobs:apply_external", args=[ad.pk]))

    assert response["Location"].startswith(ad.get_absolute_url() + "?apply=")
    assert ApplyClick.objects.get(ad=ad).method == ApplyMethod.EMAIL
    shown = client.get(response["Location"]).content.decode()
    assert "Skicka din ansökan med e-post till jobb@example.se." in shown
    assert 'href="mailto:jobb@example.se?subject=Ans%C3%B6kan%3A%20Kock"' in shown
    forged = client.get(ad.get_absolute_url() + "?apply=1:fel:fel").content.decode()
    assert "jobb@example.se" not in forged


def test_an_ad_scheduled_for_later_is_not_public_yet(client, taxonomy):
    import datetime as dt

    from django.utils import timezone

    ad = AdFactory(published_at=timezone.now() + dt.timedelta(days=1))

    assert client.get(f"/jobb/{ad.pk}/").status_code == 404


def test_members_of_the_company_can_preview_a_draft(client, taxonomy):
    from tests.factories import MembershipFactory

    ad = AdFactory(status="draft", published_at=None, ends_at=None)
    client.force_login(MembershipFactory(company=ad.company).user)

    response = client.get(f"/jobb/{ad.pk}/")

    assert response.status_code == 200
    assert "Förhandsvisning" in response.content.decode()


def test_a_view_is_counted_without_the_page_waiting_for_the_disk(client, taxonomy):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ad = AdFactory()

    with CaptureQueriesContext(connection) as captured:
        client.get(ad.get_absolute_url())

    view = AdView.objects.get(ad=ad)
    assert view.browser_family == "Chrome" and view.language == "sv-SE"
    insert = next(q["sql"] for q in captured.captured_queries if 'INTO "jobs_adview"' in q["sql"])
    # On PostgreSQL the INSERT's own transaction commits without waiting for the disk.
    wanted = connection.vendor == "postgresql"
    assert ("set_config('synchronous_commit', 'off', true)" in insert) is wanted


def test_the_description_is_rendered_once_and_its_summary_is_the_filters_one(
    client, taxonomy, monkeypatch
):
    from django.template import Context, Template

    from jobs.views import public

    text = 'Vi söker **bagare** & "konditor" <script>x</script>\n\n- surdeg\n- ' + "ord " * 40
    ad = AdFactory(description=text)
    calls = []
    original = public.render_description
    monkeypatch.setattr(public, "render_description", lambda t: calls.append(t) or original(t))
    html = client.get(ad.get_absolute_url()).content.decode()
    assert calls == [text]
    summary = Template("{% load jobs %}{{ text|description|striptags|truncatewords:30 }}").render(
        Context({"text": text})
    )
    assert f'<meta name="description" content="{summary}">' in html
    assert f'<meta property="og:description" content="{summary}">' in html
    assert "<strong>bagare</strong>" in html and "<script>x" not in html


def test_similar_ads_are_the_newest_open_ones_of_the_group_or_the_place(taxonomy, stopped_now):
    """Same occupation group (another occupation of it too) or same municipality, newest
    first, at most five; never the ad itself, a closed ad or an unrelated one."""
    import datetime as dt

    from jobs.selectors import similar_ads
    from taxonomy.models import Municipality, Occupation

    ad = ClosedAdFactory()
    group_mate = (
        Occupation.objects.filter(group_id=ad.occupation.group_id)
        .exclude(pk=ad.occupation_id)
        .first()
    )
    elsewhere = Municipality.objects.exclude(pk=ad.municipality_id).first()
    unrelated = Occupation.objects.exclude(group_id=ad.occupation.group_id).first()

    def made(days_ago, **fields):
        return AdFactory(published_at=stopped_now - dt.timedelta(days=days_ago), **fields)

    same_group = [made(n, municipality=elsewhere, occupation=ad.occupation) for n in (2, 6)]
    same_place = [made(n, occupation=unrelated) for n in (1, 4, 7)]
    other_of_group = made(3, municipality=elsewhere, occupation=group_mate or ad.occupation)
    made(0, municipality=elsewhere, occupation=unrelated)  # neither
    ClosedAdFactory(occupation=ad.occupation)

    shown = [row.pk for row in similar_ads(ad, now=stopped_now)]

    newest_five = [same_place[0], same_group[0], other_of_group, same_place[1], same_group[1]]
    assert shown == [a.pk for a in newest_five]


@pytest.mark.parametrize("stored", ["http://192.168.1.1/setup", "http://localhost/x"])
def test_an_application_link_stored_before_the_check_is_not_followed(client, taxonomy, stored):
    """A link saved before the form asked for a public web page would send visitors to a
    machine of their own network (a router's settings page): the button leads back to the
    ad instead, and the page lets no form leave for it."""
    ad = AdFactory(apply_method=ApplyMethod.URL, apply_url="https://jobb.example.se/")
    type(ad).objects.filter(pk=ad.pk).update(apply_url=stored)  # as saved back then

    page = client.get(ad.get_absolute_url())
    response = client.post(reverse("jobs:apply_external", args=[ad.pk]))

    assert stored.split("/")[2] not in page["Content-Security-Policy"]
    assert response.status_code == 302 and response["Location"] == ad.get_absolute_url()
