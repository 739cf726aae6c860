from allauth.account.admin import EmailAddressAdmin as BaseEmailAddressAdmin
from allauth.account.models import EmailAddress
from allauth.mfa.admin import AuthenticatorAdmin as BaseAuthenticatorAdmin
from allauth.mfa.models import Authenticator
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from privacy.admin_mixins import RegistryDeleteMixin

from .models import Document, SeekerProfile, User

# allauth's authenticator model has no translatable names of its own.
Authenticator._meta.verbose_name = _("second factor")
Authenticator._meta.verbose_name_plural = _("second factors")


@admin.register(User)
class UserAdmin(RegistryDeleteMixin, BaseUserAdmin):
    ordering = ("-date_joined",)
    list_display = (
        "id",
        "email",
        "first_name",
        "last_name",
        "is_staff",
        "is_active",
        "last_seen_on",
        "date_joined",
    )
    list_filter = ("is_staff", "is_superuser", "is_active")
    search_fields = ("email", "first_name", "last_name")
    readonly_fields = ("last_login", "date_joined", "last_seen_on", "person_page")
    fieldsets = (
        (None, {"fields": ("email", "password", "person_page")}),
        (_("Personal info"), {"fields": ("first_name", "last_name")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "last_seen_on", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    @admin.display(description=_("Personal data"))
    def person_page(self, obj):
        """Everything the registry holds about the person (rights' person page)."""
        url = reverse("admin:rights_person") + f"?user={obj.pk}"
        return format_html('<a href="{}">{}</a>', url, _("Everything we hold about this person"))


@admin.register(SeekerProfile)
class SeekerProfileAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    list_display = ("id", "user_email", "user_name", "town", "updated_at")
    list_filter = ("updated_at",)
    search_fields = ("user__email", "user__first_name", "user__last_name", "town")
    list_select_related = ("user",)
    raw_id_fields = ("user",)
    filter_horizontal = ("occupations", "municipalities")
    readonly_fields = ("created_at", "updated_at")

    @admin.display(description=_("e-mail address"), ordering="user__email")
    def user_email(self, obj):
        return obj.user.email

    @admin.display(description=_("name"), ordering="user__last_name")
    def user_name(self, obj):
        return obj.user.get_full_name()


@admin.register(Document)
class DocumentAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    """Lists metadata only: no contents and no file links in the list. The file opens only
    from the detail page, through the permission-checking download view."""

    list_display = ("id", "owner_email", "kind", "content_type", "size_display", "uploaded_at")
    list_filter = ("kind", "content_type", "uploaded_at")
    search_fields = ("owner__email", "owner__first_name", "owner__last_name")
    list_select_related = ("owner",)
    raw_id_fields = ("owner",)
    fields = (
        "owner",
        "kind",
        "title",
        "original_name",
        "content_type",
        "size",
        "uploaded_at",
        "download",
    )
    readonly_fields = fields
    date_hierarchy = "uploaded_at"

    def has_add_permission(self, request):
        return False  # documents come from their owners' uploads

    @admin.display(description=_("e-mail address"), ordering="owner__email")
    def owner_email(self, obj):
        return obj.owner.email

    @admin.display(description=_("size"), ordering="size")
    def size_display(self, obj):
        return filesizeformat(obj.size)

    @admin.display(description=_("file"))
    def download(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("accounts:document_download", args=[obj.pk]),
            _("Download"),
        )


# allauth's own admins delete plainly: their models are in the registry, so they delete
# through its erasure too.
admin.site.unregister(EmailAddress)
admin.site.unregister(Authenticator)


@admin.register(EmailAddress)
class EmailAddressAdmin(RegistryDeleteMixin, BaseEmailAddressAdmin):
    pass


@admin.register(Authenticator)
class AuthenticatorAdmin(RegistryDeleteMixin, BaseAuthenticatorAdmin):
    pass
