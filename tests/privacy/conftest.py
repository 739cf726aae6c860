import pytest

from privacy import registry


@pytest.fixture
def declare():
    """Register test-only declarations for the test, and remove them afterwards."""
    added = []

    def _declare(**kwargs):
        declaration = registry.register(registry.Declaration(**kwargs))
        added.append(declaration)
        return declaration

    yield _declare
    for declaration in added:
        registry._declarations.remove(declaration)
