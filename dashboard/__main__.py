"""Command line: ``python -m dashboard build | check | export --out DIR | import | undo N |
restore [--list] | …``.

Every failure is a Swedish message on stderr and a non-zero exit, never a traceback (set
``FINSAM_DEBUG=1`` to see one). Commands that only read (check, export, report,
import --dry-run) open the database read-only and work in a read-only directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import os
import re
import sys
import traceback
from pathlib import Path

import duckdb
import pandas as pd

from dashboard.domain import documents, reconcile
from dashboard.exchange import (
    export,
    fmt,
    imports,
    reading,
    registration_import,
    scb,
    statimport,
    workbook,
    workbook_export,
)
from dashboard.exchange.workbook_sheets import README_SHEET, SHEETS
from dashboard.store import backups, db, embedded, replicas, writes
from dashboard.view import meeting, pack


def _after_write() -> int:
    """Say what became of the write's backup and the readers' copy; 1 if either failed."""
    code = 0
    if damage := writes.damage():
        print(f"Fel: {damage}", file=sys.stderr)
        return 4
    if why := writes.backup_failure():
        print(f"Fel: ändringen är sparad, men säkerhetskopian kunde inte skrivas ({why}).", file=sys.stderr)
        code = 1
    if why := writes.unpublished():
        print(f"Fel: kopian för läsarprocesserna kunde inte publiceras ({why}).", file=sys.stderr)
        code = 1
    return code


def _writer() -> duckdb.DuckDBPyConnection:
    """The database for a command that writes: opened, checked, built if needed, and backed
    up if its newest backup is older than its data (a write killed before its backup)."""
    con = db.open_checked()
    if not embedded.ensure_built(con):
        writes.ensure_backup(con)
    return con


def _reader() -> duckdb.DuckDBPyConnection:
    """The database for a command that only reads: read-only (``embedded.open_for_reading``)."""
    con, note = embedded.open_for_reading()
    if note:
        print(note, file=sys.stderr)
    return con


def _build(args: argparse.Namespace) -> int:
    con = db.open_checked()
    info = embedded.build(con, empty=True if args.tom else False if args.med_dokument else None)
    when = f"{info.built_at:%Y-%m-%d %H:%M}"
    if info.empty:
        kommuner = con.execute("SELECT count(*) FROM kommuner").fetchall()[0][0]
        forbund = con.execute("SELECT count(*) FROM forbund").fetchall()[0][0]
        print(
            f"Databasen {db.db_path()} är byggd utan dokumentens förbund ({fmt.number(kommuner)} kommuner, "
            f"{fmt.number(forbund)} förbund, {when}). Skapa ett förbund på sidan Data eller importera "
            "dess arbetsbok: python -m dashboard import FIL."
        )
    else:
        counts = con.execute("SELECT count(*) FROM budget_lines").fetchall()[0][0]
        print(f"Databasen {db.db_path()} är byggd ({fmt.number(counts)} budgetrader, {when}).")
    if generation := writes.last_backup():
        print(f"Säkerhetskopia: {generation.path}.")
    if writes.unpublished() is None and (directory := replicas.directory()):
        print(f"En kopia för läsarprocesserna är publicerad: {replicas.newest(directory)}.")
    return _after_write()


def _check(_: argparse.Namespace) -> int:
    con = _reader()
    checks = reconcile.checks(con)
    bad = reconcile.disagreements(con)
    print(
        f"{len(checks)} tryckta summor och avvikelser kontrollerade; {len(bad)} stämmer inte med sina rader."
    )
    for row in bad.itertuples():
        print(
            f"- {documents.citation(con, row.dokument, row.avsnitt, short=True)}, {row.post}, {row.kolumn}: "
            f"tryckt {fmt.kr(row.tryckt)}, beräknat {fmt.kr(row.beraknat)}, "
            f"skillnad {fmt.signed_kr(row.skillnad)}"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    con = _reader()
    if args.forbund:
        out = Path(args.out)
        if out.suffix.lower() == ".xlsx":
            out.write_bytes(workbook_export.export(con, args.forbund))
            print(
                f"Arbetsboken för {workbook_export.known_forbund(con, args.forbund)} är skriven till {out}."
            )
        else:
            written = workbook_export.export_folder(con, args.forbund, out)
            print(f"{len(written)} blad skrivna som CSV till {out}: {', '.join(p.name for p in written)}")
        return 0
    written = export.export_all(con, Path(args.out))
    print(f"{len(written)} filer skrivna till {args.out}: {', '.join(p.name for p in written)}")
    return 0


COMMANDS = "build, check, export, import, template, undo, restore, import-scb, losenord, report eller bench"


class _SwedishFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, prefix or "Användning: ")


class _SwedishParser(argparse.ArgumentParser):
    """argparse with Swedish headings and errors (its own texts are English)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=_SwedishFormatter, add_help=False, **kwargs)
        self._positionals.title = "kommandon"
        self._optionals.title = "flaggor"
        self.add_argument("-h", "--help", action="help", help="visa den här hjälpen")

    def error(self, message: str):
        self.print_usage(sys.stderr)
        required = re.search(r"arguments are required: (.+)", message)
        choice = re.search(r"invalid choice: '([^']*)'", message)
        if required and required.group(1) == "kommando":
            hint = f"ange ett kommando: {COMMANDS}"
        elif required:
            hint = f"ange {required.group(1)}"
        elif choice:
            hint = f"okänt kommando ”{choice.group(1)}”; välj {COMMANDS}"
        else:
            hint = f"ogiltiga argument ({message})"
        self.exit(2, f"Fel: {hint}. Se {self.prog} --help.\n")


def _import_scb(args: argparse.Namespace) -> int:
    path = Path(args.file)
    hamtad = dt.date.fromisoformat(args.hamtad) if args.hamtad else dt.date.today()
    who = f"{getpass.getuser()} (kommandoraden)"
    stored = scb.import_file(path, hamtad, _writer(), who)
    if stored.import_id is None:
        print(f"{path.name} ändrar ingenting: varje rad finns redan med samma siffror.")
        return 0
    print(
        f"{path.name}: import {stored.import_id}, {fmt.number(stored.added)} nya och "
        f"{fmt.number(stored.replaced)} ersatta rader (hämtad från SCB {fmt.date(hamtad)})."
    )
    return _after_write()


def _is_workbook(path: Path) -> bool:
    """A folder of sheets, or an Excel file with a sheet named as the workbook's are."""
    if path.is_dir():
        return True
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return False
    from openpyxl import load_workbook

    from dashboard.domain import naming

    try:
        titles = load_workbook(path, read_only=True).sheetnames
    except Exception:  # not a workbook: the budget import says why
        return False
    known = {naming.key(s.name) for s in SHEETS} | {naming.key(README_SHEET)}
    return any(naming.key(t) in known for t in titles)


def _import_workbook(args: argparse.Namespace, path: Path) -> int:
    con = _reader() if args.dry_run else _writer()
    if path.is_dir():
        found, content = workbook.read_folder(path)
    else:
        content = path.read_bytes()
        found = workbook.read(content, path.name)
    parsed = workbook.parse(con, found, path.name, content)
    for note in parsed.notes:
        print(note)
    for question in parsed.questions:
        print(f"Fråga: {question}")
    for sheet, count in workbook.counts(con, parsed).items():
        print(
            f"  {sheet}: {fmt.number(count['ny'])} nya, {fmt.number(count['ändrad'])} ändrade, "
            f"{fmt.number(count['oförändrad'])} oförändrade rader"
        )
    if args.dry_run:
        print(f"{path.name}: provkörning; inget har sparats.")
        return 0
    if parsed.questions and not args.bekrafta:
        return _refused(
            "arbetsboken importerades inte; inget har ändrats.",
            ["Svara på frågorna ovan och kör igen med --bekrafta om allt stämmer."],
        )
    stored = workbook.store(con, parsed, args.vem or f"{getpass.getuser()} (kommandoraden)", args.bekrafta)
    if stored.import_id is None:
        print(f"{path.name}: inget att spara; datan är oförändrad.")
        return 0
    print(f"{path.name}: sparad som import {stored.import_id}.")
    return _after_write()


def _template(args: argparse.Namespace) -> int:
    out = Path(args.out)
    out.write_bytes(workbook_export.template())
    print(f"En tom arbetsbok med ett exempel per blad är skriven till {out}.")
    return 0


def _is_registrations(data: bytes, name: str) -> bool:
    """A list of participants' registrations: its heading row has Deltagare and Startdatum."""
    try:
        found = reading.rows(data, name)
    except reading.ImportRefused:  # the budget import says why
        return False
    header = next((cells for _, cells in found if not reading.blank(cells)), [])
    return registration_import.recognised(header)


def _import_registrations(args: argparse.Namespace, path: Path, data: bytes) -> int:
    con = _reader() if args.dry_run else _writer()
    till = dt.date.fromisoformat(args.period) if args.period else None
    fran = dt.date.fromisoformat(args.fran) if args.fran else None
    try:
        parsed = registration_import.parse(
            con, data, path.name, forbund=args.forbund, fran=fran, till=till, create_insatser=args.bekrafta
        )
    except registration_import.UnknownInsatser as exc:
        return _refused(
            f"{path.name} importerades inte; inget har ändrats.",
            [*exc.problems, "Ska insatserna skapas med importen, kör igen med --bekrafta."],
        )
    for note in parsed.notes:
        print(note)
    print(f"{path.name}: registreringar för perioden {parsed.fran.isoformat()}–{parsed.till.isoformat()}.")
    for row in registration_import.preview_table(con, registration_import.preview(con, parsed)).itertuples(
        index=False
    ):
        print(
            f"  {row[0]}, {row[1]}: {row[2]} rader, {row[3]} aktiva vid periodens slut, "
            f"{row[4]} började, {row[5]} avslutade; ersätter {row[6]} rader"
        )
    if args.dry_run:
        print(f"{path.name}: provkörning; inget har sparats.")
        return 0
    stored = registration_import.store(con, parsed, args.vem or f"{getpass.getuser()} (kommandoraden)")
    print(f"{path.name}: sparad som import {stored.import_id} ({fmt.number(stored.added)} registreringar).")
    return _after_write()


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    if _is_workbook(path):
        return _import_workbook(args, path)
    data = path.read_bytes()
    if _is_registrations(data, path.name):
        return _import_registrations(args, path, data)
    con = _reader() if args.dry_run else _writer()
    period = dt.date.fromisoformat(args.period) if args.period else None
    parsed = imports.parse(
        con,
        data,
        path.name,
        forbund=args.forbund,
        ar=period.year if period else None,
        period_slut=period,
    )
    for note in parsed.notes:
        print(note)
    preview = imports.preview(con, parsed)
    counts = imports.summary(preview)
    changes = preview[preview["status"] != "oförändrad"]
    for row in changes.itertuples():
        before = "" if pd.isna(row.belopp_nu) else f"{fmt.kr(row.belopp_nu)} → "
        print(
            f"  rad {row.rad}: {row.status}: {row.forbund} {row.ar}, {row.post}, {row.matt} "
            f"{row.period_slut:%Y-%m-%d}: {before}{fmt.kr(row.belopp)}"
        )
    counted = (
        f"{fmt.number(counts['ny'])} nya, {fmt.number(counts['ändrad'])} ändrade och "
        f"{fmt.number(counts['oförändrad'])} oförändrade rader"
    )
    if args.dry_run:
        print(f"{path.name}: {counted}. Provkörning: inget har sparats.")
        return 0
    stored = imports.store(con, parsed, args.vem or f"{getpass.getuser()} (kommandoraden)")
    if stored.import_id is None:
        print(f"{path.name}: {counted}. Inget att spara; datan är oförändrad.")
        return 0
    print(f"{path.name}: {counted}. Sparad som import {stored.import_id}.")
    return _after_write()


def _undo(args: argparse.Namespace) -> int:
    """Undo import N: the same function as the page Data's Ångra."""
    con = _writer()
    who = args.vem or f"{getpass.getuser()} (kommandoraden)"
    # one series of numbers; an import from before it may share its number with another log's
    logs = imports.logs_of(con, args.import_id)
    if args.logg:
        logs = [log for log in logs if log == args.logg] or [args.logg]
    if len(logs) > 1:
        return _refused(
            f"import {args.import_id} finns i flera loggar ({', '.join(logs)}); inget har ångrats.",
            [f"Ange vilken med --logg {logs[0]} (eller {', '.join(logs[1:])})."],
        )
    undo = {
        "arbetsbok": workbook.undo,
        "statistik": statimport.undo,
        "scb": scb.undo,
        "deltagare": registration_import.undo,
    }.get(logs[0] if logs else "budget", imports.undo)
    undo(con, args.import_id, who)
    print(f"Import {args.import_id} är ångrad; det den ersatte gäller igen.")
    return _after_write()


def _size(size: int) -> str:
    return f"{fmt.number(size / 1_000_000, 1)}\u00a0MB"


def _restore(args: argparse.Namespace) -> int:
    """List the backups, or put one back in place of the database (keeping the replaced file)."""
    path = db.db_path()
    found = backups.generations(path)
    if args.list:
        if not found:
            print(f"Inga säkerhetskopior i {backups.directory(path)}.")
            return 0
        print(f"Säkerhetskopior av {path} i {backups.directory(path)}, nyaste först:")
        for generation in found:
            why = backups.file_problem(generation.path)
            state = "hel" if why is None else f"skadad ({db.explain_text(why)})"
            print(
                f"  {generation.number:>4}  {backups.made_text(generation.made)}  "
                f"{_size(generation.size):>9}  {state}  {generation.path.name}"
            )
        return 0
    if args.kopia:
        chosen = [g for g in found if args.kopia in (str(g.number), g.path.name, str(g.path))]
        if not chosen:
            raise ValueError(
                f"ingen säkerhetskopia heter ”{args.kopia}”; se python -m dashboard restore --list"
            )
        generation = chosen[0]
        if (why := backups.file_problem(generation.path)) is not None:
            raise ValueError(f"säkerhetskopian {generation.path.name} är skadad ({db.explain_text(why)})")
    else:
        generation = next((g for g in found if backups.file_problem(g.path) is None), None)
        if generation is None:
            raise ValueError(f"det finns ingen hel säkerhetskopia i {backups.directory(path)}")
    db.ensure_not_held(path)
    done = backups.restore(path, generation)
    print(
        f"Databasen {path} är återställd från säkerhetskopian från {backups.made_text(generation.made)} "
        f"({generation.path.name})."
    )
    if done.kept:
        print(f"Filen den ersatte finns kvar som {done.kept}.")
    con = db.open_checked()  # the restored file reads whole; rebuild if data/ has changed since
    if embedded.ensure_built(con):
        print("Databasen byggdes om från data/, som har ändrats sedan kopian gjordes.")
    return _after_write() if writes.damage() else 0


def _password(args: argparse.Namespace) -> int:
    """Ask for a password twice and print the lines for .streamlit/secrets.toml: an editor's
    account with ``--namn``, else the editors' shared password."""
    if sys.stdin.isatty():
        first = getpass.getpass(f"Lösenord för {args.namn}: " if args.namn else "Redaktörernas lösenord: ")
        second = getpass.getpass("Samma lösenord igen: ")
    else:  # piped, for scripts: one line
        first = second = sys.stdin.readline().rstrip("\n")
    if first != second:
        raise ValueError("lösenorden är inte lika")
    if len(first) < 12:
        raise ValueError("lösenordet behöver minst 12 tecken")
    from dashboard.view import passwords

    print("Lägg in i .streamlit/secrets.toml (aldrig i git):")
    if args.namn:
        print("[editors.accounts]")
        print(passwords.account_line(args.namn, first))
    else:
        print("[editors]")
        print(f'password_hash = "{passwords.hash_password(first)}"')
    return 0


def _report(args: argparse.Namespace) -> int:
    out = Path(args.out)
    kind = out.suffix.lower().lstrip(".")
    if kind not in ("pdf", "pptx"):
        raise ValueError(f"okänd filtyp ”{out.suffix}”: välj .pdf eller .pptx")
    con = _reader()
    period = dt.date.fromisoformat(args.period)
    day = dt.date.fromisoformat(args.mote) if args.mote else dt.date.today()
    out.write_bytes(pack.make(con, args.forbund, period, day, kind))
    print(f"Mötesunderlaget är skrivet till {out}.")
    return 0


def _bench(args: argparse.Namespace) -> int:
    import bench

    try:
        if args.profile:
            bench.profile(args.profile, min(args.runs, 5), warm=args.warm)
        elif args.imports:
            from bench import imports

            imports.run()
        else:
            bench.run(args.runs)
    except RuntimeError as exc:  # a measurement that failed says which (bench._named)
        print(f"Fel: {exc}", file=sys.stderr)
        return 1
    return 0


def parser() -> argparse.ArgumentParser:
    p = _SwedishParser(
        prog="python -m dashboard",
        description="Uppföljning för samordningsförbund: databasen och dess data.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="kommando", parser_class=_SwedishParser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, prog=f"python -m dashboard {name}")

    build = command("build", "bygg (om) databasen från data/*.csv")
    how = build.add_mutually_exclusive_group()
    how.add_argument(
        "--tom",
        action="store_true",
        help="bara rikets referensdata (kommuner, befolkning, statistik), inga förbund; "
        "senare byggen håller sig till det",
    )
    how.add_argument(
        "--med-dokument",
        action="store_true",
        help="med de fem dokumentens förbund (som utan --tom från början)",
    )
    build.set_defaults(run=_build)
    command("check", "lista tryckta summor som inte stämmer med sina rader").set_defaults(run=_check)
    ex = command("export", "skriv alla tabeller som CSV, eller ett förbunds arbetsbok (--forbund)")
    ex.add_argument(
        "--out", required=True, metavar="KATALOG", help="katalog, eller FIL.xlsx för en arbetsbok"
    )
    ex.add_argument(
        "--forbund", metavar="FÖRBUND", help="skriv förbundets arbetsbok (FIL.xlsx, eller en katalog med CSV)"
    )
    ex.set_defaults(run=_export)
    imp = command("import-scb", "importera en export av SCB:s tabell över helårsekvivalenter (HE0000)")
    imp.add_argument("file", metavar="FIL", help="CSV- eller Excelfil från SCB:s statistikdatabas")
    imp.add_argument("--hamtad", metavar="ÅÅÅÅ-MM-DD", help="dagen filen hämtades (standard: i dag)")
    imp.set_defaults(run=_import_scb)
    imb = command(
        "import",
        "importera ett förbunds arbetsbok, budgetrader från ekonomisystemet "
        "(importformatet eller en delårsrapports tabell) eller deltagarnas registreringar",
    )
    imb.add_argument(
        "file", metavar="FIL", help="arbetsbok (.xlsx eller en katalog med CSV), eller CSV- eller Excelfil"
    )
    imb.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, utan att spara")
    imb.add_argument(
        "--forbund",
        metavar="FÖRBUND",
        help="förbundet (för en delårsrapports tabell, eller registreringar utan kolumnen Förbund)",
    )
    imb.add_argument(
        "--period",
        metavar="ÅÅÅÅ-MM-DD",
        help="dagen utfallet avser (delårsrapport), eller dagen registreringarnas period slutar",
    )
    imb.add_argument(
        "--fran", metavar="ÅÅÅÅ-MM-DD", help="registreringar: dagen perioden börjar (standard: 1 januari)"
    )
    imb.add_argument("--vem", metavar="NAMN", help="vem som importerar (standard: inloggad användare)")
    imb.add_argument(
        "--bekrafta",
        action="store_true",
        help="arbetsbok: bekräfta frågorna (t.ex. en medlem utanför länet); registreringar: skapa insatser "
        "som filen namnger men datan saknar",
    )
    imb.set_defaults(run=_import)
    tpl = command("template", "skriv en tom arbetsbok med ett exempel per blad och bladet Läs mig")
    tpl.add_argument("--out", required=True, metavar="FIL", help="FIL.xlsx")
    tpl.set_defaults(run=_template)
    und = command("undo", "ångra en import (samma som Ångra på sidan Data)")
    und.add_argument("import_id", type=int, metavar="N", help="importens nummer i importloggen")
    und.add_argument("--vem", metavar="NAMN", help="vem som ångrar (standard: inloggad användare)")
    und.add_argument(
        "--logg",
        choices=("arbetsbok", "budget", "statistik", "scb", "deltagare"),
        help="loggen importen står i, där numret finns i flera (importer från före en nummerserie)",
    )
    und.set_defaults(run=_undo)
    res = command("restore", "återställ databasen från en säkerhetskopia (den senaste hela om inget anges)")
    res.add_argument("kopia", nargs="?", metavar="KOPIA", help="kopians nummer eller filnamn (se --list)")
    res.add_argument("--list", action="store_true", help="lista säkerhetskopiorna med datum och storlek")
    res.set_defaults(run=_restore)
    pw = command("losenord", "skapa hashen av en redaktörs lösenord för secrets.toml")
    pw.add_argument("--namn", metavar="NAMN", help="redaktörens namn (ett eget konto)")
    pw.set_defaults(run=_password)
    rep = command("report", "gör mötesunderlaget som PDF eller PowerPoint")
    rep.add_argument("--forbund", required=True, metavar="FÖRBUND", help="förbundets namn")
    rep.add_argument("--period", required=True, metavar="ÅÅÅÅ-MM-DD", help="dagen perioden slutar")
    rep.add_argument("--mote", metavar="ÅÅÅÅ-MM-DD", help="mötets datum (standard: i dag)")
    rep.add_argument("--out", required=True, metavar="FIL", help="FIL.pdf eller FIL.pptx")
    rep.set_defaults(run=_report)
    ben = command("bench", "mät sidornas svarstider på syntetiska data i nationell skala (tar några minuter)")
    ben.add_argument("--runs", type=int, default=15, metavar="N", help="körningar per mätning (standard 15)")
    ben.add_argument(
        "--profile", metavar="SIDA", help="profilera en sida (pyinstrument) i stället för att mäta alla"
    )
    ben.add_argument("--warm", action="store_true", help="med --profile: varma körningar i stället för kalla")
    ben.add_argument(
        "--imports",
        action="store_true",
        help="mät arbetsbokens import för 83 förbund × 5 år bredvid budgetimporten av samma rader, "
        "och 100 000 registreringar av deltagare",
    )
    ben.set_defaults(run=_bench)
    return p


def _refused(headline: str, problems: list[str]) -> int:
    """Say in Swedish what was refused and every reason; exit code 2."""
    print(f"Fel: {headline}", file=sys.stderr)
    for problem in problems:
        print(f"- {problem}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    debug = bool(os.environ.get("FINSAM_DEBUG"))
    if not debug:  # the detail goes nowhere rather than as a traceback on the screen
        logging.getLogger().addHandler(logging.NullHandler())
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except db.DatabaseDamaged as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 4
    except db.DatabaseProblem as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 3
    except reading.ImportRefused as exc:
        return _refused("filen importerades inte; inget har ändrats.", exc.problems)
    except writes.WriteBusy as exc:  # ImportBusy and WriteFailed too
        print(f"Fel: {exc}", file=sys.stderr)
        return 3
    except embedded.BuildError as exc:
        return _refused("databasen kunde inte byggas; den förra versionen är kvar oförändrad.", exc.problems)
    except meeting.ReportError as exc:
        return _refused(str(exc), [])
    except ValueError as exc:
        return _refused(str(exc), [])
    except BrokenPipeError:  # the reader of our output went away (| head): nothing to say
        return 1
    except OSError as exc:
        where = f" ({exc.filename})" if exc.filename else ""
        print(f"Fel: {db.explain(exc)}{where}.", file=sys.stderr)
        return 1
    except duckdb.Error as exc:
        if db.is_damage(exc):
            print(f"Fel: {db.DatabaseDamaged(db.db_path(), str(exc))}", file=sys.stderr)
            return 4
        print(f"Fel: databasen svarade med ett fel ({db.explain(exc)}).", file=sys.stderr)
        if debug:
            traceback.print_exc()
        return 1
    except Exception as exc:
        print(
            f"Fel: ett oväntat fel inträffade ({type(exc).__name__}). "
            "Kör igen med FINSAM_DEBUG=1 för detaljerna.",
            file=sys.stderr,
        )
        if debug:
            traceback.print_exc()
        return 1


if __name__ == "__main__":
    sys.exit(main())
