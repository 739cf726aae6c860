from typing import ClassVar, Self

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower, Upper
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# One spelling per address: e-mail is the login and the key of every privacy request.
from privacy.models import normalize_email


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=normalize_email(username))


class User(AbstractUser):
    """Everyone who signs in: seekers and employers share this one account type.

    What a user is shows in what they have (a seeker profile, a company membership).
    """

    username = None  # type: ignore[assignment]  # e-mail login: AbstractUser's field removed
    email = models.EmailField(_("e-mail address"), unique=True)
    # The last day this person was seen signed in: the clock of `seeker.inactive_account`
    # and `seeker.job_alerts`. Written at most once a day (LastSeenMiddleware calls
    # services.record_activity).
    last_seen_on = models.DateField(_("last seen on"), default=timezone.localdate, db_index=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    # Ours is a BaseUserManager (e-mail login); the stubs expect auth's own UserManager.
    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]
        # Django's `email__iexact` is `UPPER(email) = UPPER(%s)` on PostgreSQL, which the
        # unique index on LOWER(email) cannot answer: every sign-in (ModelBackend's
        # get_by_natural_key) read every user, 0.23 s at 300 000 of them.
        indexes = [models.Index(Upper("email"), name="accounts_user_email_upper")]

    def __str__(self):
        # No personal data: the admin log keeps str(obj) after the row is erased.
        return f"User #{self.pk}"

    def save(self, *args, **kwargs):
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)


def user_display(user) -> str:
    """How pages, messages and e-mails name a person (allauth's ACCOUNT_USER_DISPLAY): by
    name, else by e-mail address; never by `str(user)`, which is for the admin log."""
    return user.get_full_name().strip() or user.email


def document_upload_to(instance, filename):
    """A random name in a private folder: the original name is kept in the row, not on disk."""
    import uuid

    return f"documents/{uuid.uuid4().hex}"


class DocumentQuerySet(models.QuerySet["Document"]):
    def owned_by(self, user) -> Self:
        return self.filter(owner=user) if user.is_authenticated else self.none()


class Document(models.Model):
    """A CV or letter in a seeker's library. Stored privately; served only through a view."""

    class Kind(models.TextChoices):
        CV = "cv", _("CV")
        LETTER = "letter", _("Cover letter")
        OTHER = "other", _("Other document")

    owner = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="documents", verbose_name=_("owner")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.CV)
    title = models.CharField(_("name"), max_length=150)
    original_name = models.CharField(_("original file name"), max_length=255)
    file = models.FileField(_("file"), upload_to=document_upload_to, max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    objects = DocumentQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return f"Document #{self.pk}"


class SeekerProfile(models.Model):
    """A job seeker's details and job interests: one per user (first and last name live on
    User). Having one is what makes a user a seeker."""

    user = models.OneToOneField(
        User, on_delete=models.CASCADE, related_name="seeker_profile", verbose_name=_("user")
    )
    street = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=6, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    occupations = models.ManyToManyField(
        "taxonomy.Occupation",
        blank=True,
        related_name="interested_seekers",
        verbose_name=_("occupations I am interested in"),
    )
    municipalities = models.ManyToManyField(
        "taxonomy.Municipality",
        blank=True,
        related_name="interested_seekers",
        verbose_name=_("where I want to work"),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("seeker profile")
        verbose_name_plural = _("seeker profiles")

    def __str__(self):
        return f"Seeker profile #{self.pk}"
