"""A retention period is written once, in privacy/rules.py, even in prose: an operator who
overrides a period in settings changes every page, e-mail and notice that mentions it, in
Swedish and in English, and no sentence keeps the old period."""

import datetime as dt
import html

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from accounts import services as account_services
from privacy import periods
from privacy.rules import Period, get_rule
from tests.factories import AdFactory, MembershipFactory, UserFactory
from tests.factories.accounts import DocumentFactory
from tests.factories.jobs import ApplicationFactory, JobAlertFactory

pytestmark = pytest.mark.django_db
LANGUAGES = ("sv", "en")
EXTS = ("txt", "html")

# --- The helper -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "swedish", "english"),
    [
        (Period(years=1), "ett år", "one year"),
        (Period(years=2), "två år", "two years"),
        (Period(years=5), "fem år", "five years"),
        (Period(months=1), "en månad", "one month"),
        (Period(months=3), "tre månader", "three months"),
        (Period(months=6), "sex månader", "six months"),
        (Period(months=12), "tolv månader", "twelve months"),
        (Period(months=18), "18 månader", "18 months"),
        (Period(days=1), "en dag", "one day"),
        (Period(days=30), "30 dagar", "30 days"),
        (Period(years=1, months=6), "ett år och sex månader", "one year and six months"),
        (
            Period(years=2, months=1, days=3),
            "två år, en månad och tre dagar",
            "two years, one month and three days",
        ),
        (Period(), "direkt", "at once"),
    ],
)
def test_a_period_is_said_in_words_up_to_twelve_and_pluralised_in_both_languages(
    period, swedish, english
):
    with translation.override("sv"):
        assert periods.words_for(period) == swedish
    with translation.override("en"):
        assert periods.words_for(period) == english


def test_the_helper_takes_a_rule_name_or_a_rule_and_reads_the_configured_period(settings):
    settings.PRIVACY_RETENTION_OVERRIDES = {"applications.portal": {"months": 3}}
    with translation.override("en"):
        assert periods.period_phrase("applications.portal") == "three months"
        assert periods.period_phrase(get_rule("applications.portal")) == "three months"
        assert periods.period_phrase("seeker.inactive_account") == "one year"


def test_an_unknown_rule_name_fails_loudly_in_code_and_in_templates():
    with pytest.raises(KeyError):
        periods.period_phrase("applications.portl")
    template = Template('{% load retention %}{% retention_period "applications.portl" %}')
    with pytest.raises(KeyError):
        template.render(Context())


def test_a_rule_without_a_fixed_period_cannot_be_put_in_a_sentence():
    with pytest.raises(ValueError, match="cookies"):
        periods.period_phrase("cookies")


def test_the_template_tag_prints_the_period_or_stores_it_for_a_sentence(settings):
    settings.PRIVACY_RETENTION_OVERRIDES = {"seeker.inactive_account": {"months": 18}}
    template = Template(
        '{% load retention %}{% retention_period "applications.portal" %}|'
        '{% retention_period "seeker.inactive_account" as period %}{{ period }}'
    )
    with translation.override("sv"):
        assert template.render(Context()) == "sex månader|18 månader"


def test_with_the_default_periods_every_sentence_reads_as_before(client):
    swedish = flat(client.get("/integritet/").text)
    assert "Raderas sex månader efter att ansökan skickades." in swedish
    assert "Om du inte har loggat in på ett år raderar vi ditt konto" in swedish
    assert "i ytterligare två år och raderar det sedan" in swedish
    english = flat(client.get("/en/privacy/").text)
    assert "Deleted six months after the application was sent." in english
    assert "Deleted one year after you were last signed in." in english
    assert "The alerts stop two years after you were last signed in" in english


# --- Overridden periods, everywhere they are mentioned ---------------------------------------

OVERRIDES = {"applications.portal": {"months": 3}, "seeker.inactive_account": {"months": 18}}
# The rule's new period in words, and every way the old one was written.
NEW = {
    ("applications.portal", "sv"): "tre månader",
    ("applications.portal", "en"): "three months",
    ("seeker.inactive_account", "sv"): "18 månader",
    ("seeker.inactive_account", "en"): "18 months",
}
OLD = {
    "sv": ("sex månader", "ett år"),
    "en": ("six months", "one year", "a year", "another year"),
}


@pytest.fixture
def overridden(settings, frozen_now):
    settings.PRIVACY_RETENTION_OVERRIDES = OVERRIDES
    return frozen_now


def flat(text: str) -> str:
    """Text as a reader sees it: entities decoded, line breaks and runs of spaces as one."""
    return " ".join(html.unescape(text).split())


def assert_new_periods_only(text: str, *, language: str, rules: tuple[str, ...]) -> None:
    text = flat(text)
    for rule in rules:
        assert NEW[rule, language] in text, (rule, language)
    for old in OLD[language]:
        assert old not in text, (old, language)


def in_language(language: str, view: str, *args) -> str:
    with translation.override(language):
        return reverse(view, args=args)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notice_says_the_overridden_periods(client, overridden, language):
    page = client.get(in_language(language, "privacy:notice")).text
    assert_new_periods_only(
        page, language=language, rules=("applications.portal", "seeker.inactive_account")
    )
    row = flat(page.split('id="rule-applicationsportal"')[1].split("</tr>")[0])
    assert {"sv": "Raderas tre månader", "en": "Deleted three months"}[language] in row


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_apply_page_says_the_overridden_period(client, taxonomy, overridden, language):
    client.force_login(UserFactory())
    page = client.get(in_language(language, "jobs:apply", AdFactory().pk)).text
    assert_new_periods_only(page, language=language, rules=("applications.portal",))


def test_the_application_emails_say_the_overridden_period(
    client, taxonomy, overridden, django_capture_on_commit_callbacks
):
    from django.core import mail

    seeker = UserFactory()
    client.force_login(seeker)
    ad = AdFactory(company__email="hr@foretaget.se")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("jobs:apply", args=[ad.pk]),
            {"message": "Hej!", "documents": [DocumentFactory(owner=seeker).pk]},
        )
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        for text in (message.body, message.alternatives[0][0]):
            if message.to == [seeker.email]:
                assert_new_periods_only(text, language="sv", rules=("applications.portal",))
            else:  # the ad's contact address, no member: nothing of the application
                assert "månader" not in text


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "template", ["emails/jobs_application_sent", "emails/jobs_application_received"]
)
def test_the_application_email_templates_say_the_overridden_period_in_both_languages(
    taxonomy, overridden, language, template
):
    application = ApplicationFactory()
    context = {"ad": application.ad, "application": application, "SITE_NAME": "Jobb"}
    with translation.override(language):
        for extension in ("txt", "html"):
            text = render_to_string(f"{template}.{extension}", context)
            assert_new_periods_only(text, language=language, rules=("applications.portal",))


def test_the_inactivity_warning_says_the_overridden_period(overridden):
    from django.core import mail

    account_services.send_inactivity_warning(UserFactory(), dt.date(2026, 12, 25))
    [message] = mail.outbox
    for text in (message.body, message.alternatives[0][0]):
        assert_new_periods_only(text, language="sv", rules=("seeker.inactive_account",))
        assert "på nästan 18 månader" in flat(text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_inactivity_warning_templates_say_the_overridden_period(overridden, language):
    context = {"SITE_NAME": "Jobb", "expires_on": dt.date(2026, 12, 25), "keep_url": "/k/"}
    with translation.override(language):
        for extension in ("txt", "html"):
            text = render_to_string(f"emails/accounts_inactivity_warning.{extension}", context)
            assert_new_periods_only(text, language=language, rules=("seeker.inactive_account",))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_keep_my_account_page_says_the_overridden_period(client, overridden, language):
    user = UserFactory(last_seen_on=dt.date(2025, 6, 1))
    token = account_services.keep_account_token(user=user)
    page = client.post(in_language(language, "accounts:keep_account", token)).text
    assert_new_periods_only(page, language=language, rules=("seeker.inactive_account",))


@pytest.mark.parametrize("language", LANGUAGES)
def test_my_data_tells_an_employer_the_overridden_period(client, overridden, language):
    employer = MembershipFactory().user
    client.force_login(employer)
    page = client.get(in_language(language, "accounts:my_data")).text
    assert_new_periods_only(page, language=language, rules=("seeker.inactive_account",))
    expected = {"sv": "efter 18 månader utan inloggning", "en": "after 18 months without"}
    assert expected[language] in flat(page)


# --- The other rules in prose: job alerts, their consent, agreement notes --------------------


@pytest.fixture
def alerts_overridden(settings, frozen_now):
    settings.PRIVACY_RETENTION_OVERRIDES = {
        "seeker.job_alerts": {"months": 30},
        "seeker.job_alert_consent": {"months": 9},
        "contacts.long_term": {"years": 7},
    }
    return frozen_now


ALERTS = {"sv": ("30 månader", "två år"), "en": ("30 months", "two years")}


def assert_says_the_alert_period(texts: list[str], *, language: str) -> None:
    new, old = ALERTS[language]
    for text in texts:
        assert new in flat(text)
        assert old not in flat(text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_alert_form_consent_and_stop_reason_say_the_overridden_period(
    client, taxonomy, alerts_overridden, language
):
    from jobs.models import JobAlert
    from jobs.services import alerts

    client.force_login(UserFactory())
    form = client.get(in_language(language, "jobs:alert_create"), {"q": "kock"}).text
    with translation.override(language):
        texts = [form, str(alerts.CONSENT_WORDING), str(JobAlert.StopReason.LAPSED.label)]
    assert_says_the_alert_period(texts, language=language)


def test_the_alert_digest_says_the_overridden_period(taxonomy, alerts_overridden, mailoutbox):
    from jobs.services import digests

    assert digests.send_digest_mail(
        alerts=[alert := JobAlertFactory()], sections=[([alert], [AdFactory()])]
    )
    [digest] = mailoutbox
    assert_says_the_alert_period([digest.body, digest.alternatives[0][0]], language="sv")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_alert_digest_templates_say_the_overridden_period(
    taxonomy, alerts_overridden, language
):
    from jobs.services import digests

    context = {
        "ads": digests.digest_lines([AdFactory()]),
        "unsubscribe_url": "/u/",
        "SITE_NAME": "Jobb",
    }
    with translation.override(language):
        texts = [render_to_string(f"emails/jobs_alert_digest.{ext}", context) for ext in EXTS]
    assert_says_the_alert_period(texts, language=language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notice_in_plain_words_says_the_overridden_alert_periods(
    client, alerts_overridden, language
):
    page = client.get(in_language(language, "privacy:notice")).text
    heading = {"sv": "med enkla ord", "en": "in plain words"}[language]
    paragraph = flat(page.split(heading)[1].split("</p>")[0])
    new, old = ALERTS[language]
    consent = {"sv": "i ytterligare nio månader", "en": "for nine months more"}[language]
    assert new in paragraph
    assert consent in paragraph
    assert old not in paragraph


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_agreement_notes_reason_says_the_overridden_period(alerts_overridden, language):
    from companies.privacy import NOTES_REASON

    expected = {"sv": "sparas i sju år", "en": "kept seven years"}[language]
    with translation.override(language):
        assert expected in str(NOTES_REASON)
        assert "fem år" not in str(NOTES_REASON)
        assert "five years" not in str(NOTES_REASON)


def test_a_page_rendered_after_the_override_is_lifted_says_the_default_again(settings, client):
    settings.PRIVACY_RETENTION_OVERRIDES = OVERRIDES
    assert "tre månader" in flat(client.get("/integritet/").text)
    settings.PRIVACY_RETENTION_OVERRIDES = {}
    page = flat(client.get("/integritet/").text)
    assert "Raderas sex månader efter att ansökan skickades." in page
