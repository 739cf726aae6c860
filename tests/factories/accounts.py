import factory
from allauth.account.models import EmailAddress
from django.core.files.base import ContentFile

from accounts.models import Document, SeekerProfile, User


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up user whose e-mail address is verified (as allauth requires to sign in)."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.se")
    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


def pdf_bytes(text: str = "CV") -> bytes:
    """A small but well-formed one-page PDF (built by hand: no renderer needed in tests)."""
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


class SeekerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SeekerProfile

    user = factory.SubFactory(UserFactory)
    street = "Storgatan 1"
    postal_code = "111 51"
    town = "Stockholm"
    phone = "+46701234567"


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    owner = factory.SubFactory(UserFactory)
    kind = Document.Kind.CV
    title = "Mitt CV"
    original_name = "cv.pdf"
    content_type = "application/pdf"
    file = factory.LazyFunction(lambda: ContentFile(pdf_bytes(), name="cv.pdf"))
    size = factory.LazyAttribute(lambda o: o.file.size)


def staff_user(*permissions: str, second_factor: bool = True, **fields) -> User:
    """A member of staff with the given permissions ("app_label.codename") and, unless told
    otherwise, an authenticator app (the second factor every staff path asks for)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth.models import Permission

    user = UserFactory(is_staff=True, **fields)
    for permission in permissions:
        app_label, codename = permission.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )
    if second_factor:
        TOTP.activate(user, generate_totp_secret())
    return user
