"""The production set-up cannot run here (no Docker engine), so its files are checked."""

import datetime as dt
import re
import runpy
from pathlib import Path
from types import SimpleNamespace

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


def test_compose_has_the_production_shape_with_health_checks(compose):
    services = compose["services"]
    assert set(services) == {
        "db",
        "redis",
        "s3",
        "s3-init",
        "migrate",
        "web",
        "lb",
        "worker",
        "beat",
    }
    assert services["web"]["deploy"]["replicas"] == 2
    assert "readyz" in str(services["web"]["healthcheck"]["test"])
    assert services["lb"]["ports"] == ["8000:80"]
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no health check"


def test_web_worker_and_beat_share_one_image_and_wait_for_healthy_services(compose):
    services = compose["services"]
    images = {services[name]["image"] for name in ("web", "worker", "beat")}
    assert images == {"jobboard:latest"}
    for name in ("migrate", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["db"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["s3-init"]["condition"] == "service_completed_successfully"
    # Web processes start once the migrations have run (once, not per replica).
    assert services["web"]["depends_on"]["migrate"]["condition"] == (
        "service_completed_successfully"
    )
    assert "gunicorn" in services["web"]["command"]
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]


def test_files_go_to_the_private_bucket_of_the_object_store(compose):
    environment = compose["x-app"]["environment"]
    assert environment["AWS_STORAGE_BUCKET_NAME"].startswith("${AWS_STORAGE_BUCKET_NAME")
    assert environment["AWS_S3_ENDPOINT_URL"].endswith("http://s3:9000}")
    assert "mc anonymous set none" in compose["services"]["s3-init"]["entrypoint"]
    assert "s3-data:/data" in compose["services"]["s3"]["volumes"]


def test_database_and_private_media_live_on_volumes(compose):
    assert {"db-data", "private-media", "redis-data", "s3-data"} <= set(compose["volumes"])
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


def test_make_run_passes_its_port_to_the_settings():
    # settings.SITE_URL (links in e-mails) follows PORT: `PORT=8080 make run`, `make run PORT=8080`.
    makefile = (BASE / "Makefile").read_text()
    assert re.search(r"^export PORT\b", makefile, re.M)
    assert "runserver 127.0.0.1:$(PORT)" in makefile


def _access_log_line(environ):
    from gunicorn.config import Config
    from gunicorn.glogging import SafeAtoms

    config = Config()
    for name, value in runpy.run_path(str(BASE / "config" / "gunicorn.py")).items():
        if name in config.settings:
            config.set(name, value)
    response = SimpleNamespace(status="200 OK", sent=1234, headers=[])
    logger = config.logger_class(config)
    atoms = logger.atoms(response, [], environ, dt.timedelta(milliseconds=12))
    return config.access_log_format % SafeAtoms(atoms)


def test_the_access_log_has_the_path_but_no_query_string_address_or_referrer():
    line = _access_log_line(
        {
            "REQUEST_METHOD": "GET",
            "RAW_URI": "/jobb/?q=anna.andersson%40example.se",
            "PATH_INFO": "/jobb/",
            "QUERY_STRING": "q=anna.andersson%40example.se",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "192.0.2.44",
            "HTTP_REFERER": "https://jobb.example.se/jobs/?q=sjukskoterska+malmo",
            "HTTP_USER_AGENT": "Mozilla/5.0",
        }
    )
    assert '"GET /jobb/ HTTP/1.1" 200 1234' in line
    for leak in ("?", "anna", "example.se", "192.0.2.44", "malmo", "Mozilla"):
        assert leak not in line, leak


@pytest.mark.parametrize(
    ("path", "logged"),
    [
        ("/behall-konto/48:1tAbCd:x9Yz_Qw/", "/behall-konto/<token>/"),
        ("/dina-rattigheter/ladda-ner/7/Ab12Cd34Ef56/", "/dina-rattigheter/ladda-ner/7/<token>/"),
        (
            "/konto/losenord/aterstall/nyckel/i-cz8a1b-0123456789abcdef0123/",
            "/konto/losenord/aterstall/nyckel/<token>/",
        ),
        ("/konto/bekrafta-e-post/NTM:1v2w3x:abc/", "/konto/bekrafta-e-post/<token>/"),
        ("/jobb/bevakningar/avsluta/a1b2c3d4e5f6a7b8c9/", "/jobb/bevakningar/avsluta/<token>/"),
        ("/jobb/4711/lagerarbetare-till-boras/", "/jobb/4711/lagerarbetare-till-boras/"),
        ("/en/jobs/12/warehouse-worker-2027/", "/en/jobs/12/warehouse-worker-2027/"),
    ],
)
def test_the_access_log_writes_the_tokens_of_e_mailed_links_as_token(path, logged):
    line = _access_log_line(
        {"REQUEST_METHOD": "GET", "RAW_URI": path, "PATH_INFO": path, "SERVER_PROTOCOL": "HTTP/1.1"}
    )
    assert f'"GET {logged} HTTP/1.1"' in line


def test_production_serves_through_the_gunicorn_config_with_static_files_collected(compose):
    dockerfile = (BASE / "Dockerfile").read_text()
    assert "collectstatic" in dockerfile  # at build: the manifest every page needs
    assert '"-c", "config/gunicorn.py"' in dockerfile
    assert "-c config/gunicorn.py" in " ".join(compose["services"]["web"]["command"])
    readme = (BASE / "README.md").read_text()
    production = readme[readme.index("## Running on PostgreSQL and Redis") :]
    assert production.index("collectstatic") < production.index("gunicorn")
    assert "-c config/gunicorn.py" in production


def test_compose_asks_for_a_mail_server_instead_of_printing_mail(compose):
    email_url = compose["x-app"]["environment"]["EMAIL_URL"]
    assert email_url.startswith("${EMAIL_URL:?"), email_url


def _ci_step(title: str) -> str:
    script = (BASE / ".ci" / "run").read_text()
    start = script.index(f'step "{title}')
    return script[start : script.index("\nstep ", start + 1)]


def test_ci_runs_the_deploy_check_with_production_settings_after_lint():
    script = (BASE / ".ci" / "run").read_text()
    assert script.index('step "lint and checks"') < script.index('step "deploy checks')
    step = _ci_step("deploy checks")
    assert "manage.py check --deploy --fail-level WARNING" in step
    assert "DEBUG=false" in step
    assert "SITE_URL=https://" in step
    assert "EMAIL_URL=smtp" in step


# HSTS's own warnings (include subdomains, preload) belong to the HSTS settings.
def test_the_deploy_check_of_ci_finds_nothing():
    import os
    import secrets
    import subprocess
    import sys

    variables = dict(re.findall(r"^([A-Z_]+)=(\S+?) ?\\?$", _ci_step("deploy checks"), re.M))
    variables["SECRET_KEY"] = secrets.token_urlsafe(50)
    # CI's own environment, nothing of this test run's (no database, no test-only switches).
    environment = {"PATH": os.environ.get("PATH", ""), **variables}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    found = set(re.findall(r"\(([a-z_]+\.[EW]\d+)\)", result.stderr))
    assert not found, result.stderr
    assert result.returncode == 0, result.stderr


def test_the_readme_tells_operators_what_to_set_and_how_to_report_a_vulnerability():
    readme = (BASE / "README.md").read_text()
    security = readme[readme.index("## Security") :].split("\n## ", 1)[0]
    for variable in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", "EMAIL_URL"):
        assert f"`{variable}" in security, variable
        assert variable in settings_variables(), variable
    assert "SECURITY.md" in security
    policy = (BASE / "SECURITY.md").read_text()
    assert re.search(r"security@\S+", policy)
