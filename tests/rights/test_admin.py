import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobs.models import Application
from privacy import consent
from privacy.consent import ConsentMethod, Purpose
from privacy.models import Restriction
from privacy.restrictions import is_restricted
from rights.models import DataRequest, Kind, RequestEvent, Status
from rights.services import requests
from rights.services.errors import RequestError
from tests.factories.accounts import UserFactory, staff_user

pytestmark = pytest.mark.django_db

ACTIONS_BY_KIND = {
    "report": Kind.ACCESS,
    "erase": Kind.ERASURE,
    "restrict": Kind.RESTRICTION,
    "lift": Kind.RESTRICTION,
    "object": Kind.OBJECTION,
    "withdraw": Kind.WITHDRAWAL,
    "rectify": Kind.RECTIFICATION,
    "extend": Kind.ACCESS,
    "status": Kind.ACCESS,
    "refuse": Kind.ACCESS,
    "complete": Kind.ACCESS,
}


def _act(pk, action):
    return reverse("admin:rights_datarequest_act", args=[pk, action])


def _client(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def _filed(kind, email, by, now):
    return requests.enter_request(kind=kind, email=email, by=by, now=now)


@pytest.mark.parametrize("action", sorted(ACTIONS_BY_KIND))
@pytest.mark.parametrize("who", ["anonymous", "no_permission", "view_only", "no_second_factor"])
def test_every_action_is_refused_without_permission_and_second_factor(
    action, who, handler, frozen_now
):
    filed = _filed(ACTIONS_BY_KIND[action], "anna@example.se", handler, frozen_now)
    user = {
        "anonymous": None,
        "no_permission": staff_user(),
        "view_only": staff_user("rights.view_datarequest"),
        "no_second_factor": staff_user(
            "rights.view_datarequest", "rights.change_datarequest", second_factor=False
        ),
    }[who]
    client = _client(user)
    before = RequestEvent.objects.count()
    for method in ("get", "post"):
        response = getattr(client, method)(
            _act(filed.pk, action), {"reason": "x", "months": 1, "what": "x", "outcome": "x"}
        )
        assert response.status_code in (302, 403), (method, response.status_code)
        if response.status_code == 302:  # to sign in, or to set up the second factor
            assert "/login/" in response["Location"] or "/2fa/" in response["Location"]
    assert RequestEvent.objects.count() == before
    assert DataRequest.objects.get(pk=filed.pk).status == Status.VERIFIED


def test_view_only_staff_can_look_but_not_act(handler, frozen_now):
    filed = _filed(Kind.ERASURE, "anna@example.se", handler, frozen_now)
    viewer = _client(staff_user("rights.view_datarequest"))
    page = viewer.get(reverse("admin:rights_datarequest_change", args=[filed.pk]))
    assert page.status_code == 200
    assert _act(filed.pk, "erase") not in page.content.decode()
    assert (
        viewer.get(reverse("admin:rights_datarequest_person", args=[filed.pk])).status_code == 200
    )
    assert viewer.get(reverse("admin:rights_datarequest_register")).status_code == 200
    nobody = _client(staff_user())
    assert (
        nobody.get(reverse("admin:rights_datarequest_person", args=[filed.pk])).status_code == 403
    )
    assert nobody.get(reverse("admin:rights_datarequest_register")).status_code == 403


def test_erasure_end_to_end_with_preview_and_a_report_of_what_was_kept(
    two_people, handler, handler_client, frozen_now
):
    anna, bertil = two_people
    filed = _filed(Kind.ERASURE, anna.email, handler, frozen_now)
    preview = handler_client.get(_act(filed.pk, "erase"))
    assert preview.status_code == 200
    text = preview.content.decode()
    assert "erasure-deleted" in text and "erasure-kept" in text
    assert Application.objects.filter(seeker=anna).exists()  # a preview changes nothing
    mail.outbox.clear()
    done = handler_client.post(_act(filed.pk, "erase"))
    assert done.status_code == 302
    assert not Application.objects.filter(seeker_id=anna.pk).exists()
    assert Application.objects.filter(seeker=bertil).exists()
    filed.refresh_from_db()
    assert filed.status == Status.COMPLETED
    actions = list(filed.events.values_list("action", flat=True))
    assert actions[-3:] == ["erasure_previewed", "erased", "completed"]
    assert filed.events.get(action="erased").by == handler
    # The answer lists what was kept and why (the request itself, by law), and until when:
    # the request is closed now, and its records go 5 years later.
    answer = mail.outbox[-1].body
    assert mail.outbox[-1].to == [anna.email]
    assert "art. 5.2" in answer  # Swedish: the person's language
    assert "Sparas till 2031-11-25." in answer and ".." not in answer
    # She asked for erasure, not restriction: the answer does not say she restricted.
    assert "begärt begränsning" not in answer
    restriction = Restriction.objects.get(email=anna.email)
    assert timezone.localdate(restriction.kept_until) == dt.date(2031, 11, 25)
    # The restriction holds her address longer (its rule counts from that day): said too.
    line = answer.split("Vår uppgift om att det vi sparar inte används", 1)[1].split("\n")[0]
    assert "Sparas till 2036-11-25." in line


@pytest.mark.django_db(transaction=True)
def test_the_erasure_preview_runs_in_a_transaction_of_its_own(handler, frozen_now):
    # Outside a test's transaction, as a web request runs: the request row is locked for the
    # preview (PostgreSQL refuses SELECT ... FOR UPDATE outside a transaction).
    from rights.services import actions
    from tests.factories import UserFactory

    person = UserFactory(email="carl@example.se")
    filed = _filed(Kind.ERASURE, person.email, handler, frozen_now)
    report = actions.preview_erasure(request=filed, by=handler, now=frozen_now)
    assert any(entry["count"] for entry in report["deleted"])
    assert type(person).objects.filter(pk=person.pk).exists()  # a preview changes nothing


def test_access_report_from_admin(
    two_people, handler, handler_client, frozen_now, django_capture_on_commit_callbacks
):
    anna, _bertil = two_people
    filed = _filed(Kind.ACCESS, anna.email, handler, frozen_now)
    with django_capture_on_commit_callbacks(execute=True):
        assert handler_client.post(_act(filed.pk, "report")).status_code == 302
    report = filed.reports.get()
    assert report.state == "ready"
    page = handler_client.get(reverse("admin:rights_datarequest_change", args=[filed.pk]))
    assert "100" in page.content.decode()
    assert filed.events.filter(action="report_requested", by=handler).exists()


def test_restriction_and_its_lifting(handler, handler_client, frozen_now):
    filed = _filed(Kind.RESTRICTION, "anna@example.se", handler, frozen_now)
    assert handler_client.post(_act(filed.pk, "lift")).status_code == 302  # nothing to lift
    assert not filed.events.filter(action="restriction_lifted").exists()
    handler_client.post(_act(filed.pk, "restrict"))
    assert is_restricted(email="anna@example.se")
    again = handler_client.post(_act(filed.pk, "restrict"), follow=True).content.decode()
    assert "redan begränsad" in again  # said, not a second restriction
    assert Restriction.objects.filter(email="anna@example.se").count() == 1
    mail.outbox.clear()
    handler_client.post(_act(filed.pk, "lift"))
    assert not is_restricted(email="anna@example.se")
    assert filed.events.filter(action="restricted", by=handler).exists()
    # Art. 18(3): the person is told that the restriction is lifted.
    assert [m.to for m in mail.outbox] == [["anna@example.se"]]
    assert "Vi häver begränsningen" in mail.outbox[0].body


def test_the_person_is_told_what_was_done_when_a_request_is_completed(
    handler, handler_client, frozen_now
):
    """Art. 12(3): a rectification carried out and completed is answered by mail."""
    filed = _filed(Kind.RECTIFICATION, "rattelse@example.se", handler, frozen_now)
    mail.outbox.clear()
    requests.complete_request(
        request=filed, outcome="Efternamnet rättat.", by=handler, now=frozen_now
    )
    assert [m.to for m in mail.outbox] == [["rattelse@example.se"]]
    body = mail.outbox[0].body
    assert "Vi har besvarat din begäran" in body and "Efternamnet rättat." in body


def test_objection_stops_direct_marketing_and_restricts(
    two_people, handler, handler_client, frozen_now
):
    anna, bertil = two_people
    filed = _filed(Kind.OBJECTION, anna.email, handler, frozen_now)
    handler_client.post(_act(filed.pk, "object"))
    assert not consent.has_consent(purpose=Purpose.NEWSLETTER, user=anna)
    assert consent.has_consent(purpose=Purpose.NEWSLETTER, user=bertil)
    assert is_restricted(user=anna)
    event = filed.events.get(action="objection")
    assert event.details["consents_withdrawn"] == 1


def test_withdrawal_of_consent(two_people, handler, handler_client, frozen_now):
    anna, _bertil = two_people
    consent.give_consent(
        purpose=Purpose.JOB_ALERTS,
        user=anna,
        wording="Ja",
        method=ConsentMethod.FORM,
        ip=None,
        now=frozen_now,
    )
    filed = _filed(Kind.WITHDRAWAL, anna.email, handler, frozen_now)
    page = handler_client.get(reverse("admin:rights_datarequest_change", args=[filed.pk]))
    assert _act(filed.pk, "withdraw") in page.content.decode()
    assert _act(filed.pk, "object") not in page.content.decode()  # not an objection
    assert handler_client.post(_act(filed.pk, "object")).status_code == 302
    assert consent.has_consent(purpose=Purpose.JOB_ALERTS, user=anna)  # refused, as such

    done = handler_client.post(_act(filed.pk, "withdraw"), follow=True).content.decode()

    assert not consent.has_consent(purpose=Purpose.JOB_ALERTS, user=anna)
    assert not is_restricted(user=anna)  # withdrawing consent restricts nothing
    assert "Återkallade samtycken: 2" in done  # newsletter and job alerts: both hers
    assert "Direktmarknadsföringen stoppad" not in done
    assert filed.events.filter(action="consents_withdrawn").exists()
    assert not filed.events.filter(action="objection").exists()
    again = handler_client.post(_act(filed.pk, "withdraw"), follow=True).content.decode()
    assert "hade inget samtycke att återkalla" in again  # nothing left: said, not "stopped"


def test_rectification_is_recorded(handler, handler_client, frozen_now):
    filed = _filed(Kind.RECTIFICATION, "anna@example.se", handler, frozen_now)
    assert handler_client.post(_act(filed.pk, "rectify"), {"what": ""}).status_code == 400
    handler_client.post(_act(filed.pk, "rectify"), {"what": "profile: phone"})
    assert filed.events.get(action="rectified").details == {"what": "profile: phone"}
    handler_client.post(_act(filed.pk, "complete"), {"outcome": "Telefonnummer rättat"})
    filed.refresh_from_db()
    assert filed.status == Status.COMPLETED


def test_portability_gets_the_report_too(handler, handler_client, frozen_now):
    filed = _filed(Kind.PORTABILITY, "anna@example.se", handler, frozen_now)
    handler_client.post(_act(filed.pk, "report"))
    assert filed.reports.exists()


def test_an_action_for_another_right_is_refused_with_a_message(handler, handler_client, frozen_now):
    filed = _filed(Kind.ACCESS, "anna@example.se", handler, frozen_now)
    response = handler_client.post(_act(filed.pk, "erase"))
    assert response.status_code == 302
    assert not filed.events.filter(action="erased").exists()
    assert handler_client.get(_act(filed.pk, "nonsense")).status_code == 403


def test_extension_and_refusal_from_admin(handler, handler_client, frozen_now):
    filed = _filed(Kind.ACCESS, "anna@example.se", handler, frozen_now)
    assert handler_client.post(_act(filed.pk, "extend"), {"months": 2}).status_code == 400
    handler_client.post(_act(filed.pk, "extend"), {"months": 2, "reason": "Stor mängd data"})
    filed.refresh_from_db()
    assert filed.extended and filed.due_on == dt.date(2027, 2, 25)
    handler_client.post(_act(filed.pk, "refuse"), {"reason": "Upprepad begäran"})
    filed.refresh_from_db()
    assert filed.status == Status.REFUSED


def test_staff_enter_a_request_in_admin(handler, handler_client, frozen_now):
    response = handler_client.post(
        reverse("admin:rights_datarequest_add"),
        {
            "kind": "access",
            "email": "brev@example.se",
            "message": "Brev",
            "language": "sv",
            "received_at_0": "2026-11-20",
            "received_at_1": "10:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    filed = DataRequest.objects.get()
    assert filed.channel == "staff" and filed.due_on == dt.date(2026, 12, 20)
    assert filed.events.first().by == handler


def test_a_request_received_in_the_future_is_a_form_error_not_a_crash(handler_client, frozen_now):
    response = handler_client.post(
        reverse("admin:rights_datarequest_add"),
        {
            "kind": "access",
            "email": "brev@example.se",
            "language": "sv",
            "received_at_0": "2027-06-01",
            "received_at_1": "10:00:00",
        },
    )
    assert response.status_code == 200
    assert "En begäran kan inte tas emot i framtiden" in response.content.decode()
    assert not DataRequest.objects.exists()


def test_staff_see_who_handles_a_request_by_name(handler, handler_client, frozen_now):
    handler.first_name, handler.last_name = "Hedda", "Handläggare"
    handler.save()
    filed = _filed(Kind.ACCESS, "namn@example.se", handler, frozen_now)
    requests.assign_request(request=filed, assignee=handler, by=handler, now=frozen_now)
    listing = handler_client.get(reverse("admin:rights_datarequest_changelist")).content.decode()
    assert "Hedda Handläggare" in listing
    form = handler_client.get(reverse("admin:rights_datarequest_change", args=[filed.pk]))
    assert "Hedda Handläggare</option>" in form.content.decode()


def test_only_staff_who_may_handle_requests_are_offered_as_handlers(
    handler, handler_client, frozen_now
):
    from django.contrib.auth.models import Group, Permission

    from tests.factories import UserFactory

    by_group = staff_user()
    handlers = Group.objects.create(name="Dataskydd")
    handlers.permissions.add(Permission.objects.get(codename="change_datarequest"))
    by_group.groups.add(handlers)
    superuser = staff_user(is_superuser=True)
    no_permission = staff_user()
    view_only = staff_user("rights.view_datarequest")
    left = staff_user("rights.change_datarequest", is_active=False)
    not_staff = UserFactory()
    not_staff.user_permissions.add(Permission.objects.get(codename="change_datarequest"))
    filed = _filed(Kind.ACCESS, "namn@example.se", handler, frozen_now)

    page = handler_client.get(reverse("admin:rights_datarequest_change", args=[filed.pk]))

    offered = set(page.context["adminform"].form.fields["assignee"].queryset)
    assert offered == {handler, by_group, superuser}
    assert {no_permission, view_only, left, not_staff}.isdisjoint(offered)
    with pytest.raises(RequestError):  # nor can a service call assign them
        requests.assign_request(request=filed, assignee=no_permission, by=handler, now=frozen_now)


def test_a_handler_who_lost_the_permission_stays_on_the_request_until_another_is_chosen(
    handler, handler_client, frozen_now
):
    former = staff_user("rights.change_datarequest")
    filed = _filed(Kind.ACCESS, "namn@example.se", handler, frozen_now)
    requests.assign_request(request=filed, assignee=former, by=handler, now=frozen_now)
    former.user_permissions.clear()
    url = reverse("admin:rights_datarequest_change", args=[filed.pk])

    offered = set(handler_client.get(url).context["adminform"].form.fields["assignee"].queryset)

    assert offered == {handler, former}
    requests.set_notes(request=filed, notes="Ringt", by=handler, now=frozen_now)
    requests.assign_request(request=filed, assignee=former, by=handler, now=frozen_now)


def test_list_filters_overdue_and_days_left_in_red(handler, handler_client, frozen_now):
    late = _filed(Kind.ACCESS, "late@example.se", handler, frozen_now - dt.timedelta(days=40))
    soon = _filed(Kind.ACCESS, "soon@example.se", handler, frozen_now - dt.timedelta(days=26))
    url = reverse("admin:rights_datarequest_changelist")
    page = handler_client.get(url).content.decode()
    assert "rights-overdue" in page and "<svg" in page
    overdue = handler_client.get(url + "?due=overdue").context["cl"].queryset
    assert list(overdue) == [late]
    within = handler_client.get(url + "?due=7").context["cl"].queryset
    assert list(within) == [soon]
    found = handler_client.get(url + "?q=soon@example").context["cl"].queryset
    assert list(found) == [soon]


def test_the_register_is_a_csv_of_every_request(handler, handler_client, frozen_now):
    _filed(Kind.ACCESS, "a@example.se", handler, frozen_now)
    filed = _filed(Kind.ERASURE, "b@example.se", handler, frozen_now)
    requests.refuse_request(request=filed, reason="=HYPERLINK()", by=handler, now=frozen_now)
    response = handler_client.get(reverse("admin:rights_datarequest_register"))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:3] == ["id", "type", "email"]
    assert len(rows) == 3
    assert rows[2][8] == "refused" and rows[2][11] == "'=HYPERLINK()"


def test_the_person_page_shows_everything_held(two_people, handler, handler_client, frozen_now):
    anna, bertil = two_people
    filed = _filed(Kind.ACCESS, anna.email, handler, frozen_now)
    page = handler_client.get(reverse("admin:rights_datarequest_person", args=[filed.pk]))
    text = page.content.decode()
    application = Application.objects.get(seeker=anna)
    assert f"jobs.Application#{application.pk}" in text
    other = Application.objects.get(seeker=bertil)
    assert f"jobs.Application#{other.pk}" not in text
    # Each record links to its page in admin, where staff rectify it.
    assert reverse("admin:accounts_user_change", args=[anna.pk]) in text
    by_user = handler_client.get(reverse("admin:rights_person") + f"?user={anna.pk}")
    assert f"jobs.Application#{application.pk}" in by_user.content.decode()
    assert handler_client.get(reverse("admin:rights_person") + "?user=x").status_code == 302


def test_admin_speaks_swedish(handler_client):
    page = handler_client.get(reverse("admin:index")).content.decode()
    assert "Begäranden från registrerade" in page  # the app's name
    assert "WorkWithUs.se administration" not in page


def test_the_admin_index_charts_open_requests_by_days_left(handler, handler_client, frozen_now):
    _filed(Kind.ACCESS, "late@example.se", handler, frozen_now - dt.timedelta(days=40))
    page = handler_client.get(reverse("admin:index")).content.decode()
    assert "<svg" in page and "Öppna begäranden efter dagar kvar" in page
    others = _client(staff_user()).get(reverse("admin:index")).content.decode()
    assert "rights-chart" not in others  # staff who may not see requests see no chart


def test_the_user_page_links_to_the_person_page(handler, frozen_now):
    from tests.factories import UserFactory

    anna = UserFactory(email="anna@example.se")
    admin = _client(staff_user(is_superuser=True))
    page = admin.get(reverse("admin:accounts_user_change", args=[anna.pk])).content.decode()
    assert reverse("admin:rights_person") + f"?user={anna.pk}" in page


def test_the_timeline_shows_who_and_what_in_words(handler, handler_client, frozen_now):
    handler.first_name, handler.last_name = "Hedda", "Handläggare"
    handler.save()
    filed = _filed(Kind.ACCESS, "tidslinje@example.se", handler, frozen_now)
    requests.assign_request(request=filed, assignee=handler, by=handler, now=frozen_now)
    page = handler_client.get(reverse("admin:rights_datarequest_change", args=[filed.pk])).text
    assert "Tilldelad: Hedda Handläggare" in page and "{&quot;to&quot;" not in page
    assert "Hedda Handläggare" in page and f"User #{handler.pk}" not in page


def test_the_request_names_the_persons_account_and_language_in_words(
    handler, handler_client, frozen_now
):
    person = UserFactory(email="konto@example.se", first_name="Karin", last_name="Berg")
    filed = requests.enter_request(
        kind=Kind.ACCESS, email=person.email, language="en", by=handler, now=frozen_now
    )
    page = handler_client.get(reverse("admin:rights_datarequest_change", args=[filed.pk])).text
    assert "Karin Berg (konto@example.se)" in page and f"User #{person.pk}" not in page
    assert "engelska" in page.lower()


def test_a_request_is_named_in_the_admins_language(handler, frozen_now):
    filed = _filed(Kind.ACCESS, "namn@example.se", handler, frozen_now)
    assert str(filed) == f"Begäran från registrerad #{filed.pk}"  # not "Request #1"


def _can_sign_in(user):
    return (
        Client()
        .post(
            reverse("account_login"),
            {"login": user.email, "password": "correct horse battery staple"},
        )
        .status_code
        == 302
    )


def test_an_erasure_under_a_hold_on_the_person_stops_what_it_keeps_and_says_so(
    two_people, handler, handler_client, frozen_now
):
    """Everything is kept under the hold, so the answer does not say it was erased; kept is
    stored and not used: the job alert stops (its consent lapsing) and no one signs in."""
    from jobs.models import JobAlert
    from privacy.holds import place_hold
    from tests.factories.jobs import JobAlertFactory

    anna, bertil = two_people
    alert = JobAlertFactory(user=anna, email=anna.email)
    others = JobAlertFactory(user=bertil, email=bertil.email)
    place_hold(email=anna.email, reason="Tvist om lön", by=handler, now=frozen_now)
    assert _can_sign_in(anna)
    filed = _filed(Kind.ERASURE, anna.email, handler, frozen_now)
    mail.outbox.clear()

    done = handler_client.post(_act(filed.pk, "erase"), follow=True).content.decode()

    assert "Inget kunde raderas än (ett bevarandebeslut)." in done
    assert "Personens uppgifter raderades" not in done
    filed.refresh_from_db()
    assert filed.outcome.startswith("Inte raderat än")
    alert.refresh_from_db()
    assert alert.stopped_at == frozen_now
    assert JobAlert.objects.get(pk=others.pk).stopped_at is None
    assert Application.objects.filter(seeker=anna).exists()  # kept under the hold
    anna.refresh_from_db()
    assert not anna.is_active and not _can_sign_in(anna)
    assert _can_sign_in(bertil)
    answer = mail.outbox[-1].body
    assert mail.outbox[-1].subject.endswith("Vi kan inte radera dina personuppgifter än")
    assert "Vi kan inte radera dina personuppgifter än." in answer
    assert "har vi raderat" not in answer and "Lagen kräver" not in answer
    assert "Vi måste spara följande" in answer


def test_an_account_kept_by_a_hold_on_one_record_no_longer_signs_in(
    two_people, handler, handler_client, frozen_now
):
    from privacy.holds import place_hold

    anna, _bertil = two_people
    place_hold(
        record=Application.objects.get(seeker=anna), reason="Tvist", by=handler, now=frozen_now
    )
    filed = _filed(Kind.ERASURE, anna.email, handler, frozen_now)
    mail.outbox.clear()

    handler_client.post(_act(filed.pk, "erase"))

    anna.refresh_from_db()  # kept: the held application is hers
    assert not anna.is_active and not _can_sign_in(anna)
    assert not mail.outbox[1:]  # the answer only: no mail to sign in again
    assert "Som du bad om har vi raderat dina personuppgifter." in mail.outbox[0].body


def test_the_restrictions_an_erasure_and_an_objection_place_read_in_swedish(
    two_people, handler, handler_client, frozen_now
):
    anna, bertil = two_people
    handler_client.post(_act(_filed(Kind.ERASURE, anna.email, handler, frozen_now).pk, "erase"))
    objection = _filed(Kind.OBJECTION, bertil.email, handler, frozen_now)
    handler_client.post(_act(objection.pk, "object"))

    reasons = set(Restriction.objects.values_list("reason", flat=True))
    assert reasons == {
        "Radering: det vi måste spara lagras men används inte",
        f"Begäran {objection.pk}: invändning (art. 21)",
    }


def test_what_is_kept_counts_the_requests_not_their_timelines_entries(
    two_people, handler, frozen_now
):
    from privacy import subjects

    anna, _bertil = two_people
    filed = requests.file_signed_in(
        user=anna, kind=Kind.RECTIFICATION, language="sv", now=frozen_now
    )
    assert filed.events.count() >= 2  # received, verified

    report = subjects.erase(user=anna, by=anna, now=frozen_now, dry_run=True)

    [requests_kept] = [e for e in report["kept"] if e["category"].startswith("Dina begäranden")]
    assert requests_kept["count"] == 1
    assert "depth" not in requests_kept
