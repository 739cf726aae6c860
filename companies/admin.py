from typing import Any

from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.fields import PublicURLField
from privacy.admin_mixins import RegistryDeleteMixin, RegistryInlineMixin

from .forms import PAYMENT_FIELDS, PaymentAdminForm
from .models import (
    Agreement,
    AgreementNote,
    Company,
    Invitation,
    Invoice,
    Membership,
    Order,
    Payment,
    Product,
    Reminder,
)
from .models.core import CustomerStatus
from .money import format_sek
from .services import billing

# Staff type links others open: the site's own rule for them (https:// added when left out).
PUBLIC_URLS: dict[type[models.Field], dict[str, Any]] = {
    models.URLField: {"form_class": PublicURLField}
}


@admin.display(description=_("company"), ordering="company__name")
def company_name(obj):
    return obj.company.name


class CustomerStatusFilter(admin.SimpleListFilter):
    title = _("customer status")
    parameter_name = "customer_status"

    def lookups(self, request, model_admin):
        return CustomerStatus.choices

    def queryset(self, request, queryset):
        if self.value() in CustomerStatus.values:
            return queryset.filter(customer_status=self.value())
        return queryset


class MembershipInline(RegistryInlineMixin, admin.TabularInline):
    model = Membership
    extra = 0
    raw_id_fields = ("user",)
    readonly_fields = ("created_at",)


@admin.register(Company)
class CompanyAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    list_display = ("name", "org_number", "email", "customer_status_display", "town", "created_at")
    list_filter = (CustomerStatusFilter, "cooperation_ended_on", "show_page")
    search_fields = ("name", "org_number", "email")
    # The logo only through the company's own form (companies.logos cleans every upload).
    readonly_fields = ("created_at", "customer_status_display", "logo")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (MembershipInline,)
    formfield_overrides = PUBLIC_URLS

    def get_queryset(self, request):
        return super().get_queryset(request).with_customer_status()

    @admin.display(description=_("customer status"), ordering="customer_status")
    def customer_status_display(self, obj):
        return CustomerStatus(obj.customer_status).label


@admin.register(Invitation)
class InvitationAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    list_select_related = ("company",)
    list_display = ("id", company_name, "role", "created_at", "accepted_at")
    list_filter = ("role",)
    search_fields = ("email", "company__name")
    raw_id_fields = ("company", "invited_by")
    readonly_fields = ("created_at", "accepted_at")


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "days", "price_display", "is_featured", "is_active", "position")
    list_filter = ("is_active", "is_featured")
    search_fields = ("name", "name_en", "code")
    readonly_fields = ()

    @admin.display(description=_("price excluding VAT"), ordering="price_ore")
    def price_display(self, obj):
        return format_sek(obj.price_ore)


@admin.register(Order)
class OrderAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    list_select_related = ("company",)
    list_display = ("id", company_name, "product_name", "ad_title", "price_display", "created_at")
    list_filter = ("product",)
    search_fields = ("company__name", "company__org_number", "ad_title")
    raw_id_fields = ("company", "ad", "ordered_by")
    readonly_fields = [f.name for f in Order._meta.fields]

    def has_add_permission(self, request):
        return False  # orders are placed by employers, through the service

    @admin.display(description=_("price excluding VAT"), ordering="price_ore")
    def price_display(self, obj):
        return format_sek(obj.price_ore)


class OverdueFilter(admin.SimpleListFilter):
    title = _("payment")
    parameter_name = "payment"

    def lookups(self, request, model_admin):
        return (("overdue", _("Overdue")), ("unpaid", _("Not paid")), ("paid", _("Paid")))

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.overdue(today)
        if self.value() == "unpaid":
            return queryset.unpaid()
        if self.value() == "paid":
            return queryset.filter(paid_at__isnull=False)
        return queryset


class PaymentInline(admin.TabularInline):
    model = Payment
    extra = 0
    can_delete = False
    readonly_fields = ("amount_display", "paid_on", "reference", "registered_by", "registered_at")
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False  # through "Payments > Add", which calls the service

    @admin.display(description=_("amount"))
    def amount_display(self, obj):
        return format_sek(obj.amount_ore)


class ReminderInline(admin.TabularInline):
    model = Reminder
    extra = 0
    can_delete = False
    readonly_fields = ("level", "sent_to", "sent_at")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    list_display = (
        "number",
        "buyer_name",
        "total_display",
        "issued_on",
        "due_on",
        "payment_state",
        "pdf_link",
    )
    list_filter = (OverdueFilter, "issued_on")
    search_fields = ("=number", "buyer_name", "buyer_org_number", "buyer_email")
    readonly_fields = [f.name for f in Invoice._meta.fields] + ["pdf_link"]
    raw_id_fields = ("order",)
    inlines = (PaymentInline, ReminderInline)
    date_hierarchy = "issued_on"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # bookkeeping

    @admin.display(description=_("total"), ordering="total_ore")
    def total_display(self, obj):
        return format_sek(obj.total_ore)

    @admin.display(description=_("payment"))
    def payment_state(self, obj):
        if obj.paid_at:
            return gettext("Paid")
        if obj.is_overdue(timezone.localdate()):
            return gettext("Overdue")
        return gettext("Not paid")

    @admin.display(description=_("PDF"))
    def pdf_link(self, obj):
        if not obj.pk:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("companies:invoice_pdf", args=[obj.pk]),
            gettext("Download"),
        )


@admin.register(Payment)
class PaymentAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    """Staff register payments here, checked by PaymentAdminForm; saving calls the billing
    service."""

    list_select_related = ("invoice",)
    list_display = ("id", "invoice", "amount_display", "paid_on", "reference", "registered_at")
    list_filter = ("paid_on",)
    search_fields = ("=invoice__number", "reference")
    raw_id_fields = ("invoice",)
    form = PaymentAdminForm
    fields = (*PAYMENT_FIELDS, "confirm_amount")
    readonly_fields = ("registered_by", "registered_at")

    def get_fields(self, request, obj=None):
        return PAYMENT_FIELDS if obj else self.fields

    def get_readonly_fields(self, request, obj=None):
        return PAYMENT_FIELDS if obj else self.readonly_fields

    def has_delete_permission(self, request, obj=None):
        return False  # bookkeeping: a wrong payment is corrected by a new entry

    def save_model(self, request, obj, form, change):
        if change:
            return
        payment = billing.register_payment(
            invoice=obj.invoice,
            amount_ore=obj.amount_ore,
            paid_on=obj.paid_on,
            reference=obj.reference,
            by=request.user,
            now=timezone.now(),
        )
        obj.pk = payment.pk

    @admin.display(description=_("amount"), ordering="amount_ore")
    def amount_display(self, obj):
        return format_sek(obj.amount_ore)


@admin.register(Reminder)
class ReminderAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    list_select_related = ("invoice",)
    list_display = ("id", "invoice", "level", "sent_at")
    list_filter = ("level",)
    search_fields = ("=invoice__number",)
    raw_id_fields = ("invoice",)
    readonly_fields = ("invoice", "level", "sent_to", "sent_at")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AgreementNoteInline(RegistryInlineMixin, admin.StackedInline):
    model = AgreementNote
    extra = 1
    readonly_fields = ("author", "created_at")


@admin.register(Agreement)
class AgreementAdmin(RegistryDeleteMixin, admin.ModelAdmin):
    list_select_related = ("company",)
    list_display = ("id", company_name, "ads_per_month", "price_display", "starts_on", "ends_on")
    list_filter = ("starts_on", "ends_on")
    search_fields = ("company__name", "company__org_number")
    raw_id_fields = ("company",)
    readonly_fields = ("created_by", "created_at")
    inlines = (AgreementNoteInline,)

    @admin.display(description=_("price per month"), ordering="price_ore")
    def price_display(self, obj):
        return format_sek(obj.price_ore)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    def save_formset(self, request, form, formset, change):
        for note in formset.save(commit=False):
            if note.author_id is None:
                note.author = request.user
            note.save()
        for note in formset.deleted_objects:
            formset.delete_existing(note)  # through the registry's erasure (it keeps notes)
