"""Command line: ``python -m dashboard build | check | export --out DIR``.

Every failure is a Swedish message on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import re
import sys
from pathlib import Path

import pandas as pd

from dashboard import db, export, fmt, imports, reconcile, report, scb, sources


def _build(_: argparse.Namespace) -> int:
    con = db.connect()
    info = db.build(con)
    counts = con.execute("SELECT count(*) FROM budget_lines").fetchall()[0][0]
    when = f"{info.built_at:%Y-%m-%d %H:%M}"
    print(f"Databasen {db.db_path()} är byggd ({fmt.number(counts)} budgetrader, {when}).")
    if copy := db.publish(con):
        print(f"En kopia för läsarprocesserna är publicerad: {copy}.")
    elif why := db.unpublished():
        print(f"Fel: kopian för läsarprocesserna kunde inte publiceras ({why}).", file=sys.stderr)
        return 1
    return 0


def _check(_: argparse.Namespace) -> int:
    con = db.connect()
    db.ensure_built(con)
    checks = reconcile.checks(con)
    bad = reconcile.disagreements(con)
    print(
        f"{len(checks)} tryckta summor och avvikelser kontrollerade; {len(bad)} stämmer inte med sina rader."
    )
    for row in bad.itertuples():
        print(
            f"- {sources.citation(con, row.dokument, row.avsnitt, short=True)}, {row.post}, {row.kolumn}: "
            f"tryckt {fmt.kr(row.tryckt)}, beräknat {fmt.kr(row.beraknat)}, "
            f"skillnad {fmt.signed_kr(row.skillnad)}"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    con = db.connect()
    db.ensure_built(con)
    written = export.export_all(con, Path(args.out))
    print(f"{len(written)} filer skrivna till {args.out}: {', '.join(p.name for p in written)}")
    return 0


COMMANDS = "build, check, export, import, import-scb, losenord, report eller bench"


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
    rows = scb.import_file(path, hamtad)
    print(f"{path.name}: {fmt.number(rows)} rader importerade (hämtad från SCB {fmt.date(hamtad)}).")
    return 0


def _import(args: argparse.Namespace) -> int:
    path = Path(args.file)
    con = db.connect()
    db.ensure_built(con)
    period = dt.date.fromisoformat(args.period) if args.period else None
    parsed = imports.parse(
        con,
        path.read_bytes(),
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
    else:
        print(f"{path.name}: {counted}. Sparad som import {stored.import_id}.")
    return 0


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
    from dashboard import auth

    print("Lägg in i .streamlit/secrets.toml (aldrig i git):")
    if args.namn:
        print("[editors.accounts]")
        print(auth.account_line(args.namn, first))
    else:
        print("[editors]")
        print(f'password_hash = "{auth.hash_password(first)}"')
    return 0


def _report(args: argparse.Namespace) -> int:
    out = Path(args.out)
    kind = out.suffix.lower().lstrip(".")
    if kind not in ("pdf", "pptx"):
        raise ValueError(f"okänd filtyp ”{out.suffix}”: välj .pdf eller .pptx")
    con = db.connect()
    db.ensure_built(con)
    period = dt.date.fromisoformat(args.period)
    meeting = dt.date.fromisoformat(args.mote) if args.mote else dt.date.today()
    out.write_bytes(report.make(con, args.forbund, period, meeting, kind))
    print(f"Mötesunderlaget är skrivet till {out}.")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from dashboard import bench

    if args.profile:
        bench.profile(args.profile, min(args.runs, 5), warm=args.warm)
    else:
        bench.run(args.runs)
    return 0


def parser() -> argparse.ArgumentParser:
    p = _SwedishParser(
        prog="python -m dashboard",
        description="Uppföljning för samordningsförbund: databasen och dess data.",
    )
    sub = p.add_subparsers(dest="command", required=True, metavar="kommando", parser_class=_SwedishParser)

    def command(name: str, text: str) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=text, description=text, prog=f"python -m dashboard {name}")

    command("build", "bygg (om) databasen från data/*.csv").set_defaults(run=_build)
    command("check", "lista tryckta summor som inte stämmer med sina rader").set_defaults(run=_check)
    ex = command("export", "skriv alla tabeller som CSV")
    ex.add_argument("--out", required=True, metavar="KATALOG", help="katalog att skriva till")
    ex.set_defaults(run=_export)
    imp = command("import-scb", "importera en export av SCB:s tabell över helårsekvivalenter (HE0000)")
    imp.add_argument("file", metavar="FIL", help="CSV- eller Excelfil från SCB:s statistikdatabas")
    imp.add_argument("--hamtad", metavar="ÅÅÅÅ-MM-DD", help="dagen filen hämtades (standard: i dag)")
    imp.set_defaults(run=_import_scb)
    imb = command(
        "import", "importera budgetrader från ekonomisystemet (importformatet eller en delårsrapports tabell)"
    )
    imb.add_argument("file", metavar="FIL", help="CSV- eller Excelfil (.xlsx)")
    imb.add_argument("--dry-run", action="store_true", help="visa vad som skulle ändras, utan att spara")
    imb.add_argument("--forbund", metavar="FÖRBUND", help="förbundet (för en delårsrapports tabell)")
    imb.add_argument(
        "--period", metavar="ÅÅÅÅ-MM-DD", help="dagen utfallet avser (för en delårsrapports tabell)"
    )
    imb.add_argument("--vem", metavar="NAMN", help="vem som importerar (standard: inloggad användare)")
    imb.set_defaults(run=_import)
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
    ben.set_defaults(run=_bench)
    return p


def _refused(headline: str, problems: list[str]) -> int:
    """Say in Swedish what was refused and every reason; exit code 2."""
    print(f"Fel: {headline}", file=sys.stderr)
    for problem in problems:
        print(f"- {problem}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except db.DatabaseLocked as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 3
    except imports.ImportRefused as exc:
        return _refused("filen importerades inte; inget har ändrats.", exc.problems)
    except imports.ImportBusy as exc:
        print(f"Fel: {exc}", file=sys.stderr)
        return 3
    except scb.ScbImportError as exc:
        return _refused("filen importerades inte; inget har ändrats.", exc.problems)
    except db.BuildError as exc:
        return _refused("databasen kunde inte byggas; den förra versionen är kvar oförändrad.", exc.problems)
    except report.ReportError as exc:
        return _refused(str(exc), [])
    except ValueError as exc:
        return _refused(str(exc), [])
    except OSError as exc:
        print(f"Fel: {exc.strerror or exc} ({exc.filename or ''})", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
