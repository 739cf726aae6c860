"""Real-browser tests: the `playwright` package driving Debian's Chromium.

Playwright's own browser download cannot work here, so the browser is launched from
CHROMIUM_PATH (default /usr/bin/chromium). Without it the tests skip with one line, except
in CI, where a missing browser is a failure.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop; the tests still touch the database directly.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]


def _have_chromium() -> bool:
    return bool(shutil.which(CHROMIUM_PATH) or os.path.exists(CHROMIUM_PATH))


def pytest_collection_modifyitems(config, items):
    if _have_chromium():
        return
    if os.environ.get("CI"):
        raise pytest.UsageError(f"Chromium not found at {CHROMIUM_PATH}: CI needs it.")
    skip = pytest.mark.skip(reason=f"no Chromium at {CHROMIUM_PATH} (apt-get install chromium)")
    for item in items:
        if "e2e" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM_PATH, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE", "timezone_id": "Europe/Stockholm"}


@pytest.fixture
def page(page):
    page.set_default_timeout(15_000)
    return page
