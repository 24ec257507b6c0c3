"""The förbund's workbook: its sheets, each sheet's columns, and what a person reads of them.

One sheet per table an editor carries forward (``store.overlays``). A column has the heading
a person writes, the table's column it fills, the kind of value it takes, whether the
sheet must have it, and the sentence the sheet "Läs mig" says of it. Columns beyond these are
welcome and ignored. Every sheet has the source columns ``Dokument`` and ``Avsnitt``: a
figure's source, shown beside it on the pages; left empty, the workbook and its sheet and
row are the source.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    heading: str
    column: str
    # forbund, text, year, year_or_date, date, choice, kommunkod, kommunkoder, lan, insats,
    # amount, number, count, fte
    kind: str
    required: bool = False  # the sheet must have the column, and (unless may_be_blank) a value in it
    may_be_blank: bool = False
    choices: tuple[str, ...] = ()
    help: str = ""
    example: object = ""

    @property
    def described(self) -> str:
        """What the column holds, as "Läs mig" and the page Data say it: its help, and the
        values it takes unless the help names them."""
        text = self.help
        if self.choices and not all(c in text for c in self.choices):
            text = f"{text} ({', '.join(self.choices)})" if text else ", ".join(self.choices)
        return text

    @property
    def requirement(self) -> str:
        """Whether a sheet must have the column, and may leave it empty."""
        if not self.required:
            return ""
        return "måste finnas" + (", får vara tom" if self.may_be_blank else "")


@dataclass(frozen=True)
class Sheet:
    name: str
    table: str
    columns: tuple[Column, ...]
    help: str
    key_words: str = ""  # what says which row is which, in a message (else the key's headings)

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.column == name)


def _source(example_section: str) -> tuple[Column, ...]:
    return (
        Column(
            "Dokument",
            "dokument",
            "text",
            help="dokumentet siffran kommer från (tomt: arbetsboken själv)",
            example="Årsredovisning 2026",
        ),
        Column(
            "Avsnitt",
            "avsnitt",
            "text",
            help="avsnitt, tabell eller sida i dokumentet (tomt: arbetsbokens blad och rad)",
            example=example_section,
        ),
    )


FORBUND = Column("Förbund", "forbund", "forbund", True, help="förbundets namn, som på bladet Förbund")
NOTE = Column("Anmärkning", "anmarkning", "text", help="det en läsare behöver veta om siffran")
IN_KR_OR_TKR = Column(
    "Enhet i källan",
    "enhet_i_kallan",
    "choice",
    choices=("kr", "tkr"),
    help="kr eller tkr, som dokumentet skriver beloppet (tomt: kr)",
)
VARIANT = Column(
    "Variant",
    "variant",
    "choice",
    choices=("slutlig", "preliminär"),
    help="slutlig eller preliminär (tomt: slutlig)",
)
MATT = ("budget", "utfall", "prognos", "förväntat utfall", "bokslut")

SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "Förbund",
        "forbund",
        (
            Column(
                "Förbund",
                "forbund",
                "text",
                True,
                help="förbundets fullständiga namn",
                example="Samordningsförbundet Exempel",
            ),
            Column("Län", "lan_kod", "lan", True, help="länets kod (två siffror) eller namn", example="19"),
            Column(
                "Från",
                "fran_ar",
                "year_or_date",
                True,
                help="året eller dagen förbundet bildades",
                example=2027,
            ),
            Column(
                "Till",
                "till_ar",
                "year_or_date",
                True,
                True,
                help="året förbundet upphörde (tomt: finns kvar)",
            ),
            Column(
                "Ersatt av",
                "ersatt_av",
                "text",
                True,
                True,
                help="förbundet som tog över, om det gick upp i ett annat",
            ),
            Column(
                "Kortnamn",
                "kortnamn",
                "text",
                help="kort namn i menyer och diagram (tomt: hela namnet)",
                example="Exempel",
            ),
            *_source("Förbundsordning § 1"),
        ),
        "Förbundet: namn, län och livstid. En arbetsbok med bara Förbund och Medlemmar skapar ett förbund.",
    ),
    Sheet(
        "Medlemmar",
        "members",
        (
            FORBUND,
            Column("Medlem", "medlem", "text", True, help="medlemmens namn", example="Exempels kommun"),
            Column(
                "Typ",
                "medlemstyp",
                "choice",
                True,
                choices=("stat", "region", "kommun"),
                help="stat (Försäkringskassan, Arbetsförmedlingen), region eller kommun",
                example="kommun",
            ),
            Column(
                "Kommunkod",
                "kommunkod",
                "kommunkod",
                True,
                True,
                help="kommunens fyrsiffriga kod (bara för en kommun)",
                example="1980",
            ),
            Column("Från år", "fran_ar", "year", True, True, help="första året som medlem", example=2027),
            Column("Till år", "till_ar", "year", True, True, help="sista året som medlem (tomt: är kvar)"),
            *_source("Förbundsordning § 2"),
        ),
        "Förbundets medlemmar och åren de är med.",
    ),
    Sheet(
        "Bidrag",
        "contributions",
        (
            FORBUND,
            Column("År", "ar", "year", True, example=2027),
            Column(
                "Medlem",
                "medlem",
                "text",
                True,
                help="medlemmen som betalar (Staten för AF och FK tillsammans)",
                example="Exempels kommun",
            ),
            Column(
                "Mått", "matt", "choice", True, choices=MATT, help="budget eller utfall", example="budget"
            ),
            Column("Belopp kr", "belopp", "amount", True, help="bidraget i kronor", example=250000),
            VARIANT,
            IN_KR_OR_TKR,
            *_source("Budget 2027"),
            NOTE,
        ),
        "Medlemmarnas bidrag per år, budget och utfall, i kronor.",
    ),
    Sheet(
        "Insatser",
        "insatser",
        (
            FORBUND,
            Column("Insats", "namn", "text", True, help="insatsens namn", example="Samordningsteam Exempel"),
            Column(
                "Typ",
                "insatstyp",
                "choice",
                True,
                choices=("individinsats", "strukturinsats"),
                help="individinsats (deltagare) eller strukturinsats (samverkan, kunskap)",
                example="individinsats",
            ),
            Column(
                "Kommunkoder",
                "kommunkoder",
                "kommunkoder",
                True,
                True,
                help="kommunerna insatsen tar emot deltagare från: fyrsiffriga koder med mellanslag",
                example="1980 1982",
            ),
            Column("Från år", "fran_ar", "year", help="året insatsen började"),
            Column("Till år", "till_ar", "year", help="sista året (tomt: pågår)"),
            Column(
                "Budgetposter",
                "budgetposter",
                "text",
                help="posterna på bladet Budget som betalar insatsen, med semikolon emellan; "
                "insatsens budget kr är deras summa",
                example="Samordningsteam",
            ),
            Column(
                "Insats-id",
                "insats_id",
                "text",
                help="insatsens id (tomt för en ny insats: det görs av namnet)",
            ),
            *_source("Verksamhetsplan 2027, Insatser"),
            NOTE,
        ),
        "Förbundets insatser: typ, kommuner och budgetposter. Bladen Bemanning, Platser och "
        "Deltagare nämner en insats med dess namn härifrån (eller id).",
    ),
    Sheet(
        "Bemanning",
        "staffing",
        (
            FORBUND,
            Column("År", "ar", "year", True, help="året bemanningen gäller", example=2027),
            Column(
                "Insats",
                "insats_id",
                "insats",
                True,
                help="insatsens namn, som på bladet Insatser",
                example="Samordningsteam Exempel",
            ),
            Column(
                "Roll",
                "roll",
                "text",
                True,
                help="socialkonsulent, arbetsförmedlare …",
                example="socialkonsulent",
            ),
            Column(
                "Arbetsgivare",
                "arbetsgivare",
                "text",
                True,
                True,
                help="den som anställer (tomt: anges inte)",
                example="Exempels kommun",
            ),
            Column(
                "Årsarbetare",
                "fte",
                "fte",
                True,
                True,
                help="heltidstjänster i rollen, t.ex. 0,5 (tomt: anges inte)",
                example=2.0,
            ),
            Column("Finansieras av", "finansieras_av", "text", help="en medlem som betalar tjänsterna själv"),
            Column(
                "Årsarbetare finansierade",
                "fte_finansierat",
                "fte",
                help="hur många av dem medlemmen betalar",
            ),
            *_source("Verksamhetsplan 2027, Samordningsteam"),
            NOTE,
        ),
        "Insatsernas bemanning per år: roll, arbetsgivare och årsarbetare.",
    ),
    Sheet(
        "Platser",
        "capacity",
        (
            FORBUND,
            Column("År", "ar", "year", True, example=2027),
            Column(
                "Insats",
                "insats_id",
                "insats",
                True,
                help="insatsens namn, som på bladet Insatser",
                example="Samordningsteam Exempel",
            ),
            Column(
                "Mått",
                "matt",
                "text",
                True,
                help="planerade samtidiga deltagare, årsplatser, finansierade platser eller personer per år",
                example="planerade samtidiga deltagare",
            ),
            Column(
                "Platser",
                "varde_min",
                "count",
                True,
                help="antalet (det lägre talet i ett spann)",
                example=25,
            ),
            Column(
                "Högst", "varde_max", "count", help="det högre talet i ett spann som 25–30 (tomt: Platser)"
            ),
            Column(
                "Platser text", "varde_text", "text", help="antalet som dokumentet skriver det (tomt: talet)"
            ),
            *_source("Verksamhetsplan 2027, Samordningsteam"),
            NOTE,
        ),
        "Insatsernas platser per år, som planen anger dem.",
    ),
    Sheet(
        "Deltagare",
        "participants",
        (
            FORBUND,
            Column("År", "ar", "year", True, example=2027),
            Column(
                "Insats",
                "insats_id",
                "insats",
                True,
                True,
                help="insatsens namn, som på bladet Insatser (tomt: flera insatser, se Omfattning)",
            ),
            Column(
                "Omfattning",
                "omfattning",
                "text",
                help="vad talet gäller, t.ex. ”De fyra samordningsteamen” (räknas ihop på Teamkapacitet)",
                example="De fyra samordningsteamen",
            ),
            Column("Period", "period", "text", help="perioden, ÅÅÅÅ-MM-DD..ÅÅÅÅ-MM-DD (tomt: året)"),
            Column(
                "Mått",
                "matt",
                "text",
                True,
                help="deltagare, nya, avslutade, till arbete, till studier …",
                example="deltagare",
            ),
            Column("Värde", "varde", "number", True, True, help="talet, i enheten", example=120),
            Column(
                "Enhet",
                "enhet",
                "choice",
                True,
                choices=("personer", "andel", "år", "månader"),
                help="personer, andel (0–1), år eller månader",
                example="personer",
            ),
            Column("Värde text", "varde_text", "text", help="värdet som dokumentet skriver det"),
            *_source("Årsredovisning 2027, Individinsatser"),
            NOTE,
        ),
        "Deltagare och resultat som dokumenten redovisar dem: antal, nya, avslutade och andelar "
        "per år. Aldrig en enskild deltagare.",
        key_words="Förbund, År, Insats, Omfattning, Period och Mått",
    ),
    Sheet(
        "Mål",
        "goals",
        (
            FORBUND,
            Column("År", "ar", "year", True, help="året målet gäller", example=2027),
            Column(
                "Område",
                "omrade",
                "text",
                True,
                help="målområde, insats eller rubrik",
                example="Samordningsteam",
            ),
            Column(
                "Mål",
                "mal",
                "text",
                True,
                help="målet med dokumentets ord",
                example="Minst 40 % av deltagarna ska gå vidare till arbete eller studier.",
            ),
            Column(
                "Mått",
                "matt",
                "text",
                True,
                help="vad målet mäter",
                example="andel till arbete eller studier",
            ),
            Column(
                "Jämförelse",
                "jamforelse",
                "choice",
                True,
                choices=("minst", "högst", "ca", "kvalitativt"),
                help="minst, högst, ca, eller kvalitativt (utan målvärde)",
                example="minst",
            ),
            Column(
                "Målvärde",
                "malvarde",
                "number",
                True,
                True,
                help="talet målet ska nå (tomt för ett kvalitativt mål)",
                example=40,
            ),
            Column(
                "Enhet",
                "enhet",
                "text",
                True,
                help="procent, personer … (kvalitativt för ett kvalitativt mål)",
                example="procent",
            ),
            Column(
                "Utfall",
                "utfall",
                "number",
                True,
                True,
                help="vad som nåddes, i målets enhet (tomt: inte mätt)",
            ),
            Column(
                "Bedömning",
                "bedomning",
                "choice",
                True,
                True,
                choices=("uppnått", "delvis", "ej uppnått"),
                help="dokumentets bedömning; tom: sidan räknar fram statusen ur utfallet och målvärdet",
            ),
            Column(
                "Bedömningens grund",
                "bedomning_grund",
                "choice",
                choices=("angiven", "avläst"),
                help="angiven (dokumentet säger det i ord) eller avläst (ur markeringar och kommentarer); "
                "tomt med en bedömning: angiven",
            ),
            Column("Målvärde text", "malvarde_text", "text", help="målvärdet som dokumentet skriver det"),
            Column("Utfall text", "utfall_text", "text", help="utfallet i ord"),
            Column(
                "Utfallets dokument", "utfall_dokument", "text", help="där utfallet står (tomt: som målet)"
            ),
            Column("Utfallets avsnitt", "utfall_avsnitt", "text"),
            Column(
                "Mål-id",
                "mal_id",
                "text",
                help="målets id (tomt för ett nytt mål: det görs av förbund, år och mål)",
            ),
            *_source("Verksamhetsplan 2027, Mål"),
            NOTE,
        ),
        "Förbundets mål per år, med utfall och bedömning där de finns.",
        key_words="mål (Förbund, År och Mål, eller Mål-id)",
    ),
    Sheet(
        "Möten",
        "calendar",
        (
            FORBUND,
            Column("Datum", "datum", "date", True, help="mötets dag (ÅÅÅÅ-MM-DD)", example="2027-02-12"),
            Column(
                "Mötestyp",
                "motestyp",
                "text",
                True,
                help="Förbundsstyrelse, Medlemssamråd …",
                example="Förbundsstyrelse",
            ),
            Column("Beskrivning", "beskrivning", "text", example="Ordinarie styrelsesammanträde"),
            *_source("Årshjul 2027"),
        ),
        "Årshjulets möten.",
    ),
    Sheet(
        "Styrelse",
        "styrelse",
        (
            FORBUND,
            Column("År", "ar", "year", True, example=2027),
            Column("Organ", "organ", "text", True, help="styrelse, beredningsgrupp …", example="styrelse"),
            Column("Medlem", "medlem", "text", help="medlemmen som utser (tomt: hela organet)"),
            Column(
                "Roll", "roll", "text", True, help="ledamöter, ersättare, ordförande …", example="ledamöter"
            ),
            Column("Antal", "antal", "count", help="antal personer (aldrig namn)", example=8),
            Column(
                "Antal text", "antal_text", "text", help="antalet som dokumentet skriver det (tomt: talet)"
            ),
            *_source("Förbundsordning § 6"),
            NOTE,
        ),
        "Styrelsen och andra organ: antal ledamöter per roll, aldrig namn.",
    ),
    Sheet(
        "Nyckeltal",
        "nyckeltal",
        (
            FORBUND,
            Column("År", "ar", "year", True, example=2027),
            Column(
                "Nyckeltal",
                "nyckeltal",
                "text",
                True,
                help="eget kapital, soliditet …",
                example="eget kapital",
            ),
            Column("Värde", "varde", "number", True, help="talet, i enheten", example=1200000),
            Column("Enhet", "enhet", "text", True, help="kr, procent, antal …", example="kr"),
            Column("Period slut", "period_slut", "date", help="dagen värdet avser (tomt: årets sista dag)"),
            Column("Mått", "matt", "choice", choices=MATT, help="budget, utfall … (tomt: utfall)"),
            Column(
                "Enhet i källan", "enhet_i_kallan", "text", help="enheten dokumentet skriver (tomt: Enhet)"
            ),
            Column(
                "Värde text", "varde_text", "text", help="värdet som dokumentet skriver det (tomt: talet)"
            ),
            *_source("Årsredovisning 2027, Balansräkning"),
            NOTE,
        ),
        "Nyckeltal per år: eget kapital, soliditet och andra tal dokumenten trycker.",
    ),
    Sheet(
        "Styrtal",
        "targets",
        (
            FORBUND,
            Column("Från år", "fran_ar", "year", True, example=2027),
            Column("Till år", "till_ar", "year", help="sista året regeln gäller (tomt: gäller än)"),
            Column(
                "Styrtal",
                "styrtal",
                "text",
                True,
                help="vad regeln gäller, t.ex. ”eget kapital, tak”",
                example="eget kapital, tak",
            ),
            Column(
                "Jämförelse",
                "jamforelse",
                "choice",
                True,
                choices=("minst", "högst", "mål"),
                help="minst, högst, eller mål (ett värde att sikta mot)",
                example="högst",
            ),
            Column("Värde", "varde", "number", True, example=0.2),
            Column(
                "Enhet",
                "enhet",
                "text",
                True,
                help="kr, eller andel av …",
                example="andel av budgeterade medlemsbidrag",
            ),
            Column("Text", "text", "text", help="regeln med dokumentets ord (tomt: Styrtal)"),
            *_source("Verksamhetsplan 2027, Ekonomi"),
        ),
        "Förbundets ekonomiska styrtal: regler som eget kapital ska hålla sig inom.",
    ),
)


# A statement's own column "rad" (its row in the document's table, which Summerar names) is
# read into ``tabell_rad``: a record's ``rad`` is its row on the sheet (store.overlays).
TABLE_ROW = "tabell_rad"


def _table_place(sheet: str) -> tuple[Column, ...]:
    """Where a row stands in the document's table: its table and row there."""
    return (
        Column("Tabell", "tabell", "text", help=f"tabellen raden hör till (tomt: bladet {sheet})"),
        Column(
            "Rad",
            TABLE_ROW,
            "count",
            help="radens nummer i tabellen, som Summerar nämner (tomt: raden på bladet)",
        ),
    )


def _statement(name: str, table: str, example_post: str, help_text: str) -> Sheet:
    """Balanskrav and Kassaflöde: a table of posts per year as the årsredovisning prints it."""
    return Sheet(
        name,
        table,
        (
            FORBUND,
            Column("År", "ar", "year", True, example=2027),
            Column(
                "Post", "post", "text", True, help="raden som dokumentet skriver den", example=example_post
            ),
            Column(
                "Belopp kr", "belopp", "amount", True, True, help="beloppet i kronor (tomt: inget tryckt)"
            ),
            Column("Period slut", "period_slut", "date", help="dagen beloppet avser (tomt: årets sista dag)"),
            *_table_place(name),
            Column("Summerar", "summerar", "text", help="raderna en summarad är summan av"),
            IN_KR_OR_TKR,
            *_source("Årsredovisning 2027"),
            NOTE,
        ),
        help_text,
        key_words="Förbund, År, Period slut, Tabell och Post",
    )


SHEETS = (
    *SHEETS,
    Sheet(
        "Balansräkning",
        "balance_items",
        (
            FORBUND,
            Column("År", "ar", "year", True, example=2027),
            Column(
                "Post",
                "post",
                "text",
                True,
                help="eget kapital, summa tillgångar … (Översikt visar eget kapital härifrån)",
                example="Eget kapital",
            ),
            Column("Belopp kr", "belopp", "amount", True, help="beloppet i kronor", example=1_200_000),
            Column("Period slut", "period_slut", "date", help="balansdagen (tomt: årets sista dag)"),
            Column(
                "Mått",
                "matt",
                "choice",
                choices=MATT,
                help="bokslut, budget, prognos … (tomt: bokslut)",
            ),
            VARIANT,
            *_table_place("Balansräkning"),
            IN_KR_OR_TKR,
            *_source("Årsredovisning 2027, Balansräkning"),
            NOTE,
        ),
        "Balansräkningens poster per år: eget kapital, tillgångar och skulder.",
        key_words="Förbund, År, Period slut, Mått, Variant och Post",
    ),
    _statement(
        "Balanskrav",
        "balanskrav",
        "Periodens resultat",
        "Balanskravsutredningen per år, rad för rad som årsredovisningen trycker den.",
    ),
    _statement(
        "Kassaflöde",
        "kassaflode",
        "Årets resultat",
        "Kassaflödesanalysen per år, rad för rad som årsredovisningen trycker den.",
    ),
    Sheet(
        "Enkät",
        "indikatorer",
        (
            FORBUND,
            Column("År", "ar", "year", True, example=2027),
            Column(
                "Respondentgrupp",
                "respondentgrupp",
                "text",
                True,
                help="vilka som svarade, t.ex. deltagare pågående",
                example="deltagare pågående",
            ),
            Column("Fråga nr", "fraga_nr", "text", help="frågans nummer i enkäten"),
            Column(
                "Fråga",
                "fraga",
                "text",
                True,
                help="frågan med enkätens ord",
                example="Får du stöd på ett sätt som är till stor nytta för dig?",
            ),
            Column("Svar", "svar", "text", True, help="svarsalternativet", example="Ofta"),
            Column(
                "Andel",
                "andel",
                "number",
                True,
                True,
                help="andelen som svarade så, från 0 till 1",
                example=0.5,
            ),
            Column(
                "Antal svar", "antal_svar", "count", help="hur många som svarade på frågan (aldrig vilka)"
            ),
            *_source("Indikatorer för finansiell samordning 2027"),
        ),
        "Svaren på indikatorenkäten (Indikatorer för finansiell samordning): andel per svar.",
        key_words="Förbund, År, Respondentgrupp, Fråga nr, Fråga och Svar",
    ),
)

BY_NAME = {sheet.name: sheet for sheet in SHEETS}

# The sheet Budget is the budget import's own format (exchange/budget_rows.py), read and stored
# by it; a workbook's Budget lines are part of the workbook's one import.
BUDGET_SHEET = "Budget"
BUDGET_COLUMNS = (
    ("förbund", "förbundets namn"),
    ("år", "året"),
    ("period_slut", "dagen beloppet avser (ÅÅÅÅ-MM-DD): för utfall en dag i året, annars årets sista"),
    ("post", "budgetposten"),
    ("kategori", "intäkt, administration, individinsats eller strukturinsats"),
    ("mått", "budget, utfall, prognos, förväntat utfall eller bokslut"),
    ("belopp", "kronor med tecken från resultatet: intäkter positiva, kostnader negativa"),
)
BUDGET_SOURCE_COLUMNS = (
    ("dokument", "dokumentet beloppet kommer från (tomt: arbetsboken själv)"),
    ("avsnitt", "avsnitt, tabell eller sida i dokumentet"),
)
BUDGET_HELP = "Budgetrader, en rad per belopp, i samma format som budgetimporten."
# The sheet Statistik is the statistics import's own format (exchange/statimport.py): published
# figures per kommun, county and country, not a förbund's; read and stored by that import, in
# the workbook's one import.
STATS_SHEET = "Statistik"
STATS_COLUMNS = (
    ("omradeskod", "kommunens kod (fyra siffror), länets (två) eller 00 för riket", True),
    ("omrade", "områdets namn (tomt: av koden)", False),
    ("ar", "året", True),
    ("matt", "måttet, t.ex. sjukpenningtal eller bistand_kr_per_inv (Data listar dem)", True),
    ("grupp", "totalt, kvinnor, män eller en åldersgrupp som 20-24", True),
    ("varde", "värdet, med decimalkomma", True),
    ("enhet", "måttets enhet (tomt: måttets egen)", False),
    ("kalla", "den som tog fram siffran, t.ex. Försäkringskassan", False),
    ("utgivare", "den som publicerar tabellen, t.ex. Kolada", True),
    ("sida", "sidans adress, där tabellen går att öppna", True),
    ("tabell", "tabellens namn hos utgivaren", True),
    ("senast_uppdaterad", "dagen utgivaren senast uppdaterade tabellen (ÅÅÅÅ-MM-DD)", False),
)
STATS_HELP = (
    "Publicerad statistik per kommun, län och riket, i samma format som statistikimporten; "
    "ett värde per rad, med källa."
)
# The sheet Utfall is the file of outcomes' format (exchange/outcome_file.py): outcomes of goals
# recorded during the year, per period, which go before the goal's own Utfall on the sheet Mål.
OUTCOME_SHEET = "Utfall"
OUTCOME_COLUMNS = (
    ("mal_id", "målets id, som kolumnen Mål-id på bladet Mål"),
    ("period", "året (2025) eller en del av det (2025-01-01..2025-08-31)"),
    ("utfall", "ett tal i målets enhet, med decimalkomma (tomt för ett kvalitativt mål)"),
    ("bedömning", "uppnått, delvis eller ej uppnått (tomt där utfallet är ett tal)"),
    ("utfall_text", "vad som blev av målet, med några ord"),
    ("källa", "var utfallet kommer ifrån (rapport, protokoll, datum)"),
)
OUTCOME_HELP = (
    "Utfall för mål under året, per period, i samma format som filen med utfall; de går före "
    "Utfall på bladet Mål och gäller tills importen ångras."
)
_NAMES = [s.name for s in SHEETS]
ALL_SHEETS = (
    *_NAMES[:3],
    BUDGET_SHEET,
    *_NAMES[3 : _NAMES.index("Mål") + 1],
    OUTCOME_SHEET,
    *_NAMES[_NAMES.index("Mål") + 1 :],
    STATS_SHEET,
)  # as issue 25 lists them; the outcomes after their goals, the statistics last
README_SHEET = "Läs mig"
