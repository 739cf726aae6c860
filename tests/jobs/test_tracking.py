import datetime as dt

import pytest

from jobs import tracking

IPHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1"
)
EDGE = (
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Safari/537.36 Edg/131.0"
)
IPAD = "Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"


@pytest.mark.parametrize(
    "ua, device, browser",
    [
        (IPHONE, "mobile", "Safari"),
        (EDGE, "desktop", "Edge"),
        (IPAD, "tablet", "Safari"),
        ("Googlebot/2.1", "bot", "Other"),
        ("", "bot", ""),
    ],
)
def test_device_and_browser_come_from_the_user_agent(ua, device, browser):
    assert tracking.device_class(ua) == device
    assert tracking.browser_family(ua) == browser


@pytest.mark.parametrize(
    "ip, network",
    [
        ("192.0.2.123", "192.0.2.0"),
        ("2001:db8:1234:5678::1", "2001:db8:1234::"),
        ("not an ip", None),
        ("", None),
    ],
)
def test_addresses_are_truncated(ip, network):
    assert tracking.truncate_ip(ip) == network


def test_the_session_hash_changes_every_day():
    day = dt.date(2026, 11, 25)
    first = tracking.session_hash(ip="192.0.2.1", user_agent=EDGE, day=day)

    assert first == tracking.session_hash(ip="192.0.2.1", user_agent=EDGE, day=day)
    assert first != tracking.session_hash(
        ip="192.0.2.1", user_agent=EDGE, day=day + dt.timedelta(days=1)
    )


def test_language_and_referrer_keep_only_what_is_needed():
    assert tracking.language("en-GB,en;q=0.9") == "en-GB"
    assert tracking.language("<script>") == ""
    assert (
        tracking.referrer_host("https://user:pw@www.google.se:443/search?q=x", "a.se")
        == "www.google.se"
    )
    assert tracking.referrer_host("https://a.se/jobs/", "a.se:8000") == ""
    assert tracking.referrer_host("http://[bad", "a.se") == ""
