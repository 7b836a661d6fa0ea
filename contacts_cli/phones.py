"""Phone numbers: parse the notations press offices print, validate, and format. E.164 in and out."""

import re
from typing import Final

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType, ValidationResult

from contacts_cli.errors import InvalidInput, InvalidPhone
from contacts_cli.model import Phone

_TYPES: Final = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "fixed",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed-or-mobile",
    PhoneNumberType.TOLL_FREE: "toll-free",
    PhoneNumberType.PREMIUM_RATE: "premium-rate",
    PhoneNumberType.SHARED_COST: "shared-cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
}

# "0032 2 ..." is how most of Europe writes +32 when no region says which international prefix applies.
_DOUBLE_ZERO = re.compile(r"^\s*00(?=\s*[1-9])")


def check_region(region: str | None) -> str | None:
    """Normalise a region code (BE, be) or refuse one phonenumbers does not know."""
    if region is None or not region.strip():
        return None
    code = region.strip().upper()
    if code not in phonenumbers.SUPPORTED_REGIONS:
        raise InvalidInput(f"{region!r} is not a region code; use a two-letter country code such as BE or FR")
    return code


def parse_phone(text: str, region: str | None = None, label: str | None = None) -> Phone:
    """Parse and validate one number; raise InvalidPhone naming the input and the fix."""
    region = check_region(region)
    shown = text.strip()
    if not shown:
        raise InvalidPhone("empty phone number; write the number, e.g. +32 2 296 85 60")
    candidate = shown if region else _DOUBLE_ZERO.sub("+", shown, count=1)
    try:
        number = phonenumbers.parse(candidate, region, keep_raw_input=False)
    except NumberParseException as exc:
        raise InvalidPhone(_parse_failure(shown, exc, region)) from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhone(_invalid(shown, number))
    extension = number.extension or None
    number.extension = None
    e164 = phonenumbers.format_number(number, PhoneNumberFormat.E164)
    display = phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL)
    kind = _TYPES.get(phonenumbers.number_type(number), "unknown")
    return Phone(e164=e164, display=display, type=kind, extension=extension, label=label)


def _parse_failure(shown: str, exc: NumberParseException, region: str | None) -> str:
    if exc.error_type == NumberParseException.INVALID_COUNTRY_CODE:
        if shown.lstrip().startswith(("+", "00")):
            return f"{shown!r} does not start with a known country code; check the digits after +"
        return (
            f"{shown!r} has no country code: write it with one (e.g. +32 ...) "
            "or pass --region (e.g. --region BE) or set CONTACTS_REGION"
        )
    if exc.error_type == NumberParseException.NOT_A_NUMBER:
        return f"{shown!r} is not a phone number; write digits, e.g. +32 2 296 85 60"
    if exc.error_type == NumberParseException.TOO_LONG:
        return f"{shown!r} is too long to be a phone number; check the digits"
    where = f" for {_region_name(region)}" if region else ""
    return f"{shown!r} is too short{where}; write the full number"


def _invalid(shown: str, number: phonenumbers.PhoneNumber) -> str:
    region = phonenumbers.region_code_for_number(number)
    if region is None or region == "ZZ":
        return f"{shown!r}: +{number.country_code} is not a country code; check the digits after +"
    where = _region_name(region)
    reason = phonenumbers.is_possible_number_with_reason(number)
    if reason in (ValidationResult.TOO_SHORT, ValidationResult.INVALID_LENGTH):
        if reason == ValidationResult.TOO_SHORT:
            return f"{shown!r} is too short for {where}; write the full number"
        return f"{shown!r} has the wrong number of digits for {where}; check the digits"
    if reason == ValidationResult.TOO_LONG:
        return f"{shown!r} is too long for {where}; check the digits"
    return f"{shown!r} is not a valid number in {where}; check the digits and the country code"


def _region_name(region: str) -> str:
    # Imported on the error path only: the geocoder loads locale data.
    from phonenumbers.geocoder import country_name_for_number

    example = phonenumbers.example_number(region)
    name = country_name_for_number(example, "en") if example is not None else ""
    return str(name or region)


# --- Numbers in running text (press releases) -----------------------------------------------------

# A list of last digits after a number, as in "+49 30 18 272-2040/2041": two numbers sharing a stem.
_SLASH_LIST = re.compile(r"\s*/\s*(\d{1,5})(?!\d)")
# "0032 2 ..." at the start of a number: the international prefix most of Europe writes for +.
_IDD_ZERO = re.compile(r"(?<![\d+])00(?=[1-9]\d)")
# What may come before such a prefix: a label, a separator, a line start; not the digits of a number.
_BEFORE_IDD = re.compile(r"[\d+)(.\-]\s*\Z")
_SLASH = re.compile(r"(?<=\d)\s*/\s*(?=\d)")
# An extension the matcher leaves out: "(ext. 215)", "poste 12", "Durchwahl -34", "interno 5".
_EXTENSION_AFTER = re.compile(
    r"\s*[(\[,]?\s*(?:ext|extn|extension|x|poste|durchwahl|dw|interno|int|ramal|toestel|wewn)\.?\s*[:.]?\s*"
    r"-?(\d{1,6})\s*[)\]]?",
    re.IGNORECASE,
)


def find_numbers(text: str, region: str | None = None) -> list[tuple[int, int, Phone]]:
    """Every valid number in `text` as (start, end, Phone), in order.

    phonenumbers' matcher does the finding. Its try limit is lifted (callers pass bounded text) so that
    it never stops early and hides a number. `/` between digit groups separates numbers, and a short
    group after a slash (`...-2040/2041`) is a second number that shares the first one's stem.
    """
    region = check_region(region)
    # Same-length substitutions keep the offsets of the matches valid in the original text.
    masked = _IDD_ZERO.sub(lambda m: m.group() if _starts_inside(text, m.start()) else " +", text)
    masked = _SLASH.sub(lambda m: "," + " " * (len(m.group()) - 1), masked)
    found: list[tuple[int, int, Phone]] = []
    matcher = phonenumbers.PhoneNumberMatcher(
        masked, region, leniency=phonenumbers.Leniency.VALID, max_tries=len(masked) + 1
    )
    for match in matcher:
        number = match.number
        end = match.end
        extra = _EXTENSION_AFTER.match(text, end) if not number.extension else None
        if extra is not None:
            number.extension = extra.group(1)
            end = extra.end()
        found.append((match.start, end, _phone_of(number)))
        tail = _SLASH_LIST.match(text, match.end)
        if tail is None or number.extension:
            continue
        digits = tail.group(1)
        national = str(number.national_number)
        if len(digits) >= len(national):
            continue
        sibling = phonenumbers.PhoneNumber(
            country_code=number.country_code,
            national_number=int(national[: -len(digits)] + digits),
            italian_leading_zero=number.italian_leading_zero,
            number_of_leading_zeros=number.number_of_leading_zeros,
        )
        if phonenumbers.is_valid_number(sibling):
            found.append((tail.start(1), tail.end(), _phone_of(sibling)))
    return found


def _starts_inside(text: str, at: int) -> bool:
    """Whether the digits at `at` continue a number ("7946 0018") rather than start one."""
    return _BEFORE_IDD.search(text, max(0, at - 3), at) is not None


def _phone_of(number: phonenumbers.PhoneNumber) -> Phone:
    extension = number.extension or None
    bare = phonenumbers.PhoneNumber()
    bare.merge_from(number)
    bare.extension = None
    return Phone(
        e164=phonenumbers.format_number(bare, PhoneNumberFormat.E164),
        display=phonenumbers.format_number(bare, PhoneNumberFormat.INTERNATIONAL),
        type=_TYPES.get(phonenumbers.number_type(bare), "unknown"),
        extension=extension,
    )


def region_of(e164: str) -> str | None:
    """The region a number belongs to (BE for +32 2 ...), or None when it is not one country's."""
    try:
        number = phonenumbers.parse(e164, None)
    except NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number)
    return None if region in (None, "ZZ", "001") else str(region)


def is_region(code: str) -> bool:
    return code.upper() in phonenumbers.SUPPORTED_REGIONS
