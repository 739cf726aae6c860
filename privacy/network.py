"""The one truncation of an IP address we store (a consent's proof, a newsletter sign-up, an
ad view): the network, not the person, as the privacy notice says. IPv4 keeps its /24,
IPv6 its /48; an IPv4 address written as IPv6 (::ffff:a.b.c.d, from a dual-stack server) is
an IPv4 address. Anything that is no address is None: nothing is stored."""

import ipaddress

IPV4_PREFIX = 24
IPV6_PREFIX = 48


def truncate_ip(ip: str | None) -> str | None:
    """The network address of `ip` (e.g. 192.0.2.0 for 192.0.2.123), or None."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    prefix = IPV4_PREFIX if address.version == 4 else IPV6_PREFIX
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False).network_address)
