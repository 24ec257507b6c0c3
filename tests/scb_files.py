"""SCB-style export files for the importer's tests: made here, in SCB's layout, never shipped.

The figures are invented for the tests only. They are chosen so that 2022 ranks the kommuner
the way 004 section 4 prints (20–64: Fagersta, Kungsör, Norberg highest; Hallstahammar and
Surahammar lowest), which the importer's ranking check is tested against.
"""

from __future__ import annotations

import io

import pandas as pd

KOMMUNER = {
    "1982": "Fagersta",
    "1960": "Kungsör",
    "1962": "Norberg",
    "1980": "Västerås",
    "1981": "Sala",
    "1983": "Köping",
    "1984": "Arboga",
    "1904": "Skinnskatteberg",
    "1907": "Surahammar",
    "1961": "Hallstahammar",
}
# Share of the population 20–64 per kommun, in the order of 004's ranking.
SHARE = {
    "1982": 19.0,
    "1960": 17.5,
    "1962": 17.0,
    "1980": 14.0,
    "1981": 13.5,
    "1983": 13.0,
    "1984": 12.8,
    "1904": 12.5,
    "1907": 11.0,
    "1961": 10.5,
}
POPULATION = {
    "1984": 7260,
    "1982": 6763,
    "1961": 8762,
    "1960": 4527,
    "1983": 13533,
    "1962": 2728,
    "1981": 11764,
    "1904": 2135,
    "1907": 5039,
    "1980": 91602,
}
HEADER = [
    "region",
    "ålder",
    "månad",
    "Sjukpenning m.m.",
    "Sjuk- och aktivitetsersättning",
    "Arbetslöshetsersättning",
    "Arbetsmarknadsåtgärder",
    "Ekonomiskt bistånd",
    "Etableringsersättning",
    "Totalt",
    "Befolkning 20-64 år",
    "Andel av befolkningen, procent",
]
# How the total splits over the six systems.
SPLIT = (0.2, 0.3, 0.1, 0.2, 0.15, 0.05)


def swedish(value: float, decimals: int = 1) -> str:
    """1234.5 as SCB writes it: ``1 234,5`` with a no-break space."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", "\u00a0").replace(".", ",")


def monthly_rows(year: int = 2022, months: int = 12) -> list[list[str]]:
    rows = []
    for code, name in KOMMUNER.items():
        for month in range(1, months + 1):
            # The months vary around the year's level; their mean is the level itself.
            wobble = (month - 6.5) / 100
            total = POPULATION[code] * SHARE[code] / 100 * (1 + wobble)
            parts = [total * s for s in SPLIT]
            rows.append(
                [
                    f"{code} {name}",
                    "20-64 år",
                    f"{year}M{month:02d}",
                    *[swedish(p) for p in parts],
                    swedish(total),
                    swedish(POPULATION[code], 0),
                    swedish(total / POPULATION[code] * 100),
                ]
            )
    return rows


def csv_bytes(
    rows: list[list[str]] | None = None,
    delimiter: str = ";",
    encoding: str = "utf-8-sig",
    header: list[str] | None = None,
    title: bool = True,
    newline: str = "\r\n",
) -> bytes:
    lines = []
    if title:
        lines += ['"Antal helårsekvivalenter efter region, ålder, ersättningssystem och månad"', ""]
    for row in [header or HEADER, *(rows if rows is not None else monthly_rows())]:
        # Numbers unquoted, as SCB writes them, unless a decimal comma would split them.
        lines.append(
            delimiter.join(
                c if c.replace(",", "").replace("\u00a0", "").isdigit() and delimiter != "," else f'"{c}"'
                for c in row
            )
        )
    lines += ["", '"Källa: SCB (testfil för dashboardens tester)"']
    return newline.join(lines).encode(encoding)


def xlsx_bytes(rows: list[list[str]] | None = None) -> bytes:
    buffer = io.BytesIO()
    frame = pd.DataFrame([HEADER, *(rows if rows is not None else monthly_rows())])
    frame.to_excel(buffer, index=False, header=False)
    return buffer.getvalue()


# ------------------------------------------------------------------ issue 18: hostile files


def with_cell(row: int, column: int, value: str, months: int = 12) -> list[list[str]]:
    """The monthly rows with one cell replaced (row 0 is Fagersta, January)."""
    rows = [list(r) for r in monthly_rows(months=months)]
    rows[row][column] = value
    return rows


def junk_xlsx() -> bytes:
    """A zip that calls itself a workbook but holds none (openpyxl: KeyError)."""
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        target.writestr("[Content_Types].xml", "<Types/>")
    return out.getvalue()


UTF16_JUNK = b"\xff\xfe" + "region;månad\n".encode("utf-16-le") + b"\x00\xd8A\x00"
