"""A release's contact block, line by line: headings, prose, and pieces (names, titles, numbers, ...).

Pure. `pieces` cuts each line of a block at numbers, addresses and separators (`;` `|` `•` a spaced
dash, `,` `(`) into pieces, each a name, a title, an organisation, a desk, a hotline, languages, or a
number with the label before it ("Tel.", "M:", "Fax"). Names lose their honorifics and ranks and keep
their particles and accents.
"""

import re
from dataclasses import dataclass, replace
from typing import Final

from contacts_cli.model import Phone, infer_kind
from contacts_cli.releases import words

# How much of a line a heading's inline block reads ("For more information: Name - Tel.: ...").
INLINE_CHARS: Final = 1200

EMAIL = re.compile(r"(?<![\w.+-])[\w.+'-]+@[\w-]+(?:\.[\w-]+)+(?<!\.)", re.UNICODE)
SEPARATORS = re.compile(r"\s*(?:[;|•·▪►■●/]|\s[–—-]\s|,|\(|\)|\[|\]|:\s|:(?=[A-ZÀ-Þ])|\s(?:or|oder|ou)\s)\s*")
_SIGNATURE = re.compile(
    r"^(?:by|written by|author|reporting by|editing by|edited by|compiled by|photos? by|photo credit|"
    r"credit|posted by|published by|redakteur|verfasst von|auteur|par|text|foto|photo)\b\s*[:,]?",
    re.IGNORECASE,
)


def words_re(pattern: str) -> str:
    return rf"(?<![\w-])(?:{pattern})(?![\w-])"


def has(pattern: str, text: str) -> bool:
    return re.search(words_re(pattern), text, re.IGNORECASE) is not None


@dataclass(frozen=True, slots=True)
class Piece:
    kind: str  # name, title, org, desk, hotline, langs, marker, signature, phone, email, other, break
    text: str = ""
    phone: Phone | None = None
    label: str | None = None  # fax, mobile, phone, or None
    line: int = 0


# --- Headings and prose ----------------------------------------------------------------------------

MARKER_START = re.compile(
    rf"^[\W_]*(?:{words.MARKERS})(?![\w-])\s*(?:\([^)]*\))?\s*[:：\-–—]?\s*", re.IGNORECASE
)
# Inside a sentence only unmistakable headings count ("... For more information, contact Jane Doe").
_MARKER_INLINE = re.compile(
    r"(?<![\w-])(?:press contacts?|media contacts?|for (?:further|more) information|media enquiries|"
    r"press enquiries|media inquiries|press inquiries|pressekontakt|contacts? presse|contactos? de prensa|"
    r"contatti stampa|perscontact|f[üu]r r[üu]ckfragen|pour plus d'informations|para m[áa]s informaci[óo]n|"
    r"for media (?:queries|enquiries|inquiries)|media queries|para mais informa[çc][õo]es)"
    r"(?![\w-])(?:[^:\n]{0,40}?"
    r"(?:please contact|contact|kontaktieren sie|contacter|contactez|contacte)(?![\w-])\s*[:,]?\s*"
    r"|\s*[:,]?\s*)",
    re.IGNORECASE,
)
STOP = re.compile(rf"^[\W_]*(?:{words.STOPS})", re.IGNORECASE)


def names_someone(line: str) -> bool:
    """Whether a line names a person or a desk, so that a run of short lines is a contact block."""
    if has(words.DESK, line):
        return True
    text = EMAIL.sub(" ; ", line)
    for part in SEPARATORS.split(re.sub(r"[+(]?\d[\d ()./-]*\d", " ; ", text)):
        part = part.strip(" .,:;-–—*_\"'“”«»")
        if part and (clean_name(part) or _name_prefix(part)):
            return True
    return False


def marker_at(line: str) -> int | None:
    """The column after a contact heading in `line`, or None."""
    found = MARKER_START.match(line)
    inline = _MARKER_INLINE.search(line)
    if found and inline and inline.start() <= found.end() < inline.end():
        return inline.end()
    if found and (
        found.end() == len(line)
        or line[found.end() - 1 : found.end()].strip() in (":", "：")
        or re.search(r"[:：\-–—]\s*$", found.group())
        or not has("contacts?|kontakte?|contact", found.group())
    ):
        return found.end()
    return inline.end() if inline else None


_QUOTED = re.compile(
    r"^[\"“”„«»']|(?<![\w-])"
    r"(?:said|says|added|explained|sagte|erklärte|a déclaré|a dit|ha dichiarato|dijo|zei)(?![\w-])"
)


def prose(line: str) -> bool:
    tokens = [t for t in EMAIL.sub(" ", line).split() if re.search(r"[^\W\d_]{2}", t)]
    count = len(tokens)
    if count >= 18 or len(line) > 240 or (count >= 4 and _QUOTED.search(line)):
        return True
    lower = sum(1 for t in tokens if t[:1].islower() and t.isalpha() and t not in words.PARTICLES)
    if lower >= 7:
        return True
    if EMAIL.search(line) or re.search(r"\+?\d[\d ()./-]{6,}\d", line):
        return False
    return count >= 8 and line.rstrip().endswith((".", "!", "?", '"', "”", "»"))


# --- Pieces ----------------------------------------------------------------------------------------

_LABEL_BEFORE = re.compile(
    rf"(?<![\w-])(?P<label>{words.FAX_LABELS}|{words.MOBILE_LABELS}|{words.PHONE_LABELS}|e-?mail)\.?"
    r"(?:\s*/\s*(?:fax|tel|mobile|m|t|f)\.?)*\s*(?:\((?:\w+\.?)\))?\s*[:.\-–]?\s*$",
    re.IGNORECASE,
)
_LABEL_AFTER = re.compile(
    rf"^\s*[\(\[]\s*(?P<label>{words.FAX_LABELS}|{words.MOBILE_LABELS}|{words.PHONE_LABELS})\.?\s*[\)\]]",
    re.IGNORECASE,
)


def _label_kind(label: str) -> str:
    lower = label.lower().rstrip(".")
    if re.fullmatch(words.FAX_LABELS, lower):
        return "fax"
    if re.fullmatch(words.MOBILE_LABELS, lower):
        return "mobile"
    return "phone"


def pieces(lines: list[str], spans: list[tuple[int, int]], region: str | None) -> list[Piece]:
    from contacts_cli.phones import find_numbers

    pieces: list[Piece] = []
    previous = -2
    for index, column in spans:
        if index != previous + 1 and pieces:
            pieces.append(Piece("break", line=index))
        previous = index
        line = lines[index][column : column + INLINE_CHARS]
        if not line.strip():
            continue
        if column == 0 and STOP.match(line):
            continue
        pieces.append(Piece("newline", line=index))
        heading = MARKER_START.match(line) if column == 0 else None
        if heading and has(words.DESK, heading.group()):
            heading = None  # "Media relations: +1 ..." names the desk the number belongs to
        if heading and heading.end() < len(line) and marker_at(line) == heading.end():
            column = heading.end()
            line = line[column:]
        if column and marker_at(lines[index]) == column:
            pieces.append(Piece("marker", lines[index][:column].strip(), line=index))
        found: list[tuple[int, int, str, Phone | None]] = [
            (s, e, "phone", p) for s, e, p in find_numbers(line, region)
        ]
        found += [(m.start(), m.end(), "email", None) for m in EMAIL.finditer(line)]
        found = sorted(f for f in found if not any(f[0] >= o[0] and f[1] <= o[1] and f != o for o in found))
        at = 0
        label: str | None = None
        line_kind = _line_kind(line)
        for start, end, what, phone in found:
            gap = line[at:start]
            if at and what == "phone":
                after = _LABEL_AFTER.match(gap)
                if after and pieces and pieces[-1].kind == "phone":
                    pieces[-1] = replace(pieces[-1], label=_label_kind(after.group("label")))
                    gap = gap[after.end() :]
            before = _LABEL_BEFORE.search(gap)
            if before:
                label = (
                    _label_kind(before.group("label"))
                    if not before.group("label").lower().startswith(("e-mail", "email"))
                    else label
                )
                gap = gap[: before.start()]
            elif gap.strip(" ,;/|") or what == "email":
                label = None if gap.strip(" ,;/|") else label
            pieces.extend(_text_pieces(gap, index, line_kind))
            if what == "phone" and phone is not None:
                pieces.append(Piece("phone", line[start:end], phone, label, index))
            else:
                pieces.append(Piece("email", line[start:end].rstrip(".,;"), line=index))
            at = end
        rest = line[at:]
        after = _LABEL_AFTER.match(rest)
        if after and pieces and pieces[-1].kind == "phone":
            pieces[-1] = replace(pieces[-1], label=_label_kind(after.group("label")))
            rest = rest[after.end() :]
        pieces.extend(_text_pieces(rest, index, line_kind))
    return pieces


def _line_kind(line: str) -> str | None:
    """What a whole line is about when it names a hotline, a desk or a signature."""
    if _SIGNATURE.match(line):
        return "signature"
    if has(words.HOTLINE, line):
        return "hotline"
    return None


def _text_pieces(text: str, line: int, line_kind: str | None) -> list[Piece]:
    out: list[Piece] = []
    if line_kind == "signature" and text.strip():
        return [Piece("signature", text.strip(), line=line)]
    for part in SEPARATORS.split(text):
        part = part.strip(" .,:;-–—*_\"'“”«»")
        part = re.sub(r"^(?:or|and|oder|und|ou|et|o|y|of|en)\s+", "", part)
        if not part or not re.search(r"[^\W\d_]", part):
            continue
        out.extend(_classify(part, line, line_kind))
    return out


_TRAILING_LABEL = re.compile(rf"\s+(?:{words.PHONE_LABELS}|{words.MOBILE_LABELS}|e-?mail)\.?$", re.IGNORECASE)


def _classify(part: str, line: int, line_kind: str | None) -> list[Piece]:
    if line_kind == "hotline" or has(words.HOTLINE, part):
        return [Piece("hotline", part, line=line)]
    if has(words.DESK, part) and not _name_prefix(part) and not _titled_desk(part):
        return [Piece("desk", part, line=line)]
    if MARKER_START.fullmatch(part) or MARKER_START.fullmatch(part + ":"):
        return [Piece("marker", part, line=line)]
    if re.fullmatch(words.AUDIENCES, part, re.IGNORECASE):
        return [Piece("other", part, line=line)]
    languages = _languages(part)
    if languages:
        return [Piece("langs", " ".join(languages), line=line)]
    name = clean_name(part)
    if name:
        return [Piece("name", name, line=line)]
    if part[:1].islower():
        # A lower-case title before the name, as Nordic, Dutch or French releases print it.
        suffix = _name_suffix(part)
        if suffix:
            return [Piece("title", suffix[1], line=line), Piece("name", suffix[0], line=line)]
    if _is_title(part):
        prefix = _name_prefix(part)
        if prefix:
            name_text, title_text = prefix
            return [Piece("name", name_text, line=line), Piece("title", title_text, line=line)]
        return [Piece("title", part, line=line)]
    if is_org(part):
        return [Piece("org", part, line=line)]
    return [Piece("other", part, line=line)]


# A word of a name in any script: a capital, then letters, apostrophes, hyphens or dots (initials,
# O'Brien, d'Alema, Jean-Luc); Greek and Cyrillic names too.
_NAME_WORD = re.compile(r"^(?:[dlDLO]['’])?[^\W\d_][\w'’.-]*$")


def _name_word(token: str) -> bool:
    if not _NAME_WORD.match(token) or token.endswith("-"):
        return False
    first = token[2] if token[1:2] in ("'", "’") and len(token) > 2 else token[0]
    return first.isupper()


_HONORIFIC = re.compile(rf"^(?:(?:{words.HONORIFICS})\.?\s+)+", re.IGNORECASE)


def clean_name(text: str) -> str | None:
    """`text` as a person's name without honorific or rank, or None when it is not a name."""
    text = _HONORIFIC.sub("", text.strip())
    text = _TRAILING_LABEL.sub("", text).strip(" ,:")
    tokens = text.split()
    if not 2 <= len(tokens) <= 6 or re.search(r"[\d@/&+]", text):
        return None
    proper = 0
    for token in tokens:
        if token.lower() in words.PARTICLES and token != tokens[0]:
            continue
        if not _name_word(token):
            return None
        proper += 1
    if proper < 2 or _is_title(text) or is_org(text) or has(words.DESK + "|" + words.MARKERS, text):
        return None
    if has(r"the|of|for|in|on|at|to|with|from|our|your|new|all|more|read|see|page|language", text):
        return None
    return text


def _name_prefix(text: str) -> tuple[str, str] | None:
    """A name glued before its title ("Peter Stano Lead Spokesperson ..."): (name, title), or None."""
    found = re.search(words_re(words.TITLE_WORDS), text, re.IGNORECASE)
    if not found or found.start() == 0:
        return None
    name = clean_name(text[: found.start()].strip(" ,–—-:"))
    return (name, text[found.start() :].strip()) if name else None


def _titled_desk(text: str) -> bool:
    """A title that names a desk ("Director of Media Relations"): a title word outside the desk's name."""
    rest = re.sub(words_re(words.DESK), " ", text, flags=re.IGNORECASE)
    return has(
        r"director|directora?|head|manager|chief|lead|officer|leiter(?:in)?|jef[ae]|responsable|chef|"
        r"responsabile|capo|direttore|direttrice|directeur|directrice|hoofd|kierownik|dyrektor",
        rest,
    )


def _name_suffix(text: str) -> tuple[str, str] | None:
    """A name after a lower-case title ("viestintäpäällikkö Mikko Virtanen"): (name, title), or None."""
    tokens = text.split()
    for size in range(min(5, len(tokens) - 1), 1, -1):
        name = clean_name(" ".join(tokens[-size:]))
        if name and tokens[-size][:1].isupper():
            return name, " ".join(tokens[:-size])
    return None


def _is_title(text: str) -> bool:
    return has(words.TITLE_WORDS, text) or infer_kind(text) is not None


def is_org(text: str) -> bool:
    return has(words.ORG_WORDS, text) or re.search(words_re(words.ORG_SUFFIXES), text) is not None


def _languages(text: str) -> list[str]:
    """Language codes when `text` is nothing but languages ("EN, FR", "speaks German and French")."""
    from contacts_cli.model import LANGUAGES

    body = re.sub(
        r"^(?:languages?|langues?|sprachen|idiomas?|lingue|speaks?|spricht|parle)\s*:?\s*",
        "",
        text,
        flags=re.IGNORECASE,
    )
    tokens = [t for t in re.split(r"[\s,/]+|\band\b|\bund\b|\bet\b", body) if t]
    if not tokens:
        return []
    codes = []
    for token in tokens:
        if re.fullmatch(r"[A-Z]{2}", token) and token.lower() in LANGUAGES and token != "EU":
            codes.append(token.lower())
        elif token.lower() in words.LANGUAGE_NAMES and (
            body != text or len(tokens) > 1 or token[0].isupper()
        ):
            codes.append(words.LANGUAGE_NAMES[token.lower()])
        else:
            return []
    return codes
