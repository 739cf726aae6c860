"""Company logos: only real images, not too large, no decompression bombs; what is kept is a
resized WebP without metadata, served with a year's cache under an address that changes with
the logo."""

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from companies.logos import LOGO_MAX_BYTES, LOGO_SIZE, LogoRefused, clean_logo
from companies.services import logos
from tests.factories.companies import CompanyFactory, png_bytes

pytestmark = pytest.mark.django_db


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (1600, 900), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "Kameratillverkare"  # Make
    exif[0x0131] = "Secret editor 1.0"  # Software
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), comment=b"hemlig kommentar")
    return out.getvalue()


def bomb_png() -> bytes:
    """A tiny file that declares 20 000 by 20 000 pixels (400 million)."""
    out = io.BytesIO()
    Image.new("1", (20_000, 20_000)).save(out, format="PNG", optimize=True)
    return out.getvalue()


def test_a_large_photo_is_resized_to_fit_and_kept_as_webp():
    logo = clean_logo(jpeg_with_exif())
    image = Image.open(io.BytesIO(logo.data))
    assert image.format == "WEBP"
    assert image.size == (LOGO_SIZE[0], 225)
    assert (logo.width, logo.height) == image.size


def test_metadata_is_stripped():
    logo = clean_logo(jpeg_with_exif())
    image = Image.open(io.BytesIO(logo.data))
    assert not image.getexif()
    assert b"Kameratillverkare" not in logo.data
    assert b"hemlig kommentar" not in logo.data
    assert "icc_profile" not in image.info


def test_a_small_logo_keeps_its_size_and_transparency():
    out = io.BytesIO()
    Image.new("RGBA", (120, 40), (0, 0, 0, 0)).save(out, format="PNG")
    image = Image.open(io.BytesIO(clean_logo(out.getvalue()).data))
    assert image.size == (120, 40)
    assert image.mode == "RGBA"


@pytest.mark.parametrize(
    "data",
    [b"%PDF-1.7 not an image", b"MZ\x90\x00 a renamed program", b"", png_bytes()[:40]],
    ids=["pdf", "exe", "empty", "truncated png"],
)
def test_what_is_not_an_image_is_refused_with_a_clear_message(data):
    with pytest.raises(LogoRefused, match="inte en bild"):
        clean_logo(data)


def test_a_file_over_the_limit_is_refused():
    with pytest.raises(LogoRefused, match="för stor"):
        clean_logo(b"\x89PNG" + b"0" * LOGO_MAX_BYTES)


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    data = bomb_png()
    assert len(data) < 100_000
    with pytest.raises(LogoRefused, match="för stor"):
        clean_logo(data)


def test_the_same_image_gives_the_same_digest_and_another_a_new_one():
    assert clean_logo(png_bytes()).digest == clean_logo(png_bytes()).digest
    assert clean_logo(png_bytes()).digest != clean_logo(png_bytes(color=(1, 2, 3))).digest


# --- Through the company's details form, and served.


def upload(data: bytes, name="logo.png", content_type="image/png"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def edit_data(company, **extra):
    return {
        "name": company.name,
        "email": company.email,
        "phone": company.phone,
        "street": company.street,
        "postal_code": company.postal_code,
        "town": company.town,
        "website": "",
        "description": "",
        "show_page": "on",
        **extra,
    }


def test_an_owner_uploads_a_logo_and_it_is_served_with_a_years_cache(client, company, employer):
    client.force_login(employer)
    response = client.post(
        reverse("companies:company_edit", args=[company.pk]),
        edit_data(company, logo_upload=upload(jpeg_with_exif(), "foto.jpg", "image/jpeg")),
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.logo.name.endswith(".webp")
    served = client.get(reverse("companies:logo", args=[company.pk, company.logo_version]))
    assert served.status_code == 200
    assert served["Content-Type"] == "image/webp"
    assert served["Cache-Control"] == "public, max-age=31536000, immutable"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(served.content)).format == "WEBP"


def test_a_non_image_upload_shows_the_reason_in_swedish(client, company, employer):
    client.force_login(employer)
    response = client.post(
        reverse("companies:company_edit", args=[company.pk]),
        edit_data(company, logo_upload=upload(b"%PDF-1.7", "logo.png")),
    )
    assert response.status_code == 200
    assert "Filen är inte en bild" in response.content.decode()
    company.refresh_from_db()
    assert not company.logo


def test_a_bomb_upload_shows_the_reason_and_nothing_is_stored(client, company, employer):
    client.force_login(employer)
    response = client.post(
        reverse("companies:company_edit", args=[company.pk]),
        edit_data(company, logo_upload=upload(bomb_png())),
    )
    assert response.status_code == 200
    assert "Bilden är för stor" in response.content.decode()
    company.refresh_from_db()
    assert not company.logo


def test_a_new_logo_replaces_the_old_file_and_the_old_address_redirects(
    client, company, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        logos.set_logo(company=company, logo=clean_logo(png_bytes()), by=None)
    old_name, old_version = company.logo.name, company.logo_version
    with django_capture_on_commit_callbacks(execute=True):
        logos.set_logo(company=company, logo=clean_logo(png_bytes(color=(9, 9, 9))), by=None)
    assert not default_storage.exists(old_name)
    response = client.get(reverse("companies:logo", args=[company.pk, old_version]))
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "companies:logo", args=[company.pk, company.logo_version]
    )


def test_an_owner_removes_the_logo(client, company, employer, django_capture_on_commit_callbacks):
    logos.set_logo(company=company, logo=clean_logo(png_bytes()), by=None)
    name = company.logo.name
    client.force_login(employer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("companies:company_edit", args=[company.pk]),
            edit_data(company, remove_logo="on"),
        )
    company.refresh_from_db()
    assert not company.logo
    assert not default_storage.exists(name)


def test_a_member_who_is_not_an_owner_cannot_set_the_logo(company):
    from companies.services.registration import CompanyError
    from tests.factories.companies import MembershipFactory

    member = MembershipFactory(company=company, role="member").user
    with pytest.raises(CompanyError):
        logos.set_logo(company=company, logo=clean_logo(png_bytes()), by=member)


def test_a_company_without_a_logo_has_no_logo_address(client, db):
    company = CompanyFactory()
    response = client.get(reverse("companies:logo", args=[company.pk, "0123456789abcdef"]))
    assert response.status_code == 404


def test_a_too_large_upload_shows_the_limit_in_swedish(client, company, employer):
    client.force_login(employer)
    big = b"\x89PNG\r\n\x1a\n" + b"0" * (2 * 1024 * 1024 + 1)
    response = client.post(
        reverse("companies:company_edit", args=[company.pk]),
        edit_data(company, logo_upload=upload(big)),
    )
    assert response.status_code == 200
    assert "Filen är för stor: en logotyp får vara högst 2 MB." in response.content.decode()
    company.refresh_from_db()
    assert not company.logo


def test_results_with_logos_and_hearts_cost_no_query_per_ad(
    client, company, taxonomy, frozen_now, django_assert_max_num_queries
):
    from tests.factories import AdFactory, UserFactory

    logos.set_logo(company=company, logo=clean_logo(png_bytes()), by=None)
    for _ in range(8):
        AdFactory(company=company)
    client.force_login(UserFactory())
    # Session, user, taxonomy (4, once a process), count, page, memberships, saved ids,
    # cookie groups, session write: the same for 8 ads as for 1.
    with django_assert_max_num_queries(16):
        page = client.get(reverse("jobs:search"))
    assert page.content.decode().count("company-logo-small") == 8
