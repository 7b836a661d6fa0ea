"""Reading WebDAV answers: real shapes from servers, and hostile XML refused."""

import pytest

from contacts_cli.sync import davxml

MULTIGET = b"""<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:CR="urn:ietf:params:xml:ns:carddav">
 <response><href>/ana/book/a.vcf</href>
  <propstat><prop><getetag>"e1"</getetag><CR:address-data>BEGIN:VCARD\r
FN:A &amp; B\r
END:VCARD\r
</CR:address-data></prop><status>HTTP/1.1 200 OK</status></propstat></response>
 <response><href>/ana/book/gone.vcf</href><status>HTTP/1.1 404 Not Found</status></response>
 <sync-token>http://radicale.org/ns/sync/abc</sync-token>
</multistatus>"""


def test_multistatus_with_cards_removals_and_a_token() -> None:
    answer = davxml.parse_multistatus(MULTIGET, "remote 'x'")
    first, gone = answer.responses
    assert first.href == "/ana/book/a.vcf" and first.etag == '"e1"' and first.status == 200
    assert first.address_data is not None and "FN:A & B" in first.address_data
    assert gone.status == 404 and gone.etag is None
    assert answer.sync_token == "http://radicale.org/ns/sync/abc"


def test_properties_not_found_are_left_out() -> None:
    body = b"""<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:carddav"><d:response>
    <d:href>/ana/</d:href>
    <d:propstat><d:prop><d:resourcetype><d:collection/><c:addressbook/></d:resourcetype>
      <d:current-user-principal><d:href>/ana/</d:href></d:current-user-principal></d:prop>
      <d:status>HTTP/1.1 200 OK</d:status></d:propstat>
    <d:propstat><d:prop><c:addressbook-home-set/></d:prop>
      <d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>
    </d:response></d:multistatus>"""
    (found,) = davxml.parse_multistatus(body, "x").responses
    assert found.resource_types == {"collection", "addressbook"}
    assert found.principal == "/ana/" and found.home is None


@pytest.mark.parametrize(
    "body",
    [
        b"<html><body>Welcome to our web site</body></html>",
        b"not xml at all",
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        b'<multistatus xmlns="DAV:">&b;</multistatus>',
        b'<?xml version="1.0"?><!DOCTYPE m [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<multistatus xmlns="DAV:"><response><href>&x;</href></response></multistatus>',
    ],
)
def test_what_is_not_a_multistatus_is_refused(body: bytes) -> None:
    with pytest.raises(davxml.BadAnswer):
        davxml.parse_multistatus(body, "remote 'x'")


def test_request_bodies_escape_what_they_carry() -> None:
    assert "<d:href>/a&amp;b.vcf</d:href>" in davxml.multiget(["/a&b.vcf"])
    assert "<d:sync-token>t&lt;1</d:sync-token>" in davxml.sync_collection("t<1")
