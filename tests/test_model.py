import pytest

from contacts_cli.errors import InvalidInput
from contacts_cli.model import check_email, check_kind, check_language, clean_text, infer_kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Lead Spokesperson for Foreign Affairs and Security Policy", "spokesperson"),
        ("Press Officer for Foreign Affairs and Security Policy", "press-officer"),
        ("Chief Spokeswoman", "spokesperson"),
        ("Porte-parole du ministère", "spokesperson"),
        ("Pressesprecherin", "spokesperson"),
        ("Sprecher des Auswärtigen Amts", "spokesperson"),
        ("Attachée de presse", "press-officer"),
        ("Press Attaché", "press-officer"),
        ("Media Officer, Climate", "press-officer"),
        ("Press Office", "press-office"),
        ("Duty press officer", "press-officer"),
        ("Pressestelle", "press-office"),
        ("Media relations", "press-office"),
        ("Head of Unit", None),
        ("Director-General", None),
        (None, None),
    ],
)
def test_kind_from_title(title, kind):
    assert infer_kind(title) == kind


def test_kind_names_are_checked():
    assert check_kind("Press Officer") == "press-officer"
    with pytest.raises(InvalidInput, match="spokesperson, press-officer, press-office"):
        check_kind("journalist")


@pytest.mark.parametrize("good", ["a@b.eu", "ana.pisonero@example.eu", "x+tag@Sub.Example.ORG"])
def test_good_emails(good):
    assert check_email(good).rpartition("@")[2] == good.rpartition("@")[2].lower()


@pytest.mark.parametrize(
    "bad", ["ana", "ana@", "@example.eu", "ana@example", "a b@example.eu", "a@@b.eu", "a@b..eu"]
)
def test_bad_emails(bad):
    with pytest.raises(InvalidInput, match="is not an email address"):
        check_email(bad)


def test_languages_are_iso_639_1():
    assert check_language("EN") == "en"
    with pytest.raises(InvalidInput, match="ISO 639-1"):
        check_language("eng")


@pytest.mark.parametrize("bad", ["a\x1b[2Jb", "a\x9bb", "a\u202eb", "a\rb", "a\ud800b"])
def test_control_characters_are_refused_in_text(bad):
    with pytest.raises(InvalidInput, match="control character"):
        clean_text("name", bad)


def test_notes_keep_newlines_but_not_other_controls():
    assert clean_text("note", "line one\r\nline two", multiline=True) == "line one\nline two"
    with pytest.raises(InvalidInput):
        clean_text("note", "one\x07two", multiline=True)
