# Run by bench/multiprocess.py inside `manage.py shell`: one issue sent by both Celery workers
# at once (two send tasks for the same issue), then every mail file is read. Prints a JSON line.
import json
import re
import time
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from newsletter.models import Issue, Subscriber
from newsletter.tasks import send_issue
from privacy import consent
from privacy.models import ConsentRecord, Purpose

SUBSCRIBERS = 2000
now = timezone.now()
wording = consent.wording_version(purpose=Purpose.NEWSLETTER, text="Bench wording", now=now)
Subscriber.objects.bulk_create(
    Subscriber(
        email=f"mp{n}@bench.example",
        status=Subscriber.Status.ACTIVE,
        source=Subscriber.Source.PAGE,
        language="sv",
        created_at=now,
        confirmed_at=now,
        last_used_at=now,
    )
    for n in range(SUBSCRIBERS)
)
ConsentRecord.objects.bulk_create(
    ConsentRecord(
        purpose=Purpose.NEWSLETTER,
        email=f"mp{n}@bench.example",
        wording=wording,
        given_at=now,
        method="email_confirmation",
        last_used_at=now,
    )
    for n in range(SUBSCRIBERS)
)
issue = Issue.objects.create(
    subject="Två arbetare", body="Hej!", created_at=now, status=Issue.Status.SENDING
)
for _ in range(2):  # both workers take one
    send_issue.delay(issue_id=issue.pk, batch_size=100)
deadline = time.monotonic() + 600
while time.monotonic() < deadline:
    issue.refresh_from_db()
    if issue.status == Issue.Status.SENT:
        break
    time.sleep(1)
time.sleep(2)  # the other task notices there is nothing left
seen: Counter[str] = Counter()
for path in Path(settings.EMAIL_FILE_PATH).iterdir():
    seen.update(re.findall(r"^To: (mp\d+@bench\.example)$", path.read_text(), flags=re.M))
print(
    json.dumps(
        {
            "subscribers": SUBSCRIBERS,
            "mails": sum(seen.values()),
            "twice": sum(1 for n in seen.values() if n > 1),
            "finished": issue.status == Issue.Status.SENT,
        }
    )
)
