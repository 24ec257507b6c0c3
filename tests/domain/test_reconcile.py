"""Reconciliation finds exactly the documents' real disagreements, and no false ones."""

from __future__ import annotations

from dashboard.domain import reconcile
from dashboard.store import embedded

D000 = "000_bd6ae2b63bc30ce9.txt"
D003 = "003_0e0350ac31af1d8b.txt"

# Every printed total or deviation that does not equal its lines, read again in the
# documents: (document, table row label, column, printed minus computed).
REAL_DISAGREEMENTS = {
    # 000 section 7 Budgetplan 2022: Region Västmanland's förväntat utfall 2021 is printed
    # 3 327 000 against 3 327 500 in budget.
    (D000, "Intäkter summa", "förväntat utfall 2021", 500),
    # 2 749 000 + 5 498 000 + 2 749 000 = 10 996 000 (as section 2 also says); printed 10 990 000.
    (D000, "Intäkter summa", "budget 2022", -6000),
    (D000, "Intäkter summa", "budget 2023", -6000),
    # The seeds README's example: the lines sum to 11 444 000, the document prints 11 594 000.
    (D000, "Individinsatser", "budget 2022", -150000),
    (D000, "Totalt utgifter", "budget 2021", -61000),
    (D000, "Totalt utgifter", "förväntat utfall 2021", 662),
    (D000, "Totalt utgifter", "budget 2022", -2850),
    (D000, "Resultat", "budget 2021", 1000),
    (D000, "Resultat", "budget 2023", -84150),
    # 003 section 5 Driftsredovisning (tkr): rounding of 1 tkr in printed sums.
    (D003, "Summa administrativa kostnader", "bokslut 2020", 1000),
    (D003, "Summa administrativa kostnader", "budget 2021", 1000),
    (D003, "Summa kostnader individinsatser", "bokslut 2020", 1000),
    (D003, "SUMMA", "bokslut 2020", -1000),
    (D003, "Styrelse", "avvikelse 2021 (bokslut − budget)", -1000),
    (D003, "Processtöd samverkansinsatser", "avvikelse 2021 (bokslut − budget)", -1000),
    (D003, "Summa processtöd samverkansinsatser", "avvikelse 2021 (bokslut − budget)", -1000),
}


def test_finds_exactly_the_real_disagreements(con):
    found = {
        (r.dokument, r.post, r.kolumn, int(r.skillnad)) for r in reconcile.disagreements(con).itertuples()
    }
    assert found == REAL_DISAGREEMENTS


def test_checks_every_printed_total_and_deviation(con):
    checks = reconcile.checks(con)
    totals_with_lines = con.execute(
        "SELECT count(*) FROM printed_totals WHERE coalesce(trim(summerar), '') <> ''"
    ).fetchone()[0]
    deviations = con.execute("SELECT count(*) FROM printed_deviations").fetchone()[0]
    assert (checks["typ"] == "summa").sum() == totals_with_lines
    assert (checks["typ"] == "avvikelse").sum() == deviations


def test_001_result_agrees_with_its_lines(con):
    # 001 section 6, SUMMA: budget -2 028 622, utfall 5 108 938, prognos -9 073,
    # avvikelse 2 019 549; each equals the sum of the printed lines.
    checks = reconcile.checks(con)
    summa = checks[(checks["tabell"] == "001-6") & (checks["post"] == "SUMMA")]
    assert sorted(summa["tryckt"]) == [-2028622, -9073, 2019549, 5108938]
    assert (summa["skillnad"] == 0).all()


def test_preliminary_total_uses_preliminary_lines(con):
    # 000 section 7, Intäkter summa 2022 before the final allocation: 2 994 750 + 5 989 500
    # + 2 994 750 = 11 979 000, as printed.
    checks = reconcile.checks(con)
    row = checks[(checks["post"] == "Intäkter summa") & (checks["kolumn"] == "budget 2022 (preliminär)")]
    assert row[["tryckt", "beraknat"]].values.tolist() == [[11979000, 11979000]]


def test_a_changed_line_is_reported(scratch_con, data_copy):
    # 001 section 6: change Styrelse's budget (-619 227) by one krona; the SUMMA of the
    # budget column and the line's own deviation must disagree. (The SUMMA row's deviation
    # is checked against the printed SUMMA figures, which are unchanged.)
    lines = data_copy / "budget_lines.csv"
    text = lines.read_text(encoding="utf-8")
    lines.write_text(text.replace(",-619227,", ",-619228,", 1), encoding="utf-8")
    embedded.build(scratch_con, data_copy)
    bad = reconcile.disagreements(scratch_con)
    new = bad[bad["tabell"] == "001-6"]
    assert set(zip(new["post"], new["kolumn"], strict=True)) == {
        ("SUMMA", "budget 2025"),
        ("Styrelse", "avvikelse 2025 (prognos − budget)"),
    }


def test_statements_recomputed_find_the_two_real_disagreements(con):
    # Issue 17. 003 section 1.1 prints verksamhetens kostnader 2020 as -6 798 tkr; section 2
    # Resultaträkning prints -6 797 367 kr, which is -6 797 tkr. 003 section 1.5's
    # balanskravsutredning: -35,2 + 3,8 = -31,4 tkr, printed -31,5 (the 3,8 is itself rounded).
    checks = reconcile.statement_checks(con)
    bad = {(r.kontroll, r.ar, r.tryckt, r.beraknat) for r in checks[~checks["stammer"]].itertuples()}
    assert bad == {
        ("Femårsöversikten: Verksamhetens kostnader mot resultaträkningen", 2020, -6798000, -6797367),
        (
            "Balanskravsutredningen: Periodens resultat efter balanskravsjusteringar "
            "mot raderna den summerar",
            2021,
            -31500,
            -31400,
        ),
    }


def test_statements_recomputed_agree_where_the_documents_agree(con):
    checks = reconcile.statement_checks(con).set_index(["kontroll", "ar"])
    # 003 section 4: årets kassaflöde 86 766 = 3 134 560 - 3 047 794; likvida medel at year end
    # = kortfristiga placeringar 899 846 + kassa och bank 2 234 714 (section 3).
    flow = checks.loc[("Kassaflödesanalysen: årets kassaflöde mot förändringen av likvida medel", 2021)]
    assert (flow["tryckt"], flow["beraknat"], flow["stammer"]) == (86766, 86766, True)
    # 003 section 1.1: soliditet 40,8 % = 1 312 284 / 3 218 113 (section 3).
    solid = checks.loc[("Soliditet mot balansräkningen (eget kapital delat med summa tillgångar)", 2021)]
    assert round(solid["beraknat"], 1) == 40.8 and solid["stammer"]
    # 004 section 7: 14 % administration = 2 850 000 / 20 983 000; 000 section 2: 10 996 000 kr
    # = 5 498 000 + 2 × 2 749 000; 003 not 2: 7 054 856 = driftbidragen + övriga intäkter 8 857.
    admin = checks.loc[("Andel administrativa kostnader av kostnaderna mot budgetraderna", 2024)]
    assert round(admin["beraknat"], 2) == 13.58 and admin["stammer"]
    assert checks.loc[("Medel från huvudmännen mot medlemmarnas bidrag", 2022), "beraknat"] == 10996000
    income = checks.loc[("Verksamhetens intäkter mot medlemmarnas bidrag och övriga intäkter", 2021)]
    assert (income["tryckt"], income["beraknat"]) == (7054856, 7054856)
