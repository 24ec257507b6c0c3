"""Links to the page Källdokument and the passage behind a figure as HTML.

Sources a person can read and open: the link to, and the passage of, a source document
behind a figure, with the figure marked.

The documents and their citations as plain text are ``dashboard.domain.documents``; here
``url`` is the link to the page Källdokument (``app_pages/kallor.py``) that shows the
lines around a figure (``passages.passage``), the figure marked (``passage_html``).
The passage itself is found by ``dashboard.view.passages``.
"""

from __future__ import annotations

import functools
import html
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from dashboard.domain import documents
from dashboard.view import passages

# The page that shows documents and passages (as st.page_link and st.switch_page name it),
# and its URL path (Streamlit's default for the file: its name without .py).
PAGE = "app_pages/kallor.py"
URL_PATH = "kallor"

# Query parameters of the page.
P_DOCUMENT, P_SECTION, P_VALUE, P_UNIT, P_LABEL = "dok", "avsnitt", "varde", "enhet", "post"


# --- links --------------------------------------------------------------------------------


def query_params(
    dokument: str,
    avsnitt: str | None = None,
    value: float | None = None,
    unit: str = "kr",
    label: str | None = None,
) -> dict[str, str]:
    """The page's query parameters for a passage (or, without ``avsnitt``, for the whole
    document), for ``st.page_link(sources.PAGE, query_params=...)``."""
    params = {P_DOCUMENT: documents.document_id(dokument)}
    if avsnitt:
        params[P_SECTION] = str(avsnitt)
    if value is not None and not passages.is_nan(value):
        params[P_VALUE] = str(int(value)) if float(value).is_integer() else repr(float(value))
        if unit != "kr":
            params[P_UNIT] = unit
    if label:
        params[P_LABEL] = str(label)
    return params


def url(
    dokument: str,
    avsnitt: str | None = None,
    value: float | None = None,
    unit: str = "kr",
    label: str | None = None,
) -> str:
    """A relative URL of the page Källdokument opening the passage behind a figure, e.g.
    ``kallor?dok=001&avsnitt=6.%20Ekonomiskt%20utfall%20…&varde=18958000``; for
    ``st.markdown(f"[Visa i källan]({url})")`` on any page of the app (it resolves against
    the page's own address, so it works under a path prefix too)."""
    params = query_params(dokument, avsnitt, value, unit, label)
    return f"{URL_PATH}?{urllib.parse.urlencode(params, quote_via=urllib.parse.quote)}"


def link(
    dokument: str,
    avsnitt: str | None = None,
    value: float | None = None,
    unit: str = "kr",
    label: str | None = None,
) -> str | None:
    """``url`` of the passage behind a figure, or None where there is no document text to
    open (an imported file, a source without a shipped text)."""
    if not documents.has_text(dokument) or (avsnitt is not None and documents.is_import(avsnitt)):
        return None
    return url(dokument, avsnitt, value, unit, label)


@dataclass(frozen=True)
class Request:
    """What the page's query parameters ask for (``parse``)."""

    dokument: str | None  # the file name; None when the id names no shipped document
    asked: str  # the id as given
    avsnitt: str | None
    value: float | None
    unit: str
    label: str | None


def parse(params: Mapping[str, str]) -> Request | None:
    """The page's query parameters read back; None without ``dok``. A value that is not a
    number is ignored (the passage shows the section's start)."""
    asked = params.get(P_DOCUMENT)
    if not asked:
        return None
    value: float | None = None
    raw_value = params.get(P_VALUE)
    if raw_value:
        try:
            value = float(raw_value.replace("\u2212", "-").replace(",", "."))
        except ValueError:
            value = None
    return Request(
        dokument=documents.document_file(asked),
        asked=asked,
        avsnitt=params.get(P_SECTION) or None,
        value=value,
        unit=params.get(P_UNIT) or "kr",
        label=params.get(P_LABEL) or None,
    )


# --- HTML ---------------------------------------------------------------------------------

# Lines wrap (no sideways scrolling), in a fixed-width font since flattened tables line up
# by spaces; the figure is marked by colour, weight and a frame (colour never alone), its
# line by a bar at the left edge.
CSS = """
<style>
.kalla-text { font-family: "Source Code Pro", ui-monospace, monospace; font-size: 0.9rem;
  line-height: 1.45; color: #111111; background: #ffffff; border: 1px solid #c5ced8;
  border-radius: 0.4rem; padding: 0.5rem 0; max-width: 100%; overflow-wrap: anywhere; }
.kalla-rad { display: grid; grid-template-columns: 5ch minmax(0, 1fr); column-gap: 1ch;
  padding: 0 0.75rem; }
.kalla-rad.kalla-traff { background: #fff8d6; box-shadow: inset 0.3rem 0 0 #1f4e79; }
.kalla-rad.kalla-tom { line-height: 0.5; }
.kalla-tom .kalla-nr { visibility: hidden; }
.kalla-nr { color: #4a5561; text-align: right; user-select: none; }
.kalla-rad > span:last-child { white-space: pre-wrap; tab-size: 4; min-width: 0; }
.kalla-text mark { background: #ffd84d; color: #111111; font-weight: 700;
  outline: 2px solid #1f4e79; border-radius: 2px; padding: 0 0.1em; }
</style>
"""


def _line_html(line: passages.Line) -> str:
    parts, at = [], 0
    for start, end in line.marks:
        parts.append(html.escape(line.text[at:start]))
        parts.append(f"<mark>{html.escape(line.text[start:end])}</mark>")
        at = end
    parts.append(html.escape(line.text[at:]))
    # A flattened PDF prints a blank line between most lines: those take half a line here.
    css = (
        "kalla-rad kalla-traff" if line.marks else "kalla-rad" if line.text.strip() else "kalla-rad kalla-tom"
    )
    number = f'<span class="kalla-nr">{line.number}</span>'
    return f'<div class="{css}">{number}<span>{"".join(parts)}</span></div>'


def lines_html(shown: tuple[passages.Line, ...] | list[passages.Line], label: str) -> str:
    """Lines with their numbers as HTML, every character of the text escaped (nothing a
    document prints becomes markup), figures in ``<mark>``. ``label`` names the block for a
    screen reader."""
    body = "\n".join(_line_html(line) for line in shown)
    return f'{CSS}<div class="kalla-text" role="region" aria-label="{html.escape(label)}">\n{body}\n</div>'


def passage_html(p: passages.Passage) -> str:
    """A passage as HTML (``lines_html``)."""
    return lines_html(p.lines, "Utdrag ur dokumentet")


@functools.cache
def document_html(dokument: str) -> str:
    """A whole document as HTML with line numbers (``lines_html``)."""
    shown = [passages.Line(i + 1, t) for i, t in enumerate(documents.lines(dokument))]
    return lines_html(shown, "Hela dokumentet")
