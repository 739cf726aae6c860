"""The personal data of the jobs app, declared for the privacy registry.

Visitor events (AdView, ContactView) are not linked to a person: no user, no e-mail, a
session hash keyed with a secret and salted per day, and a network address truncated to /24
or /48. Their declarations say so (`links_person=False`): an access or erasure request never
searches them, which is the truth, and the rows still go at 12 months under
`visitors.tracking`.
"""

from django.utils.translation import gettext_lazy as _

from privacy.registry import NOW, declare, exempt
from privacy.vocabulary import Action, LegalBasis, Subject

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
NO_CONTACT = {"contact_name": "", "contact_email": "", "contact_phone": ""}


def _inactive_ads(qs):
    return qs.inactive()


declare(
    model="jobs.Ad",
    subject=Subject.COMPANY_CONTACT,
    category=_("Contact person in a job ad"),
    fields=CONTACT_FIELDS,
    purpose=_("Let job seekers contact the employer about an open position"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    recipients=(_("Visitors of the website while the ad is open"),),
    rule="ads.public_contact",
    clock_field="ends_at",
    email_path="contact_email",
    scope=_inactive_ads,
    on_expiry=Action.HIDE,
    on_erase=Action.ANONYMISE,
    anonymise=NO_CONTACT,
)

declare(
    model="jobs.Ad",
    subject=Subject.COMPANY_CONTACT,
    category=_("Job ads"),
    # The text and the application address may name a person; the staff's reason for a
    # takedown is written to the company about the ad.
    fields=(*CONTACT_FIELDS, "apply_email", "description", "status_reason"),
    purpose=_("Publish the company's job ads and keep them as a record of the order"),
    legal_basis=LegalBasis.CONTRACT,
    recipients=(_("Visitors of the website while the ad is open"),),
    rule="ads.ad",
    clock_field="ends_at",
    email_path="contact_email",
    scope=_inactive_ads,
    on_expiry=Action.DELETE,
    on_erase=Action.ANONYMISE,
    anonymise={**NO_CONTACT, "apply_email": ""},
)

for _model, _category in (
    ("jobs.AdView", _("Ads you viewed")),
    ("jobs.ContactView", _("Contact details you revealed")),
):
    declare(
        model=_model,
        subject=Subject.VISITOR,
        category=_category,
        fields=(
            "session_hash",
            "device_class",
            "browser_family",
            "language",
            "referrer",
            "ip_network",
        ),
        purpose=_("Statistics for employers about their ads, and stopping abuse"),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        recipients=(_("The company that published the ad (as counts only)"),),
        rule="visitors.tracking",
        clock_field="occurred_at",
        links_person=False,  # see the module docstring
        on_expiry=Action.DELETE,
        on_erase=Action.DELETE,
    )

declare(
    model="jobs.Application",
    subject=Subject.APPLICANT,
    category=_("Applications"),
    fields=("message", "status", "shared_status", "employer_notes"),
    purpose=_("Forward your application to the company you apply to"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    recipients=(_("The company applied to"),),
    rule="applications.portal",
    clock_field="submitted_at",
    user_path="seeker",
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)

declare(
    model="jobs.ApplicationDocument",
    subject=Subject.APPLICANT,
    category=_("Documents attached to applications"),
    fields=("title", "original_name"),
    files=("file",),
    purpose=_("Forward your application to the company you apply to"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    recipients=(_("The company applied to"),),
    rule="applications.portal",
    clock_field="application__submitted_at",
    user_path="application__seeker",
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)


def _lapse_consents(alerts, now):
    """The rule stops these alerts: their consents lapse now, which starts the clock of the
    consent proof (seeker.job_alert_consent)."""
    from privacy import consent

    from .services.alerts import PURPOSE

    for alert in alerts.select_related("user"):
        consent.lapse_consent(purpose=PURPOSE, user=alert.user, email=alert.email, now=now)


def _running_alerts(qs):
    return qs.filter(stopped_at__isnull=True, stop_reason="")


def _stopped_alerts(qs):
    return qs.filter(stopped_at__isnull=False)


# The subscription: it lapses at the end of its rule, counted from the last sign-in (the
# alert keeps its own copy of User.last_seen_on, refreshed by every daily run, so it
# survives the account as privacy-rules.md asks).
declare(
    model="jobs.JobAlert",
    subject=Subject.SEEKER,
    category=_("Job alerts"),
    fields=("email", "name", "criteria"),
    purpose=_("E-mail you new jobs that match your saved search"),
    legal_basis=LegalBasis.CONSENT,
    rule="seeker.job_alerts",
    clock_field="last_seen_on",
    user_path="user",
    email_path="email",
    scope=_running_alerts,
    on_expiry=Action.STOP,
    on_erase=Action.DELETE,
    anonymise={"stop_reason": "lapsed", "stopped_at": NOW},
    before_act=_lapse_consents,
)

# A stopped alert (its criteria and address) goes with the proof of the consent, at the end
# of its rule after the lapse or withdrawal; the proof itself is the privacy app's ConsentRecord.
declare(
    model="jobs.JobAlert",
    subject=Subject.SEEKER,
    category=_("Job alerts"),
    fields=("email", "name", "criteria"),
    purpose=_("Document the job-alert consent and its end"),
    legal_basis=LegalBasis.LEGAL_OBLIGATION,
    rule="seeker.job_alert_consent",
    clock_field="stopped_at",
    user_path="user",
    email_path="email",
    scope=_stopped_alerts,
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)

exempt(
    "jobs.JobAlert",
    fields=("wording_shown",),
    reason="The consent text we showed, written by us: no person's data.",
)
exempt(
    "jobs.JobAlertSentAd",
    fields=("alert", "ad", "sent_at"),
    reason="Which ads an alert has sent: deleted with the alert (cascade).",
)
exempt(
    "jobs.ApplyClick",
    fields=("ad", "occurred_at", "method"),
    reason="A counter of clicks towards external applications: no person, no session, no address.",
)

# The ad's change history (for staff) goes with the ad, under the ad's own rule.
declare(
    model="jobs.AdRevision",
    subject=Subject.COMPANY_CONTACT,
    category=_("Change history of job ads"),
    fields=("changes", "changed_by", "changed_at"),
    purpose=_("Let our staff see who changed an ad, and what, when moderating it"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule="ads.ad",
    clock_field="ad__ends_at",
    user_path="changed_by",
    on_expiry=Action.DELETE,
    on_erase=Action.ANONYMISE,
    anonymise={"changed_by": None, "changes": {}},
)
