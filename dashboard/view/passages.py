"""The passage of a source document behind a figure, the figure found as printed.

The passage of a source document behind a figure: its section found by the document's own
headings, the figure found as the documents print it, the lines around it.

Finding a section: the heading whose number and words agree with ``avsnitt`` (the documents'
own headings, wherever a line starts with them; contents lists left out), to the next
heading at the same or a higher level. Finding a figure: within the section, the number as
the documents print it (``18 958 000``, in tkr ``18 958``; spaces or no-break spaces between
thousands, a sign ``-`` or ``−`` or none: costs are negative in the data, often unsigned in
print).
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

from dashboard.domain import documents
from dashboard.exchange import fmt

CONTEXT = 6  # non-empty lines shown before and after a figure

_SEP = "[ \u00a0\u202f]"  # a thousands separator: space, no-break space, narrow no-break space
_SIGN = "[-\u2212\u2013]"  # hyphen-minus, minus sign, en dash


# --- sections -----------------------------------------------------------------------------

_BILAGA = re.compile(r"(?i)bilaga\s+(\d{1,2})\b\.?")
_CONTENTS = re.compile(r"\.{4,}|\t\d+\s*$")  # a line of a table of contents
_QUOTED = re.compile(r"[”“\"](.+?)[”“\"]")
_BILAGA_BASE = 1000  # appendices come after every numbered section


def _norm(text: str) -> str:
    """Text for comparing headings: lower case, one kind of dash, single spaces, no marks."""
    text = text.replace("\u2013", "-").replace("\u2014", "-").replace("\u2212", "-")
    return " ".join(text.casefold().split()).strip(" .:")


def _bare(line: str) -> str:
    """A line without Markdown heading marks and surrounding space."""
    return line.strip().lstrip("#").strip()


@dataclass(frozen=True)
class _Wanted:
    """What ``avsnitt`` asks for: a numbered section or appendix, its heading words, and
    words of a part inside it (after "–", ":" or ",") or quoted phrases."""

    number: tuple[int, ...] | None
    heading: str
    part: str
    phrases: tuple[str, ...]


def _wanted(avsnitt: str) -> _Wanted:
    text = " ".join(str(avsnitt).split())
    phrases = tuple(p.strip() for p in _QUOTED.findall(text) if p.strip())
    number: tuple[int, ...] | None = None
    bilaga = _BILAGA.match(text)
    if bilaga:
        number = (_BILAGA_BASE + int(bilaga.group(1)),)
        text = text[bilaga.end() :].strip()
    else:
        match = documents._SECTION_NUMBER.match(text)
        if match:
            number = tuple(int(n) for n in match.group("number").split("."))
            text = text[match.end() :].strip()
    heading, part = text, ""
    cut = min((i for i in (text.find(" – "), text.find(": "), text.find(", ")) if i >= 0), default=-1)
    if cut >= 0:
        heading, part = text[:cut], text[cut:].lstrip(" –:,")
    if heading.startswith(("”", "“", '"')):
        heading = ""
    return _Wanted(number, _norm(heading), _norm(part), phrases)


def _line_heading(line: str) -> tuple[tuple[int, ...] | None, str]:
    """A line's leading section number (an appendix as 1000 + n) and the words after it."""
    bare = _bare(line)
    bilaga = _BILAGA.match(bare)
    if bilaga:
        return (_BILAGA_BASE + int(bilaga.group(1)),), _norm(bare[bilaga.end() :])
    match = documents._SECTION_NUMBER.match(bare)
    if match:
        return tuple(int(n) for n in match.group("number").split(".")), _norm(bare[match.end() :])
    return None, _norm(bare)


def _agrees(words: str, heading: str) -> bool:
    """A printed heading agrees with the wanted one when one begins the other (a long
    heading wraps onto the next line; a citation may add words)."""
    if not words or not heading:
        return False
    shorter = min(len(words), len(heading))
    return shorter >= min(len(heading), 6) and (heading.startswith(words) or words.startswith(heading))


def _is_outline_heading(line: str) -> tuple[int, ...] | None:
    """The number of a line that looks like a section heading (short, capitalised, not a
    sentence or a contents line), else None."""
    bare = _bare(line)
    if not bare or len(bare) > 90 or _CONTENTS.search(line):
        return None
    number, _ = _line_heading(line)
    if number is None:
        return None
    if number[0] >= _BILAGA_BASE:
        return number
    text = bare[documents._SECTION_NUMBER.match(bare).end() :].strip()
    if number[0] > 30 or not text or not text[0].isupper() or text.endswith((".", ",", ";")):
        return None
    return number


def _natural_next(a: tuple[int, ...], b: tuple[int, ...]) -> bool:
    """b follows a directly: a's first subsection, its next sibling, or an ancestor's next."""
    return b == (*a, 1) or any(b == (*a[:k], a[k] + 1) for k in range(len(a)))


@functools.cache
def _outline(dokument: str) -> tuple[tuple[int, tuple[int, ...]], ...]:
    """The document's headings in order: (line index, number).

    Lines that merely look like headings (footnotes, numbered lists) are left out by taking
    the longest run of heading-like lines whose numbers rise through the document, and among
    equally long runs the one whose numbers follow each other most directly."""
    found = [(i, n) for i, line in enumerate(documents.lines(dokument)) if (n := _is_outline_heading(line))]
    best: list[tuple[int, int]] = []  # (length, -jumps) of the best run ending at each
    back: list[int] = []
    for i, (_, number) in enumerate(found):
        score, prev = (1, 0 if number in ((1,), (_BILAGA_BASE + 1,)) else -1), -1
        for j in range(i):
            if found[j][1] < number:
                jump = 0 if _natural_next(found[j][1], number) else 1
                candidate = (best[j][0] + 1, best[j][1] - jump)
                if candidate > score:
                    score, prev = candidate, j
        best.append(score)
        back.append(prev)
    if not found:
        return ()
    i = max(range(len(found)), key=lambda k: best[k])
    run = []
    while i >= 0:
        run.append(found[i])
        i = back[i]
    return tuple(reversed(run))


def _section_end(dokument: str, start: int, number: tuple[int, ...] | None) -> int:
    """The index after a section's last line: the next heading at the same or a higher
    level (for an appendix, the next appendix), else the end of the document."""
    text = documents.lines(dokument)
    if number and number[0] >= _BILAGA_BASE:
        for i in range(start + 1, len(text)):
            n, _ = _line_heading(text[i])
            if n and n[0] > number[0] and n[0] >= _BILAGA_BASE:
                return i
        return len(text)
    for i, n in _outline(dokument):
        if i <= start:
            continue
        if n[0] >= _BILAGA_BASE:
            return i
        if number is None or (n > number and n[: len(number)] != number):
            return i
    return len(text)


def _section_starts(dokument: str, wanted: _Wanted) -> list[int]:
    """Indexes of the lines that may begin the wanted section, in document order."""
    text = documents.lines(dokument)
    starts = []
    for i, line in enumerate(text):
        if _CONTENTS.search(line) or len(_bare(line)) > 120:
            continue
        number, words = _line_heading(line)
        if wanted.number is not None:
            if number != wanted.number:
                continue
            if wanted.number[0] >= _BILAGA_BASE:
                # An appendix: its bare heading, or the heading's words on the lines after.
                near = " ".join(_norm(t) for t in text[i : i + 6])
                if not words or _agrees(words, wanted.heading) or (wanted.heading and wanted.heading in near):
                    starts.append(i)
            elif _agrees(words, wanted.heading) or (not wanted.heading and words):
                starts.append(i)
        elif wanted.heading and _agrees(words, wanted.heading):
            starts.append(i)
    return starts


def _inner_start(dokument: str, start: int, end: int, wanted: _Wanted) -> int:
    """Where the part of a section that ``avsnitt`` names begins (a subheading or a quoted
    phrase), else the section's start."""
    text = documents.lines(dokument)
    for phrase in wanted.phrases:
        line = _phrase_line(text, start, end, phrase)
        if line is not None:
            return line
    if wanted.part:
        best, best_len = start, 0
        for i in range(start + 1, end):
            words = _norm(_bare(text[i]))
            if len(words) > 120 or not words:
                continue
            common = len(_common_prefix(words, wanted.part))
            if common >= min(len(wanted.part), 8) and common > best_len:
                best, best_len = i, common
        return best
    return start


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _phrase_line(text: tuple[str, ...], start: int, end: int, phrase: str) -> int | None:
    """The line where a phrase begins, the phrase allowed to wrap over lines."""
    words = phrase.split()
    if not words:
        return None
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    joined = "\n".join(text[start:end])
    match = pattern.search(joined)
    if not match:
        return None
    return start + joined.count("\n", 0, match.start())


# --- figures ------------------------------------------------------------------------------


def printed(value: float, unit: str = "kr") -> str:
    """A figure as the documents print it, for sentences: ``18 958 000 kr``, ``7 046 tkr``."""
    if unit == "tkr":
        return f"{fmt.number(abs(round(value / 1000)))}\u00a0tkr"
    if unit == "kr":
        return fmt.kr(abs(value))
    decimals = 0 if float(value).is_integer() else len(repr(float(value)).split(".")[1])
    shown = fmt.number(abs(value), decimals)
    return f"{shown}\u00a0{unit}" if unit else shown


def _figure_pattern(value: float, unit: str) -> re.Pattern[str]:
    """A number as printed: its digits in groups of three with or without separators, a
    sign right before it or none, never inside a longer number or a decimal."""
    number = abs(value / 1000 if unit == "tkr" else value)
    if float(number).is_integer() or unit in ("kr", "tkr"):
        digits = str(round(number))
        head = len(digits) % 3 or 3
        groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
        body = f"{_SEP}?".join(groups)
    else:
        whole, fraction = repr(float(number)).split(".")
        body = f"{whole}[,.]{fraction}"
    return re.compile(rf"(?<![\d,.]){_SIGN}?(?P<digits>{body})(?!\d|[,.]\d)")


def _figure_spans(line: str, pattern: re.Pattern[str]) -> list[tuple[int, int, bool]]:
    """(start, end, clear) of each place the figure is printed on a line. Not clear: the
    figure could be part of a larger number, a group of digits right before it (``14 218
    500`` for 218 500) or three right after it (``18 958 000`` for 18 958 tkr); flattened
    table columns may be one number or two (``64 119`` is 64 and 119 tkr in 002)."""
    spans = []
    for match in pattern.finditer(line):
        before = line[: match.start()]
        signed = match.start() != match.start("digits")
        lead = None if signed else re.search(rf"(?:^|[^\d,.])([1-9]\d{{0,2}}){_SEP}$", before)
        tail = re.match(r"\d{3}(?!\d)", match.group("digits"))  # could continue a number
        after = line[match.end() :]
        clear = not (lead and tail) and not re.match(rf"{_SEP}\d{{3}}(?!\d)", after)
        spans.append((match.start(), match.end(), clear))
    return spans


def figure_spans(text: str, value: float, unit: str = "kr") -> list[tuple[int, int, bool]]:
    """Where a line prints a figure: (start, end, clear) for each place (see ``passage``
    for ``value`` and ``unit``; ``clear`` False where the figure could be part of a larger
    number)."""
    return _figure_spans(text, _figure_pattern(value, unit))


# --- passages -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of a document: its number (1 is the first line), text as printed, and the
    character spans (start, end) in ``text`` where the figure is printed."""

    number: int
    text: str
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Passage:
    """The lines of a document around a figure (or a section's start).

    ``found``: the figure asked for is marked in ``lines``. ``figure_lines``: every line of
    the section that prints it. ``section``: first and last line number of the section
    (None when its heading was not found). ``notice``: a plain Swedish sentence when the
    figure or the section was not found, else None."""

    dokument: str
    avsnitt: str
    lines: tuple[Line, ...]
    found: bool
    figure_lines: tuple[int, ...]
    section: tuple[int, int] | None
    notice: str | None

    @property
    def marked(self) -> tuple[int, ...]:
        """Numbers of the shown lines with the figure marked."""
        return tuple(line.number for line in self.lines if line.marks)

    def status(self, unit: str = "kr") -> str | None:
        """What the reader is shown above the lines: the ``notice``, or where the figure is
        marked as the document prints it (``Siffran -963 tkr är markerad på rad 1356.``);
        None without a figure."""
        if self.notice or not self.found:
            return self.notice
        first = next(line for line in self.lines if line.marks)
        start, end = first.marks[0]
        figure = first.text[start:end] + (f"\u00a0{unit}" if unit else "")
        rows = ", ".join(str(n) for n in self.marked)
        return f"Siffran {figure} är markerad på rad {rows}."


def _window(text: tuple[str, ...], centre: int, before: int, after: int, lo: int, hi: int) -> range:
    """Indexes from ``before`` non-empty lines before ``centre`` to ``after`` non-empty
    lines after it, within [lo, hi)."""
    first = centre
    seen = 0
    while first > lo and seen < before:
        first -= 1
        seen += bool(text[first].strip())
    last = centre
    seen = 0
    while last < hi - 1 and seen < after:
        last += 1
        seen += bool(text[last].strip())
    return range(first, last + 1)


def _label_near(text: tuple[str, ...], index: int, label: str) -> bool:
    """The label printed on the figure's line or the few lines above it (a flattened table
    may wrap a row's label)."""
    wanted = _norm(label)
    if not wanted:
        return False
    above = [t for t in text[max(0, index - 4) : index + 1] if t.strip()][-3:]
    return wanted in _norm(" ".join(above)) or _norm(" ".join(wanted.split()[:2])) in _norm(text[index])


@functools.lru_cache(maxsize=512)
def passage(
    dokument: str,
    avsnitt: str,
    value: float | None = None,
    unit: str = "kr",
    context: int = CONTEXT,
    label: str | None = None,
) -> Passage:
    """The lines of a document around a figure of the section ``avsnitt``, figure marked.

    ``value`` as in the data (kronor for ``unit`` "kr" and "tkr"; the sign does not matter),
    ``unit`` as in ``enhet_i_kallan`` ("kr" or "tkr"; another unit, e.g. "" or "%", looks
    for the number as written). Where the section prints the figure more than once,
    ``label`` (the line's post as printed) picks the line; all are marked that are shown.
    Without a value, or when the figure is not printed in the section, the section's start
    (or the part of it ``avsnitt`` names) with a ``notice`` saying so. KeyError if the
    document does not ship."""
    text = documents.lines(dokument)
    wanted = _wanted(avsnitt)
    starts = _section_starts(dokument, wanted)
    sections = [(s, _section_end(dokument, s, wanted.number or _line_heading(text[s])[0])) for s in starts]
    pattern = _figure_pattern(value, unit) if value is not None and not is_nan(value) else None

    # The section: the first whose text prints the figure, else the last (after contents).
    hits: dict[int, list[tuple[int, int, bool]]] = {}
    chosen = sections[-1] if sections else None
    for start, end in sections if pattern is not None else ():
        found = {i: s for i in range(start, end) if (s := _figure_spans(text[i], pattern))}
        if found:
            chosen, hits = (start, end), found
            break
    if chosen is None:
        lo, hi, inner = 0, len(text), 0
        if pattern is not None:  # no such heading: the figure anywhere in the document
            hits = {i: s for i in range(lo, hi) if (s := _figure_spans(text[i], pattern))}
    else:
        lo, hi = chosen
        inner = _inner_start(dokument, lo, hi, wanted)

    # The lines to show: its label's line before any other, a clear place before one beside
    # other numbers, and (for a part of the section, e.g. a note) a line in that part first.
    def rank(i: int) -> tuple[bool, bool]:
        return (not (label and _label_near(text, i, label)), not any(c for _, _, c in hits[i]))

    marks: dict[int, tuple[tuple[int, int], ...]] = {}
    notice = None
    if hits:
        best = min(rank(i) for i in hits)
        chosen_lines = [i for i in sorted(hits) if rank(i) == best]
        centre = next((i for i in chosen_lines if i >= inner), chosen_lines[0])
        only_clear = not best[1]
        marks = {i: tuple((a, b) for a, b, c in hits[i] if c or not only_clear) for i in chosen_lines}
        shown = _window(text, centre, context, context, lo, hi)
        if chosen is None:
            notice = f"Avsnittet hittades inte som rubrik i dokumentet; siffran står på rad {centre + 1}."
        elif best == (True, True):  # neither its label nor a clear place confirms it
            notice = (
                f"Siffran {printed(value, unit)} står tätt intill andra tal på raden; "
                "kontrollera att det markerade är rätt tal."
            )
    else:
        shown = _window(text, inner, 0, 2 * context, lo, hi)
        if chosen is None and pattern is not None:
            notice = (
                f"Avsnittet hittades inte som rubrik i dokumentet, och siffran {printed(value, unit)} "
                "inte heller; här visas dokumentets början."
            )
        elif chosen is None:
            notice = "Avsnittet hittades inte som rubrik i dokumentet; här visas dokumentets början."
        elif pattern is not None:
            notice = (
                f"Siffran {printed(value, unit)} hittades inte som den är tryckt i avsnittet; "
                "här visas avsnittets början."
            )

    out = tuple(Line(i + 1, text[i], marks.get(i, ())) for i in shown)
    return Passage(
        dokument=dokument,
        avsnitt=avsnitt,
        lines=out,
        found=any(line.marks for line in out),
        figure_lines=tuple(i + 1 for i in sorted(hits)),
        section=(lo + 1, hi) if chosen is not None else None,
        notice=notice,
    )


def is_nan(value: float) -> bool:
    """Whether a figure asked for is missing (NaN)."""
    return isinstance(value, float) and math.isnan(value)
