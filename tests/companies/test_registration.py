import calendar
import datetime as dt
import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from companies.models import Company, Invitation, Membership
from companies.orgnr import luhn_ok
from companies.services import registration
from companies.services.registration import CompanyError
from tests.factories.accounts import UserFactory
from tests.factories.companies import CompanyFactory, MembershipFactory

pytestmark = pytest.mark.django_db

FORM = {
    "name": "Nya Bolaget AB",
    "org_number": "5560360793",
    "email": "Info@Nyabolaget.se",
    "phone": "08-555 00 00",
    "street": "Storgatan 1",
    "postal_code": "111 22",
    "town": "Stockholm",
}


@pytest.fixture
def user_client(client):
    user = UserFactory()
    client.force_login(user)
    client.user = user
    return client


def test_a_signed_in_user_registers_a_company_and_becomes_its_owner(user_client):
    response = user_client.post(reverse("companies:register"), FORM)

    company = Company.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("companies:dashboard", args=[company.pk])
    assert company.org_number == "556036-0793"
    assert company.email == "info@nyabolaget.se"
    membership = Membership.objects.get(company=company)
    assert membership.user == user_client.user
    assert membership.role == Membership.Role.OWNER


def test_a_wrong_organisation_number_gets_a_clear_message_and_nothing_is_saved(user_client):
    response = user_client.post(
        reverse("companies:register"), {**FORM, "org_number": "556036-0794"}
    )

    assert response.status_code == 200
    assert "kontrollera den sista siffran" in response.content.decode()
    assert not Company.objects.exists()


def test_the_all_zero_organisation_number_is_refused_though_it_passes_luhn(user_client):
    response = user_client.post(
        reverse("companies:register"), {**FORM, "org_number": "000000-0000"}
    )

    assert response.status_code == 200
    assert "tredje och fjärde siffran" in response.content.decode()
    assert not Company.objects.exists()


def sole_traders_number(birth: dt.date, *, century: bool = False) -> str:
    """A personal identity number born on `birth`, with a right Luhn check digit."""
    first_nine = f"{birth:%y%m%d}987"
    check = next(d for d in range(10) if luhn_ok(f"{first_nine}{d}"))
    number = f"{first_nine[:6]}-{first_nine[6:]}{check}"
    return f"{birth.year // 100}{number}" if century else number


def test_a_sole_trader_born_on_an_impossible_day_gets_a_clear_message(user_client, stopped_now):
    first_nine = f"{stopped_now:%y}0230987"  # 30 February
    check = next(d for d in range(10) if luhn_ok(f"{first_nine}{d}"))

    response = user_client.post(
        reverse("companies:register"), {**FORM, "org_number": f"{first_nine}{check}"}
    )

    assert response.status_code == 200
    assert "inget giltigt födelsedatum" in response.content.decode()
    assert not Company.objects.exists()


def test_a_sole_trader_born_tomorrow_is_refused_in_english_too(user_client, stopped_now):
    tomorrow = timezone.localdate(stopped_now) + dt.timedelta(days=1)
    number = sole_traders_number(tomorrow, century=True)

    response = user_client.post(reverse("companies:register"), {**FORM, "org_number": number})
    with translation.override("en"):
        in_english = user_client.post(reverse("companies:register"), {**FORM, "org_number": number})

    assert "födelsedatum i framtiden" in response.content.decode()
    assert "date of birth in the future" in in_english.content.decode()
    assert not Company.objects.exists()


def test_a_sole_trader_born_on_a_leap_day_registers(user_client, stopped_now):
    today = timezone.localdate(stopped_now)
    leap = next(y for y in range(today.year - 18, 0, -1) if calendar.isleap(y))
    number = sole_traders_number(dt.date(leap, 2, 29))

    response = user_client.post(reverse("companies:register"), {**FORM, "org_number": number})

    assert response.status_code == 302
    assert Company.objects.get().org_number == number


def test_the_service_refuses_an_impossible_date_of_birth_too(stopped_now):
    first_nine = f"{stopped_now:%y}0230987"  # 30 February
    check = next(d for d in range(10) if luhn_ok(f"{first_nine}{d}"))

    with pytest.raises(ValidationError) as exc:
        registration.register_company(
            by=UserFactory(), now=stopped_now, **{**FORM, "org_number": f"{first_nine}{check}"}
        )
    assert exc.value.code == "birth_date"
    assert not Company.objects.exists()


def test_a_company_description_has_a_sensible_maximum(owner, client):
    client.force_login(owner.user)
    company = owner.company

    response = client.post(
        reverse("companies:company_edit", args=[company.pk]),
        {
            "name": company.name,
            "email": company.email,
            "phone": company.phone,
            "street": company.street,
            "postal_code": company.postal_code,
            "town": company.town,
            "description": "x" * 60000,
        },
    )

    assert response.status_code == 200
    assert "högst 5000" in response.context["form"].errors["description"][0]


def test_an_organisation_number_is_unique_with_a_clear_message(user_client):
    CompanyFactory(org_number="556036-0793")

    response = user_client.post(
        reverse("companies:register"), {**FORM, "org_number": "16556036-0793"}
    )

    assert response.status_code == 200
    assert "redan registrerat" in response.content.decode()
    assert Company.objects.count() == 1


def test_registration_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("companies:register"))

    assert response.status_code == 302
    assert reverse("account_login") in response.url


def test_a_sole_traders_number_is_never_public():
    company = CompanyFactory.build(org_number="811218-9876")

    assert company.is_sole_trader
    assert company.public_org_number == ""
    assert "811218" not in str(company)


def test_an_owner_invites_a_colleague_by_email_with_a_signed_link(owner):
    invitation = _invite(owner, "kollega@example.se")

    assert len(mail.outbox) == 1
    # The link's token, read from the mail: a token made again here could carry another
    # second's timestamp (the clock runs), so it is checked by what it stands for.
    prefix = reverse("companies:accept_invitation", args=["TOKEN"]).split("TOKEN")[0]
    found = re.search(re.escape(prefix) + r"([^/\s]+)/", mail.outbox[0].body)
    assert found, mail.outbox[0].body
    assert registration.invitation_from_token(found[1]) == invitation
    assert mail.outbox[0].to == ["kollega@example.se"]
    inviter = owner.user.get_full_name() or owner.user.email
    assert f"{inviter} bjuder in dig att bli kontaktperson" in mail.outbox[0].body


def _invite(owner, email, role=Membership.Role.MEMBER):
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return registration.invite_member(
            company=owner.company, email=email, role=role, by=owner.user, now=timezone.now()
        )


def test_a_member_who_is_not_an_owner_cannot_invite(owner):
    member = MembershipFactory(company=owner.company, role=Membership.Role.MEMBER)

    with pytest.raises(CompanyError):
        registration.invite_member(
            company=owner.company,
            email="x@example.se",
            role=Membership.Role.MEMBER,
            by=member.user,
            now=timezone.now(),
        )


def test_the_invited_user_accepts_and_becomes_a_contact_person(owner, client):
    invitation = _invite(owner, "kollega@example.se")
    colleague = UserFactory(email="kollega@example.se")
    client.force_login(colleague)
    url = reverse("companies:accept_invitation", args=[registration.invitation_token(invitation)])

    response = client.post(url)

    assert response.status_code == 302
    assert Membership.objects.get(company=owner.company, user=colleague).role == "member"
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None


def test_an_anonymous_visitor_with_the_link_is_asked_to_sign_in_or_sign_up(owner, client):
    invitation = _invite(owner, "ny@example.se")
    url = reverse("companies:accept_invitation", args=[registration.invitation_token(invitation)])

    page = client.get(url).content.decode()

    assert reverse("account_login") in page
    assert reverse("account_signup") in page
    assert not Membership.objects.filter(user__email="ny@example.se").exists()


def test_another_users_email_cannot_accept_the_invitation(owner, client):
    invitation = _invite(owner, "kollega@example.se")
    client.force_login(UserFactory(email="someone.else@example.se"))
    url = reverse("companies:accept_invitation", args=[registration.invitation_token(invitation)])

    response = client.post(url)

    assert response.status_code == 200
    assert "en annan e-postadress" in response.content.decode()
    assert owner.company.memberships.count() == 1


def test_an_invitation_link_expires_after_seven_days(owner, client, time_machine):
    time_machine.move_to(timezone.now(), tick=False)
    invitation = _invite(owner, "kollega@example.se")
    token = registration.invitation_token(invitation)

    time_machine.move_to(timezone.now() + dt.timedelta(days=7, seconds=-1), tick=False)
    assert registration.invitation_from_token(token) == invitation
    time_machine.move_to(timezone.now() + dt.timedelta(seconds=2), tick=False)
    with pytest.raises(CompanyError):
        registration.invitation_from_token(token)
    client.force_login(UserFactory(email="kollega@example.se"))
    response = client.get(reverse("companies:accept_invitation", args=[token]))
    assert response.status_code == 400
    assert "gått ut" in response.content.decode()


def test_a_tampered_link_is_refused(client):
    response = client.get(reverse("companies:accept_invitation", args=["abc:def"]))

    assert response.status_code == 400


def test_an_owner_removes_a_contact_person_after_a_question_and_they_are_told(
    owner, client, django_capture_on_commit_callbacks
):
    member = MembershipFactory(
        company=owner.company, role=Membership.Role.MEMBER, user__email="kollega@example.se"
    )
    client.force_login(owner.user)
    url = reverse("companies:remove_member", args=[owner.company.pk, member.pk])
    dashboard = client.get(reverse("companies:dashboard", args=[owner.company.pk]))
    assert f'href="{url}"' in dashboard.content.decode()  # a link to the question

    asked = client.get(url).content.decode()
    assert Membership.objects.filter(pk=member.pk).exists()  # asking changes nothing
    assert "kollega@example.se slutar vara kontaktperson" in asked

    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)

    assert not Membership.objects.filter(pk=member.pk).exists()
    [told] = mail.outbox
    assert told.to == ["kollega@example.se"]
    assert f"Du är inte längre kontaktperson för {owner.company.name}" in told.subject


def test_a_member_cannot_remove_anyone(owner, client):
    member = MembershipFactory(company=owner.company, role=Membership.Role.MEMBER)
    client.force_login(member.user)

    client.post(reverse("companies:remove_member", args=[owner.company.pk, owner.pk]))

    assert Membership.objects.filter(pk=owner.pk).exists()


def test_the_last_owner_cannot_be_removed(owner):
    with pytest.raises(CompanyError):
        registration.remove_member(membership=owner, by=owner.user)
    assert Membership.objects.filter(pk=owner.pk).exists()


def test_one_of_two_owners_can_be_removed(owner):
    second = MembershipFactory(company=owner.company, role=Membership.Role.OWNER)

    registration.remove_member(membership=second, by=owner.user)

    assert list(owner.company.memberships.all()) == [owner]


def test_invitation_rows_are_not_shown_as_personal_data_in_str(owner):
    invitation = Invitation.objects.create(company=owner.company, email="a@example.se")

    assert "a@example.se" not in str(invitation)
    assert owner.company.name not in str(owner.company)


def test_a_restricted_address_gets_no_invitation_email(owner, admin_user):
    from privacy.restrictions import restrict

    restrict(email="stoppad@example.se", reason="Begäran", by=admin_user, now=timezone.now())

    _invite(owner, "stoppad@example.se")

    assert mail.outbox == []


def test_an_owner_changes_the_companys_details_but_not_its_number(owner, client):
    client.force_login(owner.user)
    company = owner.company
    number = company.org_number

    response = client.post(
        reverse("companies:company_edit", args=[company.pk]),
        {
            "name": "Nytt Namn AB",
            "email": "Ny@Bolaget.se",
            "phone": "08-123 456 78",
            "street": "Väg 1",
            "postal_code": "12345",
            "town": "Ystad",
            "website": "bolaget.se",
            "description": "Vi bygger hus.",
            "org_number": "556036-0793",
        },
    )

    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.name, company.email, company.website) == (
        "Nytt Namn AB",
        "ny@bolaget.se",
        "https://bolaget.se",
    )
    assert company.org_number == number
    assert (company.phone, company.postal_code) == ("+46812345678", "123 45")


def test_a_companys_address_and_phone_must_be_swedish_and_whole(owner, client):
    """They go on the invoices: "abcdef Stockholm" was accepted as a postal address."""
    client.force_login(owner.user)
    url = reverse("companies:company_edit", args=[owner.company.pk])
    response = client.post(
        url,
        {
            "name": "Bolaget AB",
            "email": "info@bolaget.se",
            "phone": "x",
            "street": "Väg 1",
            "postal_code": "abcdef",
            "town": "Stockholm",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ange ett svenskt postnummer med fem siffror" in page
    assert "Ange ett telefonnummer som börjar med 0" in page
    owner.company.refresh_from_db()
    assert owner.company.postal_code != "abcdef"


def test_a_member_cannot_change_the_companys_details(owner, client):
    member = MembershipFactory(company=owner.company, role=Membership.Role.MEMBER)
    client.force_login(member.user)

    client.post(reverse("companies:company_edit", args=[owner.company.pk]), {"name": "X"})

    owner.company.refresh_from_db()
    assert owner.company.name != "X"


def test_inviting_the_same_address_again_replaces_the_first_link(owner, client):
    first = _invite(owner, "kollega@example.se")
    first_link = reverse("companies:accept_invitation", args=[registration.invitation_token(first)])
    second = _invite(owner, "Kollega@Example.se")
    assert list(owner.company.invitations.values_list("pk", flat=True)) == [second.pk]
    client.force_login(UserFactory(email="kollega@example.se"))
    assert client.get(first_link).status_code == 400  # the old link no longer works
    assert not owner.company.memberships.filter(user__email="kollega@example.se").exists()


def test_the_owner_is_told_that_a_second_invitation_replaces_the_first(owner, client):
    client.force_login(owner.user)
    url = reverse("companies:invite", args=[owner.company.pk])
    data = {"email": "kollega@example.se", "role": Membership.Role.MEMBER}
    first = client.post(url, data, follow=True).content.decode()
    second = client.post(url, data, follow=True).content.decode()
    assert "Inbjudan har skickats till kollega@example.se." in first
    assert "länken i den tidigare fungerar inte längre" in second


def test_an_owner_withdraws_an_invitation_sent_to_a_wrong_address(owner, client):
    invitation = _invite(owner, "fel.adress@exampel.com")
    link = reverse("companies:accept_invitation", args=[registration.invitation_token(invitation)])
    client.force_login(owner.user)
    dashboard = client.get(reverse("companies:dashboard", args=[owner.company.pk])).text
    withdraw = reverse("companies:withdraw_invitation", args=[owner.company.pk, invitation.pk])
    assert withdraw in dashboard
    client.post(withdraw)
    assert not owner.company.invitations.exists()
    client.force_login(UserFactory(email="fel.adress@exampel.com"))
    assert client.get(link).status_code == 400


def test_only_an_owner_of_the_company_withdraws_its_invitations(owner, client):
    invitation = _invite(owner, "kollega@example.se")
    member = MembershipFactory(company=owner.company, role=Membership.Role.MEMBER)
    stranger = MembershipFactory(role=Membership.Role.OWNER)  # owner of another company
    for user, company_pk in ((member.user, owner.company.pk), (stranger.user, stranger.company.pk)):
        client.force_login(user)
        response = client.post(
            reverse("companies:withdraw_invitation", args=[company_pk, invitation.pk])
        )
        assert response.status_code in (302, 404)
        assert owner.company.invitations.filter(pk=invitation.pk).exists()


def test_a_used_or_someone_elses_invitation_offers_no_button(owner, client):
    invitation = _invite(owner, "kollega@example.se")
    url = reverse("companies:accept_invitation", args=[registration.invitation_token(invitation)])
    client.force_login(UserFactory(email="someone.else@example.se"))
    page = client.get(url).content.decode()
    assert "en annan e-postadress" in page and "Tacka ja" not in page


def _edit_details(client, company, website, language="sv"):
    with translation.override(language):
        url = reverse("companies:company_edit", args=[company.pk])
    return client.post(
        url,
        {
            "name": "Bolaget AB",
            "email": "info@bolaget.se",
            "phone": "08-123 456 78",
            "street": "Väg 1",
            "postal_code": "12345",
            "town": "Ystad",
            "website": website,
            "description": "",
        },
    )


@pytest.mark.parametrize(
    ("website", "swedish", "english"),
    [
        ("javascript:alert(1)", "inte javascript:", "not javascript:"),
        ("data:text/html,<b>hej</b>", "inte data:", "not data:"),
        ("ftp://bolaget.se/", "inte ftp:", "not ftp:"),
        ("file:///etc/passwd", "inte file:", "not file:"),
        ("http://localhost/", "localhost är inte en sådan", "localhost is not one"),
        ("https://127.0.0.1/", "127.0.0.1 är inte en sådan", "127.0.0.1 is not one"),
        ("http://192.168.1.1/", "192.168.1.1 är inte en sådan", "192.168.1.1 is not one"),
        ("http://10.1.2.3/", "10.1.2.3 är inte en sådan", "10.1.2.3 is not one"),
        ("http://169.254.169.254/", "169.254.169.254 är", "169.254.169.254 is not"),
        ("http://[::1]/", "::1 är inte en sådan", "::1 is not one"),
        ("http://[fe80::1]/", "fe80::1 är inte en sådan", "fe80::1 is not one"),
        ("http://[::ffff:127.0.0.1]/", "::ffff:127.0.0.1 är", "::ffff:127.0.0.1 is not"),
        ("http://0x7f.1/", "0x7f.1 är inte en sådan", "0x7f.1 is not one"),
        ("skrivare.local", "skrivare.local är inte", "skrivare.local is not"),
        ("https://wiki.corp.internal/", "wiki.corp.internal är", "wiki.corp.internal is not"),
        ("https://intranet/", "intranet är inte en sådan", "intranet is not one"),
        ("https://anna:hemligt@bolaget.se/", "utan användarnamn", "without a user name"),
        ("inte en adress", "Ange hela webbadressen", "Give the whole web address"),
    ],
)
def test_a_companys_website_must_be_a_public_web_address(owner, client, website, swedish, english):
    client.force_login(owner.user)
    before = owner.company.website

    in_swedish = _edit_details(client, owner.company, website)
    in_english = _edit_details(client, owner.company, website, language="en")

    assert in_swedish.status_code == in_english.status_code == 200
    assert swedish in in_swedish.content.decode()
    assert english in in_english.content.decode()
    owner.company.refresh_from_db()
    assert (owner.company.name, owner.company.website) != ("Bolaget AB", website)
    assert owner.company.website == before


@pytest.mark.parametrize(
    ("website", "saved"),
    [
        ("bolaget.se", "https://bolaget.se"),
        ("http://www.bolaget.se/om-oss", "http://www.bolaget.se/om-oss"),
        ("https://8.8.8.8/", "https://8.8.8.8/"),
    ],
)
def test_a_public_website_is_saved_with_https_added_when_left_out(owner, client, website, saved):
    client.force_login(owner.user)

    assert _edit_details(client, owner.company, website).status_code == 302

    owner.company.refresh_from_db()
    assert owner.company.website == saved
