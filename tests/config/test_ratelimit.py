"""The client's address behind our proxies, and the fixed-window counter."""

import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import RequestFactory

from config.ratelimit import Rate, client_ip, client_key, limit

rf = RequestFactory()


def request(remote="10.0.0.2", forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return rf.get("/", **meta)


def test_without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip(request(forwarded="203.0.113.5")) == "10.0.0.2"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "192.0.2.1, 203.0.113.5", "203.0.113.5"),  # the client's own entry is ignored
        (2, "192.0.2.1, 203.0.113.5, 10.0.0.1", "203.0.113.5"),
        (2, "203.0.113.5", "10.0.0.2"),  # fewer entries than proxies: not through them
        (1, "not-an-address", "10.0.0.2"),
        (1, "2001:DB8::1", "2001:db8::1"),
    ],
)
def test_behind_proxies_the_client_is_that_many_entries_from_the_right(
    settings, proxies, forwarded, client
):
    settings.TRUSTED_PROXY_COUNT = proxies
    assert client_ip(request(forwarded=forwarded)) == client


def test_an_ipv6_client_is_limited_as_its_network(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_key(request(remote="2001:db8:1:2:aaaa::1")) == "2001:db8:1:2::"
    assert client_key(request(remote="203.0.113.5")) == "203.0.113.5"


def test_rates_are_read_like_allauths():
    assert Rate.parse("5/m") == Rate(5, 60)
    assert Rate.parse("40/d") == Rate(40, 86400)
    assert Rate.parse("10/300s") == Rate(10, 300)


def test_a_full_window_answers_the_seconds_until_it_ends():
    now = 1_000_040.0  # 20 s into a minute window (1 000 020 is a whole minute)
    assert [limit("test", "k", "2/m", now=now) for _ in range(2)] == [0, 0]
    assert limit("test", "k", "2/m", now=now) == 41
    assert limit("test", "other", "2/m", now=now) == 0
    assert limit("test", "k", "2/m", now=now + 40) == 0  # the next window


def test_the_trusted_proxy_count_is_a_setting_that_allauth_shares():
    script = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.TRUSTED_PROXY_COUNT, settings.ALLAUTH_TRUSTED_PROXY_COUNT)"
    )
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings"}
    for value, expected in (({}, "0 0"), ({"TRUSTED_PROXY_COUNT": "2"}, "2 2")):
        result = subprocess.run(  # noqa: S603 (this interpreter, our own script)
            [sys.executable, "-c", script],
            cwd=django_settings.BASE_DIR,
            env={**env, **value},
            capture_output=True,
            text=True,
            check=True,
        )
        assert result.stdout.split("\n")[-2] == expected
