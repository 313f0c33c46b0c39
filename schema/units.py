"""Which units and currencies a figure may count, declared per property.

A figure's `unit` says what it counts and its `currency` what money it is in. Without a closed
list a typo ("persn", "USDD", "usd") is accepted and makes two figures of the same thing look
incomparable (loaders/compare.py compares figures only in one unit). So:

- a currency is an ISO 4217 code: the current ones, or a withdrawn one (a text about 1976 may
  print Soviet roubles, SUR). The lists are those of ISO 4217 as Debian's iso-codes 4.15 gives
  them, with ZWG (2024) and XCG (2025) added; the codes for testing (XTS) and for no currency
  (XXX) are left out, since no text prints them;
- each quantity property declares the units it counts, and whether it is an amount of money.
  `PROPERTY_UNITS` names every quantity property of schema/vocab.py (a test holds them equal),
  so a new property cannot be added without saying what its figures count.
"""

from __future__ import annotations

from dataclasses import dataclass

CURRENT_CURRENCIES = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN
    BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP
    ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HRK HTG HUF IDR ILS INR IQD IRR
    ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD
    MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR
    PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC SYP SZL
    THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF
    XAG XAU XBA XBB XBC XBD XCD XCG XDR XOF XPD XPF XPT XSU XUA YER ZAR ZMW ZWG ZWL
    """.split()
)
WITHDRAWN_CURRENCIES = frozenset(
    """
    ADF ADP AFA ALK AOK AON AOR ARA ARL ARM ARP ATS AZM BAD BEC BEF BEL BGJ BGK BGL BOP BRB BRC
    BRE BRN BRR BUK BYB CNX CSD CSJ CSK DDM DEM ECS ECV ESA ESB ESP FIM FRF GEK GHC GNE GNS GQE
    GRD GWE GWP HRD IEP ILP ILR ISJ ITL LAJ LSM LTT LUC LUF LUL LVR MAF MGF MLF MTP MVQ MXP MZE
    MZM NIC NLG PEH PEI PES PLZ PTE RHD ROK ROL RUR SDD SDP SIT SKK SRG SUR TJR TLE TRL UAK UGS
    UGW UYN UYP VEB VNC XEU XRE YDD YUD YUN ZAL ZRN ZRZ
    """.split()
)
CURRENCIES = CURRENT_CURRENCIES | WITHDRAWN_CURRENCIES

PEOPLE = frozenset({"person"})
AIRCRAFT = frozenset({"aircraft", "helicopter", "plane", "jet", "drone"})
EQUIPMENT = AIRCRAFT | frozenset({"tank", "vehicle", "armoured_vehicle", "ship", "boat", "gun", "artillery_piece", "missile", "item"})
DURATION = frozenset({"year", "month", "week", "day"})


@dataclass(frozen=True)
class Counts:
    """What the figures of one property may count: units, and whether money (a currency)."""

    units: frozenset[str] = frozenset()
    money: bool = False

    def allowed(self) -> str:
        parts = sorted(self.units) + (["an ISO 4217 currency"] if self.money else [])
        return ", ".join(parts)


MONEY = Counts(money=True)

PROPERTY_UNITS: dict[str, Counts] = {
    "age": Counts(DURATION),
    "reward_received": MONEY,
    "equipment_count": Counts(EQUIPMENT),
    "aircraft_lost": Counts(AIRCRAFT),
    "personnel_losses": Counts(PEOPLE),
    "deserters": Counts(PEOPLE),
    "desertion_trend": Counts(PEOPLE | frozenset({"times", "percent"})),
    "surrendered": Counts(PEOPLE),
    "troop_strength": Counts(PEOPLE),
    "salary": MONEY,
    "recruitment_payment": MONEY,
    "reward_for_equipment": MONEY,
    "population": Counts(PEOPLE),
    "emigration": Counts(PEOPLE),
    "penalty_for_desertion": Counts(DURATION, money=True),  # a prison term or a fine
    "other_crew": Counts(PEOPLE),
    "reward_value": MONEY,
    "deaths": Counts(PEOPLE),
}


def figure_problem(prop: str, unit: str | None, currency: str | None) -> tuple[str, str] | None:
    """(field, message) when a figure of `prop` counts what the property does not, else None.

    >>> figure_problem("age", "year", None) is None
    True
    >>> figure_problem("salary", None, "USX")
    ('currency', "'USX' is not an ISO 4217 currency code (USD, EUR, RUB, UAH, GBP ...)")
    >>> figure_problem("deserters", "persn", None)[1]
    "deserters counts person, not 'persn'"
    """
    counts = PROPERTY_UNITS.get(prop)
    if currency is not None:
        if (why := currency_problem(currency)) is not None:
            return "currency", why
        if counts is not None and not counts.money:
            return "currency", f"{prop} is not an amount of money: it counts {counts.allowed()}"
    if unit is not None and counts is not None and unit not in counts.units:
        return "unit", f"{prop} counts {counts.allowed()}, not {unit!r}"
    return None


def currency_problem(currency: str) -> str | None:
    """The message for a currency that is not an ISO 4217 code (a conversion's, say), else None."""
    return None if currency in CURRENCIES else f"{currency!r} is not an ISO 4217 currency code (USD, EUR, RUB, UAH, GBP ...)"
