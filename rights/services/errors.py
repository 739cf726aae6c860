from typing import TYPE_CHECKING

from django.utils.translation import gettext

if TYPE_CHECKING:
    from ..models import DataRequest


class RequestError(ValueError):
    """A request that cannot be filed, verified or changed: the message is for the user."""


class AlreadyVerified(RequestError):
    """The verification link was used before: the request it names is confirmed already."""

    def __init__(self, request: "DataRequest") -> None:
        super().__init__(gettext("Your request is already confirmed."))
        self.request = request
