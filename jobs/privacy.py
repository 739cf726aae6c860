"""The personal data of the jobs app, declared for the privacy registry.

Visitor events (AdView, ContactView) are not linked to a person: no user, no e-mail, a
session hash keyed with a secret and salted per day, and a network address truncated to /24
or /48. Their declarations say so (`links_person=False`): an access or erasure request never
searches them, which is the truth, and the rows still go at 12 months under
`visitors.tracking`.
"""

from django.utils.translation import gettext_lazy as _

from accounts.privacy import declare_own_seeker_rows
from privacy.registry import NOW, declare, declare_reader, exempt
from privacy.vocabulary import ANONYMISED_ANALYSES, Action, LegalBasis, Subject

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
NO_CONTACT = {"contact_name": "", "contact_email": "", "contact_phone": ""}


def _inactive_ads(qs):
    return qs.inactive()


declare(
    model="jobs.Ad",
    subject=Subject.COMPANY_CONTACT,
    category=_("Contact person in a job ad"),
    items=(_("Name, e-mail address and phone number of the ad's contact person"),),
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
    items=(_("The job ads, and what they say about people"),),
    # The text and the application address may name a person; the staff's reason for a
    # takedown is written to the company about the ad.
    fields=(*CONTACT_FIELDS, "apply_email", "description", "status_reason"),
    purpose=_("Publish the company's job ads and keep them as a record of the order"),
    further_purposes=(
        _("Take down ads that break the terms or the law, and tell the company why"),
    ),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    recipients=(_("Visitors of the website while the ad is open"),),
    rule="ads.ad",
    clock_field="ends_at",
    email_path="contact_email",
    scope=_inactive_ads,
    on_expiry=Action.DELETE,
    on_erase=Action.ANONYMISE,
    anonymise={**NO_CONTACT, "apply_email": ""},
)


def _keep_daily_totals(events, now):
    """The employer's statistics outlive the events: daily counts per ad (jobs.AdDailyStat)."""
    from .services import visits

    visits.aggregate_events(events, now)


VISITOR_ITEMS = (
    _("A technical identifier that groups your visits within one day and changes every day"),
    _("Your IP address, shortened to its network (IPv4 /24, IPv6 /48)"),
    _("Type of device (computer, mobile, tablet)"),
    _("Browser type and language setting"),
    _("The site that referred you to us (its name only)"),
)
for _model, _category, _items in (
    (
        "jobs.AdView",
        _("Ads you viewed"),
        (_("Which ads you view, when, and how often in one day"), *VISITOR_ITEMS),
    ),
    (
        "jobs.ContactView",
        _("Contact details you revealed"),
        (_("Which ads' contact details you reveal, and when"), *VISITOR_ITEMS),
    ),
):
    declare(
        model=_model,
        subject=Subject.VISITOR,
        category=_category,
        items=_items,
        fields=(
            "session_hash",
            "device_class",
            "browser_family",
            "language",
            "referrer",
            "ip_network",
        ),
        purpose=_("Statistics for employers about their ads, and stopping abuse"),
        further_purposes=(
            ANONYMISED_ANALYSES,
            _(
                "Protect the site: find and stop abuse and attacks, and document that we "
                "follow the law"
            ),
        ),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        recipients=(_("The company that published the ad (as counts only)"),),
        rule="visitors.tracking",
        clock_field="occurred_at",
        links_person=False,  # see the module docstring
        on_expiry=Action.DELETE,
        on_erase=Action.DELETE,
        before_act=_keep_daily_totals,
    )

declare(
    model="jobs.Application",
    subject=Subject.APPLICANT,
    category=_("Applications"),
    items=(_("Your application, its message and how far it has come"),),
    fields=(
        "message",
        "status",
        "shared_status",
        "employer_notes",
        "language",
        "told_status",
        "closure_told_at",
    ),
    context=("submitted_at", "ad__title", "ad__company__name"),
    purpose=_("Forward your application to the company you apply to"),
    # The company's statistics count the applications to each ad, naming no one.
    further_purposes=(ANONYMISED_ANALYSES,),
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
    items=(_("The documents you attach to an application"),),
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


ALERT_CONTEXT = ("created_at", "stopped_at", "stop_reason")


def _stopped_alerts(qs):
    return qs.filter(stopped_at__isnull=False)


# The subscription: it lapses at the end of its rule, counted from the day the person was
# last seen signed in: their own User.last_seen_on while the account exists, else the alert's
# copy of it (refreshed by the daily digest), which survives the account as privacy-rules.md
# asks.
declare(
    model="jobs.JobAlert",
    subject=Subject.SEEKER,
    category=_("Job alerts"),
    items=(_("Your job alerts: e-mail address and saved search"),),
    fields=("email", "name", "criteria"),
    context=ALERT_CONTEXT,
    purpose=_("E-mail you new jobs that match your saved search"),
    legal_basis=LegalBasis.CONSENT,
    rule="seeker.job_alerts",
    clock_field="user__last_seen_on",
    clock_fallback="last_seen_on",
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
    items=(_("Your job alerts: e-mail address and saved search"),),
    fields=("email", "name", "criteria"),
    context=ALERT_CONTEXT,
    purpose=_("Document that you agreed to receive job alerts, and when you stopped"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
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
    "jobs.AdDailyStat",
    fields=("ad", "day", "views", "visitors", "contact_views"),
    reason="Daily counts per ad kept after the visitor events go: no session, no address.",
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
    items=(_("Who changed a job ad, what and when"),),
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


# Saved jobs: the person's own list, kept as a job seeker's (a company's contact person's
# too), under the account's rule (accounts/privacy.py): deleted by its period after they were
# last seen signed in, after its warning, exported with the account and erased with the
# person.
declare_own_seeker_rows(
    model="jobs.SavedAd",
    category=_("Your saved jobs"),
    items=(_("Jobs you saved, and when"),),
    fields=("ad", "saved_at"),
    purpose=_("Keep the jobs you saved, to read them again and apply"),
)


def _read_search(params) -> str:
    from .services.alerts import describe_criteria

    return describe_criteria(params)


# A job alert's saved search reads as the alert form shows it, not as its stored keys.
declare_reader("jobs.JobAlert", "criteria", _read_search)
