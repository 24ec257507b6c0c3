"""Plotly figures from finished frames: one look for every page, readable on a projector."""

from __future__ import annotations

import base64
import html
import math
import re
from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go

from dashboard.exchange import fmt

FONT_SIZE = 18
TEXT_COLOR = "#111111"
COLORS = {
    "budget": "#9fb3c8",
    "utfall": "#1f4e79",
    "prognos": "#e07b00",
    "bra": "#2e7d32",
    "dalig": "#c62828",
    "neutral": "#546e7a",
}
# Plotly's own number format, made Swedish: space for thousands, comma for decimals.
SEPARATORS = ", "


def _style(fig: go.Figure, title: str, height: int) -> go.Figure:
    """The app's look. Title, axis titles and legend each get their own room: the title at
    the top and the legend at the bottom of the whole figure (``yref="container"``), so
    that Plotly widens the margins for them instead of drawing one over the other, however
    many rows a narrow screen wraps the legend into."""
    fig.update_layout(
        title={
            "text": title,
            "font": {"size": FONT_SIZE + 4},
            "x": 0,
            "xanchor": "left",
            "xref": "container",
            "yref": "container",
            "y": 1,
            "yanchor": "top",
            "pad": {"t": 12, "l": 8},
            "automargin": True,
        },
        font={"size": FONT_SIZE, "family": "Source Sans Pro, sans-serif", "color": TEXT_COLOR},
        separators=SEPARATORS,
        height=height,
        margin={"l": 20, "r": 30, "t": 20, "b": 10},
        plot_bgcolor="white",
        paper_bgcolor="white",
        legend={
            "orientation": "h",
            "yref": "container",
            "y": 0,
            "yanchor": "bottom",
            "x": 0,
            "xanchor": "left",
            "font": {"color": TEXT_COLOR},
        },
        hoverlabel={"font_size": FONT_SIZE},
    )
    axes = {"gridcolor": "#dddddd", "zerolinecolor": "#888888", "automargin": True, "tickangle": 0}
    axes |= {"tickfont": {"color": TEXT_COLOR}, "title_font": {"color": TEXT_COLOR}}
    fig.update_xaxes(**axes)
    fig.update_yaxes(**axes)
    return fig


def for_wall(fig: go.Figure, height: int, font_size: int = 22) -> go.Figure:
    """A copy of ``fig`` for the meeting-room wall: larger type (tick labels well above
    18 px on a 1280×720 projector), the height the slide gives it, and no title of its own
    (the slide's title says what it shows)."""
    wall = go.Figure(fig)
    wall.update_layout(
        height=height,
        font={"size": font_size},
        title={"text": ""},
        margin={"t": 10},
        hoverlabel={"font_size": font_size},
        legend={"font": {"size": font_size}},
    )
    wall.update_xaxes(tickfont={"size": font_size}, title_font={"size": font_size})
    wall.update_yaxes(tickfont={"size": font_size}, title_font={"size": font_size})
    wall.update_annotations(font_size=font_size - 2)
    wall.update_traces(textfont_size=font_size - 2, selector={"type": "waterfall"})
    wall.update_traces(textfont_size=font_size - 2, selector={"type": "bar"})
    return wall


def download_config(filename: str) -> dict:
    """Streamlit/Plotly config: the camera button saves a sharp PNG with a Swedish name."""
    return {
        "displaylogo": False,
        "locale": "sv",
        "toImageButtonOptions": {"format": "png", "filename": filename, "scale": 2},
        "modeBarButtonsToRemove": ["lasso2d", "select2d"],
    }


def budget_bars(
    table: pd.DataFrame, outcome_label: str, utfall_label: str | None, sort: str, budget_label: str = "Budget"
) -> go.Figure:
    """Budget against utfall and the year's outcome per cost line, as horizontal bars.

    Costs are drawn as positive kronor (what the line costs); ``sort`` is ``storlek`` (by
    budget) or ``avvikelse`` (by deviation, the worst at the top). The title names the
    measures drawn, and no other.
    """
    posts = table[(table["radtyp"] == "post") & (table["grupp"].astype(str) != "Intäkter")].copy()
    posts["sort_key"] = posts["budget"].abs() if sort == "storlek" else -posts["avvikelse"]
    posts = posts.sort_values("sort_key", ascending=True)  # Plotly draws the first row at the bottom
    fig = go.Figure()
    series = [("budget", "Budget", posts["budget"])]
    if utfall_label and posts["utfall"].notna().any():
        series.append(("utfall", utfall_label, posts["utfall"]))
    if posts["utfall_ar"].notna().any():
        series.append(("prognos", outcome_label, posts["utfall_ar"]))
    # Horizontal groups stack their first trace lowest: add in reverse so Budget is on top,
    # and reverse the legend back to reading order.
    for key, name, values in reversed(series):
        fig.add_bar(
            y=posts["post"],
            x=-values,
            name=name,
            orientation="h",
            marker_color=COLORS[key],
            customdata=[fmt.kr(-v) for v in values],
            hovertemplate="%{y}<br>" + name + ": %{customdata}<extra></extra>",
        )
    fig.update_layout(barmode="group", bargap=0.25, legend_traceorder="reversed")
    fig.update_xaxes(title="kronor (kostnad)", tickformat=",.0f", nticks=5)
    words = {"budget": "budget", "utfall": "utfall", "prognos": outcome_label.lower()}
    drawn = [words[key] for key, _, _ in series]
    measures = " och ".join([", ".join(drawn[:-1]), drawn[-1]]) if len(drawn) > 1 else budget_label.lower()
    return _style(fig, "Kostnader per post: " + measures, 140 + 70 * len(posts))


def result_waterfall(table: pd.DataFrame, column: str, label: str) -> go.Figure:
    """From medel från huvudmännen, group by group, down to the result: horizontal, so that
    every group's name reads in full, top to bottom, and each amount written in a column of
    its own at the right, where no bar or name can run into it."""
    sums = table[table["radtyp"] == "summa"]
    result = table[table["radtyp"] == "resultat"][column].iloc[0]
    names = [*(wrapped(str(g)) for g in sums["grupp"]), "Resultat"]
    values = [*sums[column], result]
    texts = [fmt.kr(v) for v in values]
    fig = go.Figure(
        go.Waterfall(
            y=names,
            x=values,
            orientation="h",
            measure=["relative"] * len(sums) + ["total"],
            customdata=texts,
            increasing={"marker": {"color": COLORS["bra"]}},
            decreasing={"marker": {"color": COLORS["dalig"]}},
            totals={"marker": {"color": COLORS["utfall"]}},
            connector={"line": {"color": "#888888"}},
            hovertemplate="%{y}: %{customdata}<extra></extra>",
        )
    )
    for name, text in zip(names, texts, strict=True):
        fig.add_annotation(
            x=1, xref="paper", xanchor="left", xshift=12, y=name, text=text, showarrow=False, align="left"
        )
    fig.update_yaxes(autorange="reversed")  # the income first, the result last
    fig.update_xaxes(tickformat=",.0f", nticks=5)  # the amounts at the right say "kr"
    fig = _style(fig, f"Från intäkter till resultat, {label}", 140 + 62 * len(names))
    return fig.update_layout(margin={"r": 20 + 12 * max(len(t) for t in texts)})


def wrapped(name: str, width: int = 24) -> str:
    """A long category name over two lines (at a space), so that it takes less of the width."""
    if len(name) <= width or " " not in name:
        return name
    middle = len(name) // 2
    cut = min((i for i, ch in enumerate(name) if ch == " "), key=lambda i: abs(i - middle))
    return name[:cut] + "<br>" + name[cut + 1 :]


# Planned figures are hatched, outcomes solid: the difference survives a grey print.
MEASURE_PATTERN = {"bokslut": "", "prognos": ".", "förväntat utfall": "x", "budget": "/"}
FORBUND_COLORS = ["#1f4e79", "#e07b00", "#2e7d32", "#8e24aa", "#546e7a"]


def _pattern(measure: str) -> str:
    first = (measure or "").split(", ")[0]
    return MEASURE_PATTERN.get(first, "")


def history_chart(frame: pd.DataFrame, column: str, label: str, merger_year: int = 2024) -> go.Figure:
    """One measure across the years, a bar per förbund and year, the merger marked.

    Each bar says in its hover which measure it is (bokslut, prognos, budget); planned
    figures are hatched.
    """
    measure_column = "eget_kapital_matt" if column == "eget_kapital" else "matt"
    fig = go.Figure()
    for color, (forbund, rows) in zip(FORBUND_COLORS, frame.groupby("forbund", sort=False), strict=False):
        rows = rows.dropna(subset=[column])
        if rows.empty:
            continue
        values = rows[column] if column != "kostnader" else -rows[column]
        measures = rows[measure_column].fillna("")
        fig.add_bar(
            x=rows["ar"],
            y=values,
            name=forbund,
            marker_color=color,
            marker_pattern_shape=[_pattern(m) for m in measures],
            customdata=list(zip([fmt.kr(v) for v in values], measures, strict=True)),
            hovertemplate=f"{forbund}<br>%{{x}}: %{{customdata[0]}} (%{{customdata[1]}})<extra></extra>",
        )
    fig.add_vline(x=merger_year - 0.5, line_dash="dash", line_color="#111111")
    fig.add_annotation(
        x=merger_year - 0.5,
        y=1.0,
        yref="paper",
        text="Sammanslagning 1 januari 2024",
        showarrow=False,
        xanchor="left",
        yanchor="bottom",
        font={"size": FONT_SIZE - 2},
    )
    fig.update_layout(barmode="group")
    fig.update_xaxes(dtick=1, title="")
    fig.update_yaxes(title="kronor" + (" (kostnad)" if column == "kostnader" else ""), tickformat=",.0f")
    return _style(fig, f"{label} per år och förbund", 560)


# The year's outcome, as each year's documents name it.
OUTCOME_SERIES = (
    ("bokslut", "Bokslut", COLORS["utfall"]),
    ("prognos", "Prognos", COLORS["prognos"]),
    ("forvantat_utfall", "Förväntat utfall", "#8e24aa"),
)


def insats_history_chart(frame: pd.DataFrame, name: str) -> go.Figure:
    """An insats's budget and outcome per year, whichever förbund financed it; each outcome
    named for what it is (bokslut, prognos, förväntat utfall)."""
    fig = go.Figure()
    series = [("budget", "Budget", COLORS["budget"]), *OUTCOME_SERIES]
    for column, label, color in series:
        values = frame[column]
        if values.notna().any():
            fig.add_bar(
                x=frame["ar"],
                y=-values,
                name=label,
                marker_color=color,
                customdata=list(zip([fmt.kr(-v) for v in values], frame["forbund"], strict=True)),
                hovertemplate="%{x}: %{customdata[0]}<br>%{customdata[1]}<extra>" + label + "</extra>",
            )
    fig.add_vline(x=2023.5, line_dash="dash", line_color="#111111")
    fig.update_layout(barmode="group")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title="kronor (kostnad)", tickformat=",.0f")
    return _style(fig, f"{name}: budget och utfall per år", 480)


EMPLOYER_COLORS = [
    "#1f4e79",
    "#e07b00",
    "#2e7d32",
    "#8e24aa",
    "#c62828",
    "#00838f",
    "#6d4c41",
    "#546e7a",
    "#9e9d24",
    "#ad1457",
]


def staffing_bars(fte: pd.DataFrame) -> go.Figure:
    """FTE per team, stacked by employer: who staffs whom."""
    fig = go.Figure()
    order = fte.groupby("namn")["fte"].sum().sort_values().index
    for color, (employer, rows) in zip(EMPLOYER_COLORS * 3, fte.groupby("arbetsgivare"), strict=False):
        rows = rows.set_index("namn").reindex(order)
        fig.add_bar(
            y=order,
            x=rows["fte"],
            name=employer,
            orientation="h",
            marker_color=color,
            customdata=[fmt.number(v, 2) if pd.notna(v) else "" for v in rows["fte"]],
            hovertemplate="%{y}<br>" + employer + ": %{customdata} FTE<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="årsarbetare (FTE)")
    return _style(fig, "Bemanning per team och arbetsgivare", 240 + 60 * len(order))


SURVEY_COLORS = {0: "#b2182b", 1: "#d6604d", 2: "#f4a582", 3: "#92c5de", 4: "#4393c3", 5: "#2166ac"}


def survey_chart(rows: pd.DataFrame, group: str) -> go.Figure:
    """Diverging stacked bars: per question and year, the lower answers to the left of
    zero and the higher to the right."""
    rows = rows.assign(
        fraga_ar=[f"Fråga {q}, {y}" for q, y in zip(rows["fraga_nr"], rows["ar"], strict=True)]
    )
    # Question 1 at the top, questions in numeric order (not 1, 10, 2), years in order.
    numbered = rows.assign(nr=pd.to_numeric(rows["fraga_nr"], errors="coerce"))
    order = list(dict.fromkeys(numbered.sort_values(["nr", "ar"], ascending=False)["fraga_ar"]))
    fig = go.Figure()
    # Negative steps stack outward from zero: the step nearest zero first.
    for step in (2, 1, 0, 3, 4, 5):
        for answer, part in rows[rows["steg"] == step].groupby("svar"):
            fig.add_bar(
                y=part["fraga_ar"],
                x=part["andel_signerad"] * 100,
                name=answer,
                orientation="h",
                marker_color=SURVEY_COLORS[step],
                legendgroup=answer,
                customdata=list(
                    zip(
                        [fmt.pct(a, 0) for a in part["andel"]],
                        part["antal_svar"].fillna(0),
                        part["fraga"],
                        strict=True,
                    )
                ),
                hovertemplate="%{customdata[2]}<br>"
                + answer
                + ": %{customdata[0]} (n=%{customdata[1]})<extra></extra>",
            )
    fig.update_layout(barmode="relative")
    fig.update_yaxes(categoryorder="array", categoryarray=order)
    fig.update_xaxes(title="andel av svaren (%), lägre svar till vänster", range=[-100, 100])
    return _style(fig, f"Indikatorer för finansiell samordning: {group}", 240 + 34 * len(order))


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


def county_map(
    table: pd.DataFrame, geojson: dict, label: str, value_text: list[str], provenance: str
) -> go.Figure:
    """The ten kommuner coloured by the ranking's own rule, drawn as filled shapes on a plain plot.

    The map and the ranking agree: Kolada's thirds (``table["farg"]``: red, yellow, green)
    where a high value is bad or good, one neutral colour where it is neither; every kommun
    carries its value with its unit, so colour is never the only signal. Plotly's geo maps
    fetch a base map from the internet even when it is hidden, and tile maps need WebGL;
    neither works in a closed meeting room. These shapes need nothing. The aspect follows the
    latitude, so the county keeps its shape. Missing kommuner are grey and say why on hover.
    """
    by_code = table.set_index("omradeskod")
    texts = dict(zip(table["omradeskod"], value_text, strict=True))
    fig = go.Figure()
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
        fig.add_annotation(
            x=lon,
            y=lat,
            text=f"{row['kommun']}<br>{texts[code]}",
            showarrow=False,
            font={"size": 13, "color": "#111111"},
            bgcolor="rgba(255,255,255,0.75)",
        )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(59.7)))
    fig = _style(fig, label, 640)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 60, "b": 50}, plot_bgcolor="white")
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
    fig = _style(fig, label, 200 + 48 * max(len(present), 1))
    return fig.update_layout(margin={"r": 20 + 11 * max((len(t) for t in texts), default=0), "t": 40})


def country_composition(frame: pd.DataFrame) -> go.Figure:
    """The country's helårsekvivalenter per ersättningssystem, with the total as published."""
    fig = go.Figure()
    parts = frame[frame["ersattningssystem"] != "Totalt"]
    for color, (system, rows) in zip(
        EMPLOYER_COLORS, parts.groupby("ersattningssystem", sort=False), strict=False
    ):
        fig.add_bar(
            x=rows["ar"],
            y=rows["helarsekvivalenter"],
            name=system,
            marker_color=color,
            hovertemplate=system + " %{x}: %{y:,.0f}<extra></extra>",
        )
    total = frame[frame["ersattningssystem"] == "Totalt"]
    fig.add_scatter(
        x=total["ar"],
        y=total["helarsekvivalenter"],
        name="Totalt (publicerat)",
        mode="markers",
        marker={"symbol": "line-ew-open", "size": 28, "color": "#111111", "line": {"width": 3}},
        hovertemplate="Totalt %{x}: %{y:,.0f}<extra></extra>",
    )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title="helårsekvivalenter", tickformat=",.0f")
    return _style(fig, "Riket: helårsekvivalenter per ersättningssystem", 560)


def _lines_by(fig: go.Figure, frame: pd.DataFrame, by: str, y: str, hover_text: list[str]) -> go.Figure:
    """One line per group over the years, in the app's colours; ``hover_text`` per row."""
    frame = frame.assign(_hover=hover_text)
    for (name, rows), color in zip(frame.groupby(by, sort=False), FORBUND_COLORS, strict=False):
        fig.add_scatter(
            x=rows["ar"],
            y=rows[y],
            name=name,
            mode="lines+markers",
            line={"color": color, "width": 3},
            marker={"size": 10},
            customdata=rows["_hover"],
            hovertemplate=f"{name} %{{x}}: %{{customdata}}<extra></extra>",
        )
    return fig


def trend_chart(frame: pd.DataFrame, label: str, texts: list[str], axis: str) -> go.Figure:
    """A measure over the years for a kommun, the county and the country: ``texts`` the values
    written out (with unit), ``axis`` the value axis's title."""
    hover = [f"{t}<br>Källa: {k}" for t, k in zip(texts, frame["kalla"], strict=True)]
    fig = _lines_by(go.Figure(), frame, "omrade", "varde", hover)
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title=axis, rangemode="tozero", separatethousands=True)
    return _style(fig, label, 460)


def scenario_chart(years: pd.DataFrame) -> go.Figure:
    """Result (bars) and eget kapital (line) per year, with the cap and the floor."""
    fig = go.Figure()
    fig.add_bar(
        x=years["ar"],
        y=years["resultat"],
        name="Resultat",
        marker_color=[COLORS["bra"] if v >= 0 else COLORS["dalig"] for v in years["resultat"]],
        text=[fmt.kr(v) for v in years["resultat"]],
        textposition="outside",
        hovertemplate="Resultat %{x}: %{text}<extra></extra>",
    )
    fig.add_scatter(
        x=years["ar"],
        y=years["eget_kapital"],
        name="Eget kapital 31/12",
        mode="lines+markers",
        line={"color": COLORS["utfall"], "width": 4},
        marker={"size": 12},
        customdata=[fmt.kr(v) for v in years["eget_kapital"]],
        hovertemplate="Eget kapital %{x}: %{customdata}<extra></extra>",
    )
    fig.add_scatter(
        x=years["ar"],
        y=years["tak"],
        name="Tak",
        mode="lines",
        line={"color": "#111111", "dash": "dash"},
        hoverinfo="skip",
    )
    if (years["golv"] > 0).any():
        fig.add_scatter(
            x=years["ar"],
            y=years["golv"],
            name="Golv",
            mode="lines",
            line={"color": "#111111", "dash": "dot"},
            hoverinfo="skip",
        )
    fig.add_hline(y=0, line_color="#888888")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title="kronor", tickformat=",.0f")
    return _style(fig, "Resultat och eget kapital per år", 480)


def compare_chart(table: pd.DataFrame) -> go.Figure:
    """Eget kapital per year for the compared scenarios."""
    fig = _lines_by(
        go.Figure(), table, "scenario", "eget_kapital", [fmt.kr(v) for v in table["eget_kapital"]]
    )
    fig.add_hline(y=0, line_color="#888888")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title="eget kapital, kronor", tickformat=",.0f")
    return _style(fig, "Eget kapital per år i de jämförda scenarierna", 440)


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
