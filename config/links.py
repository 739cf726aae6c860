"""Single-use links sent by e-mail (confirm a job alert, a newsletter sign-up).

The token is signed (Django's signing, with a salt per purpose) and names a row and the
nonce that row holds until the link is used: using it clears the nonce, so a second use,
or a link replaced by a newer one, no longer matches. How long a link lasts is the
caller's rule (it knows which moment the link was sent at).
"""

from typing import Any, TypeVar

from django.core import signing
from django.db.models import Model, QuerySet

Row = TypeVar("Row", bound=Model)


class LinkError(ValueError):
    """Why a link cannot be used: "invalid" (forged or unknown) or "used"."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def make(row: Any, *, salt: str, key: str) -> str:
    return signing.dumps({key: row.pk, "n": row.confirmation_nonce}, salt=salt)


def row_for(token: str, *, salt: str, key: str, rows: "QuerySet[Row]") -> Row:
    """The row a link names, while its nonce still matches; LinkError otherwise."""
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        raise LinkError("invalid") from None
    row = rows.filter(pk=data.get(key)).first()
    if row is None:
        raise LinkError("invalid")
    nonce = getattr(row, "confirmation_nonce", "")
    if not nonce or nonce != data.get("n"):
        raise LinkError("used")
    return row


def lasting(row: Any, *, salt: str, key: str) -> str:
    """A link that works for as long as the row exists (an unsubscribe link: it must still
    work in an old mail)."""
    return signing.dumps({key: row.pk}, salt=salt)


def row_named(token: str, *, salt: str, key: str, rows: "QuerySet[Row]") -> Row | None:
    try:
        data = signing.loads(token, salt=salt)
    except signing.BadSignature:
        return None
    return rows.filter(pk=data.get(key)).first()


def is_ours(token: str, *, salt: str) -> bool:
    """The token was made by us for this purpose (whether its row still exists or not): an
    unsubscribe link whose subscription is gone is not a broken link."""
    try:
        signing.loads(token, salt=salt)
    except signing.BadSignature:
        return False
    return True


def unsubscribe_headers(url: str) -> dict[str, str]:
    """RFC 2369 and RFC 8058: mail clients offer one-click unsubscribe by POST."""
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
