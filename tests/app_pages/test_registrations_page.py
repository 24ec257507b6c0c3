"""Data's "Deltagarnas registreringar" (issue 27) as an editor uses it, in AppTest on a scratch
database: a generated list uploaded, its preview (raw counts, for the editor only), imported,
in the log, undone; a file with a personnummer refused without the value anywhere; an
insats's registrations for a period deleted; another förbund's list refused to an editor of
one förbund.

The expected figures come from ``tests.registration_lists`` (the generator and its oracle),
never from the code under test."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import replace
from io import StringIO

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.exchange import registration_import
from dashboard.store import db
from dashboard.view import passwords, ui
from tests import registration_lists as lists

REPO = db.REPO_ROOT
TIMEOUT = 120
PASSWORD = "ett långt lösenord"
HASH = passwords.hash_password(PASSWORD)
EVA = "Eva Ek"
VASTMANLAND = "Samordningsförbundet Västmanland"
NV = "Norra Västmanlands Samordningsförbund"
ANNA = "Anna Svensson"  # NV's editor only
UPLOADER = "Fil med registreringar"
MONTH_NAMES = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september",
               "oktober", "november", "december")  # fmt: skip

# Västmanland's insatser (data/insatser.csv), by name and by id as teams write them.
INSATSER = (
    lists.Insats("samordningsteam-sala", "Samordningsteam Sala", ("1981",)),
    lists.Insats("samordningsteam-fns", "samordningsteam-fns", ("1982", "1962", "1904")),
    lists.Insats("samordningsteam-surahammar", "Samordningsteam Surahammar", ("1907",)),
)
NAMES = {
    "samordningsteam-sala": "Samordningsteam Sala",
    "samordningsteam-fns": "Samordningsteam FNS",
    "samordningsteam-surahammar": "Samordningsteam Surahammar",
}
ROWS = lists.generate(
    INSATSER, seed=2027, fran=dt.date(2025, 1, 1), till=dt.date(2025, 10, 31), per_insats=30
)
# The period of a file when the editor names none: 1 January of its latest date's year to
# the end of that date's month.
LATEST = max([r.start for r in ROWS] + [r.end for r in ROWS if r.end])
FRAN, TILL = dt.date(LATEST.year, 1, 1), min(lists.last_day(LATEST), dt.date.today())  # its month, whole


def _date(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def _forget() -> None:
    """Drop the app's connection and every cached result (another test's database can have the
    same data version, which keys the caches)."""
    ui._database.clear()
    ui._drop_results()


@pytest.fixture
def fresh_db(tmp_path, monkeypatch):
    """A database of the test's own, built by the app at its first run."""
    monkeypatch.setenv("FINSAM_DB", str(tmp_path / "registrations.duckdb"))
    _forget()
    yield
    _forget()


def _page(**editors) -> AppTest:
    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = editors or {"password_hash": HASH}
    return at.run()


def _login(at: AppTest) -> AppTest:
    """An editor logs in with the shared password, under their name."""
    at.text_input(key="editor_name_input").set_value(EVA)
    at.text_input(key="editor_password_input").set_value(PASSWORD)
    at = next(b for b in at.button if b.label == "Logga in").click().run()
    assert not at.exception
    assert at.success[0].value == f"Inloggad som redaktör: {EVA}"
    return at


def _uploader(at: AppTest):
    (found,) = [u for u in at.file_uploader if u.label == UPLOADER]
    return found


def _upload(at: AppTest, name: str, data: bytes) -> AppTest:
    at = _uploader(at).set_value((name, data, "text/csv")).run()
    assert not at.exception
    return at


def _table(at: AppTest, table_id: str) -> pd.DataFrame:
    (html,) = [h.body for h in at.html if f'id="{table_id}"' in h.body]
    frame = pd.read_html(StringIO(html), flavor="lxml", thousands=None, keep_default_na=False)[0]
    return frame.astype(str)


def _click(at: AppTest, label: str) -> AppTest:
    at = next(b for b in at.button if b.label == label).click().run()
    assert not at.exception
    return at


def _errors(at: AppTest) -> list[str]:
    return [e.value.replace("\\", "") for e in at.error]  # fmt.plain escapes Markdown


def _stored() -> Counter:
    """The registrations in effect as the view gives them: insats, start, end, why, kommun."""
    rows = (
        ui.database()
        .con.cursor()
        .execute("SELECT insats_id, startdatum, slutdatum, avslut, kommunkod FROM registrations")
        .fetchall()
    )
    return Counter(rows)


def _expected(rows) -> Counter:
    return Counter((r.insats_id, r.start, r.end, r.avslut or None, r.kommunkod) for r in rows)


def _written() -> tuple[int, int]:
    """Every registration row and log entry, whatever counts."""
    cur = ui.database().con.cursor()
    return (
        cur.execute("SELECT count(*) FROM user_data.registrations").fetchall()[0][0],
        cur.execute("SELECT count(*) FROM user_data.registration_imports").fetchall()[0][0],
    )


def _everything(node) -> str:
    """All a page run sent, every element's message as text (tables' bytes included), without
    backslashes (Markdown's escapes, and the message's own when written as text)."""
    parts = [str(node.proto)] if getattr(node, "proto", None) is not None else []
    for child in getattr(node, "children", {}).values():
        parts.append(_everything(child))
    return "\n".join(parts).replace("\\", "")


def _luhn_digit(nine: str) -> str:
    total = 0
    for i, char in enumerate(nine):
        d = int(char) * (2 if i % 2 == 0 else 1)
        total += d // 10 + d % 10
    return str((10 - total % 10) % 10)


def personnummer(born: dt.date, serial: str) -> tuple[str, str]:
    """A personnummer with a valid check digit: as written with century and dash, and its ten
    digits."""
    nine = f"{born:%y%m%d}{serial}"
    ten = nine + _luhn_digit(nine)
    return f"{born:%Y%m%d}-{ten[6:]}", ten


# ---------------------------------------------------------------- import, log, undo


def test_an_editor_previews_imports_and_undoes_a_registration_list(fresh_db):
    at = _login(_page())
    at = at.selectbox(key="registration_forbund").select(VASTMANLAND).run()
    at = _upload(at, "lista.csv", lists.csv_bytes(ROWS))
    assert not _errors(at)
    said = [m.value for m in at.markdown if "deltaganden för perioden" in m.value]
    assert said == [
        f"{len(ROWS)} deltaganden för perioden {_date(FRAN)}–{_date(TILL)}. Förhandsvisningen visar exakta "
        "antal; bara du som redaktör ser dem."
    ]
    # The preview: raw counts per insats, as the oracle counts the file.
    preview = _table(at, "registreringar-preview").set_index("Insats")
    assert set(preview.index) == set(NAMES.values())
    period = lists.period_counts(ROWS, FRAN, TILL)
    for insats_id, name in NAMES.items():
        row = preview.loc[name]
        expected = {
            "Rader": str(sum(r.insats_id == insats_id for r in ROWS)),
            "Aktiva vid slutet": str(lists.active_day_by_day(ROWS, insats_id, TILL)),
            "Började": str(period[insats_id].nya),
            "Avslutade": str(period[insats_id].avslutade),
            "Ersätter": "0",
        }
        assert row.to_dict() == expected, name
    assert "<5" not in preview.to_numpy()  # the editor sees raw counts

    at = _click(at, f"Importera {len(ROWS)} registreringar")
    assert [s.value for s in at.success if s.value.startswith("Import ")] == [
        f"Import 1 sparad: {len(ROWS)} registreringar ur lista.csv."
    ]
    assert _stored() == _expected(lists.in_effect([lists.Import(tuple(ROWS), FRAN, TILL)]))
    # A new, empty uploader: the file is not imported twice.
    assert _uploader(at).key == "registration_upload_1" and _uploader(at).value is None
    assert not any(b.label.endswith(" registreringar") for b in at.button)
    log = _table(at, "registreringar-logg")
    assert log[["Import", "Vem", "Fil", "Förbund", "Period", "Rader", "Ersatta rader", "Ångrad"]].to_dict(
        "records"
    ) == [
        {
            "Import": "1",
            "Vem": EVA,
            "Fil": "lista.csv",
            "Förbund": VASTMANLAND,
            "Period": f"{FRAN.isoformat()}–{TILL.isoformat()}",
            "Rader": str(len(ROWS)),
            "Ersatta rader": "0",
            "Ångrad": "",
        }
    ]

    # Undo asks first, then takes the rows out of what counts.
    choice = next(s for s in at.selectbox if s.label == "Ångra en registreringsimport")
    assert choice.options == ["Import 1: lista.csv"]
    assert at.button(key="registration_undo").disabled
    at = next(c for c in at.checkbox if c.label.startswith("Ja, ångra registreringsimport 1")).check().run()
    at = at.button(key="registration_undo").click().run()
    assert not at.exception
    assert any(s.value.startswith("Registreringsimport 1 är ångrad") for s in at.success)
    assert _stored() == Counter()
    assert _table(at, "registreringar-logg").iloc[0]["Ångrad"].endswith(f"av {EVA}")
    assert not [s for s in at.selectbox if s.label == "Ångra en registreringsimport"]


# ---------------------------------------------------------------- personal data


@pytest.mark.parametrize("column", ["Deltagare", "Anteckning"])
def test_a_file_with_a_personnummer_is_refused_without_showing_it(fresh_db, caplog, column):
    caplog.set_level(logging.DEBUG)
    written, ten = personnummer(dt.date(1985, 7, 14), "982")  # 980–999: Skatteverket's test serials
    rows = list(ROWS)  # the rest of the file is a clean generated list
    if column == "Deltagare":
        rows[2] = replace(rows[2], deltagare=written)
        data = lists.csv_bytes(rows)
    else:  # the team's own column of notes, one cell of it a personnummer
        lines = lists.csv_bytes(rows, extra={"Anteckning": "ok"}).decode().splitlines()
        lines[3] = lines[3].rsplit(";", 1)[0] + f";{written}"
        data = ("\n".join(lines) + "\n").encode()
    at = _login(_page())
    at = at.selectbox(key="registration_forbund").select(VASTMANLAND).run()
    assert _uploader(at).key == "registration_upload_0"
    at = _upload(at, "lista.csv", data)
    errors = _errors(at)
    assert errors and errors[0].startswith("lista.csv tas inte emot: filen verkar innehålla personuppgifter.")
    (problems,) = [d.value for d in at.dataframe if "Problem" in d.value.columns]
    assert list(problems["Problem"]) == [
        f"lista.csv, rad 4, kolumn ”{column}”: ser ut som ett personnummer eller samordningsnummer "
        "(värdet visas inte)."
    ]
    # Nothing of it anywhere: the page, the server log, the database.
    sent = _everything(at._tree)
    assert "tas inte emot" in sent and "rad 4, kolumn" in sent  # the message and its table are read
    for shown in (written, ten, f"{ten[:6]}-{ten[6:]}", written.replace("-", "")):
        assert shown not in sent
        assert not any(shown in r.getMessage() for r in caplog.records)
    assert _written() == (0, 0)
    # The file is dropped from a new uploader: it is not kept to be imported or read again.
    assert _uploader(at).key == "registration_upload_1" and _uploader(at).value is None
    assert not any(b.label.endswith(" registreringar") for b in at.button)
    assert not any('id="registreringar-preview"' in h.body for h in at.html)


def test_a_file_name_with_a_personnummer_is_refused_without_showing_it(fresh_db):
    written, ten = personnummer(dt.date(1981, 12, 18), "987")
    at = _login(_page())
    at = at.selectbox(key="registration_forbund").select(VASTMANLAND).run()
    at = _upload(at, f"deltagare {written}.csv", lists.csv_bytes(ROWS))
    assert any("namn ser ut att innehålla ett personnummer" in e for e in _everything_said(at))
    sent = _everything(at._tree)
    for shown in (written, ten):
        assert shown not in sent
    assert _written() == (0, 0)
    assert _uploader(at).key == "registration_upload_1" and _uploader(at).value is None


def _everything_said(at: AppTest) -> list[str]:
    problems = [p for d in at.dataframe if "Problem" in d.value.columns for p in d.value["Problem"]]
    return _errors(at) + problems


# ---------------------------------------------------------------- deletion


def test_an_editor_deletes_an_insats_registrations_for_a_period(fresh_db):
    con = ui.database().con  # the app's database, built; the list imported before the page's run
    parsed = registration_import.parse(
        con.cursor(), lists.csv_bytes(ROWS), "lista.csv", forbund=VASTMANLAND, today=dt.date(2026, 1, 15)
    )
    registration_import.store(con, parsed, "Testare")
    imports = [lists.Import(tuple(ROWS), FRAN, TILL)]
    fran, till = dt.date(2025, 3, 1), dt.date(2025, 6, 30)
    gone = [r for r in ROWS if r.insats_id == "samordningsteam-fns" and fran <= r.start <= till]
    assert len(gone) >= 2 and any(r.insats_id == "samordningsteam-fns" and r.start < fran for r in ROWS)

    at = _login(_page())
    assert any(e.label == "Radera en insats registreringar för en period" for e in at.expander)
    insats = at.selectbox(key="reg_delete_insats")
    at = insats.set_value(insats.options.index(f"Samordningsteam FNS ({VASTMANLAND})")).run()  # by place
    at.date_input(key="rd_fran").set_value(fran)
    at.date_input(key="rd_till").set_value(till)
    at = at.run()
    assert at.button(key="reg_delete").disabled  # confirmed first
    at = at.checkbox(key="reg_delete_confirm").check().run()
    at = at.button(key="reg_delete").click().run()
    assert not at.exception
    said = [s.value for s in at.success]
    assert any(m.startswith(f"{len(gone)} registreringar i Samordningsteam FNS är raderade.") for m in said)
    assert any("Månaderna från och med 1 mars 2025 räknas inte" in m for m in said), said
    assert _stored() == _expected(lists.in_effect(imports, [("samordningsteam-fns", fran, till)]))
    deleted = _table(at, "registreringar-raderade")
    assert deleted[["Vem", "Insats", "Startdatum", "Rader"]].to_dict("records") == [
        {
            "Vem": EVA,
            "Insats": "Samordningsteam FNS",  # by its name, as every other table
            "Startdatum": f"{fran.isoformat()}–{till.isoformat()}",
            "Rader": str(len(gone)),
        }
    ]
    # Gone, not hidden: undoing the import does not bring them back.
    at = next(c for c in at.checkbox if c.label.startswith("Ja, ångra registreringsimport 1")).check().run()
    at = at.button(key="registration_undo").click().run()
    assert any(s.value.startswith("Registreringsimport 1 är ångrad") for s in at.success)
    assert _written() == (len(ROWS) - len(gone), 1)


# ---------------------------------------------------------------- each editor their förbund


def test_an_editor_of_one_forbund_cannot_import_anothers_list(fresh_db, caplog):
    caplog.set_level(logging.INFO, logger="dashboard.view.auth")
    editors = {"accounts": {ANNA: HASH}, "forbund": {ANNA: [NV]}}
    at = AppTest.from_file(str(REPO / "app_pages" / "data.py"), default_timeout=TIMEOUT)
    at.secrets["editors"] = editors
    at.session_state["_editor_name"] = ANNA
    at = at.run()
    assert not at.exception
    assert at.selectbox(key="registration_forbund").options == [NV]  # only the own förbund offered
    theirs = lists.with_forbund(ROWS, VASTMANLAND)
    at = _upload(at, "vastmanland.csv", lists.csv_bytes(theirs, with_forbund=True))
    at = _click(at, f"Importera {len(ROWS)} registreringar")
    assert _errors(at) == [
        f"Kontot {ANNA} får inte ändra ”{VASTMANLAND}”; det får ändra ”{NV}”. Inget har ändrats."
    ]
    assert _written() == (0, 0)
    assert any("editor change refused" in r.getMessage() for r in caplog.records)
    # The förbund's own list (Sala and FNS are NV's insatser too) is imported.
    own = [r for r in ROWS if r.insats_id != "samordningsteam-surahammar"]
    at = _upload(at, "nv.csv", lists.csv_bytes(own))
    at = _click(at, f"Importera {len(own)} registreringar")
    assert any(s.value.startswith("Import 1 sparad") for s in at.success)
    forbund = ui.database().con.cursor().execute("SELECT DISTINCT forbund FROM registrations").fetchall()
    assert forbund == [(NV,)]
