"""The årsredovisning's printed tables as the page Mål och resultat shows them: the five-year
overview, the balanskravsutredning, the kassaflödesanalys and the board, as printed."""

from __future__ import annotations

from dashboard.view import statements_view

NV = "Norra Västmanlands Samordningsförbund"
SV = "Samordningsförbundet Västmanland"


def test_five_year_overview_as_printed(con):
    # 003 section 1.1: soliditet 40,8 % 42,5 % 40,2 % 48,1 % 53,9 % (2021–2017); antal
    # anställda 1 1 1 1 2; årets resultat -35 248 -1 143 -886 -591 tkr.
    table, source, link = statements_view.five_year(con, NV)
    rows = table.set_index("Nyckeltal")
    assert list(rows.columns) == ["2021", "2020", "2019", "2018", "2017"]
    assert list(rows.loc["Soliditet"]) == [
        "40,8\u00a0%",
        "42,5\u00a0%",
        "40,2\u00a0%",
        "48,1\u00a0%",
        "53,9\u00a0%",
    ]
    assert list(rows.loc["Antal anställda"]) == ["1", "1", "1", "1", "2"]
    assert rows.loc["Årets resultat", "2019"] == "-1\u00a0143\u00a0tkr"
    assert source == "Årsredovisning 2021 (Norra Västmanlands Samordningsförbund), avsnitt 1.1"
    assert link.startswith("kallor?dok=003")
    assert statements_view.five_year(con, SV)[0].empty


def test_balanskrav_and_kassaflode_as_printed(con):
    # 003 section 1.5: Balanskravsresultat -31,5 tkr; section 4: Årets kassaflöde 86 766 kr
    # (2021) and 397 537 kr (2020).
    bk, _, _ = statements_view.statement(con, NV, "balanskrav")
    assert bk.set_index("Post").loc["Balanskravsresultat", "2021"] == "-31,5\u00a0tkr"
    assert bk.set_index("Post").loc["Att återställa från tidigare år", "2021"] == "–"
    kf, _, _ = statements_view.statement(con, NV, "kassaflode")
    assert list(kf.set_index("Post").loc["Årets kassaflöde", ["2021", "2020"]]) == [
        "86\u00a0766\u00a0kr",
        "397\u00a0537\u00a0kr",
    ]


def test_board_per_member(con):
    # 004 section 5.1: 13 ledamöter and 13 ersättare, one of each from every member.
    table, cited = statements_view.board(con, SV)
    y2024 = table[table["År"] == "2024"].set_index("Roll")
    assert y2024.loc["ledamöter", "Antal"] == "13"
    assert y2024.loc["ledamöter", "Som tryckt"].startswith("1 från var och en av 13 medlemmar")
    # 001 section 2: 2 ordinarie and 2 extra meetings January–August 2025.
    y2025 = table[table["År"] == "2025"].set_index("Roll")
    assert (y2025.loc["ordinarie möten", "Antal"], y2025.loc["extra möten", "Antal"]) == ("2", "2")
    assert all("Okänt" not in text for text, _ in cited)
