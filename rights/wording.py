"""A request event's details in words: the admin's timeline, My data and the access report
show "Channel: Web form · Deleted: 8 · Kept: 5", not the stored keys ("channel: web")."""

from collections.abc import Callable, Mapping
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .models import Channel, Status

COUNTS = {
    "deleted": _("Deleted"),
    "anonymised": _("Anonymised"),
    "stopped": _("Stopped"),
    "hidden": _("Hidden"),
    "kept": _("Kept"),
    "alerts_stopped": _("Job alerts stopped"),
    "consents_withdrawn": _("Consents withdrawn"),
    "restricted": _("Processing restricted"),
    "lifted": _("Restrictions lifted"),
}


def _value(key: str, value: Any) -> str:
    if key == "channel":
        return str(dict(Channel.choices).get(value, value))
    if key in ("old", "new"):
        return str(dict(Status.choices).get(value, value))
    return str(value)


def describe_details(
    details: Mapping[str, Any] | None, *, name_of: Callable[[Any], str] | None = None
) -> str:
    """The details as one line of labelled values; counts of nothing are left out. With
    `name_of` (staff pages), a new handler is named by it from their id; the person reading
    their own timeline reads only that the handler changed."""
    shown: list[str] = []
    details = dict(details or {})
    if "channel" in details:
        shown.append(f"{gettext('Channel')}: {_value('channel', details.pop('channel'))}")
    if "old" in details and "new" in details:
        shown.append(
            gettext("From %(old)s to %(new)s")
            % {"old": _value("old", details.pop("old")), "new": _value("new", details.pop("new"))}
        )
    if "what" in details:
        shown.append(f"{gettext('Corrected')}: {details.pop('what')}")
    if "report" in details:
        shown.append(gettext("Access report no. %(number)s") % {"number": details.pop("report")})
    if "restriction" in details:
        number = details.pop("restriction")
        shown.append(gettext("Restriction no. %(number)s") % {"number": number})
    if "to" in details:
        handler = details.pop("to")
        if name_of is not None and handler is not None:
            shown.append(f"{gettext('Assigned to')}: {name_of(handler)}")
        else:
            shown.append(gettext("Handler changed"))
    for key, label in COUNTS.items():
        count = details.pop(key, 0)
        if count:
            shown.append(f"{label}: {count}")
    # Anything not worded above (a key added later) still shows, readably.
    shown += [f"{str(key).replace('_', ' ')}: {value}" for key, value in details.items()]
    return " · ".join(shown)
