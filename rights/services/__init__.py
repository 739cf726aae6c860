"""The writes of data subject requests (admin included): each takes the acting user (`by`,
None for the person acting themself or the system) and `now`, records a timeline entry,
and raises RequestError, with a message fit to show, when the change cannot be made.

- `requests`: filing (web form, signed in, staff), verification, due dates, extension,
  status, assignment, notes, refusal, completion, purge of unverified requests;
- `actions`: what staff do for each right (erasure, restriction, objection, rectification);
- `reports`: the access report ZIP (data.json, report.pdf, the files), built by a task;
- `deadlines`: the daily mail of requests due soon or overdue.
"""

from .errors import RequestError

__all__ = ["RequestError"]
