"""Spot checks of the embedded figures against the documents, each citing its place."""

from __future__ import annotations

import pytest

D000 = "000_bd6ae2b63bc30ce9.txt"
D001 = "001_b4ec0f32d236804d.txt"
D002 = "002_4df4a6005cb89b8f.txt"
D003 = "003_0e0350ac31af1d8b.txt"
D004 = "004_e2487ae932abf35c.txt"
VASTMANLAND = "Samordningsförbundet Västmanland"


def line(con, forbund, ar, matt, post, variant="slutlig"):
    rows = con.execute(
        "SELECT belopp, dokument, period_slut::VARCHAR FROM budget_lines "
        "WHERE forbund = ? AND ar = ? AND matt = ? AND post = ? AND variant = ?",
        [forbund, ar, matt, post, variant],
    ).fetchall()
    assert len(rows) == 1, (forbund, ar, matt, post, rows)
    return rows[0]


@pytest.mark.parametrize(
    ("matt", "belopp", "period_slut"),
    [
        ("budget", -6100000, "2025-12-31"),
        ("utfall", -2359306, "2025-08-31"),
        ("prognos", -5100000, "2025-12-31"),
    ],
)
def test_001_section_6_samordningsteam_vasteras(con, matt, belopp, period_slut):
    # 001 Delårsrapport jan–aug 2025, section 6: årsbudget -6 100 000, utfall 2025-08-31
    # -2 359 306, prognos -5 100 000.
    assert line(con, VASTMANLAND, 2025, matt, "Samordningsteam Västerås") == (belopp, D001, period_slut)


def test_001_section_6_comment_stands_with_its_line(con):
    note = con.execute(
        "SELECT anmarkning FROM budget_lines WHERE dokument = ? AND post = 'Samordningsteam Västerås' "
        "AND matt = 'prognos'",
        [D001],
    ).fetchone()[0]
    assert "inte velat återanställa innan besked om 2026 års medelstilldelning" in note


def test_000_section_7_staten_2022_preliminary_and_final(con):
    # 000 section 7, "Staten (AF+FK)": budget 2022 5 989 500 before the final allocation
    # (footnote 12), 5 498 000 after it.
    forbund = "Samordningsförbundet Västerås"
    assert line(con, forbund, 2022, "budget", "Staten (AF+FK)", "preliminär")[0] == 5989500
    assert line(con, forbund, 2022, "budget", "Staten (AF+FK)", "slutlig")[0] == 5498000


def test_003_section_5_tkr_converted_exactly(con):
    # 003 section 5 Driftsredovisning, Samordningsteam Sala: utfall 2021 -1 536 tkr.
    belopp, dokument, _ = line(
        con, "Norra Västmanlands Samordningsförbund", 2021, "bokslut", "Samordningsteam Sala"
    )
    assert (belopp, dokument) == (-1536000, D003)


def test_tkr_tables_hold_whole_thousands(con):
    odd = con.execute(
        "SELECT count(*) FROM budget_lines WHERE enhet_i_kallan = 'tkr' AND belopp % 1000 <> 0"
    ).fetchone()[0]
    assert odd == 0


def test_003_not_2_contributions_2021(con):
    # 003 not 2: driftbidrag 2021 from staten 3 523 000, Region Västmanland 1 761 500,
    # Sala kommun 553 623.
    rows = dict(
        con.execute(
            "SELECT medlem, belopp FROM contributions WHERE dokument = ? AND ar = 2021", [D003]
        ).fetchall()
    )
    assert rows["Staten"] == 3523000
    assert rows["Region Västmanland"] == 1761500
    assert rows["Sala kommun"] == 553623


def test_004_section_7_closing_equity_and_allocation(con):
    # 004 section 7: medelstilldelning 2024 19 038 000 kr; beräknat utgående eget kapital
    # 2024-12-31 1 918 000 kr.
    income = con.execute(
        "SELECT sum(belopp) FROM budget_lines WHERE dokument = ? AND kategori = 'intäkt'", [D004]
    ).fetchone()[0]
    equity = con.execute(
        "SELECT belopp FROM balance_items WHERE dokument = ? AND post LIKE '%utgående eget kapital%'", [D004]
    ).fetchone()[0]
    assert (income, equity) == (19038000, 1918000)


def test_signs_follow_the_result_except_where_the_document_prints_otherwise(con):
    # Income positive, costs negative. A line against that rule must say why (002 prints
    # Hälsoinsatser as a negative cost; 003 credits processtöd back to the kansli in 2020).
    against = con.execute(
        "SELECT dokument, post, anmarkning FROM budget_lines "
        "WHERE (kategori = 'intäkt') <> (belopp >= 0) AND belopp <> 0"
    ).fetchall()
    assert {(d, p) for d, p, _ in against} == {
        (D002, "Hälsoinsatser (ViiA) och Arbete mot våld"),
        (D003, "Avgår processtöd samverkansinsatser"),
    }
    assert all(note for _, _, note in against)


def test_004_staffing_of_samordningsteam_fns(con):
    # 004 section 6.1.1: FNS has 4,0 socialkonsulenter employed by Fagersta kommun, of
    # which Fagersta finances 2,5, and 0,4 arbetsförmedlare from Arbetsförmedlingen.
    rows = con.execute(
        "SELECT roll, arbetsgivare, fte, finansieras_av, fte_finansierat FROM staffing "
        "WHERE insats_id = 'samordningsteam-fns' AND ar = 2024"
    ).fetchall()
    by_role = {r[0].lower(): r for r in rows}
    social = next(r for role, r in by_role.items() if "socialkonsulent" in role)
    assert (float(social[2]), social[3], float(social[4])) == (4.0, "Fagersta kommun", 2.5)
    af = next(r for role, r in by_role.items() if "arbetsförmedlare" in role)
    assert (float(af[2]), af[1]) == (0.4, "Arbetsförmedlingen")


@pytest.mark.parametrize(
    ("insats_id", "printed"),
    [
        ("samordningsteam-fns", "50-55"),
        ("samordningsteam-hallstahammar", "20-22"),
        ("samordningsteam-sala", "25-30"),
        ("samordningsteam-surahammar", "15"),
        ("samordningsteam-vasteras", "80-85"),
    ],
)
def test_004_planned_concurrent_participants_as_printed(con, insats_id, printed):
    texts = [
        r[0]
        for r in con.execute(
            "SELECT varde_text FROM capacity WHERE insats_id = ? AND dokument = ?", [insats_id, D004]
        ).fetchall()
    ]
    assert any(printed in t.replace("–", "-") for t in texts), texts


def test_004_helarsekvivalenter_2022_county_and_country(con):
    # 004 section 4: "2022 var antalet helårsekvivalenter i Västmanlands 14,5, att jämföra
    # med riket 11,9".
    rows = dict(
        con.execute(
            "SELECT omradeskod, varde FROM helarsekvivalenter_dokument "
            "WHERE ar = 2022 AND dokument = ? AND enhet = 'procent'",
            [D004],
        ).fetchall()
    )
    assert rows == {"19": 14.5, "00": 11.9}


def test_004_ranking_2022(con):
    # 004 section 4: 20–64: Fagersta, Kungsör and Norberg highest; Hallstahammar and
    # Surahammar lowest.
    rows = con.execute(
        "SELECT lage, kommun FROM helarsekvivalenter_rangordning "
        "WHERE ar = 2022 AND aldersgrupp LIKE '20%64' ORDER BY lage, ordning"
    ).fetchall()
    assert [k for lage, k in rows if lage == "högst"] == ["Fagersta", "Kungsör", "Norberg"]
    assert sorted(k for lage, k in rows if lage == "lägst") == ["Hallstahammar", "Surahammar"]


def test_000_bilaga_1_board_meetings_2022(con):
    dates = con.execute(
        "SELECT datum::VARCHAR FROM calendar WHERE dokument = ? AND motestyp = 'Förbundsstyrelse' "
        "ORDER BY datum",
        [D000],
    ).fetchall()
    # 000 bilaga 1: "Förbundsstyrelsen genomför sex (6) styrelsesammanträden under året";
    # the first on 14 January, the budget decision on 25 November.
    assert len(dates) == 6
    assert (dates[0][0], dates[-1][0]) == ("2022-01-14", "2022-11-25")


def test_003_bilaga_2_survey_shares_are_fractions(con):
    bad = con.execute("SELECT count(*) FROM indikatorer WHERE andel < 0 OR andel > 1").fetchone()[0]
    years = {r[0] for r in con.execute("SELECT DISTINCT ar FROM indikatorer").fetchall()}
    assert bad == 0
    assert years == {2020, 2021}
