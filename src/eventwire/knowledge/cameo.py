"""CAMEO/TABARI actor and agent dictionaries (the format of PETRARCH's Phoenix.*.txt).

Actor dictionary records:

    SERGEY_LAVROV_  # comment
    +SERGEI_LAVROV            synonyms, one a line
    \t[RUSGOV >20040309]      date-restricted codes on indented lines
    UN_ [IGOUNO]              or a code on the primary line (the default)

Agent dictionary records:  FARMER [~AGR],  CONGRESS!PERSON! [~LEG],  !PERSON! = MAN, MEN

Dates are YYYYMMDD or YYMMDD (YY 00-30 is 20YY, otherwise 19YY); "<d" holds before d,
">d" after, "d1-d2" between, all inclusive. Words join with "_" or spaces. We match
phrases as whole words, case-insensitively, and add regular plurals of agent nouns as
PETRARCH does; TABARI's stem matching (a phrase without a final "_" also matching
longer words) is not reproduced.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..errors import ConfigError
from .actors import ACTOR, ActorIndex, Coding
from .tables import read_table
from .terms import AGENT, MODIFIER, Term, Terms

log = logging.getLogger(__name__)

_CODE = re.compile(r"\[([^\]]*)\]")
_MACRO = re.compile(r"^!([A-Z]+)!\s*=\s*(.+)$")


@dataclass(frozen=True)
class CodeTable:
    first: dict[str, tuple[str, str]]  # code element in first position -> (role, plover)
    later: dict[str, tuple[str, str]]  # in later positions
    iso3: frozenset[str]

    @classmethod
    def load(cls, path: Path, iso3: set[str]) -> "CodeTable":
        first: dict[str, tuple[str, str]] = {}
        later: dict[str, tuple[str, str]] = {}
        for row in read_table(path, required=("code", "plover", "role")):
            role, plover = row.get("role"), row.get("plover")
            table = first if role in ("country", "region", "international") else later
            table.setdefault(row.get("code"), (role, plover))
            if role == "international":
                later.setdefault(row.get("code"), (role, plover))
        return cls(first, later, frozenset(iso3))

    def translate(self, code: str) -> tuple[str | None, tuple[str, ...]]:
        """A CAMEO code ("RUSGOVSPY", "IGOUNO", "~MIL") as (PLOVER country, sectors)."""
        code = code.strip().strip("~").upper()
        parts = [code[i:i + 3] for i in range(0, len(code) - len(code) % 3, 3)]
        if not parts:
            return None, ()
        country: str | None = None
        sectors: list[str] = []
        head, rest = parts[0], parts[1:]
        role, plover = self.first.get(head, ("", ""))
        if role == "country":
            country = plover
        elif role == "international":
            country = plover
        elif role == "region":
            country = None
        elif head in self.iso3:
            country = head
        else:
            rest = parts  # a bare agent code such as "ELI"
        for part in rest:
            role, plover = self.later.get(part, ("", ""))
            if role == "sector" and plover not in sectors:
                sectors.append(plover)
            elif role == "international" and country == "IGO" and plover in ("UNO", "EUR"):
                country = plover
        return country, tuple(sectors)


def _strip_comment(line: str) -> str:
    line = re.sub(r"<!--.*?-->", "", line)
    for mark in ("#", ";"):
        at = line.find(mark)
        if at != -1:
            line = line[:at]
    return line.rstrip()


def _phrase(raw: str) -> str:
    return " ".join(raw.replace("_", " ").split()).lower()


def _date(text: str, source: str) -> date:
    """YYMMDD or YYYYMMDD; like PETRARCH, only the first eight digits of a long date count."""
    text = text.strip()
    if not text.isdigit():
        raise ValueError(text)
    if len(text) <= 7:
        yy, month, day = int(text[:2]), int(text[2:4]), int(text[4:6])
        year = 2000 + yy if yy <= 30 else 1900 + yy
    else:
        year, month, day = int(text[:4]), int(text[4:6]), int(text[6:8])
    return date(year, month, day)


def _restriction(body: str, source: str) -> tuple[str, date | None, date | None] | None:
    """'RUSGOV >20040309' -> ('RUSGOV', 2004-03-09, None). A bare date is read as a
    start ("[USAGOV 19820101]"); an unreadable restriction is skipped with a warning."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0]
    if len(parts) == 1:
        return code, None, None
    spec = "".join(parts[1:])
    try:
        if spec.startswith("<"):
            return code, None, _date(spec[1:], source)
        if spec.startswith(">"):
            return code, _date(spec[1:], source), None
        if "-" in spec:
            low, high = spec.split("-", 1)
            return code, _date(low, source), _date(high, source)
        return code, _date(spec, source), None
    except ValueError:
        log.warning("%s: skipped the unreadable date restriction [%s]", source, body)
        return None


def looks_like_cameo(path: Path) -> bool:
    """A CAMEO/TABARI dictionary has bracketed codes and no tab-separated header."""
    try:
        with path.open(encoding="utf-8", errors="replace") as handle:
            head = [line for line in (handle.readline() for _ in range(400)) if line]
    except OSError:
        return False
    content = [_strip_comment(line) for line in head]
    content = [line for line in content if line.strip()]
    return any(_CODE.search(line) for line in content) and not any(
        "\t" in line.strip() and not line.startswith(("\t", " ")) and not _CODE.search(line)
        for line in content[:1]
    )


def is_agent_dictionary(path: Path) -> bool:
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            match = _CODE.search(_strip_comment(line))
            if match:
                return "~" in match.group(1)
    return False


def load_actor_dictionary(path: Path, index: ActorIndex, codes: CodeTable) -> int:
    """Add every record of a CAMEO actor dictionary to `index`; returns the record count."""
    records = 0
    forms: list[str] = []
    codings: list[tuple[str, date | None, date | None, str]] = []

    def flush() -> None:
        nonlocal records
        if not forms:
            return
        actor = index.actor(forms[0].title(), ACTOR)
        for form in forms:
            index.add_form(actor, form, priority=True, any_case=True)
        for code, start, end, source in codings:
            country, sectors = codes.translate(code)
            if country or sectors:
                index.add_coding(actor, Coding(country, sectors, start, end, source))
        records += 1
        forms.clear()
        codings.clear()

    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as err:
        raise ConfigError(f"{path}: cannot read the dictionary ({err.strerror}) — check the path") from None
    for number, raw in enumerate(lines, 1):
        source = f"{path.name}:{number}"
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if line[0] in " \t" and line.strip().startswith("["):
            match = _CODE.search(line)
            restriction = _restriction(match.group(1), source) if match else None
            if restriction:
                codings.append((*restriction, source))
            continue
        text = line.strip()
        match = _CODE.search(text)
        phrase = _phrase(_CODE.sub("", text))
        if text.startswith("+"):
            phrase = _phrase(_CODE.sub("", text[1:]))
            if phrase:
                forms.append(phrase)
            restriction = _restriction(match.group(1), source) if match else None
            if restriction:
                codings.append((*restriction, source))
            continue
        flush()
        if phrase:
            forms.append(phrase)
        restriction = _restriction(match.group(1), source) if match else None
        if restriction:
            codings.append((*restriction, source))
    flush()
    return records


def load_agent_dictionary(path: Path, terms: Terms, codes: CodeTable) -> int:
    """Add every agent noun of a CAMEO agents dictionary to `terms`; returns the count."""
    macros: dict[str, list[str]] = {}
    count = 0
    for number, raw in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
        source = f"{path.name}:{number}"
        line = _strip_comment(raw).strip()
        if not line:
            continue
        macro = _MACRO.match(line)
        if macro:
            macros[macro.group(1)] = [w.strip() for w in macro.group(2).split(",") if w.strip()]
            continue
        match = re.search(r"\[([^\]]*)[\]}]", line)
        if not match:
            continue
        _, sectors = codes.translate(match.group(1))
        body = line[:match.start()]
        plural = None
        brace = re.search(r"\{([^}]*)\}", body)
        if brace:
            plural = brace.group(1).strip()
            body = body[:brace.start()]
        try:
            phrases = _expand(body.strip(), macros)
        except ValueError as err:
            raise ConfigError(f"{path}:{number}: {err} — define the macro from other words") from None
        for phrase in phrases:
            words = _phrase(phrase)
            if not words or not sectors:
                continue
            forms = [words]
            if plural is None:
                forms.append(_plural(words))
            elif plural:
                forms.append(_phrase(plural))
            for form in forms:
                terms.add(Term(form, sectors, frozenset({AGENT, MODIFIER}), source), override=True)
                count += 1
    return count


def _expand(phrase: str, macros: dict[str, list[str]], depth: int = 0) -> list[str]:
    match = re.search(r"!([A-Z]+)!", phrase)
    if not match or match.group(1) not in macros:
        return [phrase.replace("!", "")]
    if depth >= 8:
        # "!PERSON! = !PERSON! MAN": a macro that names itself would never end
        raise ValueError(f"the macro !{match.group(1)}! refers to itself")
    out = []
    for value in macros[match.group(1)]:
        out.extend(_expand(phrase[:match.start()] + value + phrase[match.end():], macros, depth + 1))
    return out


def _plural(words: str) -> str:
    if words.endswith(("s", "x", "z", "ch", "sh")):
        return words + "es"
    if words.endswith("y") and words[-2:-1] not in "aeiou":
        return words[:-1] + "ies"
    return words + "s"
