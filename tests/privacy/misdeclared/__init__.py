"""An app whose privacy.py has a typo in a model label: installed only by the start-up test
of tests/privacy/test_registry.py, never by the test settings."""
