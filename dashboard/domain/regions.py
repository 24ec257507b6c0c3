"""Sweden's 21 län: their two-digit codes and names, and a län read from either.

The codes are SCB's länskoder (the first two digits of every kommun code, as in
data/kommuner.csv: Västmanlands län is 19); a förbund's workbook names its län by code or name.
"""

from __future__ import annotations

from dashboard.domain import naming

LAN = {
    "01": "Stockholms län",
    "03": "Uppsala län",
    "04": "Södermanlands län",
    "05": "Östergötlands län",
    "06": "Jönköpings län",
    "07": "Kronobergs län",
    "08": "Kalmar län",
    "09": "Gotlands län",
    "10": "Blekinge län",
    "12": "Skåne län",
    "13": "Hallands län",
    "14": "Västra Götalands län",
    "17": "Värmlands län",
    "18": "Örebro län",
    "19": "Västmanlands län",
    "20": "Dalarnas län",
    "21": "Gävleborgs län",
    "22": "Västernorrlands län",
    "23": "Jämtlands län",
    "24": "Västerbottens län",
    "25": "Norrbottens län",
}


# Each län's region (the member of a förbund for hälso- och sjukvården), as the regions call
# themselves; Gotland's kommun is its region too.
REGION = {
    "01": "Region Stockholm",
    "03": "Region Uppsala",
    "04": "Region Sörmland",
    "05": "Region Östergötland",
    "06": "Region Jönköpings län",
    "07": "Region Kronoberg",
    "08": "Region Kalmar län",
    "09": "Region Gotland",
    "10": "Region Blekinge",
    "12": "Region Skåne",
    "13": "Region Halland",
    "14": "Västra Götalandsregionen",
    "17": "Region Värmland",
    "18": "Region Örebro län",
    "19": "Region Västmanland",
    "20": "Region Dalarna",
    "21": "Region Gävleborg",
    "22": "Region Västernorrland",
    "23": "Region Jämtland Härjedalen",
    "24": "Region Västerbotten",
    "25": "Region Norrbotten",
}
# The state's two members of every förbund (SFS 2003:1210, 5 §).
STATE = ("Försäkringskassan", "Arbetsförmedlingen")


def _short(name: str) -> str:
    """A län's name without " län" and its genitive s: "Västmanlands län" → "västmanland"."""
    word = naming.key(name).removesuffix(" län")
    return word[:-1] if word.endswith("s") and word not in ("kalmar", "skåne") else word


_BY_NAME = {naming.key(name): code for code, name in LAN.items()} | {_short(n): c for c, n in LAN.items()}


def lan_code(text: str) -> str | None:
    """The code of the län ``text`` names (code, "Västmanlands län" or "Västmanland"), or None."""
    written = text.strip()
    if written.isdigit() and len(written) <= 2:
        code = written.zfill(2)
        return code if code in LAN else None
    return _BY_NAME.get(naming.key(written)) or _BY_NAME.get(_short(written))


def lan_name(code: str) -> str:
    return LAN.get(code, code)
