from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext

if TYPE_CHECKING:
    from ..models import AccessReport, DataRequest


class RequestError(ValueError):
    """A request that cannot be filed, verified or changed: the message is for the user."""


class AlreadyVerified(RequestError):
    """The verification link was used before: the request it names is confirmed already."""

    def __init__(self, request: "DataRequest") -> None:
        super().__init__(gettext("Your request is already confirmed."))
        self.request = request


class OpenRequestExists(RequestError):
    """The person has an open request of this kind already (a second click on "send"
    included): no second one is made. The message says which, and by when it is answered."""

    def __init__(self, request: "DataRequest") -> None:
        super().__init__(
            gettext(
                "You already have an open request of this kind (%(kind)s), received on "
                "%(received)s. We answer it by %(due)s at the latest; no new request was made."
            )
            % {
                "kind": request.get_kind_display(),
                "received": timezone.localdate(request.received_at).isoformat(),
                "due": request.due_on.isoformat(),
            }
        )
        self.request = request


class OwnReportExists(RequestError):
    """A new report of one's own would repeat one made today: being made, or ready to
    download. The message says where it is."""

    def __init__(self, report: "AccessReport") -> None:
        if report.last_download_day is None:  # not ready yet
            message = gettext("Your file is already being made. Download it here when it is ready.")
        else:
            message = gettext(
                "You made a file of your data today. Download it here until %(until)s; you can "
                "make a new one tomorrow."
            ) % {"until": report.last_download_day.isoformat()}
        super().__init__(message)
        self.report = report
