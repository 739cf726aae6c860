"""The production set-up cannot run here (no Docker engine), so its files are checked."""

import re
from pathlib import Path

import pytest
import yaml
from django.conf import settings

BASE = Path(settings.BASE_DIR)
ENV_READ = re.compile(r"""env\.(?:str|bool|int|list|json|db|email_url)\(\s*["']([A-Z0-9_]+)["']""")


def settings_variables() -> set[str]:
    return set(ENV_READ.findall((BASE / "config" / "settings.py").read_text()))


@pytest.fixture(scope="module")
def compose():
    return yaml.safe_load((BASE / "docker-compose.yml").read_text())


def test_compose_has_the_five_services_with_health_checks(compose):
    services = compose["services"]
    assert set(services) == {"db", "redis", "web", "worker", "beat"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no health check"


def test_web_worker_and_beat_share_one_image_and_wait_for_healthy_services(compose):
    services = compose["services"]
    images = {services[name]["image"] for name in ("web", "worker", "beat")}
    assert images == {"jobboard:latest"}
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]


def test_database_and_private_media_live_on_volumes(compose):
    assert {"db-data", "private-media"} <= set(compose["volumes"])
    assert "db-data:/var/lib/postgresql/data" in compose["services"]["db"]["volumes"]
    web = compose["services"]["web"]
    assert "private-media:/data/private" in web["volumes"]
    assert web["environment"]["PRIVATE_MEDIA_ROOT"] == "/data/private"


def test_every_variable_compose_sets_is_read_by_settings(compose):
    read = settings_variables()
    for name in ("web", "worker", "beat"):
        unknown = set(compose["services"][name]["environment"]) - read
        assert not unknown, f"{name} sets variables settings never reads: {unknown}"


def test_env_example_lists_every_variable_settings_reads():
    listed = set(re.findall(r"^([A-Z0-9_]+)=", (BASE / ".env.example").read_text(), re.M))
    assert settings_variables() <= listed, settings_variables() - listed


def test_dockerfile_builds_from_the_lock_and_runs_gunicorn():
    dockerfile = (BASE / "Dockerfile").read_text()
    assert "FROM python:3.11" in dockerfile
    assert "uv sync --frozen" in dockerfile
    assert "gunicorn" in dockerfile
