"""Retention periods in templates, always from privacy/rules.py (see privacy.periods).

    {% load retention %}
    {% retention_period "applications.portal" %}               six months / sex månader
    {% retention_period "applications.portal" as period %}     for a blocktranslate sentence

An unknown rule name raises KeyError: a typo breaks the page in tests, never prints a blank.
"""

from django import template

from privacy import periods

register = template.Library()


@register.simple_tag
def retention_period(rule_name: str) -> str:
    return periods.period_phrase(rule_name)
