"""A CardDAV client (RFC 6352) for one address-book collection: list, fetch, create, change, delete cards.

Every write is guarded by an ETag: a new card is PUT with `If-None-Match: *`, a change or a delete with
`If-Match` and the ETag last seen, so a card someone else changed in the meantime is never overwritten
(the server answers 412, raised as Precondition). Members are listed with a sync-collection REPORT
(RFC 6578) when the server offers it, else with a PROPFIND of ETags. Errors are ContactsError subclasses
with one line fit for the user; the password never appears in them.
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final
from urllib.parse import quote, urljoin, urlsplit

from contacts_cli.errors import ContactsError
from contacts_cli.sync import davxml

if TYPE_CHECKING:
    import httpx

TIMEOUT: Final = 30.0
MULTIGET_BATCH: Final = 200
_SAFE_NAME: Final = r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}"  # the same however a server escapes hrefs


class RemoteError(ContactsError):
    """A CardDAV server that cannot be reached, refuses us, or answers what we cannot use."""


class AuthFailed(RemoteError):
    """The server refused the user name or password."""


class Precondition(RemoteError):
    """A write refused with 412: the card changed (or appeared) on the server since we last looked."""


class TokenExpired(RemoteError):
    """The server no longer knows our sync-token; a full listing is needed."""


@dataclass(frozen=True, slots=True)
class Listing:
    """The collection's members: href -> ETag (None: removed since the token), and the new token."""

    members: dict[str, str | None]
    token: str | None
    complete: bool  # every member is listed (not only the changes since a token)


class Client:
    """One address-book collection on one server, reached as one user."""

    def __init__(self, url: str, user: str | None, password: str | None, *, name: str) -> None:
        import httpx

        self.name = name
        self.url = url if url.endswith("/") else url + "/"
        auth = httpx.BasicAuth(user, password or "") if user else None
        self._http = httpx.Client(auth=auth, timeout=TIMEOUT, follow_redirects=True)

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests -----------------------------------------------------------------------------------

    def _request(
        self, method: str, url: str, *, body: str | None = None, headers: Mapping[str, str] | None = None
    ) -> "httpx.Response":
        import httpx

        all_headers = dict(headers or {})
        if body is not None:
            all_headers.setdefault("Content-Type", "application/xml; charset=utf-8")
        try:
            response = self._http.request(method, url, content=body, headers=all_headers)
        except httpx.TimeoutException:
            raise RemoteError(
                f"remote {self.name!r}: {_host(url)} did not answer within {TIMEOUT:g} s; try again later"
            ) from None
        except httpx.RequestError as exc:
            reason = _reason(exc)
            raise RemoteError(
                f"remote {self.name!r}: cannot reach {_host(url)} ({reason}); check the URL and your network"
            ) from None
        if response.status_code == 401:
            raise AuthFailed(
                f"remote {self.name!r}: {_host(url)} refused the user name or password; "
                "check them with `contacts remote list`"
            )
        return response

    def _dav(self, method: str, url: str, body: str, depth: str, what: str) -> davxml.Multistatus:
        response = self._request(method, url, body=body, headers={"Depth": depth})
        if response.status_code == 404:
            raise RemoteError(f"remote {self.name!r}: {_path(url)} does not exist on {_host(url)}")
        if response.status_code != 207:
            raise RemoteError(
                f"remote {self.name!r}: {method} {_path(url)} failed with HTTP {response.status_code}"
            )
        return davxml.parse_multistatus(response.content, f"remote {self.name!r}")

    # -- the collection -----------------------------------------------------------------------------

    def check(self) -> None:
        """Make sure the URL is an address book; else look for one from it (service discovery)."""
        found = self._resource(self.url)
        if "addressbook" in found.resource_types:
            return
        other = sorted(found.resource_types - {"collection", "principal"})
        if other:
            # A calendar or another specific collection: the URL is wrong, and guessing would be worse.
            raise RemoteError(
                f"remote {self.name!r}: {self.url} is a {other[0]} collection, not an address book; "
                "give the URL of an address book"
            )
        books = self.discover(found)
        if len(books) == 1:
            self.url = books[0]
            return
        if not books:
            raise RemoteError(
                f"remote {self.name!r}: {self.url} is not an address book and has none under it; "
                "give the URL of an address-book collection"
            )
        raise RemoteError(
            f"remote {self.name!r}: {self.url} is not an address book; the account has several ("
            + ", ".join(_path(b) for b in books)
            + "): give the URL of one of them"
        )

    def _resource(self, url: str) -> davxml.Response:
        answer = self._dav(
            "PROPFIND",
            url,
            davxml.propfind("d:resourcetype", "d:current-user-principal", "c:addressbook-home-set"),
            "0",
            "PROPFIND",
        )
        if not answer.responses:
            raise RemoteError(f"remote {self.name!r}: {url} answered a PROPFIND with no resource")
        return answer.responses[0]

    def discover(self, start: davxml.Response) -> list[str]:
        """Address books reachable from a server or principal URL (current-user-principal, then
        addressbook-home-set, then the home's members), as absolute URLs."""
        home = start.home
        if home is None and start.principal:
            home = self._resource(urljoin(self.url, start.principal)).home
        if home is None:
            return []
        home_url = urljoin(self.url, home)
        members = self._dav("PROPFIND", home_url, davxml.propfind("d:resourcetype"), "1", "PROPFIND")
        return [urljoin(home_url, r.href) for r in members.responses if "addressbook" in r.resource_types]

    def listing(self, token: str | None) -> Listing:
        """The members and their ETags: changes since `token` when given and still valid, else all."""
        if token is not None:
            try:
                return self._sync_collection(token)
            except TokenExpired:
                pass
        try:
            return self._sync_collection("")
        except TokenExpired:
            return self._propfind_listing()

    def _sync_collection(self, token: str) -> Listing:
        response = self._request(
            "REPORT", self.url, body=davxml.sync_collection(token), headers={"Depth": "0"}
        )
        if response.status_code in (400, 403, 409, 412, 415, 501) or (
            response.status_code == 207 and b"multistatus" not in response.content[:400]
        ):
            raise TokenExpired(f"remote {self.name!r}: sync-token refused")
        if response.status_code != 207:
            raise RemoteError(
                f"remote {self.name!r}: listing the cards failed with HTTP {response.status_code}"
            )
        answer = davxml.parse_multistatus(response.content, f"remote {self.name!r}")
        if answer.sync_token is None:
            raise TokenExpired(f"remote {self.name!r}: no sync-token")
        members: dict[str, str | None] = {}
        for r in answer.responses:
            href = self._absolute(r.href)
            if href == self.url:
                continue
            members[href] = None if r.status == 404 else r.etag
        return Listing(members, answer.sync_token, complete=not token)

    def _propfind_listing(self) -> Listing:
        answer = self._dav("PROPFIND", self.url, davxml.propfind("d:getetag", "d:resourcetype"), "1", "")
        members: dict[str, str | None] = {}
        for r in answer.responses:
            href = self._absolute(r.href)
            if href != self.url and "collection" not in r.resource_types and r.etag:
                members[href] = r.etag
        return Listing(members, None, complete=True)

    def fetch(self, hrefs: Iterable[str]) -> dict[str, tuple[str, str]]:
        """href -> (ETag, card text) for the cards at `hrefs` that still exist, by addressbook-multiget."""
        wanted = list(hrefs)
        cards: dict[str, tuple[str, str]] = {}
        for start in range(0, len(wanted), MULTIGET_BATCH):
            batch = [urlsplit(h).path for h in wanted[start : start + MULTIGET_BATCH]]
            answer = self._dav("REPORT", self.url, davxml.multiget(batch), "1", "REPORT")
            for r in answer.responses:
                if r.status == 200 and r.address_data is not None and r.etag:
                    cards[self._absolute(r.href)] = (r.etag, r.address_data)
        return cards

    def href_for(self, uid: str) -> str:
        """Where a new card with this UID goes: the UID itself when it is a safe file name."""
        if re.fullmatch(_SAFE_NAME, uid):
            name = uid
        else:
            import uuid

            name = str(uuid.uuid5(uuid.NAMESPACE_URL, "contacts-cli:" + uid))
        return self.url + quote(name) + ".vcf"

    def put(self, href: str, card: str, etag: str | None) -> str | None:
        """Create (etag None) or replace the card at `href`; the new ETag, if the server tells it."""
        headers = {"Content-Type": "text/vcard; charset=utf-8"}
        headers["If-Match" if etag else "If-None-Match"] = etag or "*"
        response = self._request("PUT", href, body=card, headers=headers)
        self._guarded(response, href, (200, 201, 204), f"the card {_path(href)}")
        new_etag: str | None = response.headers.get("ETag")
        return new_etag

    def delete(self, href: str, etag: str) -> None:
        """Delete the card at `href` if it is still the version `etag`; one already gone is fine."""
        response = self._request("DELETE", href, headers={"If-Match": etag})
        self._guarded(response, href, (200, 204, 404), f"to delete {_path(href)}")

    def _guarded(self, response: "httpx.Response", href: str, ok: tuple[int, ...], what: str) -> None:
        """Precondition when the card's ETag no longer matches; RemoteError for any other refusal."""
        if response.status_code == 412:
            raise Precondition(href)
        if response.status_code not in ok:
            raise RemoteError(
                f"remote {self.name!r}: the server refused {what} "
                f"(HTTP {response.status_code}{_why(response)})"
            )

    def _absolute(self, href: str) -> str:
        return urljoin(self.url, href)


def _host(url: str) -> str:
    parts = urlsplit(url)
    return parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else url


def _path(url: str) -> str:
    return urlsplit(url).path or "/"


def _why(response: "httpx.Response") -> str:
    reason = response.reason_phrase
    return f" {reason}" if reason else ""


def _reason(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    # "[Errno 111] Connection refused" -> "Connection refused"
    return re.sub(r"^\[Errno -?\d+\]\s*", "", text.splitlines()[0])[:120]
