import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import TestCase
from django.urls import reverse
from django.utils import timezone, translation

from companies.models import Order
from companies.services import orders
from companies.services.orders import OrderError
from jobs.models import HISTORY_LENGTH, Ad, AdRevision
from jobs.services import ads as ad_services
from jobs.services.ads import AdError
from taxonomy.models import Municipality, Occupation
from tests.factories.companies import FeaturedProductFactory, ProductFactory, place_order
from tests.factories.jobs import AdFactory

from .conftest import draft_ad_ending_in

pytestmark = pytest.mark.django_db
STOCKHOLM = ZoneInfo("Europe/Stockholm")


def _form(**changes):
    data = {
        "title": "Lagerarbetare",
        "description": "Vi söker en lagerarbetare.",
        "municipality": Municipality.objects.first().pk,
        "occupation": Occupation.objects.first().pk,
        "employment_type": "permanent",
        "extent": "full_time",
        "salary_type": "range",
        "salary_min": "28000",
        "salary_max": "32000",
        "salary_period": "month",
        "salary_text": "",
        "last_application_date": (timezone.localdate() + dt.timedelta(days=14)).isoformat(),
        "apply_method": "portal",
        "apply_url": "",
        "apply_email": "",
        "contact_name": "Karin Lind",
        "contact_email": "karin@example.se",
        "contact_phone": "070-123 45 67",
    }
    data.update(changes)
    return data


def test_a_wrong_link_gets_one_message_and_the_form_says_the_last_days_limit(
    employer_client, company, taxonomy, product
):
    url = reverse("companies:ad_create", args=[company.pk])
    response = employer_client.post(url, _form(apply_method="url", apply_url="inte en länk"))
    assert response.context["form"].errors["apply_url"] == [
        "Ange hela webbadressen, med https:// först."
    ]
    private = employer_client.post(url, _form(apply_method="url", apply_url="https://10.0.0.5/"))
    assert private.context["form"].errors["apply_url"] == [
        "Ange adressen till en allmän webbsida: 10.0.0.5 är inte en sådan."
    ]
    page = employer_client.get(url).content.decode()
    assert "Högst 30 dagar fram i tiden: senast" in page
    assert 'max="' in page


def test_the_contact_phone_is_checked_and_kept_as_written(
    employer_client, company, taxonomy, product
):
    employer_client.post(
        reverse("companies:ad_create", args=[company.pk]),
        _form(contact_phone=" 070-123  45 67 "),
    )
    assert Ad.objects.get().contact_phone == "070-123 45 67"


def test_the_employer_writes_an_ad_which_is_saved_as_a_draft(
    employer_client, company, taxonomy, product
):
    response = employer_client.post(reverse("companies:ad_create", args=[company.pk]), _form())

    ad = Ad.objects.get()
    assert response.url == reverse("companies:ad_order", args=[ad.pk])
    assert ad.status == Ad.Status.DRAFT
    assert ad.company == company
    assert ad.revisions.get().kind == AdRevision.Kind.CREATED


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"last_application_date": "2000-01-01"}, "last_application_date"),
        ({"salary_min": "40000", "salary_max": "30000"}, "salary_max"),
        ({"salary_min": ""}, "salary_min"),
        ({"apply_method": "url"}, "apply_url"),
        ({"apply_method": "email"}, "apply_email"),
        ({"contact_name": ""}, "contact_name"),
        ({"contact_phone": "abc"}, "contact_phone"),
        ({"apply_method": "url", "apply_url": "ftp://example.se/x"}, "apply_url"),
        ({"apply_method": "url", "apply_url": "http://localhost/admin"}, "apply_url"),
        ({"apply_method": "url", "apply_url": "inte en länk"}, "apply_url"),
        ({"apply_method": "url", "apply_url": "https://127.0.0.1/x"}, "apply_url"),
        ({"apply_method": "url", "apply_url": "https://192.168.1.10/jobb"}, "apply_url"),
        ({"apply_method": "url", "apply_url": "https://[::1]/x"}, "apply_url"),
        ({"apply_method": "url", "apply_url": "https://intranet/jobb"}, "apply_url"),
        ({"contact_phone": "12"}, "contact_phone"),
    ],
)
def test_a_wrong_ad_gets_a_message_on_the_field(
    employer_client, company, taxonomy, product, changes, field
):
    response = employer_client.post(
        reverse("companies:ad_create", args=[company.pk]), _form(**changes)
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Ad.objects.exists()


@pytest.mark.parametrize("salary", ["99999999999999999999", "10000001", "0", "-5", "12,5"])
def test_a_salary_out_of_bounds_gets_a_clear_message_without_the_databases_limit(
    employer_client, company, taxonomy, product, salary
):
    response = employer_client.post(
        reverse("companies:ad_create", args=[company.pk]),
        _form(salary_min=salary, salary_max=salary),
    )

    errors = response.context["form"].errors
    assert errors["salary_min"] == ["Ange lönen i hela kronor, från 1 till 10 000 000."]
    assert "9223372036854775807" not in response.content.decode()
    assert "2147483647" not in response.content.decode()
    assert not Ad.objects.exists()


def test_the_highest_salary_allowed_is_ten_million(employer_client, company, taxonomy, product):
    employer_client.post(
        reverse("companies:ad_create", args=[company.pk]),
        _form(salary_min="10000000", salary_max="10000000"),
    )

    assert Ad.objects.get().salary_max == 10_000_000


def test_an_ad_description_has_a_sensible_maximum(employer_client, company, taxonomy, product):
    response = employer_client.post(
        reverse("companies:ad_create", args=[company.pk]), _form(description="x" * 60000)
    )

    assert "högst 20000" in response.context["form"].errors["description"][0]
    assert not Ad.objects.exists()


def test_the_last_application_day_cannot_be_beyond_the_longest_product(
    frozen_now, employer_client, company, taxonomy, product
):
    far = (frozen_now.date() + dt.timedelta(days=31)).isoformat()

    response = employer_client.post(
        reverse("companies:ad_create", args=[company.pk]), _form(last_application_date=far)
    )

    assert "last_application_date" in response.context["form"].errors


def test_salary_disclosed_before_the_interview_needs_no_range(
    employer_client, company, taxonomy, product
):
    employer_client.post(
        reverse("companies:ad_create", args=[company.pk]),
        _form(salary_type="before_interview", salary_min="", salary_max=""),
    )

    ad = Ad.objects.get()
    assert ad.salary_min is None and ad.salary_max is None


def test_ordering_issues_an_invoice_and_publishes_at_once(draft_ad, employer, product):
    now = timezone.now()

    order = place_order(ad=draft_ad, product=product, by=employer, now=now)

    draft_ad.refresh_from_db()
    assert draft_ad.status == Ad.Status.PUBLISHED
    assert draft_ad.published_at == now
    assert draft_ad.is_public(now)
    assert order.invoice.total_ore == 124375
    assert order.ordered_by == employer


def test_the_ad_ends_at_the_end_of_the_last_application_day_in_stockholm(
    draft_ad, employer, product
):
    now = dt.datetime(2026, 3, 20, 10, 0, tzinfo=STOCKHOLM)
    draft_ad.last_application_date = dt.date(2026, 3, 29)  # the night summer time begins
    draft_ad.save()

    place_order(ad=draft_ad, product=product, by=employer, now=now)

    draft_ad.refresh_from_db()
    assert draft_ad.ends_at == dt.datetime(2026, 3, 30, 0, 0, tzinfo=STOCKHOLM)


def test_the_ad_ends_with_its_paid_period_when_that_comes_first(frozen_now, draft_ad, employer):
    now = frozen_now
    short = ProductFactory(code="kort", days=7)
    draft_ad.last_application_date = now.date() + dt.timedelta(days=7)
    draft_ad.save()

    place_order(ad=draft_ad, product=short, by=employer, now=now)

    draft_ad.refresh_from_db()
    assert draft_ad.ends_at == now + dt.timedelta(days=7)


def test_a_featured_product_features_the_ad(draft_ad, employer):
    place_order(ad=draft_ad, product=FeaturedProductFactory(), by=employer)

    draft_ad.refresh_from_db()
    assert draft_ad.is_featured


def test_ordering_refuses_a_last_day_further_away_than_the_product_runs(draft_ad, employer):
    short = ProductFactory(code="kort", days=7)

    with pytest.raises(OrderError):
        place_order(ad=draft_ad, product=short, by=employer)
    assert not Order.objects.exists()
    draft_ad.refresh_from_db()
    assert draft_ad.status == Ad.Status.DRAFT


def test_a_live_ad_cannot_be_ordered_twice(draft_ad, employer, product):
    place_order(ad=draft_ad, product=product, by=employer)

    with pytest.raises(OrderError):
        place_order(ad=draft_ad, product=product, by=employer)
    assert Order.objects.count() == 1


def test_renewal_of_an_ended_ad_is_a_new_order(draft_ad, employer, product):
    place_order(ad=draft_ad, product=product, by=employer)
    ad_services.withdraw_ad(ad=draft_ad, by=employer, now=timezone.now())

    place_order(ad=draft_ad, product=product, by=employer)

    draft_ad.refresh_from_db()
    assert draft_ad.status == Ad.Status.PUBLISHED
    assert Order.objects.filter(ad=draft_ad).count() == 2


def test_ordering_through_the_page_emails_the_invoice(
    employer_client, draft_ad, product, mailoutbox
):
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = employer_client.post(
            reverse("companies:ad_order", args=[draft_ad.pk]), {"product": product.pk}
        )

    assert response.status_code == 302
    invoice = Order.objects.get().invoice
    assert mailoutbox[0].to == [draft_ad.company.email]
    assert mailoutbox[0].attachments[0][0] == f"faktura-{invoice.number}.pdf"


def test_the_order_page_says_until_when_the_ad_is_shown(employer_client, draft_ad, product):
    """A 30-day product for an ad whose last day to apply is in 20 days: the page says the
    ad is shown until that day, not for 30 days, before anyone pays."""
    page = employer_client.get(reverse("companies:ad_order", args=[draft_ad.pk])).text
    last_day = draft_ad.last_application_date.isoformat()
    assert f'Annonsen visas till och med <span class="date">{last_day}</span>.' in page
    assert "1\u00a0243,75\u00a0kr inkl. moms" in page and "exklusive moms (" not in page


def test_the_order_page_says_how_many_of_the_paid_days_a_cut_short_ad_runs(
    frozen_now, employer_client, company, product, taxonomy
):
    """The last day to apply 18 days away: a 30-day product shows the ad on 19 days (today
    and the 18 after), and the page says so before anyone pays."""
    ad = draft_ad_ending_in(company, 18)
    page = employer_client.get(reverse("companies:ad_order", args=[ad.pk])).text
    assert 'Annonsen visas till och med <span class="date">2026-12-13</span>.' in page
    assert "annonsen visas 19 av de 30 dagar du betalar för." in page
    assert "visar den också" not in page  # no shorter product to point to


def test_the_order_page_points_to_a_cheaper_product_that_reaches_the_last_day(
    frozen_now, employer_client, company, product, taxonomy
):
    ProductFactory(code="annons-21", name="Annons 21 dagar", days=21, price_ore=79500)
    ProductFactory(code="annons-14", name="Annons 14 dagar", days=14, price_ore=59500)
    ad = draft_ad_ending_in(company, 18)
    page = employer_client.get(reverse("companies:ad_order", args=[ad.pk])).text
    assert (
        "Annons 21 dagar visar den också till och med sista ansökningsdagen, "
        "för 795\u00a0kr exkl. moms." in page
    )
    assert "annonsen visas 19 av de 21 dagar du betalar för." in page
    assert "Annons 14 dagar visar" not in page  # 14 days end before the last day


def test_a_featured_product_cut_short_is_not_pointed_to_a_plain_one(frozen_now, company, taxonomy):
    featured = FeaturedProductFactory()
    ProductFactory(code="annons-21", name="Annons 21 dagar", days=21, price_ore=79500)
    ad = draft_ad_ending_in(company, 18)
    offered = {c.product.code: c for c in orders.choices(ad=ad, now=frozen_now)}
    assert offered[featured.code].cut_short
    assert offered[featured.code].shorter is None


def test_the_order_page_says_a_product_runs_in_full_when_the_last_day_allows(
    frozen_now, employer_client, company, product, taxonomy
):
    ad = draft_ad_ending_in(company, 30)
    page = employer_client.get(reverse("companies:ad_order", args=[ad.pk])).text
    assert "Den visas alla produktens 30 dagar." in page
    assert "du betalar för" not in page


def test_the_order_page_of_a_live_ad_says_so_instead_of_offering_to_order(
    employer_client, draft_ad, product, employer
):
    place_order(ad=draft_ad, product=product, by=employer)
    page = employer_client.get(reverse("companies:ad_order", args=[draft_ad.pk])).text
    assert "Annonsen är redan beställd" in page
    assert 'name="product"' not in page and "Beställ och publicera" not in page


@pytest.mark.parametrize("service", [ad_services.withdraw_ad, ad_services.mark_filled])
def test_withdrawing_or_filling_ends_the_ad_now(draft_ad, employer, product, service):
    place_order(ad=draft_ad, product=product, by=employer)
    now = timezone.now()

    service(ad=draft_ad, by=employer, now=now)

    draft_ad.refresh_from_db()
    assert draft_ad.ends_at == now
    assert not draft_ad.is_public(now)


def test_editing_a_live_ad_is_kept_in_its_history(draft_ad, employer, product):
    place_order(ad=draft_ad, product=product, by=employer)

    ad_services.edit_ad(
        ad=draft_ad,
        by=employer,
        now=timezone.now(),
        fields={"title": "Ny titel", "contact_phone": "08-1"},
    )

    revision = draft_ad.revisions.filter(kind=AdRevision.Kind.EDITED).get()
    assert revision.changes["title"][1] == "Ny titel"
    assert revision.changed_by == employer
    draft_ad.refresh_from_db()
    assert draft_ad.status == Ad.Status.PUBLISHED


def test_the_history_stays_short(draft_ad, employer):
    for n in range(HISTORY_LENGTH + 5):
        ad_services.edit_ad(
            ad=draft_ad, by=employer, now=timezone.now(), fields={"title": f"Titel {n}"}
        )

    assert draft_ad.revisions.count() == HISTORY_LENGTH
    assert draft_ad.revisions.first().changes["title"][1] == f"Titel {HISTORY_LENGTH + 4}"


def test_moving_the_last_day_of_a_live_ad_moves_its_end(draft_ad, employer, product):
    now = timezone.now()
    place_order(ad=draft_ad, product=product, by=employer, now=now)
    day = timezone.localdate(now) + dt.timedelta(days=3)

    ad_services.edit_ad(ad=draft_ad, by=employer, now=now, fields={"last_application_date": day})

    draft_ad.refresh_from_db()
    assert draft_ad.ends_at == ad_services.end_of_application_day(day)


def test_staff_take_an_ad_down_with_a_reason_the_employer_sees(
    draft_ad, employer, product, employer_client, admin_user
):
    place_order(ad=draft_ad, product=product, by=employer)

    ad_services.take_down_ad(
        ad=draft_ad, by=admin_user, reason="Diskriminerande krav", now=timezone.now()
    )

    draft_ad.refresh_from_db()
    assert draft_ad.status == Ad.Status.TAKEN_DOWN
    assert not draft_ad.is_public(timezone.now())
    page = employer_client.get(reverse("companies:dashboard", args=[draft_ad.company_id]))
    assert "Diskriminerande krav" in page.content.decode()


def test_a_takedown_needs_a_reason(draft_ad, employer, product, admin_user):
    place_order(ad=draft_ad, product=product, by=employer)

    with pytest.raises(AdError):
        ad_services.take_down_ad(ad=draft_ad, by=admin_user, reason="  ", now=timezone.now())


def test_with_review_on_a_new_companys_first_ad_waits_for_staff(
    draft_ad, employer, product, settings, admin_user
):
    settings.COMPANIES_REVIEW_FIRST_AD = True

    place_order(ad=draft_ad, product=product, by=employer)

    draft_ad.refresh_from_db()
    assert draft_ad.status == Ad.Status.PENDING_REVIEW
    assert not draft_ad.is_public(timezone.now())
    ad_services.approve_ad(ad=draft_ad, by=admin_user, now=timezone.now())
    draft_ad.refresh_from_db()
    assert draft_ad.is_public(timezone.now())


def test_with_review_on_a_company_that_has_published_before_goes_live_at_once(
    draft_ad, employer, product, settings
):
    settings.COMPANIES_REVIEW_FIRST_AD = True
    AdFactory(company=draft_ad.company)

    place_order(ad=draft_ad, product=product, by=employer)

    draft_ad.refresh_from_db()
    assert draft_ad.status == Ad.Status.PUBLISHED


def test_review_is_off_by_default(settings):
    assert settings.COMPANIES_REVIEW_FIRST_AD is False


def test_the_preview_renders_the_public_ad_template(employer_client, draft_ad):
    response = employer_client.get(reverse("companies:ad_preview", args=[draft_ad.pk]))

    assert response.status_code == 200
    assert "jobs/detail.html" in [t.name for t in response.templates]
    assert draft_ad.title in response.content.decode()
    draft_ad.refresh_from_db()
    assert draft_ad.status == Ad.Status.DRAFT


def test_a_live_ads_last_day_cannot_move_past_its_paid_period(
    frozen_now, employer_client, draft_ad, employer, product
):
    place_order(ad=draft_ad, product=product, by=employer)
    too_far = (frozen_now.date() + dt.timedelta(days=31)).isoformat()
    fields = {f: getattr(draft_ad, f) for f in ad_services.AD_FIELDS}
    fields.update(
        municipality=draft_ad.municipality_id,
        occupation=draft_ad.occupation_id,
        salary_period="month",
        last_application_date=too_far,
    )
    data = {k: "" if v is None else v for k, v in fields.items()}

    response = employer_client.post(reverse("companies:ad_edit", args=[draft_ad.pk]), data)

    assert "last_application_date" in response.context["form"].errors
    data["last_application_date"] = (frozen_now.date() + dt.timedelta(days=5)).isoformat()
    data["title"] = "Ändrad titel"
    response = employer_client.post(reverse("companies:ad_edit", args=[draft_ad.pk]), data)
    assert response.status_code == 302
    draft_ad.refresh_from_db()
    assert draft_ad.title == "Ändrad titel"
    assert draft_ad.revisions.filter(kind="edited").exists()


def test_the_ad_form_offers_every_place_and_occupation_with_the_ads_own_chosen(
    employer_client, draft_ad
):
    """The 290 municipalities and 2 412 occupations are rendered in Python, not through
    Django's option template (100 ms of every ad form)."""
    response = employer_client.get(reverse("companies:ad_edit", args=[draft_ad.pk]))
    html = response.content.decode()

    options = [t for t in response.templates if t.name == "django/forms/widgets/select_option.html"]
    # Only the other drop-downs' few options, however many places and occupations there are.
    assert len(options) < min(Occupation.objects.count(), Municipality.objects.count()), options
    occupations = html.split('name="occupation"')[1].split("</select>")[0]
    assert occupations.count("<option") == Occupation.objects.count() + 1  # and "Choose…"
    assert f'value="{draft_ad.occupation_id}" selected>' in occupations
    places = html.split('name="municipality"')[1].split("</select>")[0]
    assert places.count("<option") == Municipality.objects.count() + 1
    assert f'value="{draft_ad.municipality_id}" selected>' in places
    assert places.count(" selected") == 1


def test_the_preview_says_what_state_the_ad_is_in(employer_client, draft_ad, product, employer):
    """A filled ad's preview said "not published yet" above "Published <date>"."""
    url = reverse("companies:ad_preview", args=[draft_ad.pk])
    assert "annonsen är inte publicerad än" in employer_client.get(url).text
    place_order(ad=draft_ad, product=product, by=employer)
    assert "så här visas annonsen nu" in employer_client.get(url).text
    ad_services.mark_filled(ad=draft_ad, by=employer, now=timezone.now())
    page = employer_client.get(url).text
    assert "annonsen har stängt" in page and "inte publicerad än" not in page


def test_control_and_direction_characters_are_taken_out_of_what_the_employer_writes(
    frozen_now, employer_client, company, taxonomy, product
):
    employer_client.post(
        reverse("companies:ad_create", args=[company.pk]),
        _form(
            title="Rad1\r\nBcc: evil@example.se\x07\u202eTXET",
            contact_name="Karin\u202e Lind\x00",
            description="Första stycket.\r\n\r\nAndra\x07 stycket\u2066.\tSlut",
        ),
    )

    ad = Ad.objects.get()
    assert ad.title == "Rad1 Bcc: evil@example.seTXET"
    assert ad.contact_name == "Karin Lind"
    assert ad.description == "Första stycket.\n\nAndra stycket.\tSlut"


@pytest.mark.parametrize(
    "typed",
    [
        "30 000",
        "30\u00a0000",  # a no-break space, as a word processor puts it
        "30\u202f000",  # a narrow no-break space
        "30 000 kr",
        "30000:-",
        "30 000:-",
        "30000 SEK",
        "30 000,00",
        "30.000",  # read as thirty thousand, no longer as 30
    ],
)
def test_a_salary_is_read_as_swedes_write_it(employer_client, company, taxonomy, product, typed):
    response = employer_client.post(
        reverse("companies:ad_create", args=[company.pk]),
        _form(salary_min=typed, salary_max="35 000 kr"),
    )

    assert response.status_code == 302
    ad = Ad.objects.get()
    assert (ad.salary_min, ad.salary_max) == (30_000, 35_000)


@pytest.mark.parametrize("typed", ["trettio", "30,5,5", "-30 000", "30 000 000", "1" * 5000])
def test_a_salary_that_is_not_one_is_refused_in_the_users_language(
    employer_client, company, taxonomy, product, typed
):
    url = reverse("companies:ad_create", args=[company.pk])
    swedish = employer_client.post(url, _form(salary_min=typed))
    with translation.override("en"):
        english_url = reverse("companies:ad_create", args=[company.pk])
    english = employer_client.post(english_url, _form(salary_min=typed))

    assert swedish.status_code == english.status_code == 200
    assert "Ange lönen i hela kronor, från 1 till 10 000 000." in swedish.content.decode()
    assert "Give the salary in whole kronor, from 1 to 10 000 000." in english.content.decode()
    assert list(english.context["form"].errors) == ["salary_min"]
    assert not Ad.objects.exists()


def test_a_salary_shown_again_after_an_error_is_what_was_typed(
    employer_client, company, taxonomy, product
):
    response = employer_client.post(
        reverse("companies:ad_create", args=[company.pk]),
        _form(salary_min="30 000 kr", contact_name=""),
    )

    page = response.content.decode()
    assert 'value="30 000 kr"' in page
    # A number input drops "30 000" in the browser before it is sent.
    assert 'type="number" name="salary_min"' not in page
    assert not Ad.objects.exists()


def _post_in(client, language, url_name, args, data):
    with translation.override(language):
        url = reverse(url_name, args=args)
    return client.post(url, data)


def test_a_last_day_written_year_first_with_slashes_is_read(
    frozen_now, employer_client, company, taxonomy, product
):
    day = frozen_now.date() + dt.timedelta(days=14)

    response = employer_client.post(
        reverse("companies:ad_create", args=[company.pk]),
        _form(last_application_date=day.strftime("%Y/%m/%d")),
    )

    assert response.status_code == 302
    assert Ad.objects.get().last_application_date == day


@pytest.mark.parametrize("written", ["%d/%m/%Y", "%m/%d/%Y", "%d.%m.%Y", "%d/%m/%y", "%b %d %Y"])
@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("sv", "Skriv datumet som ÅÅÅÅ-MM-DD (år-månad-dag), t.ex. {today}."),
        ("en", "Write the date as YYYY-MM-DD (year-month-day), e.g. {today}."),
    ],
)
def test_a_last_day_written_day_or_month_first_is_refused_with_the_format_to_use(
    frozen_now, employer_client, company, taxonomy, product, written, language, message
):
    """01/02/2027 was read as the 2nd of January, in Swedish too: which of day and month
    comes first cannot be known, so the form asks for the date year first."""
    today = frozen_now.date()
    for days in (3, 14):  # a day of the month up to 12, and one past it
        typed = (today + dt.timedelta(days=days)).strftime(written)
        response = _post_in(
            employer_client,
            language,
            "companies:ad_create",
            [company.pk],
            _form(last_application_date=typed),
        )

        assert response.status_code == 200
        page = response.content.decode()
        assert message.format(today=today.isoformat()) in page
        assert f'value="{typed}"' in page
    assert not Ad.objects.exists()


def test_a_last_day_that_is_no_day_says_so(frozen_now, employer_client, company, taxonomy, product):
    year = frozen_now.year + 1
    response = employer_client.post(
        reverse("companies:ad_create", args=[company.pk]),
        _form(last_application_date=f"{year}-02-30"),
    )

    assert response.status_code == 200
    assert f"Det finns ingen sådan dag: {year}-02-30." in response.content.decode()
    assert not Ad.objects.exists()
