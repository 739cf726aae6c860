"""gunicorn's access log without the tokens of e-mailed links (config/gunicorn.py).

The log keeps the path (without its query string) so that a slow or failing page can be
found; but many paths carry a credential: a data export's download link, the "keep my
account" link, an unsubscribe or invitation link, an address-confirmation or password-reset
key. A log line with one is a way in for whoever reads the logs, and some tokens name a
user id. Each path segment that looks like a token is written as "<token>": one with a
colon or a capital letter (signed values, base64), or a part of 12 characters or more
that mixes letters and digits (keys, hashes). Ids, route words and the slugs of titles
(lowercase words) stay. Django's own warnings that quote a path are written the same way
(config/logs.py, where the rule lives).
"""

from gunicorn.glogging import Logger

from .logs import redacted


class RedactingLogger(Logger):
    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        atoms["U"] = redacted(atoms.get("U", ""))
        return atoms
