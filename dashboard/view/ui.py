"""Streamlit glue: the process's one connection, per-run cursors, caching keyed on the data.

Pages get finished data through ``load(fn, *args)``, which runs a ``dashboard`` function
on a fresh cursor and caches the result until the data changes.
"""

from __future__ import annotations

import dataclasses
import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from dashboard.domain import overview
from dashboard.exchange import fmt
from dashboard.store import db, embedded, replicas, writes

T = TypeVar("T")
_LOG = logging.getLogger(__name__)


class _Database:
    """The process-wide connection. A writer (the default) rebuilds it from data/ when a CSV
    changes; a reader (``FINSAM_ROLE=reader``) moves to the writer's newest published copy.

    A writer whose file cannot be opened (held by a command, damaged, in a read-only
    directory) says so on every page (``unavailable``, ``notice``) instead of failing, and
    tries again at the next page run: a damaged file once it has been replaced (restored).
    """

    # A reader closes a copy it has moved on from this long after: far longer than a page
    # run, so a run that began on it finishes on it; an idle tab's snapshot is let go.
    RETIRE_AFTER_S = 600.0

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.fingerprint: tuple | None = None
        self.version: str | None = None
        self.build_problems: list[str] = []
        self.unavailable: str | None = None  # why there is no data to show (pages stop)
        self.notice: str | None = None  # said above every page; the data is shown
        self.read_only = False
        self.failed_file: tuple | None = None  # the damaged file's identity, not opened again
        self.reader = replicas.is_reader()
        self.replicas = replicas.directory() if self.reader else None
        self.copy: Path | None = None  # a reader's open copy
        self.retired: list[tuple[float, duckdb.DuckDBPyConnection]] = []
        self.con = None
        if self.reader and self.replicas is None:
            self.build_problems = [
                "FINSAM_ROLE=reader men FINSAM_REPLICAS saknas: en läsarprocess måste veta i vilken "
                "katalog skrivarprocessen publicerar sina kopior. Den öppnar aldrig databasfilen själv."
            ]
        elif not self.reader:
            self._open()

    def _open(self) -> None:
        """A writer: open and check the database file; say in Swedish why not, if not."""
        path = db.db_path()
        if self.failed_file is not None and self.failed_file == _identity(path):
            return  # the same damaged file: checked already
        try:
            try:
                con, read_only, notice = db.open_checked(path), False, None
            except db.DatabaseUnwritable as exc:  # a read-only directory, a full disk: show, never write
                _LOG.warning("Opening %s read-only: %s", path, exc)
                con, read_only = db.open_checked(path, read_only=True), True
                notice = (
                    "Databasen kan bara läsas här (katalogen den ligger i kan inte skrivas): sidorna "
                    "visar datan, men importer och scenarier kan inte sparas. Kontakta den som sköter "
                    "servern."
                )
        except db.DatabaseDamaged as exc:
            _LOG.error("The database %s is damaged: %s", path, exc.detail)
            self.unavailable, self.failed_file = exc.for_viewers(), _identity(path)
            return
        except db.DatabaseLocked as exc:
            _LOG.warning("The database %s is held by another process: %s", path, exc)
            self.unavailable = (
                "Databasen används just nu av en annan process, troligen ett kommando på servern "
                "(python -m dashboard …). Sidan försöker igen vid nästa visning: ladda om sidan om en stund."
            )
            return
        except db.DatabaseProblem as exc:
            _LOG.error("The database %s cannot be opened: %s", path, exc)
            self.unavailable = (
                "Databasen kan inte öppnas (katalogen den ligger i finns inte eller kan inte läsas). "
                "Kontakta den som sköter servern; sidan försöker igen vid nästa visning."
            )
            return
        writes.forget_damage()
        self.con, self.read_only, self.notice = con, read_only, notice
        self.unavailable, self.failed_file, self.fingerprint = None, None, None

    def _close_damaged(self) -> None:
        """A write found the file damaged: stop reading it (which also lets a restore replace it)."""
        damage = writes.damage()
        _LOG.error("Closing the damaged database %s", damage.path)
        with self.lock:
            if self.con is not None:
                self.con.close()
            self.con, self.version = None, None
            self.unavailable, self.failed_file = damage.for_viewers(), _identity(damage.path)
        _drop_results()

    def refresh(self) -> None:
        if self.reader:
            if self.replicas is not None:
                self._follow(self.replicas)
            return
        if self.con is not None and writes.damage() is not None:
            self._close_damaged()
        if self.con is None:
            with self.lock:
                if self.con is None:
                    self._open()
            if self.con is None:
                return
        writes.retry_publish(self.con)  # a no-op unless the last publish failed
        fingerprint = embedded.inputs_fingerprint()
        if fingerprint == self.fingerprint:
            return
        with self.lock, writes.write_lock():  # a rebuild is a write: never alongside an import
            if fingerprint == self.fingerprint:
                return
            built = False
            try:
                if self.read_only:
                    info = embedded.build_info(self.con)
                    if info is not None and not embedded.is_current(self.con):
                        self.notice = (
                            "Datan i data/ har ändrats, men databasen kan bara läsas här och byggs "
                            "inte om: sidorna visar den senast byggda datan."
                        )
                else:
                    built = embedded.ensure_built(self.con)  # a build backs itself up and publishes
                self.build_problems = []
            except embedded.BuildError as exc:
                self.build_problems = exc.problems
            info = embedded.build_info(self.con)
            self.version = info.data_hash if info else None
            self.fingerprint = fingerprint
            # Readers start from the data this writer serves; a database whose newest backup is
            # older than its data (from before backups, or a write killed before its backup) gets one.
            if info and not built and not self.read_only and not writes.ensure_backup(self.con):
                writes.publish(self.con)

    def _follow(self, source: Path) -> None:
        """A reader: open the newest copy if it is not the one open (one small file read)."""
        newest = replicas.newest(source)
        if newest is None and self.con is None:
            self.build_problems = [
                f"Ingen publicerad kopia av databasen i {source} ännu: starta skrivarprocessen "
                "(samma FINSAM_REPLICAS, utan FINSAM_ROLE=reader) och ladda om sidan."
            ]
        if newest is None or newest == self.copy:
            self._retire_old()
            return
        with self.lock:
            if newest == self.copy:
                return
            try:  # open and check it before anyone reads it
                con = db.connect(newest, read_only=True)
                info = embedded.build_info(con)
            except (duckdb.Error, OSError, db.DatabaseProblem) as exc:
                _LOG.warning("Could not open the published copy %s: %s", newest, exc)
                if self.con is None:
                    self.build_problems = [f"Den publicerade kopian {newest} kan inte öppnas: {exc}"]
                return  # keep the copy that works, and try again at the next run
            if self.con is not None:
                self.retired.append((time.monotonic(), self.con))
            self.con, self.copy = con, newest
            self.version = info.data_hash if info else None
            self.build_problems = []
        _drop_results()  # results of older copies are not read again

    def _retire_old(self) -> None:
        """Close the copies moved on from long ago (closing one closes its cursors)."""
        cutoff = time.monotonic() - self.RETIRE_AFTER_S
        if not self.retired or self.retired[0][0] >= cutoff:
            return
        with self.lock:
            while self.retired and self.retired[0][0] < cutoff:
                self.retired.pop(0)[1].close()


def _identity(path: Path) -> tuple | None:
    """A file's identity: a restore replaces it with another (inode, size, time)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns)


@st.cache_resource(show_spinner="Öppnar databasen …")
def _database() -> _Database:
    return _Database()


def database() -> _Database:
    """The process's database, brought up to date with data/ (cheap when nothing changed)."""
    database = _database()
    database.refresh()
    return database


def cursor() -> duckdb.DuckDBPyConnection:
    """A cursor of its own for this run: DuckDB connections are not shared across threads."""
    return database().con.cursor()


def made_on_click(fn: Callable[..., T], *args: Any) -> Callable[[], T]:
    """A download's data made when it is clicked (``st.download_button(data=...)``): ``fn`` on a
    cursor of its own. Streamlit makes it in a backend thread, perhaps while a page run uses the
    process's connection, and a DuckDB connection is not to be used by two threads at once."""
    con = database().con

    def make() -> T:
        cur = con.cursor()
        try:
            return fn(cur, *args)
        finally:
            cur.close()

    return make


def begin_run() -> None:
    """Start the run's read snapshot (app.py calls this first on every run).

    Every query of a run reads one DuckDB transaction, opened here: a viewer sees the data
    as it was before an import or after it, never a mix, even if the import commits halfway
    through the page. The snapshot's version keys the cache, so a cached result is always
    of the data its key names.

    Snapshots are kept per script thread, not per session: when a visitor clicks on while a
    page still runs, Streamlit starts the new run in a new thread at once and stops the old
    one only at its next Streamlit call (``runner.fastReruns``), so for a moment one session
    runs twice. Each run reads its own cursor; a cursor is closed by the next run of its
    thread, or once its thread has ended, never while a run may be using it.
    """
    runs = st.session_state.setdefault(_SNAPSHOTS, {})
    me = threading.get_ident()
    alive = {thread.ident for thread in threading.enumerate()}
    for ident in [i for i in runs if i == me or i not in alive]:
        runs.pop(ident)[0].close()
    con = database().con  # brought up to date once per run
    if con is None:  # a reader before the writer's first copy: the page says so
        return
    cur = con.cursor()
    cur.execute("BEGIN TRANSACTION")
    runs[me] = (cur, db.data_version(cur) or "")


_SNAPSHOTS = "_ui_snapshots"  # {script thread: (cursor, data version)}


def _snapshot() -> tuple[duckdb.DuckDBPyConnection, str]:
    me = threading.get_ident()
    if me not in st.session_state.get(_SNAPSHOTS, {}):  # a page run on its own, without app.py
        begin_run()
    return st.session_state[_SNAPSHOTS][me]


def snapshot_cursor() -> duckdb.DuckDBPyConnection:
    """The run's cursor, for a function that cannot be cached (building a report)."""
    return _snapshot()[0]


@st.cache_data(show_spinner=False, max_entries=500)
def _cached(name: str, version: str, args: tuple, kwargs: dict, _cur: duckdb.DuckDBPyConnection) -> Any:
    return _REGISTRY[name](_cur, *args, **kwargs)


_REGISTRY: dict[str, Callable[..., Any]] = {}


def _through(cache: Callable[..., Any], fn: Callable[..., T], args: tuple, kwargs: dict) -> T:
    """``fn(cursor, *args)`` on the run's snapshot, through ``cache``, keyed by its version."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    _REGISTRY[name] = fn
    cur, version = _snapshot()
    return cache(name, version, args, kwargs, cur)


def load(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """``fn(cursor, *args)`` for a ``dashboard`` function on the run's snapshot, cached by
    the snapshot's data version."""
    return _through(_cached, fn, args, kwargs)


@st.cache_resource(show_spinner=False, max_entries=500)  # figures and views: bounded memory
def _shared(name: str, version: str, args: tuple, kwargs: dict, _cur: duckdb.DuckDBPyConnection) -> Any:
    return _REGISTRY[name](_cur, *args, **kwargs)


# The most recent shared() results by function, data version and arguments, in front of
# st.cache_resource: a hit is one dict lookup instead of Streamlit hashing each argument (a
# page asks 3–6 times a run). It holds objects cache_resource holds too, unless that has let
# them go; emptied with it by _drop_results (not by Streamlit's own "Clear caches").
_MEMO: dict[tuple, Any] = {}
_MEMO_MAX = 100
_MEMO_LOCK = threading.Lock()


def shared(fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
    """Like ``load``, but every session gets the same object, not a copy: for Plotly figures
    and the pages' finished views (dataclasses of frames, pyarrow tables), which are slow to
    build and to copy. The pages only read them; nothing may change a shared object."""
    name = f"{fn.__module__}.{fn.__qualname__}"
    version = _snapshot()[1]
    try:  # types too: True and 1 are equal keys in a dict, not in Streamlit's cache
        key = (name, version, *((type(a), a) for a in args), *sorted(kwargs.items()))
        return _MEMO[key]
    except KeyError:
        pass
    except TypeError:  # an unhashable argument: only Streamlit's hashing can key it
        return _through(_shared, fn, args, kwargs)
    value = _through(_shared, fn, args, kwargs)
    with _MEMO_LOCK:
        while len(_MEMO) >= _MEMO_MAX:
            del _MEMO[next(iter(_MEMO))]  # the oldest
        _MEMO[key] = value
    return value


def no_forbund_in_data() -> bool:
    """Whether the database opens but holds no förbund (``build --tom`` before the first is
    created); False when there is no database to read (the page says why)."""
    database_ = database()
    if database_.unavailable or database_.version is None:
        return False
    return not shared(overview.forbund_years)


def show_build_problems() -> bool:
    """Say on the page what is wrong with the data, if anything: the database cannot be
    opened (held, damaged: with the newest good backup and the command that restores it),
    it can only be read, the last write's backup failed, or the last build failed. True if
    there is no data to show (the page stops)."""
    database_ = database()
    if database_.unavailable:
        st.error(database_.unavailable)
        return True
    if database_.notice:
        st.warning(database_.notice)
    if why := writes.backup_failure():
        st.warning(
            f"Den senaste ändringen är sparad, men säkerhetskopian av den kunde inte skrivas ({why}). "
            "Den skrivs vid nästa ändring; kontakta den som sköter servern om det består."
        )
    if database_.build_problems and database_.reader:  # a reader's problem is with its copies
        st.error("\n\n".join(database_.build_problems))
    elif database_.build_problems:
        st.error(
            "Datan i data/ kunde inte läsas in, så dashboarden visar den senast fungerande "
            "versionen. Rätta följande och ladda om sidan:\n\n"
            + "\n".join(f"- {p}" for p in database_.build_problems)
        )
    return database_.version is None


def show_source(cited: list[tuple[str, str | None]] | tuple[tuple[str, str | None], ...]) -> None:
    """A caption "Källa: …", each source (citation, URL of its passage on the page
    Källdokument or None) as a link a person can open where there is a passage to open."""
    st.caption(
        "Källa: "
        + "; ".join(f"[{fmt.plain(text)}]({url})" if url else fmt.plain(text) for text, url in cited)
    )


def table_height(rows: int) -> int:
    """Pixel height that shows every row of a table (no inner scrolling on a wall screen)."""
    # At the theme's 18 px base font a row is 39 px high, the header 40 px.
    return 42 + 39 * max(rows, 1)


YEAR = "_ui_year"  # the year last chosen, on any page of the session
FORBUND = "ui-forbund"  # the förbund's choice_box (forbund_and_year)


def _kept(key: str) -> str:
    """Where a choice_box keeps its choice in the session."""
    return f"_ui_kept_{key}"


def choice_box(
    parent: Any,
    noun: str,
    options: list,
    key: str,
    default: Any,
    format_func: Callable[[Any], str] = str,
    title: Callable[[Any], str] | None = None,
    count: int | None = None,
) -> Any:
    """One of a long list, as a box whose label names the one shown ("Mått: …"); opened, the
    list to choose another. The choice is kept for the session, on every page that asks with
    the same ``key``, while the box is closed. A dropdown's code costs a page's first visit
    about a quarter of an empty page's time (README: Performance): drawn when opened, it costs
    only the person who wants another. ``title`` names the shown option in the box's label
    (by default ``format_func``); ``count``, the number the list's label gives (by default every
    option: less where an option is not one of the things counted, as "Annat datum")."""
    shown = st.session_state.get(_kept(key), default)
    if shown not in options:  # a page without it shows its own default and keeps the choice
        shown = default if default in options else options[0]
    box = lazy_expander(f"{noun}: {(title or format_func)(shown)}", key=f"{key}-box", parent=parent)
    if box.open:
        label = f"Välj {noun.lower()} ({len(options) if count is None else count} i datan)"
        chosen = box.selectbox(label, options, index=options.index(shown), format_func=format_func, key=key)
        if chosen != shown:  # the box's label names the one shown: drawn again with it
            st.session_state[_kept(key)] = chosen
            st.rerun()
    return shown


WHAT_THE_DATA_HAS = (
    "Databasen har rikets kommuner och publicerad statistik men inget förbund: en redaktör "
    "skapar förbundet på sidan Data och importerar sedan dess arbetsbok (verksamhetsplan, "
    "budget, årsredovisning)."
)
NO_FORBUND = "Inga förbund ännu. " + WHAT_THE_DATA_HAS


def data_page_link(parent: Any = st, label: str = "Till sidan Data") -> None:
    """A link to the page Data (where a förbund is created and its data imported)."""
    try:
        parent.page_link("app_pages/data.py", label=label, icon=":material/upload_file:")
    except StreamlitAPIException:  # a page run on its own (AppTest) has no navigation to link in
        parent.markdown(f"[{label}](data)")


def no_forbund_yet() -> None:
    """Say that the data has no förbund, lead to Data, and end the page's run."""
    st.info(NO_FORBUND)
    data_page_link()
    st.stop()


def no_budget_yet(forbund: str, ar: int) -> None:
    """End the page's run, saying so, when the förbund has no budget lines for the year (a
    förbund just created): its workbook's sheet Budget brings them."""
    if shared(overview.has_lines, forbund, ar):
        return
    st.info(
        f"Datan har ingen budget eller något utfall för {fmt.plain(forbund)} {ar} ännu. En redaktör "
        "fyller i förbundets arbetsbok (bladet Budget, med dokument och avsnitt för varje rad) och "
        "importerar den på sidan Data."
    )
    data_page_link()
    st.stop()


def shown_forbund() -> str | None:
    """The förbund the session shows (``forbund_and_year``) without drawing its choice: the
    one chosen last, else the first in the data; None when the data has no förbund."""
    names = list(shared(overview.forbund_years))
    kept = st.session_state.get(_kept(FORBUND))
    return kept if kept in names else (names[0] if names else None)


def forbund_and_year(
    years_by_forbund: dict[str, list[int]] | None = None, year_label: str = "År", round_key: str = ""
) -> tuple[str, int]:
    """The förbund and year a page shows, the same on every page of a session: the current
    förbund and its latest year until a person chooses another (``years_by_forbund``: the
    förbund and years the page has, by default all in the data). The year is one click, a
    segment each; another förbund is chosen in a box named after the one shown
    (``choice_box``): the board's förbund is the one shown first. ``keep`` sets both from
    elsewhere (an opened scenario); a new ``round_key`` draws the year's segments anew so
    that they show it."""
    if years_by_forbund is None:
        years_by_forbund = shared(overview.forbund_years)  # read, never changed
    labels = shared(overview.forbund_labels)  # one cached call, not one per option
    names = list(years_by_forbund)
    if not names:
        no_forbund_yet()
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    if len(names) > 1:
        forbund = choice_box(left, "Förbund", names, FORBUND, names[0], lambda f: labels.get(f, f), title=str)
    else:
        forbund = names[0]
        left.markdown(f"**Förbund:** {fmt.plain(labels.get(forbund, forbund))}")
    key = f"ui-ar-{forbund}{round_key}"
    return forbund, year(years_by_forbund[forbund], key=key, parent=right, label=year_label)


def keep(forbund: str, ar: int) -> None:
    """Show ``forbund`` and ``ar`` from the next run on, on every page (``forbund_and_year``)."""
    st.session_state[_kept(FORBUND)] = forbund
    st.session_state[YEAR] = ar


def segments(parent: Any, label: str, options: list, default: Any = None, **kwargs: Any) -> Any:
    """One of a short list, a segment each (in ``parent``: the page, a column, a box): one
    click, never none chosen, wrapping onto more rows where the screen is narrow; ``default``
    is the first option unless given. Other keywords go to ``st.segmented_control``."""
    default = options[0] if default is None else default
    return parent.segmented_control(label, options, default=default, required=True, wrap=True, **kwargs)


def year(years: list[int], key: str, parent: Any = st, label: str = "År") -> int:
    """The year of a page, a segment a year: the year chosen on any page of the session where
    the page has it, else the latest (and the session's year stays for the pages that have it)."""
    kept = st.session_state.get(YEAR)
    default = kept if kept in years else years[-1]
    chosen = segments(parent, label, years, default, key=key)
    if chosen != default:  # chosen here
        st.session_state[YEAR] = chosen
    return chosen


def lazy_expander(label: str, key: str, parent: Any = st):
    """An expander (in ``parent``: a column, the sidebar) whose content the page runs only
    while it is open: Streamlit reruns the page when it is opened or closed, and ``.open``
    tells which. Closed, what is inside costs the run nothing and is not sent."""
    return parent.expander(label, key=key, on_change="rerun")


@dataclasses.dataclass
class _Kept:
    """One editor's table in the session (``kept_editor``)."""

    start: pd.DataFrame  # what the editor was given when it was made
    edited: pd.DataFrame  # that table with the edits
    basis: object
    widget_key: str  # new for every editor made: Streamlit's old edits never reach a new one
    drawn: bool = False  # drawn in the last run


_KEPT = "_ui_kept_edits"
_KEPT_MADE = "_ui_kept_editors_made"


def kept_editor(box, key: str, basis: object, data: pd.DataFrame, **kwargs: Any) -> pd.DataFrame:
    """``st.data_editor`` of ``data`` inside ``box`` (a ``lazy_expander``); the edited table.

    The edits outlive the closing of the box: Streamlit forgets the state of a widget that a
    run does not draw, so the edited table is kept in the session, returned while the box is
    closed, and is where a new editor starts when the box is opened again. While the box stays
    open the editor is given the same table every run, so that Streamlit applies its edits
    (added and deleted rows too) exactly once; the run that closes the box draws it once more,
    so that an edit still on its way is taken in. ``basis`` names what ``data`` was made from
    (förbund, year, an opened scenario): when it changes, every kept table starts over.
    """
    kept = st.session_state.setdefault(_KEPT, {})
    for stale in [name for name, entry in kept.items() if entry.basis != basis]:
        del kept[stale]
    entry = kept.get(key)
    if not box.open and (entry is None or not entry.drawn):
        return data if entry is None else entry.edited  # never opened: the very object made
    if entry is None or not entry.drawn:  # a new editor, from the edits so far if any
        made = st.session_state[_KEPT_MADE] = st.session_state.get(_KEPT_MADE, 0) + 1
        table = data if entry is None else entry.edited
        entry = kept[key] = _Kept(table, table, basis, f"{key}-{made}")
    with box:  # as every editor of the app: no index column, the page's full width
        entry.edited = st.data_editor(
            entry.start, key=entry.widget_key, hide_index=True, width="stretch", **kwargs
        )
    entry.drawn = bool(box.open)
    return entry.edited


def data_changed() -> None:
    """After a write to user_data in this run: read the new data from here on.

    Other sessions see it on their next run (their snapshot's version differs). Cached
    results of older versions are dropped to keep memory bounded.
    """
    begin_run()
    _drop_results()


def _drop_results() -> None:
    """Forget every cached result and shared object of this process (all data versions)."""
    _cached.clear()
    with _MEMO_LOCK:
        _MEMO.clear()
        _shared.clear()
