"""Where a change came from, as the audit log keeps it: the client's address, when there is one.

Services receive this instead of the `HttpRequest`, so the same service serves a page, the command
line and a scheduled task; only a view knows how to read it from a request.
"""

from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class AuditContext:
    """`client_address` is None where there is no client: the command line, a scheduled task."""

    client_address: str | None = None

    @classmethod
    def from_request(cls, request: HttpRequest) -> "AuditContext":
        # The address Django saw; behind a proxy, the proxy settings decide what REMOTE_ADDR is.
        return cls(client_address=request.META.get("REMOTE_ADDR") or None)


NO_CLIENT = AuditContext()
