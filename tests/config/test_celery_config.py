from config.celery import BEAT_SCHEDULE, app


def test_every_scheduled_task_exists():
    app.loader.import_default_modules()
    for name, entry in BEAT_SCHEDULE.items():
        assert entry["task"] in app.tasks, f"{name}: no task {entry['task']}"


def test_schedule_clock_is_utc_so_daylight_saving_neither_skips_nor_doubles():
    assert app.conf.timezone == "UTC"
    assert app.conf.enable_utc


def test_a_killed_worker_gives_its_task_back():
    # acks_late alone loses the task when the worker process is killed.
    assert app.conf.task_acks_late
    assert app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1


def test_beat_reads_the_schedule_into_the_database_for_admin():
    assert app.conf.beat_scheduler == "django_celery_beat.schedulers:DatabaseScheduler"
