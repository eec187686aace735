"""HTTP requests to addresses someone typed or imported, never to the site's own network.

A webhook URL (typed by an editor) and an attachment URL (read from a WordPress export)
must not become a way to reach loopback, private or cloud-metadata addresses (server-side
request forgery). Every address the host name resolves to must be public, the connection
goes to the address that was checked (a second lookup could answer differently: DNS
rebinding), and each redirect is checked the same way before it is followed.

Shared by webhooks and the WordPress importer; like all of newsroom/'s shared layer it
imports no app. Each caller passes its own list of host names exempt from the check.
"""

import ipaddress
import socket
import time
from dataclasses import dataclass
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from urllib.parse import urljoin, urlsplit

MAX_REDIRECTS = 3
REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024

# IANA's special-purpose ranges that are not globally reachable. Python's is_global
# follows the registries only from 3.12.4/3.11.10 (3.11.7 calls 192.0.0.8 global), so the
# list is written out here as well. Whole blocks are refused where a few addresses inside
# are global anycast services (192.0.0.9, 2001:1::1): no webhook or upload lives there.
NOT_GLOBAL = [
    ipaddress.ip_network(network)
    for network in (
        *("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16"),
        *("172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24", "192.88.99.0/24", "192.168.0.0/16"),
        *("198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4"),
        *("::/96", "::ffff:0:0/96", "64:ff9b:1::/48", "100::/64", "2001::/23", "2001:db8::/32"),
        *("3fff::/20", "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"),
    )
]
# NAT64's well-known prefix (RFC 6052): a gateway forwards 64:ff9b::a.b.c.d to a.b.c.d.
NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(Exception):
    """A request the site will not make; retrying does not help."""


class Unreachable(Exception):
    """The server could not be reached (DNS, connection, timeout); worth retrying."""


class InternalAddress(Refused):
    """The host resolves to an address inside the site's own network."""


class TooLarge(Refused):
    """The answer is longer than the caller's limit."""


@dataclass
class Response:
    status: int
    body: bytes
    url: str
    headers: dict


def embedded_ipv4(address):
    """The IPv4 address an IPv6 one is delivered to (IPv4-mapped, 6to4, NAT64), or None."""
    if address.ipv4_mapped:
        return address.ipv4_mapped
    if address.sixtofour:
        return address.sixtofour
    if address in NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return None


def is_public(address):
    """True for an address on the public internet: not loopback, private, link-local,
    shared, reserved, documentation, multicast or any other special-purpose range, nor an
    IPv6 form that carries such an IPv4 address. IPv4-compatible addresses (::a.b.c.d,
    deprecated since 2006) are refused whatever they carry."""
    address = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 scope id
    if address.version == 6:
        inner = embedded_ipv4(address)
        if inner is not None:
            return is_public(str(inner))
    if any(address in network for network in NOT_GLOBAL if network.version == address.version):
        return False
    return address.is_global and not address.is_multicast


def checked_addresses(host, port, allowed_hosts=()):
    """The addresses to connect to for `host`, after refusing any internal one."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise Unreachable(f"cannot resolve {host}: {error}") from error
    addresses = [info[4][0] for info in infos]
    allowed = {name.lower() for name in allowed_hosts}
    if host.lower() not in allowed:
        internal = [address for address in addresses if not is_public(address)]
        if internal:
            raise InternalAddress(f"{host} resolves to the internal address {internal[0]}")
    return list(dict.fromkeys(addresses))


def connect_to_first(addresses, port):
    def create_connection(_, *args, **kwargs):
        error = None
        for address in addresses:
            try:
                return socket.create_connection((address, port), *args, **kwargs)
            except OSError as failure:
                error = failure
        raise error

    return create_connection


def _connection(url, timeout, allowed_hosts):
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused(f"not an http(s) URL: {url}")
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    addresses = checked_addresses(parts.hostname, port, allowed_hosts)
    connection = (HTTPSConnection if https else HTTPConnection)(
        parts.hostname, port, timeout=timeout
    )
    # Connect to the checked addresses; the Host header and TLS name stay the URL's host.
    connection._create_connection = connect_to_first(addresses, port)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return connection, path


def _read(response, limit, deadline, truncate):
    """At most `limit` bytes; past it TooLarge (or the first `limit` when `truncate`)."""
    data = bytearray()
    while chunk := response.read(min(CHUNK, limit + 1 - len(data))):
        data += chunk
        if len(data) > limit:
            if truncate:
                return bytes(data[:limit])
            raise TooLarge(f"longer than {limit:,} bytes")
        if time.monotonic() > deadline:
            raise Unreachable("took longer than the time limit")
    return bytes(data)


def request(
    method,
    url,
    *,
    body=None,
    headers=None,
    timeout=10,
    total_timeout=None,
    read_limit=64 * 1024,
    truncate=True,
    allowed_hosts=(),
):
    """Make the request, following up to MAX_REDIRECTS redirects, each target checked.
    A GET stays a GET; a POST is sent again as it was (webhook receivers expect that).
    `timeout` bounds each network wait, `total_timeout` the whole reading of the answer."""
    deadline = time.monotonic() + (total_timeout or timeout * 10)
    for _ in range(MAX_REDIRECTS + 1):
        connection, path = _connection(url, timeout, allowed_hosts)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in REDIRECTS and location:
                url = urljoin(url, location)
                continue
            data = _read(response, read_limit, deadline, truncate)
            return Response(
                status=response.status, body=data, url=url, headers=dict(response.getheaders())
            )
        except (OSError, HTTPException) as error:
            raise Unreachable(f"{type(error).__name__}: {error}") from error
        finally:
            connection.close()
    raise Refused(f"more than {MAX_REDIRECTS} redirects")
