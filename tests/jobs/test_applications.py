import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse, translate_url
from django.utils import timezone, translation

from jobs.models import Application, ApplicationDocument
from tests.factories import AdFactory, ClosedAdFactory, MembershipFactory, UserFactory
from tests.factories.accounts import DocumentFactory, pdf_bytes, staff_user
from tests.factories.jobs import ApplicationDocumentFactory, ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeker(client):
    user = UserFactory()
    client.force_login(user)
    return user


def apply_url(ad):
    return reverse("jobs:apply", args=[ad.pk])


def test_a_seeker_applies_with_a_library_document_which_is_copied(
    client, taxonomy, seeker, django_capture_on_commit_callbacks
):
    ad = AdFactory()
    cv = DocumentFactory(owner=seeker, title="Mitt CV")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(apply_url(ad), {"message": "Hej!", "documents": [cv.pk]})

    application = Application.objects.get(ad=ad, seeker=seeker)
    assert response.status_code == 302
    assert response["Location"] == reverse("jobs:apply_done", args=[application.pk])
    [copy] = application.documents.all()
    assert copy.title == "Mitt CV"
    assert copy.file.name != cv.file.name
    with copy.file.open("rb") as a, cv.file.open("rb") as b:
        assert a.read() == b.read()
    cv.file.delete()
    assert copy.file.storage.exists(copy.file.name)


def test_the_seeker_the_contact_person_and_the_members_get_emails_without_attachments(
    client, taxonomy, seeker, django_capture_on_commit_callbacks
):
    ad = AdFactory(company__email="faktura@foretaget.se", contact_email="Karin.Lind@foretaget.se")
    member = MembershipFactory(company=ad.company, user__email="hr@foretaget.se").user
    cv = DocumentFactory(owner=seeker)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(apply_url(ad), {"message": "Hej!", "documents": [cv.pk]})

    application = Application.objects.get()
    by_to = {m.to[0]: m for m in mail.outbox}
    assert set(by_to) == {seeker.email, "karin.lind@foretaget.se", member.email}
    assert "faktura@foretaget.se" not in by_to  # the invoice address is for the books
    for address in ("karin.lind@foretaget.se", member.email):
        assert not by_to[address].attachments
        assert ad.title in by_to[address].subject
    assert reverse("jobs:application", args=[application.pk]) in by_to[member.email].body
    assert ad.title in by_to[seeker.email].subject


def _contact_notice(client, ad, seeker, capture):
    with capture(execute=True):
        client.post(apply_url(ad), {"message": "Hej från sökanden!"})
    [notice] = [m for m in mail.outbox if m.to == [ad.contact_email.lower()]]
    return notice


def test_a_contact_address_that_is_no_member_hears_who_can_read_it_and_nothing_of_the_applicant(
    client, taxonomy, seeker, django_capture_on_commit_callbacks
):
    """The link to the application only opens for the company's members: the ad's contact
    address gets no dead link, but the names of the members who can read it."""
    ad = AdFactory(contact_email="Karin.Lind@foretaget.se")
    member = MembershipFactory(
        company=ad.company, user__first_name="Hanna", user__last_name="Berg"
    ).user
    # Named apart from the member (the factory's random names once gave both "Hanna").
    seeker.first_name, seeker.last_name = "Ingrid", "Söderström"
    seeker.save(update_fields=["first_name", "last_name"])

    notice = _contact_notice(client, ad, seeker, django_capture_on_commit_callbacks)

    application = Application.objects.get()
    html = notice.alternatives[0][0]
    for text in (notice.body, html):
        assert "/arbetsgivare/" not in text and "/ansokningar/" not in text
        assert reverse("jobs:application", args=[application.pk]) not in text
        assert "Hanna Berg" in text and "kontaktpersoner" in text
        for private in (seeker.first_name, seeker.last_name, seeker.email, "Hej från"):
            assert private not in text
    assert member.email not in notice.body  # named by name, not by address


def test_an_inactive_members_address_as_contact_gets_the_notice_without_a_link(
    client, taxonomy, seeker, django_capture_on_commit_callbacks
):
    ad = AdFactory(contact_email="gammal@foretaget.se")
    MembershipFactory(company=ad.company, user__email="gammal@foretaget.se", user__is_active=False)
    MembershipFactory(company=ad.company)

    notice = _contact_notice(client, ad, seeker, django_capture_on_commit_callbacks)

    assert reverse("jobs:application", args=[Application.objects.get().pk]) not in notice.body
    assert "Bara företagets kontaktpersoner" in notice.body


def test_a_member_who_is_also_the_contact_person_gets_one_email_and_former_users_none(
    taxonomy,
):
    from jobs.selectors import application_notice_recipients

    ad = AdFactory(contact_email="karin.lind@foretaget.se")
    karin = MembershipFactory(company=ad.company, user__email="karin.lind@foretaget.se").user
    MembershipFactory(company=ad.company, user__is_active=False)
    MembershipFactory(user__email="annat@foretaget.se")  # another company's member

    assert application_notice_recipients(ad) == [("karin.lind@foretaget.se", karin)]


def test_a_seeker_can_upload_a_document_on_the_spot(client, taxonomy, seeker):
    ad = AdFactory()
    upload = SimpleUploadedFile("Mitt CV.pdf", pdf_bytes(), content_type="application/pdf")

    client.post(apply_url(ad), {"message": "", "upload": upload})

    [copy] = ApplicationDocument.objects.filter(application__seeker=seeker)
    assert copy.content_type == "application/pdf"
    assert copy.original_name == "Mitt CV.pdf"


def test_an_upload_that_is_not_a_document_is_refused(client, taxonomy, seeker):
    ad = AdFactory()
    fake = SimpleUploadedFile("cv.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    response = client.post(apply_url(ad), {"message": "Hej", "upload": fake})

    assert response.status_code == 200
    assert response.context["form"].errors["upload"]
    assert not Application.objects.exists()


def test_a_chosen_file_is_asked_for_again_when_another_field_is_wrong(client, taxonomy):
    """A browser never keeps a chosen file: the CV went missing once the name was given."""
    client.force_login(UserFactory(first_name="", last_name=""))
    upload = SimpleUploadedFile("Mitt CV.pdf", pdf_bytes(), content_type="application/pdf")

    response = client.post(apply_url(AdFactory()), {"message": "Hej", "upload": upload})

    assert response.status_code == 200 and response.context["form"].errors["first_name"]
    assert response.context["form"].errors["upload"] == ["Välj filen igen när du skickar ansökan."]
    assert "Hej" in response.text and not Application.objects.exists()


def test_applying_twice_is_refused_with_a_message(client, taxonomy, seeker):
    ad = AdFactory()
    client.post(apply_url(ad), {"message": "Första"})

    response = client.post(apply_url(ad), {"message": "Andra"}, follow=True)

    assert Application.objects.filter(ad=ad, seeker=seeker).count() == 1
    assert Application.objects.get().message == "Första"
    assert "redan sökt" in response.content.decode()


def test_applying_to_a_closed_ad_is_refused(client, taxonomy, seeker):
    ad = ClosedAdFactory()

    response = client.post(apply_url(ad), {"message": "Hej"}, follow=True)

    assert not Application.objects.exists()
    assert "Annonsen är stängd" in response.content.decode()


def test_another_users_document_cannot_be_attached(client, taxonomy, seeker):
    ad = AdFactory()
    foreign = DocumentFactory()

    response = client.post(apply_url(ad), {"message": "Hej", "documents": [foreign.pk]})

    assert response.status_code == 200
    assert "documents" in response.context["form"].errors
    assert not Application.objects.exists()


def test_an_empty_application_is_refused(client, taxonomy, seeker):
    response = client.post(apply_url(AdFactory()), {"message": "  "})

    assert response.status_code == 200
    assert not Application.objects.exists()


def test_applying_needs_a_signed_in_user(client, taxonomy):
    response = client.get(apply_url(AdFactory()))

    assert response.status_code == 302
    assert "/konto/logga-in/" in response["Location"]


def _member_of(ad):
    return MembershipFactory(company=ad.company).user


def test_the_employer_reads_the_application_opens_the_cv_and_marks_it_reviewed(client, taxonomy):
    document = ApplicationDocumentFactory()
    application = document.application
    client.force_login(_member_of(application.ad))

    inbox = client.get(reverse("jobs:ad_applications", args=[application.ad.pk]))
    page = client.get(reverse("jobs:application", args=[application.pk]))
    pdf = client.get(reverse("jobs:application_document", args=[application.pk, document.pk]))
    client.post(
        reverse("jobs:application", args=[application.pk]),
        {"status": "reviewed", "employer_notes": "Ring på måndag", "share_status": "on"},
    )

    assert inbox.status_code == page.status_code == pdf.status_code == 200
    assert pdf["Content-Disposition"].startswith("inline;")
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    application.refresh_from_db()
    assert application.status == application.shared_status == "reviewed"
    assert application.employer_notes == "Ring på måndag"


SHARE_TICKED = re.compile(r'<input[^>]*name="share_status"[^>]*checked')


def test_a_status_shown_to_the_applicant_can_be_hidden_again(client, taxonomy):
    """Hired, then not considered without showing it: the applicant must not go on seeing
    "hired". The box is ticked while they see the current status."""
    application = ApplicationFactory()
    client.force_login(_member_of(application.ad))
    url = reverse("jobs:application", args=[application.pk])
    client.post(url, {"status": "hired", "employer_notes": "", "share_status": "on"})
    assert SHARE_TICKED.search(client.get(url).content.decode())
    client.post(url, {"status": "rejected", "employer_notes": ""})
    application.refresh_from_db()
    assert application.status == "rejected" and application.shared_status == ""
    client.force_login(application.seeker)
    mine = client.get(reverse("jobs:my_applications")).content.decode()
    assert "Anställd" not in mine and "Skickad" in mine
    client.force_login(_member_of(application.ad))
    assert not SHARE_TICKED.search(client.get(url).content.decode())


def test_the_inbox_shows_the_deletion_date_six_months_after_submission(client, taxonomy):
    application = ApplicationFactory(submitted_at=timezone.make_aware(dt.datetime(2026, 5, 10, 12)))
    client.force_login(_member_of(application.ad))

    html = client.get(reverse("jobs:ad_applications", args=[application.ad.pk])).content
    assert b"2026-11-10" in html


def _refused(client, user, application, document):
    if user is not None:
        client.force_login(user)
    urls = [
        reverse("jobs:application", args=[application.pk]),
        reverse("jobs:ad_applications", args=[application.ad.pk]),
        reverse("jobs:application_document", args=[application.pk, document.pk]),
    ]
    return [client.get(url).status_code for url in urls]


def test_anonymous_visitors_are_sent_to_sign_in(client, taxonomy):
    document = ApplicationDocumentFactory()

    assert _refused(client, None, document.application, document) == [302, 302, 302]


@pytest.mark.parametrize(
    "who",
    [
        "another seeker",
        "member of another company",
        "the company of another ad",
        "staff without permission",
    ],
)
def test_everyone_else_gets_404(client, taxonomy, who):
    document = ApplicationDocumentFactory()
    application = document.application
    if who == "another seeker":
        user = UserFactory()
    elif who == "member of another company":
        user = MembershipFactory().user
    elif who == "the company of another ad":
        other_ad = AdFactory()
        user = _member_of(other_ad)
    else:
        user = UserFactory(is_staff=True)

    assert _refused(client, user, application, document) == [404, 404, 404]


def test_staff_with_permission_see_the_application(client, taxonomy):
    document = ApplicationDocumentFactory()
    staff = staff_user("jobs.view_application", "jobs.view_applicationdocument")

    assert _refused(client, staff, document.application, document) == [200, 200, 200]


def test_staff_with_the_permissions_but_no_second_factor_get_404(client, taxonomy):
    document = ApplicationDocumentFactory()
    staff = staff_user(
        "jobs.view_application",
        "jobs.change_application",
        "jobs.view_applicationdocument",
        second_factor=False,
    )

    assert _refused(client, staff, document.application, document) == [404, 404, 404]
    response = client.post(
        reverse("jobs:application", args=[document.application.pk]),
        {"status": "rejected", "employer_notes": "x"},
    )
    assert response.status_code == 404
    document.application.refresh_from_db()
    assert (document.application.status, document.application.employer_notes) == ("new", "")


def test_staff_with_only_the_view_permission_read_but_cannot_change_an_application(
    client, taxonomy
):
    application = ApplicationFactory()
    client.force_login(staff_user("jobs.view_application"))
    url = reverse("jobs:application", args=[application.pk])

    page = client.get(url)
    response = client.post(url, {"status": "rejected", "employer_notes": "Nej"})

    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    assert "men inte ändra den" in page.content.decode()
    assert response.status_code == 403
    application.refresh_from_db()
    assert (application.status, application.employer_notes) == ("new", "")


def test_staff_with_the_change_permission_and_a_second_factor_handle_an_application(
    client, taxonomy
):
    application = ApplicationFactory()
    client.force_login(staff_user("jobs.view_application", "jobs.change_application"))

    response = client.post(
        reverse("jobs:application", args=[application.pk]),
        {"status": "reviewed", "employer_notes": "Granskad av personal"},
    )

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "reviewed"


def test_staff_need_the_document_permission_to_open_an_applications_cv(client, taxonomy):
    document = ApplicationDocumentFactory()
    client.force_login(staff_user("jobs.view_application"))

    url = reverse("jobs:application_document", args=[document.application.pk, document.pk])
    assert client.get(url).status_code == 404


def test_a_document_id_of_another_application_is_refused(client, taxonomy):
    mine = ApplicationDocumentFactory()
    other = ApplicationDocumentFactory()
    client.force_login(_member_of(mine.application.ad))

    url = reverse("jobs:application_document", args=[mine.application.pk, other.pk])
    assert client.get(url).status_code == 404


def test_the_seeker_sees_shared_status_and_deletion_date(client, taxonomy, seeker):
    ApplicationFactory(seeker=seeker, status="rejected", shared_status="")
    ApplicationFactory(seeker=seeker, status="shortlisted", shared_status="shortlisted")
    ApplicationFactory()  # someone else's

    response = client.get(reverse("jobs:my_applications"))
    html = response.content.decode()

    assert len(response.context["rows"]) == 2
    assert "Not selected" not in html and "Inte utvald" not in html
    assert response.context["rows"][0][0].get_shared_status_display() in html


def test_withdrawing_deletes_the_application_and_its_files(
    client, taxonomy, seeker, django_capture_on_commit_callbacks
):
    document = ApplicationDocumentFactory(application__seeker=seeker)
    storage, name = document.file.storage, document.file.name

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("jobs:withdraw_application", args=[document.application.pk]))

    assert not Application.objects.exists()
    assert not storage.exists(name)


def test_a_seeker_cannot_withdraw_someone_elses_application(client, taxonomy, seeker):
    application = ApplicationFactory()

    response = client.post(reverse("jobs:withdraw_application", args=[application.pk]))

    assert response.status_code == 404
    assert Application.objects.filter(pk=application.pk).exists()


def test_a_restricted_applicant_is_not_shown_to_the_employer(client, taxonomy):
    from privacy import restrictions

    document = ApplicationDocumentFactory()
    application = document.application
    restrictions.restrict(
        user=application.seeker, reason="Art. 18", by=UserFactory(), now=timezone.now()
    )
    client.force_login(_member_of(application.ad))

    listing = client.get(reverse("jobs:ad_applications", args=[application.ad.pk]))

    assert listing.context["rows"] == []
    assert _refused(client, None, application, document)[0::2] == [404, 404]


def test_the_inbox_shows_counts_per_ad_in_a_constant_number_of_queries(
    client, taxonomy, django_assert_max_num_queries
):
    from jobs.models import AdView, ApplyClick, ContactView

    member = MembershipFactory()
    ads = AdFactory.create_batch(3, company=member.company)
    for n, session in enumerate(["a", "a", "b"]):
        AdView.objects.create(ad=ads[0], session_hash=session * 64, device_class="desktop")
        if n == 0:
            ContactView.objects.create(ad=ads[0], session_hash="a" * 64, device_class="desktop")
    ApplyClick.objects.create(ad=ads[0], method="url")
    ApplicationFactory(ad=ads[0])
    client.force_login(member.user)

    # Session, user, activity, the ads, 4 counts, and the layout's own (header, cookies).
    with django_assert_max_num_queries(16):
        response = client.get(reverse("jobs:inbox"))

    stats = dict((ad.pk, s) for ad, s in response.context["rows"])[ads[0].pk]
    assert stats == {"views": 3, "visitors": 2, "contact_views": 1, "apply_clicks": 1}


def test_each_refusal_to_apply_carries_a_message_in_the_users_language():
    from django.utils import translation

    from jobs.services import applications as services

    assert str(services.AdClosed()) == "Annonsen är stängd: den tar inte längre emot ansökningar."
    with translation.override("en"):
        assert str(services.AlreadyApplied()) == "You have already applied for this job."
        assert "employer's own site" in str(services.NotThroughPortal())
    assert isinstance(services.NotThroughPortal(), services.ApplicationError)


def test_a_message_too_long_is_refused_with_the_count_in_the_users_language(
    client, taxonomy, seeker
):
    ad = AdFactory()

    swedish = client.post(apply_url(ad), {"message": "x" * 60000})
    english = client.post(translate_url(apply_url(ad), "en"), {"message": "x" * 60000})

    assert not Application.objects.exists()
    assert list(swedish.context["form"].errors) == ["message"]
    assert (
        "Texten har 60000 tecken, och högst 5000 får plats. Korta den, tack."
        in swedish.content.decode()
    )
    assert (
        "This text has 60000 characters, and at most 5000 fit. Please shorten it."
        in english.content.decode()
    )
    assert 'maxlength="5000"' in swedish.content.decode()


def test_a_message_of_the_longest_length_is_sent(client, taxonomy, seeker):
    ad = AdFactory()

    client.post(apply_url(ad), {"message": "x" * 5000})

    assert len(Application.objects.get().message) == 5000


def test_the_employers_notes_have_a_sensible_maximum(client, taxonomy):
    application = ApplicationFactory()
    client.force_login(_member_of(application.ad))

    response = client.post(
        reverse("jobs:application", args=[application.pk]),
        {"status": "reviewed", "employer_notes": "x" * 60000},
    )

    assert response.status_code == 200
    assert "högst 5000" in response.context["form"].errors["employer_notes"][0]
    application.refresh_from_db()
    assert application.employer_notes == ""


def test_the_inbox_shows_the_ads_a_page_at_a_time(client, taxonomy):
    from config.pages import PER_PAGE

    member = MembershipFactory()
    ads = AdFactory.create_batch(PER_PAGE + 1, company=member.company)
    client.force_login(member.user)

    first = client.get(reverse("jobs:inbox"))
    second = client.get(reverse("jobs:inbox"), {"page": "2"})

    assert len(first.context["rows"]) == PER_PAGE
    assert 'href="?page=2"' in first.content.decode()
    assert [ad.pk for ad, _stats in second.context["rows"]] == [ads[0].pk]  # the oldest
    assert client.get(reverse("jobs:inbox"), {"page": "x"}).context["page"].number == 1


def test_an_ads_applications_are_listed_a_page_at_a_time(client, taxonomy):
    from config.pages import PER_PAGE

    member = MembershipFactory()
    ad = AdFactory(company=member.company)
    applications = [ApplicationFactory(ad=ad) for _ in range(PER_PAGE + 1)]
    client.force_login(member.user)
    url = reverse("jobs:ad_applications", args=[ad.pk])

    first, second = client.get(url), client.get(url, {"page": "2"})

    assert len(first.context["rows"]) == PER_PAGE
    assert 'href="?page=2"' in first.content.decode()
    assert [a.pk for a, _day in second.context["rows"]] == [applications[0].pk]  # the first sent
    assert client.get(url, {"page": "?"}).status_code == 200


def test_opening_the_apply_page_of_a_closed_ad_says_it_is_closed_once(client, taxonomy):
    closed = ClosedAdFactory(apply_method="portal")
    client.force_login(UserFactory())
    page = client.get(reverse("jobs:apply", args=[closed.pk]), follow=True).content.decode()
    assert page.count("tar inte längre emot ansökningar") == 1


def test_an_application_sent_after_the_ad_closed_is_said_not_sent(client, taxonomy):
    closed = ClosedAdFactory(apply_method="portal")
    client.force_login(UserFactory())
    page = client.post(
        reverse("jobs:apply", args=[closed.pk]), {"message": "Hej"}, follow=True
    ).content.decode()
    assert "Din ansökan skickades inte: annonsen har stängt." in page
    assert not Application.objects.exists()


def test_an_account_without_a_name_gives_one_when_applying(client, taxonomy):
    """The form says the applicant's name goes to the employer: an account with none is
    asked for it, and it is kept on the account."""
    ad = AdFactory(apply_method="portal")
    seeker = UserFactory(first_name="", last_name="")
    client.force_login(seeker)
    url = reverse("jobs:apply", args=[ad.pk])
    assert 'name="first_name"' in client.get(url).content.decode()
    refused = client.post(url, {"message": "Hej!"})
    assert refused.status_code == 200 and not Application.objects.exists()
    client.post(url, {"message": "Hej!", "first_name": " Åsa ", "last_name": "Öberg"})
    seeker.refresh_from_db()
    assert (seeker.first_name, seeker.last_name) == ("Åsa", "Öberg")
    application = Application.objects.get()
    client.force_login(_member_of(ad))
    page = client.get(reverse("jobs:application", args=[application.pk])).content.decode()
    assert "Åsa Öberg" in page


def test_an_account_with_a_name_is_not_asked_again(client, taxonomy):
    ad = AdFactory(apply_method="portal")
    client.force_login(UserFactory(first_name="Lars", last_name="Berg"))
    assert 'name="first_name"' not in client.get(reverse("jobs:apply", args=[ad.pk])).text


def test_the_inbox_tells_ads_with_the_same_title_apart(client, taxonomy):
    """Four "Backend-utvecklare": each row names its place, its publication and its last day
    shown (the day before its end when the last day to apply ends it at midnight)."""
    end = timezone.make_aware(dt.datetime(2026, 12, 23))
    first = AdFactory(title="Backend-utvecklare", ends_at=end)
    AdFactory(title="Backend-utvecklare", company=first.company)
    client.force_login(_member_of(first))
    page = client.get(reverse("jobs:inbox")).content.decode()
    assert first.municipality.name in page
    assert "Visas till och med" in page and "2026-12-22" in page


def test_an_empty_library_points_to_the_upload_on_the_same_page(client, taxonomy):
    """A link away to the library lost the letter being written: the upload is right here."""
    ad = AdFactory(apply_method="portal")
    client.force_login(UserFactory())
    page = client.get(reverse("jobs:apply", args=[ad.pk])).content.decode()
    assert "ladda upp ditt CV eller brev nedan" in page
    assert reverse("accounts:documents") not in page.split("<main")[1].split("</main>")[0]


def test_the_company_is_told_its_notes_reach_the_applicant_who_asks_for_their_data(
    client, taxonomy
):
    """Notes about a person are their data: the form does not promise they stay with the
    company, and the applicant's own pages name them as the company's."""
    application = ApplicationFactory(employer_notes="Ring efter semestern", status="rejected")
    client.force_login(_member_of(application.ad))
    form = client.get(reverse("jobs:application", args=[application.pk])).content.decode()
    assert "ingår anteckningarna och statusen" in form
    assert "syns bara för företaget" not in form

    client.force_login(application.seeker)
    mine = client.get(reverse("accounts:my_data")).content.decode()
    assert "Företagets anteckningar" in mine and "Ring efter semestern" in mine
    assert "Företagets status" in mine


def test_an_application_in_english_sends_the_company_its_swedish_mail_and_link(
    client, taxonomy, seeker, django_capture_on_commit_callbacks
):
    ad = AdFactory(contact_email="karin.lind@foretaget.se")
    MembershipFactory(company=ad.company, user__email="karin.lind@foretaget.se")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(translate_url(apply_url(ad), "en"), {"message": "Hello!"})

    application = Application.objects.get()
    [to_company] = [m for m in mail.outbox if m.to == ["karin.lind@foretaget.se"]]
    with translation.override("sv"):
        assert reverse("jobs:application", args=[application.pk]) in to_company.body
    assert "/en/" not in to_company.body
    [to_seeker] = [m for m in mail.outbox if m.to == [seeker.email]]
    assert "/en/" in to_seeker.body  # the applicant's own links in their language


def test_the_company_following_a_link_to_a_withdrawn_application_is_told_what_happened(
    client, taxonomy
):
    application = ApplicationFactory()
    url = reverse("jobs:application", args=[application.pk])
    member = _member_of(application.ad)
    client.force_login(application.seeker)
    client.post(reverse("jobs:withdraw_application", args=[application.pk]))

    client.force_login(member)
    response = client.get(url)

    assert response.status_code == 404
    page = response.content.decode()
    assert "Den sökande kan ha dragit tillbaka den" in page
    assert reverse("jobs:inbox") in page
    stranger = client.get(reverse("jobs:application", args=[ApplicationFactory().pk]))
    assert stranger.status_code == 404  # the same page: which ids exist is not told
    assert "Den sökande kan ha dragit tillbaka den" in stranger.content.decode()


def test_my_applications_and_my_alerts_sit_in_the_my_pages_menu(client, seeker):
    for url in (reverse("jobs:my_applications"), reverse("jobs:alerts")):
        page = client.get(url).content.decode()
        nav = page.split('class="account-nav"', 1)[1].split("</nav>", 1)[0]
        assert f'href="{url}" aria-current="page"' in nav
        assert reverse("accounts:my_data") in nav


def test_the_deletion_date_reads_as_to_come_in_english(client, taxonomy, seeker):
    """ "Deleted on: 2027-06-02" read as if the application were already gone."""
    ApplicationFactory(seeker=seeker)
    page = client.get("/en/my-pages/applications/").text
    assert "To be deleted on" in page and "Deleted on" not in page


def test_the_apply_form_reads_in_order_and_says_what_is_sent_beside_the_button(client, taxonomy):
    """Each field as everywhere on the site: label, help, field (the help was below the
    message and beside the file button); each library document a whole row to tap; what
    goes to the company and for how long is said just above the button that sends it."""
    ad = AdFactory(apply_method="portal", company__name="Tallbo Snickeri AB")
    seeker = UserFactory()
    cv = DocumentFactory(owner=seeker, title="Mitt CV")
    client.force_login(seeker)
    page = client.get(reverse("jobs:apply", args=[ad.pk])).content.decode()
    start = page.index('<form method="post" enctype')
    form = page[start : page.index("</form>", start)]

    for field in ("message", "upload"):
        help_at = form.index(f'id="id_{field}_helptext"')
        assert form.index(f'for="id_{field}"') < help_at < form.index(f'name="{field}"')
        assert f'aria-describedby="id_{field}_helptext"' in form
    choices = re.search(r'<ul class="document-choices">(.*?)</ul>', form, re.S).group(1)
    assert f'value="{cv.pk}"' in choices and ">Mitt CV</label></li>" in choices
    send = re.search(
        r'<div class="apply-send">\s*<p class="apply-consent" id="(.*?)">(.*?)</p>'
        r'\s*<button type="submit" aria-describedby="(.*?)">',
        form,
        re.S,
    )
    assert send and send.group(1) == send.group(3)
    assert "skickas till Tallbo Snickeri AB" in send.group(2)
