"""What people type loses its control characters before a form validates it (config.text)."""

import importlib
import inspect
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings

from config.text import PlainTextForm, multi_line, single_line
from jobs.forms import SearchForm

# Forms that clean their text their own way.
OWN_CLEANING = {SearchForm}  # jobs.search.clean_query: a control character is a space


def test_a_single_line_loses_control_and_direction_characters_and_its_line_breaks():
    text = "Rad1\r\nBcc: evil@example.se\x07\u202eTXET\u200f\x9b\x7f\tslut\u2028!"
    assert single_line(text) == "Rad1 Bcc: evil@example.seTXET slut !"


def test_a_text_of_several_lines_keeps_its_line_breaks_and_tabs():
    text = "Ett\r\ntvå\rtre\n\x00fyra\u2066\x0b\tfem"
    assert multi_line(text) == "Ett\ntvå\ntre\nfyra\n\tfem"


def test_letters_of_any_language_are_kept():
    text = "Åsa Öberg - שלום مرحبا 日本語 👍"
    assert single_line(text) == multi_line(text) == text


def _project_forms():
    for config in apps.get_app_configs():
        if Path(config.path).parent != Path(settings.BASE_DIR):
            continue
        try:
            module = importlib.import_module(f"{config.name}.forms")
        except ModuleNotFoundError:
            continue
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                yield cls


def test_every_form_of_the_apps_makes_its_text_plain():
    found = set(_project_forms())
    assert len(found) > 10
    assert {cls for cls in found - OWN_CLEANING if not issubclass(cls, PlainTextForm)} == set()
