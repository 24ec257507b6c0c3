"""Plotly figures from finished frames: one look for every page, readable on a projector."""

from __future__ import annotations

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


def history_chart(frame: pd.DataFrame, column: str, label: str, merger_year: int | None = None) -> go.Figure:
    """One measure across the years, a bar per förbund and year, the merger (its year) marked.

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
    if merger_year is not None:
        fig.add_vline(x=merger_year - 0.5, line_dash="dash", line_color="#111111")
        fig.add_annotation(
            x=merger_year - 0.5,
            y=1.0,
            yref="paper",
            text=f"Sammanslagning 1 januari {merger_year}",
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


def occupancy_bars(rows: pd.DataFrame, team: str) -> go.Figure:
    """A team's active participants at each month's end (bars; a hidden count of 1–4 has no
    bar, only "<5") against its planned places (a line, or two for a range)."""
    months = [fmt.month(m)[:3] for m in rows["manad_slut"]]
    shown = rows["aktiva"].where(~rows["dold"].astype(bool))
    labels = [fmt.count(v, h) for v, h in zip(rows["aktiva"], rows["dold"], strict=True)]
    fig = go.Figure()
    fig.add_bar(
        x=months,
        y=shown.fillna(0),
        name="Aktiva vid månadens slut",
        marker_color=FORBUND_COLORS[0],
        text=labels,
        textposition="outside",
        cliponaxis=False,
        customdata=labels,
        hovertemplate="%{x}: %{customdata} aktiva vid månadens slut<extra></extra>",
    )
    low, high = rows["platser_min"], rows["platser_max"]
    if low.notna().any():
        ends = [("Planerade platser", high)] if (low == high).all() else [
            ("Planerade platser, lägst", low),
            ("Planerade platser, högst", high),
        ]  # fmt: skip
        for name, values in ends:
            fig.add_scatter(
                x=months,
                y=values,
                name=name,
                mode="lines",
                line={"color": TEXT_COLOR, "dash": "dash", "width": 2},
                hovertemplate="%{x}: %{y} " + name.lower() + "<extra></extra>",
            )
    fig.update_yaxes(title="deltagare", rangemode="tozero", tickformat=",.0f")
    return _style(fig, f"{team}: aktiva deltagare vid månadens slut", 420)
