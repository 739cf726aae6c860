"""Workers: a task lost with its worker comes back soon, never while it still runs; the
queue survives a Redis restart."""

from pathlib import Path

import yaml
from django.conf import settings

from config.celery import app


def our_tasks():
    app.loader.import_default_modules()
    return {name: task for name, task in app.tasks.items() if not name.startswith("celery.")}


def visibility_timeout() -> int:
    return app.conf.broker_transport_options["visibility_timeout"]


def test_every_task_has_a_time_limit_below_the_visibility_timeout():
    for name, task in our_tasks().items():
        limit = task.time_limit or app.conf.task_time_limit
        assert limit, f"{name} has no time limit"
        assert limit < visibility_timeout(), f"{name} could be delivered twice while running"


def test_the_visibility_timeout_fits_the_longest_task():
    longest = max(task.time_limit or app.conf.task_time_limit for task in our_tasks().values())
    assert longest < visibility_timeout() <= longest + 10 * 60
    assert visibility_timeout() < 60 * 60, "a lost nightly run would wait Redis' default hour"


def test_retries_come_back_before_the_visibility_timeout():
    """A retry waits in Redis as an unacknowledged message with a countdown: a countdown past
    the visibility timeout would be delivered again before it is due."""
    for name, task in our_tasks().items():
        if getattr(task, "autoretry_for", ()):
            # Celery's autoretry caps an exponential backoff at 600 s unless told otherwise.
            backoff = getattr(task, "retry_backoff", False)
            delay = getattr(task, "retry_backoff_max", 600) if backoff else task.default_retry_delay
            assert delay < visibility_timeout(), name


def test_redis_keeps_its_queue_on_a_volume():
    compose = yaml.safe_load((Path(settings.BASE_DIR) / "docker-compose.yml").read_text())
    redis = compose["services"]["redis"]
    command = redis["command"]
    assert command[command.index("--appendonly") + 1] == "yes"
    assert "--save" not in command or command[command.index("--save") + 1] != ""
    assert "redis-data:/data" in redis["volumes"]
    assert "redis-data" in compose["volumes"]
