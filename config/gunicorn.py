"""gunicorn's settings in production: `gunicorn -c config/gunicorn.py config.wsgi:application`.

The access log says what was asked and how it went, not who asked or what they searched:
the path without its query string (searches, e-mail links' parameters), and no IP address,
referrer or user agent (STYLE.md: logs hold counts and ids, never names, e-mails or IPs),
and the tokens of e-mailed links written as "<token>" (config/access_log.py).
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8000')}"
accesslog = "-"
# time, "METHOD /path PROTOCOL", status, bytes sent, seconds taken
access_log_format = '%(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)s'
logger_class = "config.access_log.RedactingLogger"
