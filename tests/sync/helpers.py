"""Another CardDAV client for the tests: a colleague's phone writing to the same address book."""

import httpx

from tests.sync.conftest import PASSWORD, USER


def other() -> httpx.Client:
    return httpx.Client(auth=(USER, PASSWORD), timeout=10)


def card(uid: str, name: str, *, tel: str = "+3222954320", title: str = "Spokesperson for Trade") -> str:
    family, given = name.split()[-1], " ".join(name.split()[:-1])
    return (
        "BEGIN:VCARD\r\nVERSION:3.0\r\n"
        f"UID:{uid}\r\nFN:{name}\r\nN:{family};{given};;;\r\nTITLE:{title}\r\n"
        f"TEL;TYPE=WORK,VOICE:{tel}\r\nEND:VCARD\r\n"
    )


def put(url: str, text: str, etag: str | None = None) -> httpx.Response:
    headers = {"Content-Type": "text/vcard"}
    if etag:
        headers["If-Match"] = etag
    with other() as client:
        response = client.put(url, content=text, headers=headers)
    assert response.status_code in (201, 204), response.text
    return response


def get(url: str) -> httpx.Response:
    with other() as client:
        return client.get(url)


def delete(url: str) -> None:
    with other() as client:
        assert client.delete(url).status_code in (200, 204)
