"""The job ad.

An ad is public (visitors find it, read its contact person and apply) while it is
published, its publishing moment has come and its end has not: `_public_when` says so once,
`AdQuerySet.public(now)` selects those ads and `Ad.is_public(now)` asks it of one ad (a test
holds the two, and the PostgreSQL form of the first, to the same answer for every status).
`ends_at` is always the moment the ad stops (or stopped) being public: set at publishing to
the earlier of the end of the paid period and the end of the last application day, and
moved to "now" when the ad is withdrawn, filled or taken down. It is therefore also the
clock of the `ads.*` rules.
"""

import datetime
import operator
from collections.abc import Callable
from typing import Self

from django.conf import settings
from django.db import connections, models
from django.db.models import BooleanField, Exists, OuterRef, Q
from django.db.models.expressions import Expression
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from taxonomy.models import Municipality, Occupation


class EmploymentType(models.TextChoices):
    PERMANENT = "permanent", _("Permanent")
    TEMPORARY = "temporary", _("Temporary")
    PROBATIONARY = "probationary", _("Probationary")
    SEASONAL = "seasonal", _("Seasonal / summer job")
    HOURLY = "hourly", _("Hourly / on call")


class Extent(models.TextChoices):
    FULL_TIME = "full_time", _("Full time")
    PART_TIME = "part_time", _("Part time")


class SalaryType(models.TextChoices):
    RANGE = "range", _("Salary range")
    BEFORE_INTERVIEW = "before_interview", _("Disclosed before the interview")


class SalaryPeriod(models.TextChoices):
    MONTH = "month", _("per month")
    HOUR = "hour", _("per hour")
    YEAR = "year", _("per year")


class ApplyMethod(models.TextChoices):
    PORTAL = "portal", _("Through this site")
    URL = "url", _("On the employer's website")
    EMAIL = "email", _("By e-mail")


class TableSQL(Expression):
    """SQL on columns of the ad table that are not model fields (migration 0005), written
    against the alias the query gives the table ("jobs_ad", or "U0" in a subquery).
    `{t}` in the template is that alias; params are bound, never formatted in."""

    def __init__(self, template, params=(), output_field=None):
        super().__init__(output_field=output_field)
        self.template, self.params = template, tuple(params)

    def as_sql(self, compiler, connection):
        alias = compiler.quote_name_unless_alias(compiler.query.get_initial_alias())
        return self.template.format(t=alias), self.params


def _public_when(now):
    """The one definition of a public ad: (field, comparison, value), all true. A missing
    date is never public (SQL's comparison with NULL is not true either)."""
    return (
        ("status", operator.eq, Ad.Status.PUBLISHED),
        ("published_at", operator.le, now),
        ("ends_at", operator.gt, now),
    )


_LOOKUPS = {operator.eq: "exact", operator.le: "lte", operator.gt: "gt"}
# Stand-ins the ad route accepts (an integer, a slug) and no address otherwise holds: it is
# reversed with them once, and they are replaced for each ad (Ad.addresses).
_PK_MARK, _SLUG_MARK = 918273645546372819, "adslugmark"


def last_day_before(end: datetime.datetime) -> datetime.date:
    """The local day of the last moment before `end`."""
    return timezone.localdate(end - datetime.timedelta(microseconds=1))


class AdQuerySet(models.QuerySet["Ad"]):
    def public(self, now: datetime.datetime) -> Self:
        """The ads a visitor may see at `now`: in search, lists, feeds and the sitemap.
        Every caller gets the PostgreSQL form that the partial indexes serve."""
        if connections[self.db].vendor == "postgresql":
            return self._public_postgres(now)
        return self.filter(
            **{f"{name}__{_LOOKUPS[op]}": value for name, op, value in _public_when(now)}
        )

    def _public_postgres(self, now: datetime.datetime) -> Self:
        """The same ads, written for the partial indexes that hold only live ads (migrations
        0005 and 0006): `search_live` is true when the status is "published" and the end is
        in the future as of the row's last write (a trigger recomputes it on every write,
        and a beat task re-writes ads whose end has passed). The flag implies the status,
        so the status test is left out; the end is still tested, as `COALESCE(ends_at >
        now, false)`, which means the same but matches no index and has no statistics:
        otherwise the planner, which cannot know that live ads are exactly the ones that
        have not ended, ANDs the GIN bitmap with a scan of every ad's end (25 ms), and
        multiplies the two fractions (a tenth of all ads are live, a tenth have not ended).
        Its estimate of a filter's live ads was then a tenth of the truth, so a limit of
        10 001 looked out of reach and it sorted every match of one filter rather than
        reading the newest index in order and stopping (25 ms instead of 8; a condition
        without statistics counts as half). The flag can hide an ad only from a
        `now` earlier than the ad's last write (it had ended then, or was not published):
        tests with a clock set back, never a request."""
        live = TableSQL("{t}.search_live", output_field=BooleanField())
        still_open = TableSQL(
            "COALESCE({t}.ends_at > %s, false)", (now,), output_field=BooleanField()
        )
        return self.filter(still_open, Q(published_at__lte=now), live)

    def with_restrictions(self) -> Self:
        """Each ad with `company_hidden` and `contact_hidden`: whether its company (by its
        address: a sole trader's is their own) or its contact person is under an active
        restriction of processing (GDPR art. 18). Public pages, cards and feeds leave them
        unnamed. Two EXISTS subqueries on the small restrictions table, in the same query."""
        from privacy.models import Restriction

        active = Restriction.objects.filter(lifted_at__isnull=True)
        return self.annotate(
            company_hidden=Exists(active.filter(email=Lower(OuterRef("company__email")))),
            contact_hidden=Exists(active.filter(email=Lower(OuterRef("contact_email")))),
        )

    def inactive(self, now: datetime.datetime | None = None) -> Self:
        now = now or timezone.now()
        return self.exclude(status__in=[Ad.Status.DRAFT, Ad.Status.PENDING_REVIEW]).filter(
            ~Q(status=Ad.Status.PUBLISHED) | Q(ends_at__lte=now)
        )

    def for_company(self, company) -> Self:
        return self.filter(company=company)


class Ad(models.Model):
    # Set on the ads of public lists and pages by `Ad.objects.with_restrictions()`: the
    # company or the contact person is under a restriction of processing (GDPR art. 18),
    # so the page leaves them unnamed.
    company_hidden: bool = False
    contact_hidden: bool = False

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PENDING_REVIEW = "pending_review", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        FILLED = "filled", _("Filled")
        TAKEN_DOWN = "taken_down", _("Taken down")

    company = models.ForeignKey(
        "companies.Company", on_delete=models.CASCADE, related_name="ads", verbose_name=_("company")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="ads", verbose_name=_("municipality")
    )
    occupation = models.ForeignKey(
        Occupation, on_delete=models.PROTECT, related_name="ads", verbose_name=_("occupation")
    )
    employment_type = models.CharField(
        _("employment type"), max_length=20, choices=EmploymentType.choices
    )
    extent = models.CharField(_("extent"), max_length=20, choices=Extent.choices)

    salary_type = models.CharField(
        _("salary"), max_length=20, choices=SalaryType.choices, default=SalaryType.RANGE
    )
    salary_min = models.PositiveIntegerField(_("salary from (SEK)"), null=True, blank=True)
    salary_max = models.PositiveIntegerField(_("salary to (SEK)"), null=True, blank=True)
    salary_period = models.CharField(
        _("salary period"), max_length=10, choices=SalaryPeriod.choices, default=SalaryPeriod.MONTH
    )
    salary_text = models.CharField(_("about the salary"), max_length=200, blank=True)

    last_application_date = models.DateField(_("last day to apply"))
    apply_method = models.CharField(
        _("how to apply"), max_length=10, choices=ApplyMethod.choices, default=ApplyMethod.PORTAL
    )
    apply_url = models.URLField(_("application link"), max_length=500, blank=True)
    apply_email = models.EmailField(_("application e-mail"), blank=True)

    # The public contact person (rule ads.public_contact: hidden once the ad is inactive).
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    is_featured = models.BooleanField(_("featured"), default=False)
    # Days of the period paid by the current order (set when it is ordered): the ad ends
    # at the latest this many days after it goes live.
    paid_days = models.PositiveSmallIntegerField(_("paid days"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    status_reason = models.TextField(_("reason given to the employer"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    # The one-time token of the form that created the ad: a second click on "save" sends
    # it again and finds this ad instead of making another draft.
    form_token = models.CharField(max_length=43, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = AdQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("ad")
        verbose_name_plural = _("ads")
        indexes = [
            models.Index(fields=["status", "ends_at"], name="jobs_ad_status_ends"),
            models.Index(fields=["-published_at", "-id"], name="jobs_ad_newest"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="jobs_ad_salary_range_ordered",
            ),
            models.UniqueConstraint(
                fields=["company", "form_token"],
                condition=~Q(form_token=""),
                name="jobs_ad_form_token_once",
            ),
        ]

    def __str__(self):
        # In any language (My data names the ad an application is for): title and number.
        return f"{self.title} (#{self.pk})"

    def get_absolute_url(self):
        """The canonical address, with a slug of the title (/jobs/<pk>/ works too)."""
        return reverse("jobs:detail_slug", kwargs={"pk": self.pk, "slug": self.slug})

    @property
    def slug(self) -> str:
        return self.slug_of(self.title)

    @staticmethod
    def addresses() -> Callable[[int, str], str]:
        """The canonical address of many ads from their (id, title) alone: the route is
        reversed once, in the active language and script prefix, then filled in for each
        (a dozen lookups per `reverse` were most of a sitemap section's or a digest's time)."""
        marked = reverse("jobs:detail_slug", kwargs={"pk": _PK_MARK, "slug": _SLUG_MARK})
        before, rest = marked.split(str(_PK_MARK))
        between, after = rest.split(_SLUG_MARK)
        return lambda pk, title: f"{before}{pk}{between}{Ad.slug_of(title)}{after}"

    @staticmethod
    def slug_of(title: str) -> str:
        """The slug of an ad's address, from its title alone (also for rows, not models)."""
        slug = slugify(title)[:80] or "annons"
        # Never one of the words of the /jobs/<pk>/<word>/ routes.
        return f"{slug}-jobb" if slug in {"apply", "contact", "applications"} else slug

    @property
    def last_day(self) -> datetime.date | None:
        """The last day the ad is shown: its end is a moment, the start of the next day when
        the last day to apply ends it."""
        return last_day_before(self.ends_at) if self.ends_at else None

    def is_public(self, now) -> bool:
        """`Ad.objects.public(now)` asked of this one ad, from the same definition."""
        return all(
            getattr(self, name) is not None and compare(getattr(self, name), value)
            for name, compare, value in _public_when(now)
        )

    def is_preview(self, now) -> bool:
        """Not out yet (a draft, an ad waiting for review or due later): only its company
        and staff may see its page. An ad that has ended keeps a page that says so."""
        return (
            self.status in (self.Status.DRAFT, self.Status.PENDING_REVIEW)
            or self.published_at is None
            or self.published_at > now
        )
