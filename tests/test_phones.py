import pytest

from contacts_cli.errors import InvalidInput, InvalidPhone
from contacts_cli.phones import check_region, parse_phone


@pytest.mark.parametrize(
    ("text", "region", "e164", "extension", "kind"),
    [
        ("+32 (0)2 296 85 60", None, "+3222968560", None, "fixed"),
        ("+32 (0)460 75 45 53", None, "+32460754553", None, "mobile"),
        ("0032 2 296 85 60", None, "+3222968560", None, "fixed"),
        ("0032 (0)2 296 85 60", None, "+3222968560", None, "fixed"),
        ("+32-2-296.85.60", None, "+3222968560", None, "fixed"),
        ("+32 2 296 85 60", "FR", "+3222968560", None, "fixed"),
        ("02 296 85 60", "BE", "+3222968560", None, "fixed"),
        ("02 296 85 60", "be", "+3222968560", None, "fixed"),
        ("0460 79 43 20", "BE", "+32460794320", None, "mobile"),
        ("+32 2 296 85 60 ext. 123", None, "+3222968560", "123", "fixed"),
        ("+32 2 296 85 60 x123", None, "+3222968560", "123", "fixed"),
        ("+32 2 296 85 60;ext=123", None, "+3222968560", "123", "fixed"),
        ("+٣٢ ٢ ٢٩٦ ٨٥ ٦٠", None, "+3222968560", None, "fixed"),  # Arabic-Indic digits
        ("＋３２ ２ ２９６ ８５ ６０", None, "+3222968560", None, "fixed"),  # full-width digits
        ("+49 30 18 272 0", None, "+4930182720", None, "fixed"),
        ("030 18272 0", "DE", "+4930182720", None, "fixed"),
        ("+33 1 43 17 53 53", None, "+33143175353", None, "fixed"),
        ("+44 20 7219 3000", None, "+442072193000", None, "fixed"),
        ("+1 202-456-1111", None, "+12024561111", None, "fixed-or-mobile"),
        ("+800 1234 5678", None, "+80012345678", None, "toll-free"),
    ],
)
def test_notations_press_offices_print(text, region, e164, extension, kind):
    phone = parse_phone(text, region)
    assert (phone.e164, phone.extension, phone.type) == (e164, extension, kind)
    assert phone.display.startswith("+")
    assert phone.display.replace(" ", "").replace("-", "") == e164


@pytest.mark.parametrize(
    ("text", "region", "says"),
    [
        ("0460 75 45 53", None, "has no country code"),
        ("0460 75 45 53", None, "--region"),
        ("+32 12", None, "too short for Belgium"),
        ("+32 2 296 85 6000000", None, "too long for Belgium"),
        ("+999 123 456", None, "country code"),
        ("abc", None, "not a phone number"),
        ("", None, "empty"),
        ("   ", "BE", "empty"),
        ("12", "BE", "too short"),
        ("+32 0 000 00 00", None, "Belgium"),
    ],
)
def test_bad_numbers_are_refused_naming_input_and_fix(text, region, says):
    with pytest.raises(InvalidPhone) as caught:
        parse_phone(text, region)
    message = str(caught.value)
    assert says in message
    if text.strip():
        assert repr(text.strip()) in message


def test_unknown_region_is_refused():
    with pytest.raises(InvalidInput, match="'XX' is not a region code"):
        check_region("XX")


def test_display_is_the_international_format():
    assert parse_phone("+32 (0)460 75 45 53").display == "+32 460 75 45 53"
