"""The measures Länsjämförelse can rank: what each is, its unit, and whether a high value is bad."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Measure:
    """A measure the page can rank: its label, unit, and whether a high value is bad."""

    key: str
    label: str
    unit: str  # "procent", "kr", "dagar", "kvot"
    high_is_bad: bool | None  # None: neither; no traffic-light colours; False: high is good
    definition: str
    published: bool = False  # a publisher's own figures (data/kommunstatistik.csv, ``matt`` = key)
    need: bool = False  # a measure of need, for the table of need against money
    short: str = ""  # a short name, for headings where the label is too long (charts, tables)


MEASURES = {
    m.key: m
    for m in (
        Measure(
            "hel_andel",
            "Helårsekvivalenter, andel av befolkningen 20–64",
            "procent",
            True,
            "Antal helårsekvivalenter (personer 20–64 som försörjs av ersättningar och bistånd "
            "omräknat till helår) delat med befolkningen 20–64.",
            short="Helårsekvivalenter",
        ),
        Measure(
            "oppet_arbetslosa",
            "Öppet arbetslösa, andel av arbetskraften 16–64",
            "procent",
            True,
            "Arbetssökande utan arbete som inte deltar i ett arbetsmarknadspolitiskt program, "
            "årsmedeltal, som andel av den registerbaserade arbetskraften 16–64 år "
            "(Arbetsförmedlingen).",
            published=True,
            need=True,
            short="Öppet arbetslösa",
        ),
        Measure(
            "sokande_i_program",
            "Sökande i program, andel av arbetskraften 16–64",
            "procent",
            True,
            "Arbetssökande i program med aktivitetsstöd, årsmedeltal, som andel av den "
            "registerbaserade arbetskraften 16–64 år (Arbetsförmedlingen).",
            published=True,
            need=True,
            short="I program",
        ),
        Measure(
            "arbetsloshet_totalt",
            "Inskrivna arbetslösa, andel av arbetskraften 16–64",
            "procent",
            True,
            "Öppet arbetslösa och sökande i program med aktivitetsstöd, årsmedeltal, som andel av "
            "den registerbaserade arbetskraften 16–64 år (Arbetsförmedlingen).",
            published=True,
            need=True,
            short="Inskrivna arbetslösa",
        ),
        Measure(
            "forvarvsfrekvens",
            "Förvärvsfrekvens 20–64",
            "procent",
            False,
            "Andel förvärvsarbetande av befolkningen 20–64 år (SCB).",
            published=True,
            need=True,
            short="Förvärvsfrekvens",
        ),
        Measure(
            "bistand_kr_per_inv",
            "Ekonomiskt bistånd, kronor per invånare",
            "kr",
            True,
            "Utbetalt ekonomiskt bistånd under året per invånare, som publicerat.",
            published=True,
            need=True,
            short="Ekonomiskt bistånd per invånare",
        ),
        Measure(
            "bistandshushall_andel",
            "Biståndshushåll, andel av hushållen",
            "procent",
            True,
            "Hushåll som fått ekonomiskt bistånd under året, andel av alla hushåll, som publicerat.",
            published=True,
            need=True,
            short="Biståndshushåll",
        ),
        Measure(
            "sjukpenningtal",
            "Sjukpenningtal",
            "dagar",
            True,
            "Dagar med sjukpenning och rehabiliteringspenning per försäkrad 16–64 år (Försäkringskassan).",
            published=True,
            need=True,
            short="Sjukpenningtal",
        ),
        Measure(
            "ohalsotal",
            "Ohälsotal",
            "dagar",
            True,
            "Dagar med sjukpenning, rehabiliteringspenning, sjuk- och aktivitetsersättning per "
            "försäkrad 16–64 år (Försäkringskassan).",
            published=True,
            need=True,
            short="Ohälsotal",
        ),
        Measure(
            "forsorjningskvot",
            "Demografisk försörjningskvot",
            "kvot",
            None,
            "Antalet personer yngre än 20 och äldre än 64 år per 100 personer 20–64 år, som "
            "Regionfakta publicerar den.",
            published=True,
            short="Försörjningskvot",
        ),
        Measure(
            "riktade_insatser_kr_per_inv",
            "Kostnader för särskilt riktade insatser, kronor per invånare",
            "kr",
            None,
            "Kommunens kostnader för särskilt riktade insatser (bland annat arbetsmarknadsåtgärder) "
            "per invånare, som publicerat.",
            published=True,
            short="Riktade insatser per invånare",
        ),
        Measure(
            "bistand_per_inv",
            "Ekonomiskt bistånd per invånare 20–64",
            "kr",
            True,
            "Utbetalt ekonomiskt bistånd under året delat med befolkningen 20–64 (närmaste år med "
            "befolkningsuppgift).",
            short="Ekonomiskt bistånd per invånare 20–64",
        ),
        Measure(
            "finsam_per_inv",
            "Finsambidrag per invånare 20–64",
            "kr",
            None,
            "Kommunens bidrag till sitt samordningsförbund under året delat med befolkningen "
            "20–64 (närmaste år med befolkningsuppgift).",
            short="Finsambidrag per invånare 20–64",
        ),
        Measure(
            "finsam_per_hel",
            "Finsambidrag per helårsekvivalent",
            "kr",
            None,
            "Kommunens bidrag till sitt samordningsförbund delat med kommunens antal "
            "helårsekvivalenter samma år.",
            short="Finsambidrag per helårsekvivalent",
        ),
    )
}


# (age group, kön, ersättningssystem) of helårsekvivalenter; the default is the headline.
Breakdown = tuple[str, str, str]
DEFAULT_BREAKDOWN: Breakdown = ("20-64", "total", "Totalt")

KON_GROUPS = ("totalt", "kvinnor", "män")
# The published counts, which the page does not rank but Datakvalitet checks against the county.
COUNT_LABELS = {
    "oppet_arbetslosa_antal": "Öppet arbetslösa, antal",
    "sokande_i_program_antal": "Sökande i program, antal",
    "bistandshushall": "Biståndshushåll, antal",
    "bistand_utbetalt": "Utbetalt ekonomiskt bistånd, kronor",
}


def measure_name(matt: str) -> str:
    """A published measure's name as a person reads it: its label, or a count's."""
    return MEASURES[matt].label if matt in MEASURES else COUNT_LABELS.get(matt, matt)
