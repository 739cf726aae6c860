"""Demo privacy records: newsletter consents (one withdrawn; job-alert consents come with
the jobs demo), a legal hold and a dry enforcement run, so staff see the consent ledger,
holds and the run history in admin. Idempotent."""

import datetime

from django.utils import timezone

from accounts.models import User
from demo.context import STAFF_EMAIL
from privacy import consent, enforcement, holds
from privacy.models import ConsentMethod, ConsentRecord, EnforcementRun, LegalHold, Purpose

NEWSLETTER_WORDING = (
    "Ja, skicka mig nyhetsbrevet från WorkWithUs.se med tips och nya jobb. "
    "Jag kan avsluta när jag vill via länken i varje utskick."
)


def seed(ctx) -> None:
    now = timezone.now()
    if not ConsentRecord.objects.filter(purpose=Purpose.NEWSLETTER).exists():
        for n, days in enumerate((400, 90, 12)):
            consent.give_consent(
                purpose=Purpose.NEWSLETTER,
                email=f"prenumerant{n}@example.se",
                wording=NEWSLETTER_WORDING,
                method=ConsentMethod.FORM,
                ip="198.51.100.7",
                now=now - datetime.timedelta(days=days),
            )
        consent.withdraw_consent(
            purpose=Purpose.NEWSLETTER,
            email="prenumerant0@example.se",
            method=ConsentMethod.UNSUBSCRIBE_LINK,
            now=now - datetime.timedelta(days=30),
        )
    if not LegalHold.objects.exists():
        holds.place_hold(
            email="tvist@example.se",
            reason="Tvist om faktura (demo)",
            ends_on=timezone.localdate() + datetime.timedelta(days=180),
            by=User.objects.filter(email=STAFF_EMAIL).first(),
            now=now,
        )
    if not EnforcementRun.objects.exists():
        enforcement.enforce(
            as_of=timezone.localdate(now),
            now=now,
            dry_run=True,
            trigger=EnforcementRun.Trigger.COMMAND,
        )
