"""Signals of the privacy engine, for what keeps copies of personal data outside the tables.

`rows_rewritten` (sender: the model) is sent after the engine anonymised rows in bulk, with
an UPDATE that sends no post_save: at a retention deadline, on erasure, on a staff member's
erasure of a record. A kept copy of what those rows showed (a whole page kept by the site,
config/page_cache.py) must go with them.
"""

from django.dispatch import Signal

rows_rewritten = Signal()
