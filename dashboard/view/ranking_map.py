"""The kommuner ranked, as a map and as bars: Plotly figures in the one look, and the same drawn as HTML."""

from __future__ import annotations

import base64
import html
import math
import re
import textwrap
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.exchange import fmt
from dashboard.view import charts

# Kolada's thirds, and one neutral colour for a measure that is neither good nor bad when high;
# the same in the ranking's bars and on the map.
KOLADA = {"röd": "#d7301f", "gul": "#fdd835", "grön": "#43a047", None: "#90a4ae"}
MISSING_COLOR = "#e0e0e0"


def _rings(geometry: dict) -> list[list[list[float]]]:
    """The outer rings of a Polygon or MultiPolygon."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"][0]]
    return [polygon[0] for polygon in geometry["coordinates"]]


def _label_point(feature: dict) -> tuple[float, float]:
    point = feature["properties"].get("geo_point_2d")
    if isinstance(point, dict):
        return point["lon"], point["lat"]
    if isinstance(point, list | tuple):
        return point[1], point[0]
    ring = _rings(feature["geometry"])[0]
    return sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring)


# The map's labels as drawn: 13 px type, two lines; the map about this tall on every screen.
_LABEL_CHAR_PX, _LABEL_LINE_PX, _MAP_PX = 8.0, 18.0, 540.0  # a little more than drawn: a margin


def _area(ring: list[list[float]]) -> float:
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:] + ring[:1], strict=True))) / 2


def _placed_labels(points: list[tuple[float, float, str, float]], ratio: float) -> set[int]:
    """Which labels fit without covering another (by place in ``points``: lon, lat, the label's
    longest line, the kommun's area), the largest kommun first. Dense län (Stockholm's 26
    kommuner) would otherwise write names over names."""
    lons, lats = [p[0] for p in points], [p[1] * ratio for p in points]
    span = max(max(lons) - min(lons), max(lats) - min(lats)) or 1.0
    px = _MAP_PX / span
    boxes: list[tuple[float, float, float, float]] = []
    kept: set[int] = set()
    for i in sorted(range(len(points)), key=lambda i: -points[i][3]):
        lon, lat, text, _ = points[i]
        half_w, half_h = (len(text) * _LABEL_CHAR_PX + 8) / 2, _LABEL_LINE_PX
        x, y = lon * px, lat * ratio * px
        box = (x - half_w, x + half_w, y - half_h, y + half_h)
        if all(box[1] < b[0] or box[0] > b[1] or box[3] < b[2] or box[2] > b[3] for b in boxes):
            boxes.append(box)
            kept.add(i)
    return kept


def county_map(
    table: pd.DataFrame, geojson: dict, label: str, value_text: list[str], provenance: str
) -> go.Figure:
    """The län's kommuner coloured by the ranking's own rule, drawn as filled shapes on a plain plot.

    The map and the ranking agree: Kolada's thirds (``table["farg"]``: red, yellow, green)
    where a high value is bad or good, one neutral colour where it is neither; every kommun
    carries its value with its unit, so colour is never the only signal. Plotly's geo maps
    fetch a base map from the internet even when it is hidden, and tile maps need WebGL;
    neither works in a closed meeting room. These shapes need nothing. The aspect follows the
    latitude, so the county keeps its shape. Missing kommuner are grey and say why on hover.
    Where kommuner lie too close for every name, the largest keep theirs and the caption names
    the others (their values are in the ranking beside the map).
    """
    by_code = table.set_index("omradeskod")
    texts = dict(zip(table["omradeskod"], value_text, strict=True))
    latitude = sum(_label_point(f)[1] for f in geojson["features"]) / max(len(geojson["features"]), 1)
    ratio = 1 / math.cos(math.radians(latitude or 59.7))
    fig = go.Figure()
    points: list[tuple[float, float, str, float]] = []
    label_texts: list[str] = []
    for feature in geojson["features"]:
        code = feature["properties"]["id"]
        if code in by_code.index:
            row = by_code.loc[code]
        else:  # a boundary the table has no row for: shown as missing, never a crash
            name = feature["properties"].get("kom_namn", code)
            row = pd.Series({"kommun": name, "varde": None, "saknas": "saknas i tabellen"})
            texts[code] = fmt.MISSING
        if pd.notna(row["varde"]):
            color = KOLADA.get(row["farg"] if isinstance(row["farg"], str) else None)
            hover = (
                f"<b>{row['kommun']}</b><br>{texts[code]}, plats {int(row['rang'])} av {int(row['antal'])}"
                f"<br>Källa: {row['kalla']}"
            )
        else:
            color = MISSING_COLOR
            hover = f"<b>{row['kommun']}</b><br>{row['saknas']}"
        for ring in _rings(feature["geometry"]):
            fig.add_scatter(
                x=[p[0] for p in ring],
                y=[p[1] for p in ring],
                fill="toself",
                fillcolor=color,
                mode="lines",
                line={"color": "white", "width": 1.5},
                hoveron="fills",
                text=hover,
                hoverinfo="text",
                showlegend=False,
            )
        lon, lat = _label_point(feature)
        longest = max(str(row["kommun"]), texts[code], key=len)
        points.append((lon, lat, longest, sum(_area(r) for r in _rings(feature["geometry"]))))
        label_texts.append(f"{row['kommun']}<br>{texts[code]}")
    kept = _placed_labels(points, ratio) if points else set()
    left_out = [name.split("<br>")[0] for i, name in enumerate(label_texts) if i not in kept]
    for i, (lon, lat, _, _) in enumerate(points):
        if i in kept:
            fig.add_annotation(
                x=lon,
                y=lat,
                text=label_texts[i],
                showarrow=False,
                font={"size": 13, "color": "#111111"},
                bgcolor="rgba(255,255,255,0.75)",
            )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=ratio)
    fig = charts._style(fig, label, 640)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 60, "b": 80 if left_out else 50}, plot_bgcolor="white")
    fig.add_annotation(
        text=f"Kommungränser: {provenance.split(' (')[0]}, efter Valmyndigheten",
        showarrow=False,
        xref="paper",
        yref="paper",
        x=0,
        y=-0.06,
        xanchor="left",
        font={"size": 13, "color": "#333333"},
    )
    if left_out:
        said = f"Utan namn på kartan, där kommunerna ligger tätt: {', '.join(sorted(left_out))}."
        lines = textwrap.wrap(said, 90)  # Plotly does not wrap
        fig.add_annotation(
            text="<br>".join(lines),
            showarrow=False,
            xref="paper",
            yref="paper",
            x=0,
            y=-0.12,
            xanchor="left",
            align="left",
            font={"size": 13, "color": "#333333"},
        )
    return fig


def ranking_bars(table: pd.DataFrame, refs: pd.DataFrame, label: str, value_text: list[str]) -> go.Figure:
    """The kommuner ranked, coloured by third where high is bad, with county and country lines."""
    present = table[table["varde"].notna()].iloc[::-1]
    texts = [t for t, v in zip(value_text, table["varde"], strict=True) if pd.notna(v)][::-1]
    fig = go.Figure(
        go.Bar(
            y=[f"{int(r)}. {k}" for r, k in zip(present["rang"], present["kommun"], strict=True)],
            x=present["varde"],
            orientation="h",
            marker_color=[KOLADA.get(f if isinstance(f, str) else None) for f in present["farg"]],
            text=texts,
            textposition="outside",
            cliponaxis=False,  # the value beside the longest bar is written in the margin
            hovertemplate="%{y}: %{text}<extra></extra>",
        )
    )
    # County and country as lines, named under the axis (close values would overprint labels
    # written beside their lines).
    named = []
    for (_, ref), dash, word in zip(refs.iterrows(), ("dash", "dot"), ("streckad", "prickad"), strict=False):
        fig.add_vline(x=ref["varde"], line_dash=dash, line_color="#111111", line_width=2)
        value = f" {ref['text']}" if "text" in ref else ""  # county_view.written_references writes it
        named.append(f"{word.capitalize()} linje: {ref['omrade']}{value}")
    fig.update_xaxes(title="<br>".join(named), nticks=4)
    fig = charts._style(fig, label, 200 + 48 * max(len(present), 1))
    return fig.update_layout(margin={"r": 20 + 11 * max((len(t) for t in texts), default=0), "t": 40})


# --- The county's map and ranking as HTML (no Plotly in the browser) --------------------------
#
# Plotly's code is a fixed cost of every page that draws a Plotly chart: its 4,7 MB bundle,
# loaded and run by a fresh browser (about 0,6 s of script in Chromium on the benchmark's
# machine, README: Performance). Länsjämförelse opens on its map and ranking, so they are
# drawn as what they are, filled shapes and bars, in the page's own SVG and HTML, from the
# very figures above (one look: the same colours, values and hover texts). The Plotly figures
# stay for the meeting pack, the wall and an interactive view when wanted.

_HTML_CACHE = "_finsam_html"  # a figure's HTML, made once: figures are shared and never changed


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def _plain(text: object) -> str:
    """Plotly's little HTML (``<b>``, ``<br>``) as plain text lines, for a tooltip."""
    return re.sub(r"<[^>]+>", "", str(text).replace("<br>", "\n"))


def _once(fig: go.Figure, make: Callable[[go.Figure], str]) -> str:
    made = getattr(fig, _HTML_CACHE, None)
    if made is None:
        made = make(fig)
        setattr(fig, _HTML_CACHE, made)
    return made


def map_html(fig: go.Figure, max_height_px: int = 560) -> str:
    """A ``county_map`` figure as HTML for ``st.html``: the kommuner's shapes in their colours
    (an SVG image: ``st.html`` lets no inline SVG through), each kommun's name and value written
    over it in the page's own type (so the text keeps its size whatever the map's) with its
    hover text as a tooltip, the title above and the boundaries' provenance below. Made once
    per figure."""
    return _once(fig, lambda f: _map_html(f, max_height_px))


_OUTLINE = 'stroke="white" stroke-width="1.5" vector-effect="non-scaling-stroke"'


def _map_html(fig: go.Figure, max_height_px: int) -> str:
    stretch = fig.layout.yaxis.scaleratio or 1.0  # the latitude's aspect, as on the Plotly map
    shapes = [(t.x, [-y * stretch for y in t.y], t.fillcolor, t.text) for t in fig.data]
    xs = [x for s in shapes for x in s[0]]
    ys = [y for s in shapes for y in s[1]]
    left, top = min(xs), min(ys)
    width, height = max(xs) - left, max(ys) - top
    unit = 1000 / max(width, height)  # a viewBox of at most 1000 units

    def point(x: float, y: float) -> str:
        return f"{(x - left) * unit:.1f} {(y - top) * unit:.1f}"

    paths, names = [], {}
    for xs_, ys_, color, hover in shapes:
        d = "M" + " L".join(point(x, y) for x, y in zip(xs_, ys_, strict=True)) + " Z"
        paths.append(f'<path d="{d}" fill="{color}" {_OUTLINE}/>')
        names[_plain(hover).split("\n", 1)[0]] = _plain(hover)
    labels, notes = [], []
    for note in fig.layout.annotations:
        if note.xref == "paper":
            notes.append(_escape(_plain(note.text)))
            continue
        x = (note.x - left) / width * 100
        y = (-note.y * stretch - top) / height * 100
        name, *rest = _plain(note.text).split("\n")
        text = "".join(f"<span>{_escape(line)}</span>" for line in (name, *rest))
        labels.append(
            f'<span class="finsam-map-label" style="left:{x:.1f}%;top:{y:.1f}%" '
            f'title="{_escape(names.get(name, name))}">{text}</span>'
        )
    w, h = width * unit, height * unit
    svg = f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}">{"".join(paths)}</svg>'
    image = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
    title = _escape(_plain(fig.layout.title.text or ""))
    return (
        "<style>.finsam-map{margin:0}.finsam-map-title{font-size:1.35rem;margin:0 0 .5rem}"
        f".finsam-map-box{{position:relative;aspect-ratio:{w:.0f}/{h:.0f};"
        f"width:min(100%,{max_height_px * w / h:.0f}px);margin:0 auto}}"
        ".finsam-map-box img{position:absolute;inset:0;width:100%;height:100%}"
        ".finsam-map-label{position:absolute;transform:translate(-50%,-50%);font-size:.8rem;"
        "line-height:1.15;text-align:center;white-space:nowrap;padding:0 .2em;color:#111;"
        "background:rgba(255,255,255,.75)}.finsam-map-label span{display:block}"
        ".finsam-map figcaption{font-size:.8rem;color:#333;margin-top:.5rem}</style>"
        f'<figure class="finsam-map" role="group" aria-label="{title}">'
        f'<div class="finsam-map-title">{title}</div><div class="finsam-map-box">'
        f'<img src="{image}" alt="{title}: karta över kommunerna">'
        f"{''.join(labels)}</div><figcaption>{' '.join(notes)}</figcaption></figure>"
    )


def bars_html(fig: go.Figure) -> str:
    """A ``ranking_bars`` figure as HTML: a row per kommun, top to bottom as ranked, its name,
    a bar in its colour and its value written beside the bar; the county's and the country's
    values as dashed and dotted lines across the bars, named below. Made once per figure."""
    return _once(fig, _bars_html)


def _bars_html(fig: go.Figure) -> str:
    bars = fig.data[0]
    names, values = list(bars.y)[::-1], list(bars.x)[::-1]  # Plotly draws the first at the bottom
    colors, texts = list(bars.marker.color)[::-1], list(bars.text)[::-1]
    lines = [(shape.x0, shape.line.dash) for shape in fig.layout.shapes]
    low = min([0.0, *values, *(x for x, _ in lines)])
    high = max([0.0, *values, *(x for x, _ in lines)]) or 1.0

    def at(value: float) -> str:
        return f"{(value - low) / (high - low) * 100:.2f}%"

    styles = {"dash": "dashed", "dot": "dotted"}
    marks = "".join(
        f'<i class="finsam-ref" style="left:{at(x)};border-left-style:{styles.get(d, "solid")}"></i>'
        for x, d in lines
    )
    # The lines are drawn once, across every row (a row each would send them once per kommun).
    rows = "".join(
        f'<div class="finsam-bar-row"><span class="finsam-bar-name">{_escape(name)}</span>'
        f'<span class="finsam-bar-area"><b style="left:{at(min(v, 0))};width:{at(abs(v) + low)};'
        f'background:{_escape(color)}"></b><span class="finsam-bar-value" style="left:{at(max(v, 0))}">'
        f"{_escape(text)}</span></span></div>"
        for name, v, color, text in zip(names, values, colors, texts, strict=True)
    )
    title = _escape(_plain(fig.layout.title.text or ""))
    axis = "<br>".join(_escape(line) for line in _plain(fig.layout.xaxis.title.text or "").split("\n"))
    return (
        "<style>.finsam-bars{margin:0}.finsam-bars-title{font-size:1.35rem;margin:0 0 .5rem}"
        ".finsam-bar-row{display:flex;align-items:stretch;min-height:1.9rem}"
        ".finsam-bar-name{flex:0 0 auto;width:38%;box-sizing:border-box;text-align:right;padding-right:.5rem;"
        "overflow-wrap:anywhere;align-self:center}"
        ".finsam-bar-rows{position:relative}"
        # the lines' layer spans the bars' area: after the names' 38 %, before the values' 5rem
        ".finsam-bar-refs{position:absolute;top:0;bottom:0;left:38%;right:5rem;pointer-events:none}"
        ".finsam-bar-area{position:relative;flex:1 1 auto;margin-right:5rem}"
        ".finsam-bar-area b{position:absolute;top:.2rem;bottom:.2rem}"
        ".finsam-bar-value{position:absolute;top:50%;transform:translateY(-50%);margin-left:.3rem;"
        "padding:0 .15rem;white-space:nowrap;font-variant-numeric:tabular-nums;z-index:1;"
        "background:rgba(255,255,255,.85)}"
        ".finsam-ref{position:absolute;top:0;bottom:0;border-left:2px solid #111}"
        ".finsam-bars figcaption{margin-top:.5rem;font-size:.9rem}</style>"
        f'<figure class="finsam-bars" aria-label="{title}"><div class="finsam-bars-title">{title}</div>'
        f'<div class="finsam-bar-rows">{rows}<div class="finsam-bar-refs">{marks}</div></div>'
        f"<figcaption>{axis}</figcaption></figure>"
    )
