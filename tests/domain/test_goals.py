"""Mål och resultat (issue 17): the goals of the documents, their status, the financial rules
with outcomes computed from the data, the årsredovisning's key ratios, and outcomes editors
record. Every figure checked here is cited with its document and section."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.domain import documents, goals, outcomes
from dashboard.exchange import outcome_file
from dashboard.store import db, embedded, writes
from dashboard.view import goals_view, meeting, outcomes_view, pack, pack_pdf, passages, slides
from tests import pages

REPO = Path(__file__).resolve().parents[2]
TIMEOUT = 60
NV = "Norra Västmanlands Samordningsförbund"
VAS = "Samordningsförbundet Västerås"
VM = "Samordningsförbundet Västra Mälardalen"
SV = "Samordningsförbundet Västmanland"


# --- the status rule ---------------------------------------------------------------------


def test_status_rule_compares_the_number_first():
    # 003 bilaga 1, goal 3c: a seminar series of "minst 6 träffar"; the comment says the
    # förbund arranged 4 itself: at least half, not all.
    assert goals.status("minst", 6, 4, None) == goals.DELVIS
    # 003 bilaga 1, goal 3d i: "Minst en grundutbildning"; the table prints 3 utbildningar.
    assert goals.status("minst", 1, 3, None) == goals.UPPNATT
    assert goals.status("minst", 6, 2, None) == goals.EJ_UPPNATT
    # 000 section 5.1.1: "ca 400 personer"; 360 is 90 %.
    assert goals.status("ca", 400, 360, None) == goals.UPPNATT
    assert goals.status("högst", 20, 21, None) == goals.EJ_UPPNATT
    # Without a number the printed assessment decides; without either the goal is not measured.
    assert goals.status("kvalitativt", None, None, "delvis") == goals.DELVIS
    assert goals.status("kvalitativt", None, None, None) == goals.EJ_MATT
    assert set(goals.STATUS_RULES) == set(goals.STATUSES)


def test_how_a_status_was_reached_is_kept(con):
    """Issue 25, item 4: 003 bilaga 1 marks goals met by colour only; its assessments are read
    from the comments (goal 1c: "Dock inte för remittenterna" → delvis), and goal 3c's status
    is computed from its number (4 of "minst 6" träffar)."""
    frame = goals.goals(con, NV).set_index("mal_id")
    assert tuple(frame.loc["norra-vastmanland-2021-1c", ["status", "grund"]]) == (goals.DELVIS, goals.AVLAST)
    assert tuple(frame.loc["norra-vastmanland-2021-3c", ["status", "grund"]]) == (
        goals.DELVIS,
        goals.BERAKNAD,
    )
    assert frame.loc["norra-vastmanland-2021-1b", "status"] == goals.EJ_MATT
    assert pd.isna(frame.loc["norra-vastmanland-2021-1b", "grund"])
    assert goals.basis(None, None, "uppnått", None) == goals.ANGIVEN  # an assessment said how: stated
    sentence = goals_view.basis_sentence(frame["grund"].tolist())
    assert sentence.startswith("Så är statusen bedömd: ")
    assert "avlästa ur dokumentets markeringar och kommentarer" in sentence
    assert "angiven" not in sentence  # no document states a goal's assessment in words


def test_an_assessment_without_how_it_was_made_is_refused(scratch_con, data_copy):
    path = data_copy / "goals.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",delvis,avläst,", ",delvis,,", 1), encoding="utf-8")
    with pytest.raises(embedded.BuildError) as refused:
        embedded.build(scratch_con, data_copy)
    assert any(
        "kolumn bedomning_grund: en bedömning säger hur den gjordes: angiven" in p
        for p in refused.value.problems
    )


# --- goals measured by the registrations (issue 27) --------------------------------------
# The figures from a generated registration list, the page, and an editor's outcome going
# first: tests/app_pages/test_goal_registrations.py.


@pytest.mark.parametrize(
    ("mal", "matt", "enhet", "jamforelse", "measured"),
    [
        ("40 % av avslutade till arbete eller studier", "", "procent", "minst", True),
        ("Minst 40 % av de som avslutar insatsen går till arbete/studier.", "", "procent", "minst", True),
        ("Av dem som avslutat ska 40 % ha gått till studier eller arbete.", "", "%", "ca", True),
        ("Insatsernas resultat", "andel avslutade till arbete eller studier", "procent", "minst", True),
        # the same words without a share, a target or an end
        ("40 avslutade till arbete eller studier", "", "personer", "minst", False),
        ("Avslutade till arbete eller studier", "", "kvalitativt", "kvalitativt", False),
        ("40 % av deltagarna ska gå till arbete eller studier", "", "procent", "minst", False),
        # 000 section 5.2.1: a step towards work, and the level months after the end
        ("80% av de inremitterade individerna ska ha gjort en stegförflyttning mot arbete eller studier.",
         "andel inremitterade med stegförflyttning mot arbete eller studier", "procent", "minst", False),
        ("6 månader efter avslutad insats ska 60 % ha arbete eller studier.", "", "procent", "minst", False),
        # more destinations than the registrations' arbete and studier
        ("50 % av de avslutade till arbete, studier eller arbetssökande", "", "procent", "minst", False),
    ],
)  # fmt: skip
def test_which_goals_are_measured_by_registrations(mal, matt, enhet, jamforelse, measured):
    malvarde = None if jamforelse == "kvalitativt" else 40.0
    assert goals.measured_by_registrations(mal, matt, enhet, jamforelse, malvarde) is measured


def test_no_goal_of_the_documents_is_measured_by_registrations(con):
    """The five documents set no goal of the share of ended to work or studies (000's 80 % is
    of steps towards them); their goals keep the outcome as printed."""
    for forbund in (NV, VAS, VM, SV):
        frame = goals.goals(con, forbund)
        assert not frame["registreringar"].any(), forbund
        assert frame["beraknat"].isna().all()


def _computed(ended: int, went: int, **kw) -> goals.RegistrationOutcome:
    import datetime as dt

    from dashboard.domain import registrations

    return goals.RegistrationOutcome(
        2025, dt.date(2025, 1, 1), dt.date(2025, 12, 31), True, registrations.Share(ended, went), **kw
    )


def test_a_computed_share_is_shown_only_where_it_singles_out_no_one():
    # 9 of 20: the share and both counts are shown, in Swedish number format.
    shown = _computed(20, 9, counted=("Samordningsteam Sala",))
    assert shown.value == pytest.approx(0.45)
    assert goals_view.computed_text(shown) == (
        "45,0\u00a0%. Beräknat ur registreringarna: av de 20 som avslutade en insats 1 januari–31 december "
        "2025 gick 9 till arbete eller studier (arbete eller studier som avslutsorsak)."
    )
    # 1 434 ended: a thousands separator.
    assert "av de 1\u00a0434 som avslutade" in goals_view.computed_text(_computed(1434, 600))
    # 3 of 20: "<5", and the share is not shown (with 20 it would give the 3 back).
    hidden = _computed(20, 3)
    assert hidden.value is None and hidden.to_work_or_studies_hidden and not hidden.ended_hidden
    text = goals_view.computed_text(hidden)
    assert "av de 20 som avslutade" in text and "gick <5 till" in text and "15" not in text
    assert "Andelen visas inte" in text
    # 4 ended: fewer than 5, no share.
    few = _computed(4, 0)
    assert few.value is None and few.ended_hidden
    assert goals_view.computed_text(few).endswith("Färre än 5 avslutade; andelen visas inte.")
    assert "av de <5 som avslutade" in goals_view.computed_text(few)
    # None ended.
    assert "ingen avslutade en insats" in goals_view.computed_text(_computed(0, 0))
    # A goal of this kind without an outcome, and no registrations to compute one from.
    goal = pd.Series(
        {"ar": 2023, "registreringar": True, "beraknat": None, "utfall": None, "utfall_text": None,
         "bedomning": None, "enhet": "procent"}
    )  # fmt: skip
    assert goals_view.outcome_text(goal) == (
        "Inget utfall tryckt eller registrerat, och inga registreringar av deltagare för 2023 att "
        "beräkna det ur."
    )
    # Insatser whose registrations do not cover the period are named.
    assert goals_view.computed_text(_computed(20, 9, left_out=("A", "B"))).endswith(
        "Räknar inte A och B: deras registreringar täcker inte hela perioden."
    )


# --- the goals of the documents ----------------------------------------------------------


def test_vastra_malardalen_2023_goals_of_section_4(con):
    # 002 section 4: 100 participants in the KAK-gemensamma utbildningar; 75 in the
    # county-wide activities.
    frame = goals.goals(con, VM).set_index("mal_id")
    assert frame.loc["vastra-malardalen-2023-03", "malvarde"] == 100
    assert frame.loc["vastra-malardalen-2023-06", "malvarde"] == 75
    assert (frame["ar"] == 2023).all()


def test_every_goal_is_printed_in_its_section():
    # The goal's first words and its target (or outcome) as printed in the section it names.
    frame = pd.read_csv(embedded.csv_path("goals", db.DATA_DIR), keep_default_na=False)
    for row in frame.itertuples():
        p = passages.passage(
            row.dokument, row.avsnitt, float(row.malvarde) if row.malvarde != "" else None, ""
        )
        assert p.section, (row.mal_id, row.avsnitt)
        if row.malvarde != "":
            assert p.found, (row.mal_id, row.malvarde)
        lo, hi = passages.passage(row.dokument, row.avsnitt).section  # the section's text
        text = " ".join(" ".join(documents.lines(row.dokument)[lo - 1 : hi]).split()).casefold()
        start = " ".join(row.mal.split()[:4]).casefold()
        assert start in text, (row.mal_id, start)
        if row.utfall != "":
            q = passages.passage(row.utfall_dokument, row.utfall_avsnitt, float(row.utfall), "")
            assert q.found, (row.mal_id, row.utfall)


# --- outcomes recorded by editors --------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "column"),
    [
        (("finns-inte", "2022", 1.0, None, "x", "y"), "mal_id"),
        (("vasteras-2022-01", "2023", 1.0, None, "x", "y"), "period"),
        (("vasteras-2022-01", "2022-01-01..2021-12-31", 1.0, None, "x", "y"), "period"),
        (("vasteras-2022-17", "2022", 1.0, None, "x", "y"), "utfall"),
        (("vasteras-2022-01", "2022", None, "nästan", "x", "y"), "bedömning"),
        (("vasteras-2022-01", "2022", 1.0, None, " ", "y"), "utfall_text"),
        (("vasteras-2022-01", "2022", 1.0, None, "x", ""), "källa"),
    ],
)
def test_a_wrong_outcome_is_refused_naming_its_column(built, args, column):
    with pytest.raises(outcomes.OutcomeError, match=f"^Kolumn {column}:"), writes.user_write(built):
        outcomes.record_outcome(built, *args, vem="Test")
    assert outcomes_view.outcome_log(built).empty


# --- the page ----------------------------------------------------------------------------


def _page() -> AppTest:
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=TIMEOUT)
    at.switch_page("app_pages/mal.py").run()
    assert not at.exception
    return at


def _table(at: AppTest, table_id: str) -> pd.DataFrame:
    (html,) = [h.body for h in at.html if f'id="{table_id}"' in h.body]
    return pd.read_html(StringIO(html), flavor="lxml", thousands=None)[0]


def test_page_shows_goals_rules_and_key_ratios():
    at = _page()
    assert at.title[0].value == "Mål och resultat"
    assert pages.shown(at) == (SV, 2025)
    pages.choose_forbund(at, NV)
    assert pages.shown(at) == (NV, 2021)
    metrics = {m.label: m.value for m in at.metric}
    # 003 bilaga 1 and section 1.5: 27 goals and two rules.
    assert sum(int(v) for v in metrics.values()) == 27
    goals_shown = _table(at, "mal-tabell")
    assert "◐ delvis" in set(goals_shown["Status"])
    assert any(c.value.startswith("Så är statusen bedömd: ") and "avlästa" in c.value for c in at.caption)
    five = _table(at, "femar-tabell").set_index("Nyckeltal")
    assert five.loc["Soliditet", "2021"] == "40,8\u00a0%"  # 003 section 1.1
    rules = _table(at, "styrtal-tabell")
    assert set(rules["Status"]) == {"● uppnått"}
    # Each status rule is stated once on the page.
    text = "\n".join(m.value for m in at.markdown)
    assert all(text.count(goals_view.STATUS_SIGNS[s]) == 1 for s in goals.STATUSES)
    # Sources are titles and sections, linked to Källdokument; never a file name.
    captions = "\n".join(c.value for c in at.caption).replace("\\", "")
    assert "Årsredovisning 2021 (Norra Västmanlands Samordningsförbund), bilaga 1" in captions
    assert "kallor?dok=003" in captions
    assert not re.search(r"\d{3}_[0-9a-f]{8,}|\.txt|\.csv", captions + text)


def test_datakvalitet_shows_the_statements_that_disagree():
    at = AppTest.from_file(str(REPO / "app_pages" / "datakvalitet.py"), default_timeout=TIMEOUT).run()
    assert not at.exception
    assert any(m.label == "Kontroller som inte stämmer" and m.value == "2 av 38" for m in at.metric)
    table = _table(at, "arsredovisning-kontroller")
    # 003 section 1.1 prints -6 798 tkr for 2020; section 2 -6 797 367 kr.
    row = table[table["Kontroll"].str.contains("Verksamhetens kostnader")].iloc[0]
    assert (row["Tryckt"], row["Beräknat"]) == ("-6\u00a0798\u00a0tkr", "-6\u00a0797\u00a0tkr")
    assert row["Källa"] == "Årsredovisning 2021 (Norra Västmanlands Samordningsförbund), avsnitt 1.1"


# --- the page Data: recording and undoing an outcome -------------------------------------


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    """A database of the test's own (the app's connection is process-wide, so it is dropped)."""
    from dashboard.view import ui

    monkeypatch.setenv("FINSAM_DB", str(tmp_path / "goals.duckdb"))
    ui._database.clear()
    yield
    ui._database.clear()


def test_an_editor_records_an_outcome_and_undoes_it(fresh_db):
    from dashboard.view import passwords

    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = {"password_hash": passwords.hash_password("hemligt lösen")}
    at.run()
    at.text_input(key="editor_name_input").set_value("Eva")
    at.text_input(key="editor_password_input").set_value("hemligt lösen")
    at = next(b for b in at.button if b.label == "Logga in").click().run()
    assert not at.exception
    # 002 section 4: 100 deltagare på de KAK-gemensamma utbildningarna in 2023.
    at = at.selectbox(key="goal_forbund").set_value(VM).run()
    assert at.selectbox(key="goal_assessment").value is None  # "Ingen": the outcome is a number
    at.selectbox(key="goal_choice").set_value("vastra-malardalen-2023-03")
    at.text_input(key="goal_period").set_value("2023")
    at.text_input(key="goal_value").set_value("82")
    at.text_input(key="goal_text").set_value("82 deltagare på KAK-utbildningarna.")
    at.text_input(key="goal_source").set_value("Styrelseprotokoll 2024-02-15")
    at = next(b for b in at.button if b.label == "Registrera utfallet").click().run()
    assert not at.exception
    assert any(s.value == "Utfall 1 registrerat." for s in at.success)
    log = _table(at, "malutfall-logg")
    assert list(log["Utfall"]) == ["82: 82 deltagare på KAK-utbildningarna."]
    assert log["Registrerad"].iloc[0].endswith(", Eva")
    from dashboard.view import ui

    cur = ui.database().con.cursor()
    row = goals.goals(cur, VM).set_index("mal_id").loc["vastra-malardalen-2023-03"]
    assert (row["utfall"], row["status"]) == (82.0, goals.DELVIS)  # 82 of 100: at least half
    # A wrong period is refused with its column named, and nothing is saved.
    at.selectbox(key="goal_choice").set_value("vastra-malardalen-2023-03")
    at.text_input(key="goal_period").set_value("2024")
    at.text_input(key="goal_value").set_value("90")
    at.text_input(key="goal_text").set_value("x")
    at.text_input(key="goal_source").set_value("y")
    at = next(b for b in at.button if b.label == "Registrera utfallet").click().run()
    assert any("Utfallet sparades inte" in e.value for e in at.error)
    assert list(at.dataframe[-1].value["Problem"]) == [
        "Fältet period: ”2024” är varken året 2023 eller en del av det (ÅÅÅÅ-MM-DD..ÅÅÅÅ-MM-DD)."
    ]
    assert len(_table(at, "malutfall-logg")) == 1
    # Undo: the document's outcome (none) counts again.
    at.checkbox(key="goal_undo_confirm").check().run()
    at = at.button(key="goal_undo").click().run()
    assert any("Utfall 1 är ångrat" in s.value for s in at.success)
    assert "; ångrad " in _table(at, "malutfall-logg")["Registrerad"].iloc[0]
    row = goals.goals(ui.database().con.cursor(), VM).set_index("mal_id").loc["vastra-malardalen-2023-03"]
    assert row["status"] == goals.EJ_MATT


def test_a_file_of_outcomes_is_one_import_all_or_nothing(built):
    """A file of outcomes is the workbook's sheet Utfall: checked whole, stored as one import
    in the workbook log, and undone as one."""
    from dashboard.exchange import workbook
    from dashboard.exchange.reading import ImportRefused

    # 000 section 5.2.1: 90 % at the same level or higher after 18 months.
    good = (
        "mal_id;period;utfall;bedömning;utfall_text;källa\n"
        "vasteras-2022-03;2022;91,5;;91,5 % efter 18 månader.;SUS\n"
    )
    parsed = outcome_file.parse_outcomes(built, good.encode(), "utfall.csv")
    assert [(rad, p.mal_id, p.utfall) for rad, p in parsed] == [(2, "vasteras-2022-03", 91.5)]
    bad = good + "vasteras-2022-17;2022;;kanske;Analys gjord.;Protokoll\nfinns-inte;2022;1;;x;y\n"
    with pytest.raises(ImportRefused) as caught:
        workbook.parse_outcome_file(built, bad.encode(), "utfall.csv")
    assert caught.value.problems == [
        "utfall.csv, rad 3, kolumn bedömning: ”kanske” är inte uppnått, delvis eller ej uppnått.",
        "utfall.csv, rad 4, kolumn mal_id: målet ”finns-inte” finns inte.",
    ]
    before = goals.goals(built, VAS).set_index("mal_id").loc["vasteras-2022-03", "status"]
    stored = workbook.store(built, workbook.parse_outcome_file(built, good.encode(), "utfall.csv"), "Test")
    assert workbook.history(built)["blad"].tolist() == ["Utfall 1"]
    assert goals.goals(built, VAS).set_index("mal_id").loc["vasteras-2022-03", "status"] == goals.UPPNATT
    workbook.undo(built, stored.import_id, "Test")
    assert (
        goals.goals(built, VAS).set_index("mal_id").loc["vasteras-2022-03", "status"]
        == before
        != goals.UPPNATT
    )
    assert outcomes.outcome_log_raw(built)["angrad"].notna().all()


# --- the meeting pack and the wall -------------------------------------------------------


def test_pack_section_lists_every_goal_and_rule_with_its_status(con):
    import datetime as dt
    import io

    from pypdf import PdfReader

    section = meeting.goals_section(con, NV, 2021)
    # 003 bilaga 1: 25 goals; section 1.5: the cap and the floor of eget kapital.
    assert len(section.table) == 27
    assert list(section.table["Status"]).count(goals.DELVIS) == 4
    assert section.bullets[0].startswith("Status: 14 uppnått, 4 delvis, 1 ej uppnått, 8 ej mätt")
    assert "Årsredovisning 2021 (Norra Västmanlands Samordningsförbund), bilaga 1" in section.source
    built = pack.build(con, NV, dt.date(2021, 12, 31), dt.date(2022, 2, 7), ["mal"])
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pack_pdf.to_pdf(built))).pages)
    assert "Mål och resultat 2021" in text and "Minst 4 möten med Utvecklingsrådet" in " ".join(text.split())


def test_the_wall_has_a_goals_slide(con):
    import datetime as dt

    deck = slides.slides(con, NV, dt.date(2021, 12, 31))
    (slide,) = [s for s in deck if s.key == "mal"]
    assert dict(slide.metrics) == {"● uppnått": "14", "◐ delvis": "4", "○ ej uppnått": "1", "– ej mätt": "8"}
    rows = slide.table.set_index("Område")
    assert rows.loc["Ekonomiska styrtal", "Uppnått"] == "2"  # 003 section 1.5: cap and floor held
    assert len(slide.table) == 5  # four målområden of bilaga 1 and the rules
    # 001 section 4 and 6: Västmanland 2025, three målområden not yet measured, 60/40 not met.
    (slide,) = [s for s in slides.slides(con, SV, dt.date(2025, 8, 31)) if s.key == "mal"]
    assert dict(slide.metrics)["– ej mätt"] == "3" and dict(slide.metrics)["○ ej uppnått"] == "1"


# --- the metadata the issue names --------------------------------------------------------


def test_members_and_forbund_years_as_the_documents_say(con):
    # 004 section 1: from 2024-01-01 the three förbund merged, so their members end in 2023.
    ends = con.execute(
        "SELECT forbund, list_distinct(list(till_ar)) FROM members GROUP BY forbund ORDER BY forbund"
    ).fetchall()
    assert dict(ends) == {
        NV: [2023],
        VAS: [2023],
        SV: [],  # still members: no end year
        VM: [2023],
    }
    # 000 section 2: the förbundsordning "antagen vid konstituerande styrelsemöte maj 2010".
    assert con.execute("SELECT fran_ar, till_ar FROM forbund WHERE forbund = ?", [VAS]).fetchone() == (
        2010,
        2023,
    )


def test_contributions_allow_staten_and_forvantat_utfall_and_nothing_else(scratch_con, data_copy):
    # 000 section 7 prints the state's two agencies as one post, "Staten (AF+FK)", and a
    # förväntat utfall 2021; a member no document names is refused, naming file, row and column.
    path = data_copy / "contributions.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",Staten,förväntat utfall,", ",Staden,prognos,", 1), encoding="utf-8")
    with pytest.raises(embedded.BuildError) as caught:
        embedded.build(scratch_con, data_copy)
    assert any(
        p.startswith("data/contributions.csv, rad ") or "contributions.csv, rad " in p
        for p in caught.value.problems
    )
    assert any("kolumn medlem: ”Staden” är varken medlem" in p for p in caught.value.problems)
    assert any(
        "kolumn matt: ”prognos” är inte budget, utfall eller förväntat utfall." in p
        for p in caught.value.problems
    )


@pytest.mark.parametrize(
    ("ended", "went", "went_text", "share_shown"),
    [
        (20, 8, "8", True),  # 12 ended otherwise: all shown
        (7, 5, "dolt", False),  # 2 ended otherwise: 7 − 5 would give them back
        (20, 3, "<5", False),  # 3 to work or studies
        (3, 0, "0", False),  # fewer than 5 ended: no share
    ],
)
def test_a_computed_share_never_gives_a_small_count_back(ended, went, went_text, share_shown):
    import datetime as dt

    from dashboard.domain import registrations
    from dashboard.view import goals_view

    found = goals.RegistrationOutcome(
        2025, dt.date(2025, 1, 1), dt.date(2025, 12, 31), True, registrations.Share(ended, went)
    )
    text = goals_view.computed_text(found)
    assert f"gick {went_text} till arbete eller studier" in text, text
    assert (found.value is not None) == share_shown
    if not share_shown:
        assert "%" not in text.split("Beräknat")[0]
