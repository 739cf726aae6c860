"""Reads for the seeker's pages."""

from django.http import Http404

from privacy.staff import staff_may

from .models import Document, SeekerProfile, User


def profile_of(user: User) -> SeekerProfile | None:
    return SeekerProfile.objects.filter(user=user).first()


def documents_of(user: User):
    return Document.objects.owned_by(user).only(
        "pk", "title", "kind", "original_name", "content_type", "size", "uploaded_at"
    )


def own_document(user: User, pk: int) -> Document:
    """The user's own document, or 404 (never 403: the document's existence is private)."""
    document = Document.objects.owned_by(user).filter(pk=pk).first()
    if document is None:
        raise Http404
    return document


def readable_document(user: User, pk: int) -> Document:
    """A document the user may open: their own, or any for staff with the view permission
    and an authenticator app (as admin requires).

    Everyone else gets 404, including companies: an application carries its own copies,
    served by the jobs app."""
    document = Document.objects.filter(pk=pk).first()
    if document is None or not user.is_authenticated:
        raise Http404
    if document.owner_id == user.pk:
        return document
    if staff_may(user, "accounts.view_document"):
        return document  # staff, like admin, only with a second factor
    raise Http404
