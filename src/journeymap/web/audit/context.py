"""Where a change came from, as the audit log keeps it: the client's address, when there is one.

Services receive this instead of the `HttpRequest`, so the same service serves a page, the command
line and a scheduled task; only a view knows how to read it from a request.
"""

import ipaddress
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address, behind `JOURNEYMAP_PROXY_COUNT` trusted reverse proxies.

    Each proxy appends the address it received the request from to X-Forwarded-For, so with N
    proxies the client is the N-th entry from the right; anything further left was written by the
    client and is not trusted. With no proxies, or a header too short to have passed through all
    of them, the address is the connection's own (REMOTE_ADDR). django-axes locks sign-ins out by
    this same address (AXES_CLIENT_IP_CALLABLE), so the lockout and the audit log agree.
    """
    proxies = settings.JOURNEYMAP_PROXY_COUNT
    candidate = request.META.get("REMOTE_ADDR") or None
    if proxies:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= proxies:
            candidate = hops[-proxies]
    try:
        return str(ipaddress.ip_address(candidate)) if candidate else None
    except ValueError:
        return None


@dataclass(frozen=True)
class AuditContext:
    """`client_address` is None where there is no client: the command line, a scheduled task."""

    client_address: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> "AuditContext":
        return cls(client_address=client_address(request))


NO_CLIENT = AuditContext()
