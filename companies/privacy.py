"""The personal data of the employer's side, declared for the privacy registry.

Companies are mostly legal persons, but a sole trader's organisation number is their
personal identity number, and a small company's e-mail, phone and address may be a person's.
Contact persons are users linked by a Membership. Orders, invoices, payments and reminders
are bookkeeping: kept for the period the Bookkeeping Act asks, counted from the end of the
financial year of the order's latest transaction, and never deleted early, neither by
another rule nor by an erasure request (they are kept and restricted instead).
"""

from django.utils.translation import gettext_lazy as _

from privacy.periods import with_period_lazy
from privacy.registry import declare, declare_file_name, exempt
from privacy.vocabulary import Action, LegalBasis, Subject

from .models.core import anonymised_name, anonymised_slug

BOOKKEEPING_REASON = _(
    "The Bookkeeping Act obliges us to keep orders, invoices, payments and "
    "reminders for years after the end of the financial year."
)
NOTES_REASON = with_period_lazy(
    _(
        "Correspondence about an agreement is kept %(period)s after the last "
        "message, to document the agreement and answer legal claims."
    ),
    "contacts.long_term",
)
COMPANY_ANONYMISED = {
    # A sole trader's name and the slug made of it; an organisation keeps both (models/core.py).
    "name": anonymised_name(),
    "slug": anonymised_slug(),
    "org_number": None,
    "email": "",
    "phone": "",
    "street": "",
    "postal_code": "",
    "town": "",
    "website": "",
}
CONTACT_ANONYMISED = {"contact_name": "", "contact_email": ""}

declare(
    model="companies.Company",
    subject=Subject.COMPANY_CONTACT,
    category=_("Company details"),
    items=(
        _("Company name (a sole trader's is their own name)"),
        _("Company e-mail address"),
        _("Company address"),
        _("Company phone number"),
        _("Organisation number (a sole trader's is their personal identity number)"),
        _("Customer status: lead (potential customer) or paying customer"),
    ),
    fields=("name", "org_number", "email", "phone", "street", "postal_code", "town", "website"),
    purpose=_("Publish the company's ads, invoice the company and contact it"),
    further_purposes=(_("Exclude the company from the site if it breaks the terms or the law"),),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    recipients=(
        _("Visitors of the website (company name only, never a sole trader's organisation number)"),
    ),
    rule="contacts.partner",
    clock_field="cooperation_ended_on",
    email_path="email",
    on_expiry=Action.ANONYMISE,
    on_erase=Action.ANONYMISE,
    anonymise=COMPANY_ANONYMISED,
)

declare(
    model="companies.Membership",
    subject=Subject.COMPANY_CONTACT,
    category=_("Contact persons of companies"),
    items=(_("Contact persons' names and e-mail addresses, and their role"),),
    fields=("user", "role", "created_at"),
    purpose=_("Let the company's contact persons post ads and see orders and invoices"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule="contacts.partner",
    clock_field="company__cooperation_ended_on",
    user_path="user",
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)

declare(
    model="companies.Invitation",
    subject=Subject.COMPANY_CONTACT,
    category=_("Invitations to become a contact person"),
    items=(_("E-mail addresses of invited colleagues"),),
    fields=("email", "role", "created_at", "accepted_at"),
    purpose=_("Invite a colleague to the company's account"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    recipients=(_("The person invited, by e-mail"),),
    rule="contacts.partner",
    clock_field="company__cooperation_ended_on",
    email_path="email",
    user_path="invited_by",
    on_expiry=Action.DELETE,
    on_erase=Action.DELETE,
)

for model, category, items, fields, user_path, email_path, clock in (
    (
        "companies.Order",
        _("Orders of job ads"),
        (_("Documentation of purchases (orders of job ads)"),),
        ("ordered_by", "ad_title", "created_at"),
        "ordered_by",
        None,
        "last_transaction_on",
    ),
    (
        "companies.Invoice",
        _("Invoices"),
        (_("Billing information (name, organisation number, address and e-mail of the buyer)"),),
        (
            "buyer_name",
            "buyer_org_number",
            "buyer_email",
            "buyer_street",
            "buyer_postal_code",
            "buyer_town",
            "number",
            "issued_on",
            "total_ore",
        ),
        "order__ordered_by",
        "buyer_email",
        "order__last_transaction_on",
    ),
    (
        "companies.Payment",
        _("Payments"),
        (_("Payments made"),),
        ("amount_ore", "paid_on", "reference"),
        "invoice__order__ordered_by",
        "invoice__buyer_email",
        "invoice__order__last_transaction_on",
    ),
    (
        "companies.Reminder",
        _("Payment reminders"),
        (_("Payment reminders"),),
        ("sent_to", "sent_at", "level"),
        "invoice__order__ordered_by",
        "sent_to",
        "invoice__order__last_transaction_on",
    ),
):
    declare(
        model=model,
        subject=Subject.COMPANY_CONTACT,
        category=category,
        items=items,
        fields=fields,
        files=("pdf",) if model == "companies.Invoice" else (),
        purpose=_("Bookkeeping of the ads the company bought"),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        recipients=(_("Our accountant and auditor"),),
        rule="billing.bookkeeping",
        clock_field=clock,
        user_path=user_path,
        email_path=email_path,
        on_expiry=Action.DELETE,
        on_erase=Action.KEEP,
        keep_reason=BOOKKEEPING_REASON,
    )

declare(
    model="companies.Agreement",
    subject=Subject.COMPANY_CONTACT,
    category=_("Subscription agreements"),
    items=(_("The subscription agreement, with its contact person's name and e-mail address"),),
    fields=(
        "contact_name",
        "contact_email",
        "ads_per_month",
        "price_ore",
        "starts_on",
        "ends_on",
    ),
    purpose=_("Keep the company's subscription agreement and know whom to contact about it"),
    legal_basis=LegalBasis.CONTRACT,
    rule="contacts.partner",
    clock_field="company__cooperation_ended_on",
    user_path="created_by",
    email_path="contact_email",
    on_expiry=Action.ANONYMISE,
    on_erase=Action.ANONYMISE,
    anonymise=CONTACT_ANONYMISED,
)

declare(
    model="companies.AgreementNote",
    subject=Subject.COMPANY_CONTACT,
    category=_("Correspondence about agreements"),
    items=(_("Correspondence about agreements with the contact person or the company"),),
    fields=("text", "created_at"),
    purpose=_("Document what was agreed with the company, and answer legal claims"),
    legal_basis=LegalBasis.LEGITIMATE_INTEREST,
    rule="contacts.long_term",
    clock_field="created_at",
    user_path="author",
    email_path="agreement__contact_email",
    on_expiry=Action.DELETE,
    on_erase=Action.KEEP,
    keep_reason=NOTES_REASON,
)

exempt(
    "companies.Company",
    fields=("description",),
    reason="The company's own presentation of itself, written for the public ad pages.",
)
exempt(
    "companies.Company",
    fields=("logo", "show_page"),
    reason="The company's public logo (a cleaned image without metadata, companies/logos.py) "
    "and whether its public page is shown: about the company, not a person.",
)


def _invoice_file_name(invoice) -> str:
    from .services.billing import invoice_filename

    return invoice_filename(invoice)


# An invoice's PDF is named in the person's ZIP as in its e-mail ("faktura-1001.pdf"), not
# by its stored random name.
declare_file_name("companies.Invoice", "pdf", _invoice_file_name)
