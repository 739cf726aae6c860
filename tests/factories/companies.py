import io

import factory
from PIL import Image

from companies.models import Company, Membership, Product
from companies.orgnr import luhn_ok

from .accounts import UserFactory


def valid_org_number(n: int) -> str:
    """The n-th valid limited-company number 556xxx-xxxC (Luhn check digit C)."""
    body = f"556{n:06d}"[-9:]
    check = next(d for d in range(10) if luhn_ok(f"{body}{d}"))
    return f"{body[:6]}-{body[6:]}{check}"


def png_bytes(size=(120, 60), color=(20, 90, 160), **save_options) -> bytes:
    """A small real PNG, made in memory (no binary in the repository)."""
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, format="PNG", **save_options)
    return out.getvalue()


class CompanyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Company

    name = factory.Sequence(lambda n: f"Företaget {n} AB")
    org_number = factory.Sequence(valid_org_number)
    email = factory.Sequence(lambda n: f"info{n}@foretaget.se")
    phone = "08-123 456 78"
    street = "Drottninggatan 1"
    postal_code = "111 51"
    town = "Stockholm"
    slug = factory.Sequence(lambda n: f"foretaget-{n}")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    company = factory.SubFactory(CompanyFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.OWNER


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product
        django_get_or_create = ("code",)

    code = "annons-30"
    name = "Annons 30 dagar"
    name_en = "Ad, 30 days"
    days = 30
    price_ore = 99500


class FeaturedProductFactory(ProductFactory):
    code = "framhavd-30"
    name = "Framhävd annons 30 dagar"
    name_en = "Featured ad, 30 days"
    price_ore = 179500
    is_featured = True


def place_order(*, ad, product=None, by=None, now=None, send_invoice=False):
    """Order an ad through the real service (the way employers do)."""
    from django.utils import timezone

    from companies.services import orders

    return orders.order_ad(
        ad=ad,
        product=product or ProductFactory(),
        by=by,
        now=now or timezone.now(),
        send_invoice=send_invoice,
    )


def invoiced_ad(*, by, now):
    """Order a draft ad of `by`'s company through the real service: its invoice, with the
    PDF made (as on its first download or mail)."""
    from companies.services import billing
    from jobs.models import Ad

    from .jobs import AdFactory

    draft = {"status": Ad.Status.DRAFT, "published_at": None, "ends_at": None}
    ad = AdFactory(company=by.memberships.get().company, **draft)
    invoice = place_order(ad=ad, by=by, now=now).invoice
    billing.ensure_invoice_pdf(invoice=invoice)
    return invoice
