"""The access matrix: every route that takes an object id, a token or a slug, for every
role, by GET and by POST, has its answer written down here, and gets it.

The routes come from the URL configuration itself (includes and language prefixes walked),
so a new route without a row in ROUTES fails `test_every_route_with_an_argument_has_a_row`.
Admin is left out: it has its own permission system (and its own tests). Each route is
asked by every role against one fresh set of objects; every request runs in a transaction
that is rolled back, so what one role changes, the next does not see.

The answers:
    ok      200: the page, the file, or the form again with what is wrong
    redir   a redirect after the action (or back with a message), not to the sign-in page
    login   a redirect to the sign-in page
    404     not found: whether the object exists is not told
    403     refused: the person may see the object, but not do this
    405     the method is not allowed
"""

from dataclasses import dataclass, field

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from django.contrib.auth.models import Permission
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts.services import keep_account_token
from companies.logos import clean_logo
from companies.models import Membership
from companies.services import logos, registration
from jobs.models import Ad, ApplyMethod
from jobs.services.alerts import confirm_url as alert_confirm_url
from jobs.services.alerts import unsubscribe_token
from newsletter.models import Delivery, Issue, Subscriber
from newsletter.services import sending as newsletter_sending
from newsletter.services import subscriptions as newsletter_subscriptions
from taxonomy.models import County
from tests.factories.accounts import DocumentFactory, UserFactory, staff_user
from tests.factories.companies import MembershipFactory, place_order, png_bytes
from tests.factories.jobs import (
    AdFactory,
    ApplicationDocumentFactory,
    ApplicationFactory,
    JobAlertFactory,
)

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous",
    "seeker_a",
    "seeker_b",
    "member_x",
    "member_y",
    "owner_x",
    "staff_none",
    "staff_view",
    "staff_change_no_2fa",
    "staff_all",
)


def _permissions(*actions):
    return [
        f"{p.content_type.app_label}.{p.codename}"
        for p in Permission.objects.select_related("content_type")
        if p.codename.split("_", 1)[0] in actions
    ]


@dataclass
class World:
    """One of everything, owned by the roles: seeker A applied to company X's ad (and has
    a document, an alert, a new e-mail address to confirm and a password reset link); seeker
    B is invited to company X."""

    users: dict = field(default_factory=dict)
    objects: dict = field(default_factory=dict)


def build_world() -> World:
    now = timezone.now()
    owner = MembershipFactory(role=Membership.Role.OWNER)
    company_x = owner.company
    member_x = MembershipFactory(company=company_x, role=Membership.Role.MEMBER)
    owner_y = MembershipFactory(role=Membership.Role.OWNER)
    seeker_a, seeker_b = UserFactory(), UserFactory()
    users = {
        "anonymous": None,
        "seeker_a": seeker_a,
        "seeker_b": seeker_b,
        "member_x": member_x.user,
        "member_y": owner_y.user,
        "owner_x": owner.user,
        "staff_none": staff_user(),
        "staff_view": staff_user(*_permissions("view")),
        "staff_change_no_2fa": staff_user(*_permissions("view", "change"), second_factor=False),
        "staff_all": staff_user(is_superuser=True),
    }
    ad = AdFactory(company=company_x)
    draft = AdFactory(company=company_x, status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    ordered = AdFactory(company=company_x, status=Ad.Status.DRAFT, published_at=None, ends_at=None)
    application = ApplicationFactory(ad=ad, seeker=seeker_a)
    invitation = registration.invite_member(
        company=company_x, email=seeker_b.email, role="member", by=owner.user, now=now
    )
    address = EmailAddress.objects.create(user=seeker_a, email="a.new@example.se")
    logos.set_logo(company=company_x, logo=clean_logo(png_bytes()), by=None)
    objects = {
        "company_x": company_x,
        "member_x": member_x,
        "ad": ad,
        "draft": draft,
        "external_ad": AdFactory(
            company=company_x, apply_method=ApplyMethod.URL, apply_url="https://example.se/jobb"
        ),
        "invoice": place_order(ad=ordered, by=owner.user, now=now).invoice,
        "application": application,
        "application_document": ApplicationDocumentFactory(application=application),
        "document": DocumentFactory(owner=seeker_a),
        "alert": JobAlertFactory(user=seeker_a),
        "alert_pending": JobAlertFactory(
            user=seeker_a, confirmed_at=None, confirmation_nonce="p" * 32
        ),
        "invitation": invitation,
        "invitation_token": registration.invitation_token(invitation),
        "keep_token": keep_account_token(user=seeker_a),
        "county": County.objects.order_by("pk").first(),
        "confirm_key": EmailConfirmationHMAC(address).key,
        "seeker_a": seeker_a,
        **_newsletter(seeker_a.email, now),
        **rights_objects(seeker_a, now),
    }
    return World(users=users, objects=objects)


def _newsletter(email, now):
    """Seeker A's newsletter sign-up waiting for its link, and an issue sent to it."""
    subscriber = Subscriber.objects.create(
        email=email,
        source=Subscriber.Source.PAGE,
        wording_shown="Jag vill ha nyhetsbrevet.",
        confirmation_nonce="n" * 32,
        confirmation_sent_at=now,
        tracking=True,
        created_at=now,
        last_used_at=now,
    )
    issue = Issue.objects.create(subject="Nytt", body="Hej", created_at=now)
    delivery = Delivery.objects.create(issue=issue, subscriber=subscriber, claimed_at=now)
    return {
        "newsletter_confirm": newsletter_subscriptions.confirm_token(subscriber),
        "newsletter_unsubscribe": newsletter_subscriptions.unsubscribe_token(subscriber),
        "newsletter_open": newsletter_sending.track_token(delivery),
        "newsletter_click": newsletter_sending.track_token(delivery, "https://example.se/"),
    }


def rights_objects(seeker, now) -> dict:
    """A web request waiting for its link, and the seeker's own ZIP from My data."""
    from datetime import timedelta

    from django.core.files.base import ContentFile

    from rights.models import AccessReport
    from rights.services import reports as rights_reports
    from rights.services import requests as rights_requests

    filed = rights_requests.file_request(kind="access", email=seeker.email, language="sv", now=now)
    filed.token_hash = rights_requests._token_hash(filed, "verify-token")
    filed.save(update_fields=["token_hash"])
    report = AccessReport(
        user=seeker,
        email=seeker.email,
        state=AccessReport.State.READY,
        created_at=now,
        ready_at=now,
        expires_at=now + timedelta(days=7),
        token_hash=rights_reports.token_hash("download-token"),
    )
    report.file.save("report.zip", ContentFile(b"PK"), save=False)
    report.save()
    return {"rights_request": filed, "rights_report": report}


# --- The routes and how to build their arguments from the world's objects.

ARGUMENTS = {
    "account_confirm_email": lambda o: [o["confirm_key"]],
    "account_reset_password_from_key": lambda o: reset_link(o["seeker_a"]),
    "accounts:document_edit": lambda o: [o["document"].pk],
    "accounts:document_delete": lambda o: [o["document"].pk],
    "accounts:document_download": lambda o: [o["document"].pk],
    "accounts:keep_account": lambda o: [o["keep_token"]],
    "companies:page": lambda o: [o["company_x"].slug],
    "companies:logo": lambda o: [o["company_x"].pk, o["company_x"].logo_version],
    "companies:dashboard": lambda o: [o["company_x"].pk],
    "companies:company_edit": lambda o: [o["company_x"].pk],
    "companies:ad_create": lambda o: [o["company_x"].pk],
    "companies:invite": lambda o: [o["company_x"].pk],
    "companies:remove_member": lambda o: [o["company_x"].pk, o["member_x"].pk],
    "companies:withdraw_invitation": lambda o: [o["company_x"].pk, o["invitation"].pk],
    "companies:ad_edit": lambda o: [o["draft"].pk],
    "companies:ad_delete": lambda o: [o["draft"].pk],
    "companies:ad_preview": lambda o: [o["draft"].pk],
    "companies:ad_order": lambda o: [o["draft"].pk],
    "companies:ad_withdraw": lambda o: [o["ad"].pk],
    "companies:ad_fill": lambda o: [o["ad"].pk],
    "companies:invoice_pdf": lambda o: [o["invoice"].pk],
    "companies:accept_invitation": lambda o: [o["invitation_token"]],
    "jobs:county_feed": lambda o: [o["county"].slug],
    "jobs:alert_delete": lambda o: [o["alert"].pk],
    "jobs:alert_unsubscribe": lambda o: [unsubscribe_token(o["alert"])],
    "jobs:alert_confirm": lambda o: [alert_confirm_url(o["alert_pending"]).rsplit("/", 2)[-2]],
    "jobs:detail": lambda o: [o["draft"].pk],
    "jobs:reveal_contact": lambda o: [o["ad"].pk],
    "jobs:apply": lambda o: [o["ad"].pk],
    "jobs:save_ad": lambda o: [o["ad"].pk],
    "jobs:unsave_ad": lambda o: [o["ad"].pk],
    "jobs:apply_external": lambda o: [o["external_ad"].pk],
    "jobs:ad_applications": lambda o: [o["ad"].pk],
    "jobs:detail_slug": lambda o: [o["draft"].pk, o["draft"].slug],
    "jobs:application": lambda o: [o["application"].pk],
    "jobs:application_document": lambda o: [o["application"].pk, o["application_document"].pk],
    "jobs:withdraw_application": lambda o: [o["application"].pk],
    "jobs:apply_done": lambda o: [o["application"].pk],
    "jobs:sitemap_section": lambda o: ["ads"],
    "newsletter:confirm": lambda o: [o["newsletter_confirm"]],
    "newsletter:unsubscribe": lambda o: [o["newsletter_unsubscribe"]],
    "newsletter:open": lambda o: [o["newsletter_open"]],
    "newsletter:click": lambda o: [o["newsletter_click"]],
    "rights:verify": lambda o: [o["rights_request"].pk, "verify-token"],
    "rights:download": lambda o: [o["rights_report"].pk, "download-token"],
    "rights:own_report_download": lambda o: [o["rights_report"].pk],
    # The API shows no ad that is not out, not even to its company or staff.
    "api_ad": lambda o: [o["draft"].pk],
    # An ad that is not out yet cannot be reported, not even by its company or staff.
    "support:report_ad": lambda o: [o["draft"].pk],
    "support:report_sent": lambda o: [o["draft"].pk],
}


def reset_link(user) -> list[str]:
    user = type(user).objects.get(pk=user.pk)  # as signing in left it: the token covers it
    return [user_pk_to_url_str(user), default_token_generator.make_token(user)]


def routes_with_arguments(patterns=None, namespace=""):
    """(name, route) of every URL pattern outside admin that takes an argument."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, [namespace, entry.namespace]))
            if inner.split(":")[0] == "admin":
                continue
            yield from routes_with_arguments(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and (
            entry.pattern.regex.groups or getattr(entry.pattern, "converters", None)
        ):
            yield ":".join(filter(None, [namespace, entry.name])), str(entry.pattern)


def outcome(response) -> str:
    if response.status_code in (301, 302, 303):
        return "login" if "/konto/logga-in/" in response["Location"] else "redir"
    if response.status_code == 200:
        return "ok"
    return str(response.status_code)


def ask(world: World, name: str, role: str, method: str) -> str:
    # From a page of the site, as a browser says (some public forms check it: config/caching.py).
    client = Client(raise_request_exception=True, headers={"Sec-Fetch-Site": "same-origin"})
    with transaction.atomic():  # signing in changes the user (last_login) too
        if world.users[role] is not None:
            client.force_login(world.users[role])
        url = reverse(name, args=ARGUMENTS[name](world.objects))
        response = getattr(client, method)(url)
        transaction.set_rollback(True)
    return outcome(response)


# --- What each role gets, by GET (first line) and by POST (second line), in ROLES' order:
#      anonymous, seeker A, seeker B, member of X, member of Y, owner of X,
#      staff without permission, with view only, with change but no second factor, with all.
# Company pages are for the company's contact persons (staff use admin); staff reach an
# object outside admin only with the model permission and a second factor, and change it
# only with the change permission. A token (in the link of an e-mail) is the credential:
# whoever holds it gets the same answer.

ROUTES = {
    # allauth: the links of the sign-up and password-reset e-mails.
    "account_confirm_email": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "login redir login login login login login login login login",
    ),
    "account_reset_password_from_key": (  # to the same page without the key in its address
        "redir redir redir redir redir redir redir redir redir redir",
        "redir redir redir redir redir redir redir redir redir redir",
    ),
    # The seeker's own document library: the owner only; staff only with the permission.
    "accounts:document_edit": (
        "login    ok   404   404   404   404   404   404   404   404",
        "login    ok   404   404   404   404   404   404   404   404",
    ),
    "accounts:document_delete": (
        "login    ok   404   404   404   404   404   404   404   404",
        "login redir   404   404   404   404   404   404   404   404",
    ),
    "accounts:document_download": (
        "  404    ok   404   404   404   404   404    ok   404    ok",
        "  405   405   405   405   405   405   405   405   405   405",
    ),
    "accounts:keep_account": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # The company's public page and its logo: everyone (a hidden company has none: 404).
    "companies:page": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "  405   405   405   405   405   405   405   405   405   405",
    ),
    "companies:logo": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "  405   405   405   405   405   405   405   405   405   405",
    ),
    # The company's pages: its contact persons; details only by an owner (a member is sent
    # back to the dashboard with a message).
    "companies:dashboard": (
        "login   404   404    ok   404    ok   404   404   404   404",
        "login   405   405   405   405   405   405   405   405   405",
    ),
    "companies:company_edit": (
        "login   404   404 redir   404    ok   404   404   404   404",
        "login   404   404 redir   404    ok   404   404   404   404",
    ),
    "companies:ad_create": (
        "login   404   404    ok   404    ok   404   404   404   404",
        "login   404   404    ok   404    ok   404   404   404   404",
    ),
    "companies:invite": (
        "login   405   405   405   405   405   405   405   405   405",
        "login   404   404 redir   404 redir   404   404   404   404",
    ),
    "companies:remove_member": (  # GET: the question, for an owner
        "login   404   404 redir   404    ok   404   404   404   404",
        "login   404   404 redir   404 redir   404   404   404   404",
    ),
    "companies:withdraw_invitation": (  # an owner's; a member is told so
        "login   405   405   405   405   405   405   405   405   405",
        "login   404   404 redir   404 redir   404   404   404   404",
    ),
    "companies:ad_edit": (
        "login   404   404    ok   404    ok   404   404   404   404",
        "login   404   404    ok   404    ok   404   404   404   404",
    ),
    "companies:ad_delete": (  # a draft never ordered: its company's members, after asking
        "login   404   404    ok   404    ok   404   404   404   404",
        "login   404   404 redir   404 redir   404   404   404   404",
    ),
    "companies:ad_preview": (
        "login   404   404    ok   404    ok   404   404   404   404",
        "login   405   405   405   405   405   405   405   405   405",
    ),
    "companies:ad_order": (
        "login   404   404    ok   404    ok   404   404   404   404",
        "login   404   404    ok   404    ok   404   404   404   404",
    ),
    "companies:ad_withdraw": (
        "login   404   404    ok   404    ok   404   404   404   404",
        "login   404   404 redir   404 redir   404   404   404   404",
    ),
    "companies:ad_fill": (
        "login   404   404    ok   404    ok   404   404   404   404",
        "login   404   404 redir   404 redir   404   404   404   404",
    ),
    "companies:invoice_pdf": (
        "login   404   404    ok   404    ok   404    ok   404    ok",
        "login   405   405   405   405   405   405   405   405   405",
    ),
    # Seeker B holds the invitation; anyone else is shown why it is not theirs.
    "companies:accept_invitation": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "   ok    ok redir    ok    ok    ok    ok    ok    ok    ok",
    ),
    # The public side: feeds, sitemaps, the ad page (a draft: its company and staff only),
    # showing the contact person and going to an external application.
    "jobs:county_feed": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "jobs:sitemap_section": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "jobs:detail": (
        "  404   404   404    ok   404    ok   404    ok   404    ok",
        "  405   405   405   405   405   405   405   405   405   405",
    ),
    "jobs:detail_slug": (
        "  404   404   404    ok   404    ok   404    ok   404    ok",
        "  405   405   405   405   405   405   405   405   405   405",
    ),
    "jobs:reveal_contact": (
        "  405   405   405   405   405   405   405   405   405   405",
        "redir redir redir redir redir redir redir redir redir redir",
    ),
    "api_ad": (
        "  404   404   404   404   404   404   404   404   404   404",
        "  405   405   405   405   405   405   405   405   405   405",
    ),
    "support:report_ad": (
        "  404   404   404   404   404   404   404   404   404   404",
        "  404   404   404   404   404   404   404   404   404   404",
    ),
    "support:report_sent": (
        "  404   404   404   404   404   404   404   404   404   404",
        "  404   404   404   404   404   404   404   404   404   404",
    ),
    "jobs:apply_external": (
        "  405   405   405   405   405   405   405   405   405   405",
        "redir redir redir redir redir redir redir redir redir redir",
    ),
    # Applying (seeker A has applied already: sent to their applications), and the seeker's
    # own applications and alerts.
    "jobs:apply": (
        "login redir    ok    ok    ok    ok    ok    ok    ok    ok",
        "login redir    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # Saving a job (the heart): signed-in users, by POST; each acts on their own list only,
    # and staff are sent back with a message. A GET (where the heart leads a visitor after
    # signing in) asks a seeker or a company's contact person to confirm, and changes nothing.
    "jobs:save_ad": (
        "login    ok    ok    ok    ok    ok redir redir redir redir",
        "login redir redir redir redir redir redir redir redir redir",
    ),
    "jobs:unsave_ad": (
        "login   405   405   405   405   405   405   405   405   405",
        "login redir redir redir redir redir redir redir redir redir",
    ),
    "jobs:apply_done": (
        "login    ok   404   404   404   404   404   404   404   404",
        "login   405   405   405   405   405   405   405   405   405",
    ),
    "jobs:withdraw_application": (
        "login    ok   404   404   404   404   404   404   404   404",
        "login redir   404   404   404   404   404   404   404   404",
    ),
    "jobs:alert_delete": (
        "login    ok   404   404   404   404   404   404   404   404",
        "login redir   404   404   404   404   404   404   404   404",
    ),
    "jobs:alert_unsubscribe": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "jobs:alert_confirm": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    # Newsletter links from an e-mail: the signed token is the credential, signed in or not.
    "newsletter:confirm": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "newsletter:unsubscribe": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "newsletter:open": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "  405   405   405   405   405   405   405   405   405   405",
    ),
    "newsletter:click": (
        "redir redir redir redir redir redir redir redir redir redir",
        "  405   405   405   405   405   405   405   405   405   405",
    ),
    # The employer's side of an application: the company, and staff with the permission and
    # a second factor; changing it takes the change permission (view only: 403).
    "jobs:ad_applications": (
        "login   404   404    ok   404    ok   404    ok   404    ok",
        "login   405   405   405   405   405   405   405   405   405",
    ),
    "jobs:application": (
        "login   404   404    ok   404    ok   404    ok   404    ok",
        "login   404   404    ok   404    ok   404   403   404    ok",
    ),
    "jobs:application_document": (
        "login    ok   404    ok   404    ok   404    ok   404    ok",
        "login   405   405   405   405   405   405   405   405   405",
    ),
    # GDPR requests: the verification link and the report's download link are tokens (GET
    # only asks to confirm: mail scanners open links); My data's own ZIP is the owner's only.
    "rights:verify": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
    ),
    "rights:download": (
        "   ok    ok    ok    ok    ok    ok    ok    ok    ok    ok",
        "  405   405   405   405   405   405   405   405   405   405",
    ),
    "rights:own_report_download": (
        "login    ok   404   404   404   404   404   404   404   404",
        "login   405   405   405   405   405   405   405   405   405",
    ),
}


def test_every_route_with_an_argument_has_a_row():
    found = {name for name, _route in routes_with_arguments()}
    missing = sorted(
        f"{name} ({route})"
        for name, route in routes_with_arguments()
        if name not in ROUTES or name not in ARGUMENTS
    )
    assert not missing, (
        "Routes without a row in the access matrix: add each to ROUTES (what every role "
        "gets) and ARGUMENTS (how to build its arguments) in "
        "tests/config/test_access_matrix.py:\n  " + "\n  ".join(missing)
    )
    assert set(ROUTES) <= found, f"rows for routes that are gone: {set(ROUTES) - found}"
    assert set(ARGUMENTS) == set(ROUTES)


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_each_role_gets_what_the_matrix_says(name, taxonomy, frozen_now):
    world = build_world()
    wrong = []
    for method, expected_cells in zip(("get", "post"), ROUTES[name], strict=True):
        for role, expected in zip(ROLES, expected_cells.split(), strict=True):
            got = ask(world, name, role, method)
            if got != expected:
                wrong.append(f"{method.upper():4} {role:20} expected {expected:5} got {got}")
    assert not wrong, f"{name}:\n" + "\n".join(wrong)
