"""Writes of the jobs app, split by subject: applications, visitor events, job alerts.

Every function takes keyword-only arguments, the acting user as `by=` (None for an anonymous
visitor) and the time as `now=` from the caller, and owns its transaction.
"""
