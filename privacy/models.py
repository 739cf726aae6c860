"""The privacy app's own records: consent proof, restrictions, legal holds, access requests,
the audit log of changes to them, the warnings sent before deletion and the audit of each
enforcement run.

None of these models names another app's models: holds on single records point at them
through a content type and an object id. Holds, restrictions and access requests are written
only by their services (privacy.holds, privacy.restrictions, privacy.access), which also
write the audit entry; no save() here adds a rule of its own.
"""

import datetime
import hashlib
from collections.abc import Collection
from typing import TYPE_CHECKING, Self, TypeVar

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    # The AUTH_USER_MODEL as django-stubs resolves it (privacy/ names no other app).
    from django.contrib.auth.models import _User as User

_M = TypeVar("_M", bound=models.Model)


def normalize_email(email: str | None) -> str:
    return (email or "").strip().lower()


def person_email(user: "User | None" = None, email: str | None = None) -> str:
    """The address a request is about: the one given, else the user's."""
    return normalize_email(email or (user.email if user is not None else ""))


class Purpose(models.TextChoices):
    JOB_ALERTS = "job_alerts", _("Job alerts")
    NEWSLETTER = "newsletter", _("Newsletter")
    COOKIES = "cookies", _("Cookies")


class ConsentWording(models.Model):
    """The exact text shown when consent was asked: a change of text is a new version."""

    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    version = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("wording"))
    text_hash = models.CharField(_("hash of the wording"), max_length=64, editable=False)
    language = models.CharField(_("language"), max_length=10, blank=True)
    created_at = models.DateTimeField(_("first shown at"))

    class Meta:
        ordering = ["purpose", "version"]
        verbose_name = _("consent wording")
        verbose_name_plural = _("consent wordings")
        constraints = [
            models.UniqueConstraint(
                fields=["purpose", "version"], name="privacy_wording_version_unique"
            ),
            models.UniqueConstraint(
                fields=["purpose", "text_hash"], name="privacy_wording_text_unique"
            ),
        ]

    def __str__(self) -> str:
        # Shown to the person on My data and in the report: the purpose by its name.
        return f"{self.get_purpose_display()}, v{self.version}"

    @staticmethod
    def hash_text(text: str) -> str:
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ConsentMethod(models.TextChoices):
    FORM = "form", _("Web form")
    EMAIL_CONFIRMATION = "email_confirmation", _("Confirmation link in an e-mail")
    UNSUBSCRIBE_LINK = "unsubscribe_link", _("Unsubscribe link")
    ACCOUNT_SETTINGS = "account_settings", _("Account settings")
    STAFF = "staff", _("By staff on the person's request")
    LAPSE = "lapse", _("Lapsed under the retention rule")


class PersonQuerySet(models.QuerySet[_M]):
    """Rows about one person, found by user and/or e-mail address."""

    def for_person(self, *, user: "User | None" = None, email: str | None = None) -> Self:
        q = Q(user=user) if user is not None else Q(pk__in=[])
        address = person_email(user, email)
        return self.filter(q | Q(email=address) if address else q)


class ConsentRecordQuerySet(PersonQuerySet["ConsentRecord"]):
    def active(self) -> Self:
        return self.filter(withdrawn_at__isnull=True, ended_at__isnull=True)


class ConsentRecord(models.Model):
    """Proof of one consent: who, for what, the wording shown, when, how, and its end.

    `ended_at` is the clock of `seeker.job_alert_consent` (withdrawal or lapse);
    `last_used_at` the clock of `newsletter.consent` (the last send under it, the
    confirmation, or the withdrawal).
    """

    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail address"), db_index=True)
    wording = models.ForeignKey(
        ConsentWording,
        on_delete=models.PROTECT,
        related_name="records",
        verbose_name=_("wording shown"),
    )
    given_at = models.DateTimeField(_("given at"))
    method = models.CharField(_("how it was given"), max_length=30, choices=ConsentMethod.choices)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_method = models.CharField(
        _("how it was withdrawn"), max_length=30, blank=True, choices=ConsentMethod.choices
    )
    ended_at = models.DateTimeField(
        _("ended at (withdrawn or lapsed)"), null=True, blank=True, db_index=True
    )
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True, db_index=True)

    objects = ConsentRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent record")
        verbose_name_plural = _("consent records")

    def __str__(self) -> str:
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"


class Suppression(models.Model):
    """A salted hash of an address that must never be mailed again (its proof is gone)."""

    email_hash = models.CharField(_("salted hash of the address"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("added at"), default=timezone.now)

    class Meta:
        verbose_name = _("suppressed address")
        verbose_name_plural = _("suppressed addresses")

    def __str__(self) -> str:
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"

    @staticmethod
    def hash_email(email: str) -> str:
        salt = settings.SUPPRESSION_SALT.encode("utf-8")
        return hashlib.sha256(salt + b":" + normalize_email(email).encode("utf-8")).hexdigest()


class RestrictionQuerySet(PersonQuerySet["Restriction"]):
    def active(self) -> Self:
        return self.filter(lifted_at__isnull=True)


class Restriction(models.Model):
    """Art. 18: while active, the person's data is only stored (no e-mails, not shown,
    not exported to employers)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail address"), db_index=True)
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("restricted at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("restricted by"),
    )
    lifted_at = models.DateTimeField(_("lifted at"), null=True, blank=True)
    # Set only on the restriction an erasure places over the data the law makes us keep: when
    # the last of that data goes. Such a restriction stops every use but not the data's own
    # rules, and its own rule (contacts.long_term) counts from this date (from `lifted_at`
    # once lifted). A restriction on the person's request (art. 18) has none: it stops the
    # rules too, and is kept while in force.
    kept_until = models.DateTimeField(
        _("data kept by law until"), null=True, blank=True, db_index=True
    )

    objects = RestrictionQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("restriction of processing")
        verbose_name_plural = _("restrictions of processing")

    def __str__(self) -> str:
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"


HOLD_ON_ONE = _(
    "Put the hold either on a person (their e-mail address) or "
    "on one record (kind of record and record id), not both."
)
HOLD_NEEDS_BOTH = _("A hold on a record needs both the kind of record and its id.")
HOLD_ON_NOTHING = _(
    "Say what the hold keeps: a person (their e-mail address) or one record (kind of "
    "record and record id)."
)


class LegalHoldQuerySet(models.QuerySet["LegalHold"]):
    def active(self, on: datetime.date) -> Self:
        """Holds in force on the date `on`."""
        return self.filter(released_at__isnull=True).filter(
            Q(ends_on__isnull=True) | Q(ends_on__gte=on)
        )


class LegalHold(models.Model):
    """A dispute or legal claim: the person's rows (by e-mail) or single records survive
    every rule and every erasure until the hold ends or is released."""

    email = models.EmailField(_("e-mail address of the person"), blank=True, db_index=True)
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        verbose_name=_("kind of record"),
    )
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    record = GenericForeignKey("content_type", "object_id")
    reason = models.TextField(_("reason"))
    ends_on = models.DateField(
        _("ends on"), null=True, blank=True, help_text=_("Leave empty for a hold until released.")
    )
    created_at = models.DateTimeField(_("placed at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("placed by"),
    )
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("released by"),
    )

    objects = LegalHoldQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        constraints = [
            models.CheckConstraint(
                condition=(~Q(email="") & Q(content_type__isnull=True) & Q(object_id=""))
                | (Q(email="") & Q(content_type__isnull=False) & ~Q(object_id="")),
                name="privacy_hold_person_or_record",
                violation_error_message=HOLD_ON_ONE,
            ),
        ]

    def __str__(self) -> str:
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"

    def clean(self) -> None:
        """One message for each mistake in whom or what the hold keeps; a new hold on a record
        names a record that exists (found once: `record` keeps it for place_hold)."""
        error = self._target_error()
        if error is not None:
            raise error
        if self._state.adding and self.content_type_id and self.held_record() is None:
            raise ValidationError({"object_id": _("There is no record of that kind with this id.")})

    def validate_constraints(self, exclude: Collection[str] | None = None) -> None:
        """The check constraint guards writes outside forms; when clean() has already said
        what is wrong with whom or what the hold keeps, it does not say it a second time."""
        if self._target_error() is not None:
            exclude = {*(exclude or ()), "email", "content_type", "object_id"}
        super().validate_constraints(exclude=exclude)

    def _target_error(self) -> ValidationError | None:
        on_person = bool(normalize_email(self.email))
        on_record = bool(self.content_type_id or self.object_id)
        if on_person == on_record:
            return ValidationError(HOLD_ON_ONE if on_person else HOLD_ON_NOTHING)
        if on_record and not (self.content_type_id and self.object_id):
            return ValidationError(HOLD_NEEDS_BOTH)
        return None

    def held_record(self) -> models.Model | None:
        """The record a hold on a record keeps, or None when there is no such record."""
        try:
            return self.record
        except (ValueError, ValidationError):  # an id that is not a key of that kind
            return None


class AccessRequestQuerySet(PersonQuerySet["AccessRequest"]):
    def open(self) -> Self:
        return self.filter(closed_at__isnull=True)


class AccessRequest(models.Model):
    """An access request (Art. 15). While open, no rule deletes the person's data: the
    answer must show what was held."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    email = models.EmailField(_("e-mail address"), db_index=True)
    opened_at = models.DateTimeField(_("opened at"))
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("opened by"),
    )

    objects = AccessRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("access request")
        verbose_name_plural = _("access requests")

    def __str__(self) -> str:
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"


class AuditEntry(models.Model):
    """One change made by a privacy service: who (None: the system, or the person acting on
    their own data), when, what kind of change, on which record (kind and id), and counts or
    the names of the changed fields. Never the values: no personal data of the person acted
    on is kept here."""

    class Event(models.TextChoices):
        HOLD_PLACED = "hold_placed", _("Legal hold placed")
        HOLD_CHANGED = "hold_changed", _("Legal hold changed")
        HOLD_RELEASED = "hold_released", _("Legal hold released")
        RESTRICTION_PLACED = "restriction_placed", _("Processing restricted")
        RESTRICTION_LIFTED = "restriction_lifted", _("Restriction lifted")
        ACCESS_REQUEST_OPENED = "access_request_opened", _("Access request opened")
        ACCESS_REQUEST_CLOSED = "access_request_closed", _("Access request closed")
        PERSON_ERASED = "person_erased", _("Person erased")
        RECORDS_ERASED = "records_erased", _("Records deleted by staff")
        AD_DRAFT_DELETED = "ad_draft_deleted", _("Ad draft deleted")

    event = models.CharField(_("event"), max_length=40, choices=Event.choices)
    at = models.DateTimeField(_("at"), db_index=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    content_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        verbose_name=_("kind of record"),
    )
    object_id = models.CharField(_("record id"), max_length=64, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("privacy audit entry")
        verbose_name_plural = _("privacy audit log")

    def __str__(self) -> str:
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"


class RetentionWarning(models.Model):
    """One warning sent before a row's deletion, per clock cycle. No personal data: the
    declaration's key, the row's primary key and the clock date."""

    declaration = models.CharField(_("declaration"), max_length=200)
    object_pk = models.CharField(_("record id"), max_length=64)
    clock_on = models.DateField(_("clock date"))
    warned_at = models.DateTimeField(_("warned at"))

    class Meta:
        verbose_name = _("retention warning")
        verbose_name_plural = _("retention warnings")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "object_pk", "clock_on"],
                name="privacy_warning_once_per_cycle",
            ),
        ]

    def __str__(self) -> str:
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"


class EnforcementRun(models.Model):
    """The audit of one enforcement run: counts per rule, never personal data."""

    class Trigger(models.TextChoices):
        BEAT = "beat", _("Nightly schedule")
        COMMAND = "command", _("Management command")
        ADMIN = "admin", _("Admin")
        TEST = "test", _("Test")

    class Status(models.TextChoices):
        RUNNING = "running", _("Running")
        FINISHED = "finished", _("Finished")
        FAILED = "failed", _("Failed")
        SKIPPED = "skipped", _("Skipped: another run held the lock")
        INTERRUPTED = "interrupted", _("Interrupted: its process ended before it finished")

    trigger = models.CharField(_("trigger"), max_length=20, choices=Trigger.choices)
    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    as_of = models.DateField(_("as of"))
    dry_run = models.BooleanField(_("dry run"), default=False)
    only_rule = models.CharField(_("only rule"), max_length=60, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RUNNING
    )
    # rule name -> {"due": n, "acted": n, "held": n, "restricted": n, "warned": n}
    counts = models.JSONField(_("counts per rule"), default=dict)
    error = models.CharField(_("error"), max_length=200, blank=True)
    # Who ran it ("host:pid") and whether it held the lock: how a later run tells that this
    # one's process is gone (privacy/runs.py), and the runs that later run found so.
    process = models.CharField(_("process"), max_length=64, blank=True)
    held_lock = models.BooleanField(_("held the lock"), default=False)
    found_interrupted = models.JSONField(
        _("earlier runs found interrupted"), default=list, blank=True
    )

    class Meta:
        ordering = ["-started_at"]
        permissions = [
            ("view_processing_record", _("Can export the record of processing activities")),
        ]
        verbose_name = _("enforcement run")
        verbose_name_plural = _("enforcement runs")

    def __str__(self) -> str:
        return f"{capfirst(self._meta.verbose_name)} {self.pk}"

    def total(self, key: str) -> int:
        return sum(c.get(key, 0) for c in self.counts.values())


class EnforcementLock(models.Model):
    """The lock row that stands in for PostgreSQL's advisory lock on other databases."""

    name = models.CharField(max_length=60, unique=True)
    holder = models.CharField(max_length=64, blank=True)
    acquired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("enforcement lock")
        verbose_name_plural = _("enforcement locks")

    def __str__(self) -> str:
        return self.name


class PendingFileRemoval(models.Model):
    """A stored file whose row is gone, until the file is gone too (privacy/files.py).

    Written in the transaction that deletes the row, removed once the storage confirms the
    deletion: a failure of the storage (an S3 outage mid-erasure) leaves this row, and the
    next sweep finishes the work. No personal data: the storage name is a random key.
    """

    name = models.CharField(_("stored name"), max_length=255)
    created_at = models.DateTimeField(_("created at"))
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=120, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("file awaiting removal")
        verbose_name_plural = _("files awaiting removal")

    def __str__(self) -> str:
        return f"File awaiting removal #{self.pk}"
