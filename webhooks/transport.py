"""POST to a receiver, never to an internal address.

A webhook URL is typed by an editor, so it must not become a way to reach the site's own
network (server-side request forgery). Every address the host name resolves to must be
public (not loopback, private, link-local, shared, reserved or multicast), the connection
goes to the address that was checked (a second lookup could answer differently: DNS
rebinding), and each redirect is checked the same way before it is followed.
WEBHOOKS_ALLOWED_INTERNAL_HOSTS lists host names exempt from the address check.
"""

import ipaddress
import socket
from dataclasses import dataclass
from http.client import HTTPConnection, HTTPException, HTTPSConnection
from urllib.parse import urljoin, urlsplit

from django.conf import settings

MAX_REDIRECTS = 3
READ_LIMIT = 64 * 1024
REDIRECTS = {301, 302, 303, 307, 308}


class Refused(Exception):
    """A request the site will not make; retrying does not help."""


class Unreachable(Exception):
    """The receiver could not be reached (DNS, connection, timeout); worth retrying."""


@dataclass
class Response:
    status: int
    body: bytes
    url: str


def is_public(address):
    address = ipaddress.ip_address(address.split("%", 1)[0])  # drop an IPv6 scope id
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def checked_addresses(host, port):
    """The addresses to connect to for `host`, after refusing any internal one."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as error:
        raise Unreachable(f"cannot resolve {host}: {error}") from error
    addresses = [info[4][0] for info in infos]
    allowed = {name.lower() for name in settings.WEBHOOKS_ALLOWED_INTERNAL_HOSTS}
    if host.lower() not in allowed:
        internal = [address for address in addresses if not is_public(address)]
        if internal:
            raise Refused(f"{host} resolves to the internal address {internal[0]}")
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


def _connection(url, timeout):
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused(f"not an http(s) URL: {url}")
    https = parts.scheme == "https"
    port = parts.port or (443 if https else 80)
    addresses = checked_addresses(parts.hostname, port)
    connection = (HTTPSConnection if https else HTTPConnection)(
        parts.hostname, port, timeout=timeout
    )
    # Connect to the checked addresses; the Host header and TLS name stay the URL's host.
    connection._create_connection = connect_to_first(addresses, port)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return connection, path


def post(url, body, headers, *, timeout=10):
    """POST `body`, following up to MAX_REDIRECTS checked redirects."""
    for _ in range(MAX_REDIRECTS + 1):
        connection, path = _connection(url, timeout)
        try:
            connection.request("POST", path, body=body, headers=headers)
            response = connection.getresponse()
            data = response.read(READ_LIMIT)
            location = response.getheader("Location")
        except (OSError, HTTPException) as error:
            raise Unreachable(f"{type(error).__name__}: {error}") from error
        finally:
            connection.close()
        if response.status in REDIRECTS and location:
            url = urljoin(url, location)
            continue
        return Response(status=response.status, body=data, url=url)
    raise Refused(f"more than {MAX_REDIRECTS} redirects")
