"""WebDAV and CardDAV XML: the request bodies we send and the multistatus answers we read.

Pure: text in, text out. Answers are parsed with defusedxml, so that a hostile server cannot feed us
entity bombs or external entities; it is the only module that talks to an XML parser.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Final
from xml.etree.ElementTree import Element
from xml.sax.saxutils import escape

from contacts_cli.errors import ContactsError

DAV: Final = "DAV:"
CARDDAV: Final = "urn:ietf:params:xml:ns:carddav"
_NS: Final = f'xmlns:d="{DAV}" xmlns:c="{CARDDAV}"'
_HEAD: Final = '<?xml version="1.0" encoding="utf-8"?>\n'


class BadAnswer(ContactsError):
    """A server answer that is not the WebDAV XML it should be."""


@dataclass(frozen=True, slots=True)
class Response:
    """One <response> of a multistatus: a resource, its status and the properties that were found."""

    href: str
    status: int  # the resource's own status (404 for a member removed since a sync-token), else 200
    etag: str | None = None
    address_data: str | None = None
    resource_types: frozenset[str] = frozenset()
    principal: str | None = None  # current-user-principal
    home: str | None = None  # addressbook-home-set
    sync_token: str | None = None
    reports: frozenset[str] = field(default_factory=frozenset)  # supported-report-set


@dataclass(frozen=True, slots=True)
class Multistatus:
    responses: tuple[Response, ...]
    sync_token: str | None  # the top-level token of a sync-collection answer


def propfind(*props: str) -> str:
    """A PROPFIND body asking for `props`, written as `d:getetag`, `c:addressbook-home-set`..."""
    inner = "".join(f"<{p}/>" for p in props)
    return f"{_HEAD}<d:propfind {_NS}><d:prop>{inner}</d:prop></d:propfind>"


def multiget(hrefs: Iterable[str]) -> str:
    """An addressbook-multiget REPORT body for the cards at `hrefs` (RFC 6352 8.7)."""
    inner = "".join(f"<d:href>{escape(h)}</d:href>" for h in hrefs)
    return (
        f"{_HEAD}<c:addressbook-multiget {_NS}><d:prop><d:getetag/><c:address-data/></d:prop>"
        f"{inner}</c:addressbook-multiget>"
    )


def sync_collection(token: str) -> str:
    """A sync-collection REPORT body (RFC 6578); an empty token asks for every member."""
    return (
        f"{_HEAD}<d:sync-collection {_NS}><d:sync-token>{escape(token)}</d:sync-token>"
        "<d:sync-level>1</d:sync-level><d:prop><d:getetag/></d:prop></d:sync-collection>"
    )


def parse_multistatus(body: bytes, what: str) -> Multistatus:
    """The responses of a 207 answer; BadAnswer (naming `what`) when it is not one."""
    import defusedxml.ElementTree as ET
    from defusedxml import DefusedXmlException

    try:
        root = ET.fromstring(body)
    except (ET.ParseError, DefusedXmlException) as exc:
        raise BadAnswer(f"{what} did not answer with WebDAV XML ({exc}); is this a CardDAV server?") from None
    if root.tag != _q(DAV, "multistatus"):
        raise BadAnswer(f"{what} answered with <{_local(root.tag)}>, not a WebDAV multistatus")
    responses = [_response(r) for r in root.findall(_q(DAV, "response"))]
    token = root.findtext(_q(DAV, "sync-token"))
    return Multistatus(tuple(r for r in responses if r is not None), token.strip() if token else None)


def _response(node: Element) -> Response | None:
    href_text = node.findtext(_q(DAV, "href"))
    if not href_text:
        return None
    status = _status(node.findtext(_q(DAV, "status")))
    found: dict[str, Element] = {}
    for propstat in node.findall(_q(DAV, "propstat")):
        if _status(propstat.findtext(_q(DAV, "status"))) != 200:
            continue
        prop = propstat.find(_q(DAV, "prop"))
        if prop is None:
            continue
        for child in prop:
            found[child.tag] = child
    return Response(
        href=href_text.strip(),
        status=status,
        etag=_text(found.get(_q(DAV, "getetag"))),
        address_data=_raw_text(found.get(_q(CARDDAV, "address-data"))),
        resource_types=frozenset(_local(c.tag) for c in _children(found.get(_q(DAV, "resourcetype")))),
        principal=_href(found.get(_q(DAV, "current-user-principal"))),
        home=_href(found.get(_q(CARDDAV, "addressbook-home-set"))),
        sync_token=_text(found.get(_q(DAV, "sync-token"))),
        reports=frozenset(
            _local(report.tag)
            for supported in _children(found.get(_q(DAV, "supported-report-set")))
            for wrapper in supported
            for report in wrapper
        ),
    )


def _status(line: str | None) -> int:
    # "HTTP/1.1 200 OK"; no status line means the resource is there.
    if not line:
        return 200
    parts = line.split()
    return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0


def _children(node: Element | None) -> list[Element]:
    return list(node) if node is not None else []


def _text(node: Element | None) -> str | None:
    if node is None:
        return None
    text = node.text
    return text.strip() if text and text.strip() else None


def _raw_text(node: Element | None) -> str | None:
    return node.text if node is not None else None


def _href(node: Element | None) -> str | None:
    if node is None:
        return None
    text = node.findtext(_q(DAV, "href"))
    return text.strip() if text else None


def _q(namespace: str, name: str) -> str:
    return f"{{{namespace}}}{name}"


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]
