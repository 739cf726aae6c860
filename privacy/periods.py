"""Retention periods in words: the one way a rule's period reaches a page, an e-mail or a notice.

A period is written once, in privacy/rules.py, and an operator may override it in settings;
every sentence that mentions a period takes it from the rule through this module (in
templates through `{% load retention %}{% retention_period "rule.name" %}`), so an override
changes every sentence at once. A sentence embeds the period as a placeholder,
`_("Deleted %(period)s after ...")`, and its Swedish translation moves it where Swedish wants it.

Running text follows the house style of both languages: numbers up to twelve in words,
larger ones in figures ("six months", "ett år", "18 månader"); a period is said in the units
the rule gives (twelve months stay twelve months). Tables use figures (`period_in_figures`).
"""

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext, ngettext, pgettext_lazy

from .rules import Period, Rule, get_rule

# Index = the number. "One" is not here: it agrees with its unit in Swedish (ett år, en månad),
# so each unit's singular form ("one year") carries its own word (both languages' singular
# form is exactly n == 1).
NUMBER_WORDS = (
    "",
    "",
    pgettext_lazy("number", "two"),
    pgettext_lazy("number", "three"),
    pgettext_lazy("number", "four"),
    pgettext_lazy("number", "five"),
    pgettext_lazy("number", "six"),
    pgettext_lazy("number", "seven"),
    pgettext_lazy("number", "eight"),
    pgettext_lazy("number", "nine"),
    pgettext_lazy("number", "ten"),
    pgettext_lazy("number", "eleven"),
    pgettext_lazy("number", "twelve"),
)


def _in_words(n: int) -> str:
    return str(NUMBER_WORDS[n]) if n < len(NUMBER_WORDS) else str(n)


def _years(n: int) -> str:
    return ngettext("one year", "%(n)s years", n) % {"n": _in_words(n)}


def _months(n: int) -> str:
    return ngettext("one month", "%(n)s months", n) % {"n": _in_words(n)}


def _days(n: int) -> str:
    return ngettext("one day", "%(n)s days", n) % {"n": _in_words(n)}


def _rule(rule: str | Rule) -> Rule:
    # get_rule raises KeyError for an unknown name: a typo fails loudly, never a blank.
    return get_rule(rule) if isinstance(rule, str) else rule


def words_for(period: Period) -> str:
    """A period in running text, in the active language: "six months", "ett år och sex
    månader"."""
    parts = [
        unit(n)
        for unit, n in ((_years, period.years), (_months, period.months), (_days, period.days))
        if n
    ]
    if not parts:
        return gettext("at once")
    if len(parts) == 1:
        return parts[0]
    return gettext("%(first)s and %(last)s") % {"first": ", ".join(parts[:-1]), "last": parts[-1]}


def period_phrase(rule: str | Rule) -> str:
    """The configured period of a rule (by name or the Rule itself), in words."""
    rule = _rule(rule)
    if rule.period is None:
        raise ValueError(f"Rule {rule.name!r} has no fixed period to put in words")
    return words_for(rule.period)


def with_period(message: str | Promise, rule: str | Rule) -> str:
    """A translatable sentence with `%(period)s`, filled with the rule's period in words."""
    return str(message) % {"period": period_phrase(rule)}


def describe(rule: Rule) -> str:
    """The rule's own sentence for the notice, with its configured period."""
    text = str(rule.description)
    return with_period(text, rule) if "%(period)s" in text else text


# For module-level texts (choice labels, consent wording, declarations): formatted when shown,
# so in the language and with the period of that moment.
with_period_lazy = lazy(with_period, str)


def period_in_figures(period: Period | None) -> str:
    """A period for tables and the record of processing: "5 years", "6 months"."""
    if period is None:
        return gettext("its own lifetime")
    if period.is_immediate:
        return gettext("at once")
    parts = []
    if period.years:
        parts.append(ngettext("%(n)d year", "%(n)d years", period.years) % {"n": period.years})
    if period.months:
        parts.append(ngettext("%(n)d month", "%(n)d months", period.months) % {"n": period.months})
    if period.days:
        parts.append(ngettext("%(n)d day", "%(n)d days", period.days) % {"n": period.days})
    return ", ".join(parts)
