"""Reconciliation: every total and deviation the documents print, recomputed from its lines."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb
import pandas as pd

from dashboard.store import sql


def checks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every printed total and deviation with its recomputed value, disagreeing or not.

    Columns: dokument, tabell, avsnitt, forbund, rad, post, kolumn, tryckt, beraknat,
    skillnad (printed minus computed), enhet_i_kallan, typ ("summa" or "avvikelse").
    """
    totals = sql.query(con, "reconciliation_totals").assign(typ="summa")
    deviations = sql.query(con, "reconciliation_deviations").assign(typ="avvikelse")
    return pd.concat([totals, deviations], ignore_index=True)


def disagreements(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The printed figures that do not equal the sum or difference of their lines."""
    all_checks = checks(con)
    return all_checks[all_checks["skillnad"] != 0].reset_index(drop=True)


# --- the årsredovisning's statements and key figures (issue 17) --------------------------

# Balance-sheet posts as an årsredovisning names them: eget kapital is the year's result and
# the rest of eget kapital; liquid funds are short placements and cash.
_EQUITY_POSTS = ("Årets resultat", "Övrigt eget kapital")
_ASSET_POSTS = ("Fordringar", "Kortfristiga placeringar", "Kassa och bank")
_LIQUID_POSTS = ("Kortfristiga placeringar", "Kassa och bank")
ABOUT_POINTS = 5.0  # a share printed as "ca 75 %" agrees within 5 percentage points


@dataclass(frozen=True)
class _Check:
    kontroll: str
    forbund: str
    ar: int
    tryckt: float
    beraknat: float
    unit: str  # "kr", "tkr" (whole), "tkr1" (one decimal), "%", "%1"
    dokument: str
    avsnitt: str
    about: bool = False

    @property
    def agrees(self) -> bool:
        if self.about:
            return abs(self.tryckt - self.beraknat) <= ABOUT_POINTS
        if self.unit == "tkr":
            return round(self.beraknat / 1000) * 1000 == self.tryckt
        if self.unit == "tkr1":
            return round(self.beraknat / 100) * 100 == self.tryckt
        if self.unit == "%":
            return round(self.beraknat) == self.tryckt
        if self.unit == "%1":
            return round(self.beraknat, 1) == self.tryckt
        return self.beraknat == self.tryckt


def _statement_checks(con: duckdb.DuckDBPyConnection) -> list[_Check]:
    balance = sql.query(con, "goals_check_balance")
    totals = sql.query(con, "goals_check_totals")
    sums = sql.query(con, "goals_check_sums")
    rows = sql.query(con, "goals_check_rows")
    figures = sql.query(con, "goals_check_nyckeltal")
    out: list[_Check] = []

    def bal(forbund: str, ar: int, posts: tuple[str, ...]) -> float | None:
        part = balance[(balance["forbund"] == forbund) & (balance["ar"] == ar) & balance["post"].isin(posts)]
        return float(part["belopp"].sum()) if len(part) == len(posts) else None

    def printed(forbund: str, ar: int, post: str, five_year: bool) -> pd.Series | None:
        part = totals[
            (totals["forbund"] == forbund)
            & (totals["ar"] == ar)
            & (totals["post"] == post)
            & (totals["tabell"].str.endswith("-1.1") == five_year)
        ]
        return part.iloc[0] if not part.empty else None

    # The five-year overview against the resultaträkning and the balansräkning.
    for t in totals[totals["tabell"].str.endswith("-1.1")].itertuples():
        full = printed(t.forbund, t.ar, t.post, five_year=False)
        if full is not None:
            out.append(
                _Check(
                    f"Femårsöversikten: {t.post} mot resultaträkningen",
                    t.forbund,
                    t.ar,
                    t.belopp,
                    full["belopp"],
                    "tkr",
                    t.dokument,
                    t.avsnitt,
                )
            )
    for n in figures[figures["nyckeltal"] == "soliditet"].itertuples():
        equity, assets = bal(n.forbund, n.ar, _EQUITY_POSTS), bal(n.forbund, n.ar, _ASSET_POSTS)
        if equity is not None and assets:
            out.append(
                _Check(
                    "Soliditet mot balansräkningen (eget kapital delat med summa tillgångar)",
                    n.forbund,
                    n.ar,
                    n.varde,
                    equity / assets * 100,
                    "%1",
                    n.dokument,
                    n.avsnitt,
                )
            )

    # Balanskrav and kassaflöde: every total against the rows it sums.
    for kind, part in rows.groupby(["tabelltyp", "forbund", "ar"]):
        tabelltyp, forbund, ar = kind
        by_rad = dict(zip(part["rad"], part["belopp"].fillna(0), strict=True))
        unit = "tkr1" if (part["enhet_i_kallan"].astype(str) == "tkr").all() else "kr"
        for r in part[part["summerar"].fillna("") != ""].itertuples():
            rads: list[int] = []
            for token in str(r.summerar).split():
                a, _, b = token.partition("..")
                rads += list(range(int(a), int(b) + 1)) if b else [int(a)]
            name = "Balanskravsutredningen" if tabelltyp == "balanskrav" else "Kassaflödesanalysen"
            out.append(
                _Check(
                    f"{name}: {r.post} mot raderna den summerar",
                    forbund,
                    ar,
                    r.belopp,
                    sum(by_rad.get(k, 0) for k in rads),
                    unit,
                    r.dokument,
                    r.avsnitt,
                )
            )
        result = printed(forbund, ar, "Årets resultat", five_year=False)
        first = part.iloc[0]
        if result is not None and first["post"] in ("Periodens resultat", "Årets resultat"):
            out.append(
                _Check(
                    f"{'Balanskravsutredningen' if tabelltyp == 'balanskrav' else 'Kassaflödesanalysen'}: "
                    f"{first['post']} mot resultaträkningen",
                    forbund,
                    ar,
                    first["belopp"],
                    result["belopp"],
                    unit,
                    first["dokument"],
                    first["avsnitt"],
                )
            )
        if tabelltyp != "kassaflode":
            continue
        named = dict(zip(part["post"], part["belopp"], strict=True))
        start, end = named.get("Likvida medel vid årets början"), named.get("Likvida medel vid årets slut")
        flow = named.get("Årets kassaflöde")
        src = (first["dokument"], first["avsnitt"])
        if start is not None and end is not None and flow is not None:
            out.append(
                _Check(
                    "Kassaflödesanalysen: årets kassaflöde mot förändringen av likvida medel",
                    forbund,
                    ar,
                    flow,
                    end - start,
                    "kr",
                    *src,
                )
            )
        liquid = bal(forbund, ar, _LIQUID_POSTS)
        if end is not None and liquid is not None:
            out.append(
                _Check(
                    "Kassaflödesanalysen: likvida medel vid årets slut mot balansräkningen "
                    "(kortfristiga placeringar och kassa och bank)",
                    forbund,
                    ar,
                    end,
                    liquid,
                    "kr",
                    *src,
                )
            )
        before = rows[
            (rows["tabelltyp"] == "kassaflode") & (rows["forbund"] == forbund) & (rows["ar"] == ar - 1)
        ]
        closing_before = before.loc[before["post"] == "Likvida medel vid årets slut", "belopp"]
        if start is not None and not closing_before.empty:
            out.append(
                _Check(
                    "Kassaflödesanalysen: likvida medel vid årets början mot föregående års slut",
                    forbund,
                    ar,
                    start,
                    closing_before.iloc[0],
                    "kr",
                    *src,
                )
            )
        for post, balance_post, sign in (
            ("Ökning/minskning kortfristiga fordringar", "Fordringar", -1),
            ("Ökning/minskning kortfristiga skulder", "Kortfristiga skulder", 1),
            (
                "Justering för övriga ej likviditetspåverkande poster som ingår i årets resultat",
                "Avsättningar för pensioner",
                1,
            ),
        ):
            now, then = bal(forbund, ar, (balance_post,)), bal(forbund, ar - 1, (balance_post,))
            if post in named and now is not None and then is not None:
                out.append(
                    _Check(
                        f"Kassaflödesanalysen: {post.lower()} mot balansräkningens {balance_post.lower()}",
                        forbund,
                        ar,
                        named[post],
                        sign * (now - then),
                        "kr",
                        *src,
                    )
                )

    # Key figures printed outside tables, recomputed from the lines they describe.
    def kat(forbund: str, ar: int, matt: str, kalla: str = "rader") -> dict[str, float]:
        part = sums[
            (sums["forbund"] == forbund)
            & (sums["ar"] == ar)
            & (sums["matt"] == matt)
            & (sums["kalla"] == kalla)
        ]
        return dict(zip(part["kategori"], part["belopp"].astype(float), strict=True))

    for n in figures.itertuples():
        unit = "%" if float(n.varde).is_integer() else "%1"
        about = str(n.varde_text).startswith("ca")
        lines = kat(n.forbund, n.ar, n.matt)
        costs = sum(v for k, v in lines.items() if k != "intäkt")
        insats = lines.get("individinsats", 0.0) + lines.get("strukturinsats", 0.0)
        shares = {
            "andel administrativa kostnader": (lines.get("administration", 0.0), costs, "av kostnaderna"),
            "andel direkta insatskostnader": (insats, costs, "av kostnaderna"),
            "andel individinsatser": (lines.get("individinsats", 0.0), insats, "av insatskostnaderna"),
            "andel metodutveckling och strukturella insatser": (
                lines.get("strukturinsats", 0.0),
                insats,
                "av insatskostnaderna",
            ),
        }
        if n.nyckeltal in shares and shares[n.nyckeltal][1]:
            part_, whole, of = shares[n.nyckeltal]
            out.append(
                _Check(
                    f"{n.nyckeltal.capitalize()} {of} mot budgetraderna",
                    n.forbund,
                    n.ar,
                    n.varde,
                    part_ / whole * 100,
                    unit,
                    n.dokument,
                    n.avsnitt,
                    about,
                )
            )
        contributions = kat(n.forbund, n.ar, n.matt, "bidrag").get("intäkt") or kat(
            n.forbund, n.ar, "utfall", "bidrag"
        ).get("intäkt")
        if n.nyckeltal == "medel från huvudmännen" and contributions:
            out.append(
                _Check(
                    "Medel från huvudmännen mot medlemmarnas bidrag",
                    n.forbund,
                    n.ar,
                    n.varde,
                    contributions,
                    "kr",
                    n.dokument,
                    n.avsnitt,
                )
            )
        if n.nyckeltal == "övriga intäkter" and contributions:
            income = printed(n.forbund, n.ar, "Verksamhetens intäkter", five_year=False)
            if income is not None:
                out.append(
                    _Check(
                        "Verksamhetens intäkter mot medlemmarnas bidrag och övriga intäkter",
                        n.forbund,
                        n.ar,
                        income["belopp"],
                        contributions + n.varde,
                        "kr",
                        income["dokument"],
                        income["avsnitt"],
                    )
                )
        if n.nyckeltal == "eget kapital i procent av årets medelstilldelning" and contributions:
            equity = bal(n.forbund, n.ar, _EQUITY_POSTS)
            if equity is not None:
                out.append(
                    _Check(
                        "Eget kapital i procent av årets medelstilldelning mot balansräkningen och bidragen",
                        n.forbund,
                        n.ar,
                        n.varde,
                        equity / contributions * 100,
                        unit,
                        n.dokument,
                        n.avsnitt,
                    )
                )
    return out


def statement_checks(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The årsredovisning's figures recomputed (issue 17): the five-year overview against the
    resultaträkning and balansräkning, every total of the balanskravsutredning and the
    kassaflödesanalys against its rows, the kassaflöde against the change in liquid funds
    and the balance sheets, and the key figures printed in the text or notes against the
    lines they describe. One row per check; ``stammer`` False where they disagree
    (at the printed precision: whole tkr, 0,1 tkr, whole or tenth %; "ca" within 5 points)."""
    checks = _statement_checks(con)
    return pd.DataFrame(
        {
            "kontroll": [c.kontroll for c in checks],
            "forbund": [c.forbund for c in checks],
            "ar": [c.ar for c in checks],
            "tryckt": [c.tryckt for c in checks],
            "beraknat": [c.beraknat for c in checks],
            "enhet": [c.unit for c in checks],
            "stammer": [c.agrees for c in checks],
            "ca": [c.about for c in checks],
            "dokument": [c.dokument for c in checks],
            "avsnitt": [c.avsnitt for c in checks],
        }
    )
