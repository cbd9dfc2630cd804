"""Sellers and fictitious customers, with VAT numbers in the shapes invoices print them."""

from __future__ import annotations

import random

from samples.labels import PORTAL
from samples.model import Family, Language, Party
from samples.vat import NUMBERS, printed

IRELAND_VAT = "IE8256796U"
PORTAL_ADDRESS = (
    "Atrium Building Block B",
    "Carmanhall Road",
    "Sandyford Industrial Estate",
    "Dublin 18",
    "Ireland",
)
ONLINE_ADDRESS = (
    "One Microsoft Place",
    "South County Business Park",
    "Leopardstown",
    "Dublin 18, D18 P521",
    "Ireland",
)
ONLINE_VAT_PREFIX: dict[Language, tuple[str, ...]] = {
    "en": ("", "VAT "),
    "nl": ("", "BTW "),
    "fr": ("", "TVA "),
    "de": ("", "USt. "),
}


def microsoft_ireland(family: Family, language: Language, spaced: bool, prefixed: bool) -> Party:
    """Microsoft Ireland Operations Ltd, its VAT printed IE8256796U or IE 8256796 U."""
    number = "IE 8256796 U" if spaced else IRELAND_VAT
    if family == "portal-2012":
        return Party(
            "Microsoft Ireland Operations Ltd",
            PORTAL_ADDRESS,
            IRELAND_VAT,
            f"{PORTAL[language].supplier_vat} {number}",
        )
    prefix = ONLINE_VAT_PREFIX[language][1 if prefixed else 0]
    return Party("Microsoft Ireland Operations Ltd", ONLINE_ADDRESS, IRELAND_VAT, prefix + number)


#: The local Microsoft distributors of family C are not documented: these names and VAT
#: numbers are invented (the numbers pass their check digits).
LOCAL_ENTITIES: dict[str, Party] = {
    "BE": Party(
        "Microsoft Distribution Belgium BV",
        ("Da Vincilaan 3", "1930 Zaventem", "Belgium"),
        "BE0749301541",
        "BE 0749.301.541",
    ),
    "NL": Party(
        "Microsoft Distribution Netherlands B.V.",
        ("Evert van de Beekstraat 354", "1118 CZ Schiphol", "Netherlands"),
        "NL852047319B01",
        "NL852047319B01",
    ),
}


def microsoft_ireland_agreement(spaced: bool) -> Party:
    """The seller of a family-C document from Ireland; its VAT printed without a label."""
    number = "IE 8256796 U" if spaced else IRELAND_VAT
    return Party("Microsoft Ireland Operations Ltd", ONLINE_ADDRESS, IRELAND_VAT, number)


def microsoft_corporation(canada: bool = False) -> Party:
    """The Americas seller: its US FEIN is not a VAT number, so the record's VAT is null."""
    tax = "US FEIN - 91-1144442"
    if canada:
        tax += " - GST/HST No. 123456789 RT0001 - QST No. 1234567890 TQ0001"
    return Party(
        "Microsoft Corporation",
        ("One Microsoft Way", "Redmond, WA 98052", "United States"),
        None,
        tax,
    )


def customer(name: str, address: tuple[str, ...], vat: str | None = None, shape: int = 0) -> Party:
    return Party(name, address, vat, printed(vat, shape) if vat else None)


FIRST_WORDS: dict[str, tuple[str, ...]] = {
    "BE": ("Brouwerij", "Architectenbureau", "Tandartsenpraktijk", "Boekhouding", "Atelier"),
    "NL": ("Bakkerij", "Installatiebedrijf", "Adviesgroep", "Fysiotherapie", "Drukkerij"),
    "DE": ("Ingenieurbüro", "Steuerberatung", "Praxis", "Tischlerei", "Planungsbüro"),
    "FR": ("Cabinet", "Atelier", "Imprimerie", "Boulangerie", "Agence"),
    "IE": ("Liffey", "Shannon", "Galway Bay", "Wicklow", "Harbour"),
    "US": ("Lakeshore", "Northwind", "Contoso", "Fabrikam", "Blue Yonder"),
    "CA": ("Érable", "Maple Leaf", "Laurentide", "Fundy", "Prairie"),
    "NO": ("Fjordlys", "Nordlys", "Bergen", "Vestland", "Trollheim"),
}
LAST_WORDS: dict[str, tuple[str, ...]] = {
    "BE": ("Van Damme BV", "De Linde BV", "Peeters & Zonen NV", "Janssens CommV", "Maes BV"),
    "NL": ("Jansen B.V.", "De Vries B.V.", "Van den Berg B.V.", "Bakker & Co B.V.", "Smit B.V."),
    "DE": ("Schröder GmbH", "Müller & Partner GmbH", "Weiß KG", "Hoffmann GmbH", "Becker AG"),
    "FR": ("Lefèvre SARL", "Dubois SAS", "Moreau & Fils SARL", "Girard SA", "Lambert SAS"),
    "IE": ("Print Ltd", "Analytics Ltd", "Design Ltd", "Logistics DAC", "Dental Ltd"),
    "US": ("Analytics Inc.", "Traders LLC", "Consulting Inc.", "Outfitters Corp.", "Labs Inc."),
    "CA": ("Conseil Inc.", "Solutions Ltd.", "Logistique Inc.", "Design Inc.", "Media Ltd."),
    "NO": ("Design AS", "Regnskap AS", "Eiendom AS", "Rådgivning AS", "Tannklinikk AS"),
}
STREETS: dict[str, tuple[tuple[str, str], ...]] = {
    "BE": (("Kouter 112", "9000 Gent"), ("Lange Lozanastraat 142", "2018 Antwerpen")),
    "NL": (("Oudegracht 45", "3511 AB Utrecht"), ("Stationsweg 8", "2312 AV Leiden")),
    "DE": (("Leopoldstraße 40", "80802 München"), ("Schanzenstraße 7", "20357 Hamburg")),
    "FR": (("12 rue de la République", "69002 Lyon"), ("8 place du Capitole", "31000 Toulouse")),
    "IE": (("Unit 4, Docklands Business Park", "Dublin 1"), ("14 Eyre Square", "Galway H91")),
    "US": (("4567 Main St", "Buffalo NY 14260"), ("1200 Pine Ave", "Seattle WA 98101")),
    "CA": (("1200 boul. René-Lévesque O", "Montréal QC H3B 4W8"), ("88 Bay St", "Toronto ON")),
    "NO": (("Karl Johans gate 12", "0154 Oslo"), ("Bryggen 3", "5003 Bergen")),
}


def random_customer(rng: random.Random, country: str, with_vat: bool) -> Party:
    name = f"{rng.choice(FIRST_WORDS[country])} {rng.choice(LAST_WORDS[country])}"
    street, city = rng.choice(STREETS[country])
    vat = NUMBERS[country](rng) if with_vat and country in NUMBERS else None
    return customer(name, (street, city), vat, rng.randrange(4))
