"""A reseller's invoice for Microsoft 365 licences: Microsoft's products, not Microsoft's invoice.

It prints the portal's own words (Factuurnummer, Factureringsperiode, Huidige kosten,
Terugkerende kosten, N gebruikerslicenties, Subtotaal, BTW, Totaal) and Microsoft product
names, but the seller block and the footer name the reseller and its VAT number: a reader
must reject it as NOT_A_MICROSOFT_INVOICE rather than report a Microsoft invoice with fields
missing.
"""

from __future__ import annotations

from samples.layout import Op, Text, render

FONT, BOLD = "Helvetica", "Helvetica-Bold"


def reseller_pages() -> list[list[Op]]:
    rows: list[tuple[float, float, str, str, float]] = [
        (40, 40, "CloudWerk Partners BV", BOLD, 14.0),
        (40, 58, "Microsoft Solutions Partner · Cloud Solution Provider", FONT, 8.0),
        (40, 70, "Stationsplein 8, 3511 ED Utrecht", FONT, 9.0),
        (40, 82, "BTW NL859123456B01 · KvK 70123456", FONT, 9.0),
        (440, 40, "FACTUUR", BOLD, 18.0),
        (40, 120, "Factureren aan", BOLD, 9.0),
        (40, 132, "Bakkerij Jansen B.V.", FONT, 9.0),
        (40, 144, "Oudegracht 45, 3511 AB Utrecht", FONT, 9.0),
        (40, 156, "BTW NL812345678B01", FONT, 9.0),
        (330, 120, "Factuurnummer: CW-2024-00317", FONT, 9.0),
        (330, 132, "Factuurdatum: 02/04/2024", FONT, 9.0),
        (330, 144, "Vervaldatum: 02/05/2024", FONT, 9.0),
        (330, 156, "Factureringsperiode: 01/03/2024 tot en met 31/03/2024", FONT, 9.0),
        (40, 200, "Huidige kosten", BOLD, 11.0),
        (40, 220, "Omschrijving", BOLD, 9.0),
        (300, 220, "Aantal", BOLD, 9.0),
        (380, 220, "Prijs", BOLD, 9.0),
        (490, 220, "Bedrag", BOLD, 9.0),
        (40, 236, "Microsoft 365 Business Standard", FONT, 9.0),
        (40, 247, "Terugkerende kosten", FONT, 8.0),
        (300, 236, "12 gebruikerslicenties", FONT, 9.0),
        (380, 236, "€ 11,70 per maand", FONT, 9.0),
        (490, 236, "€ 140,40", FONT, 9.0),
        (40, 264, "Exchange Online (Plan 1)", FONT, 9.0),
        (40, 275, "Terugkerende kosten", FONT, 8.0),
        (300, 264, "4 gebruikerslicenties", FONT, 9.0),
        (380, 264, "€ 3,70 per maand", FONT, 9.0),
        (490, 264, "€ 14,80", FONT, 9.0),
        (40, 292, "Beheer en ondersteuning Microsoft 365", FONT, 9.0),
        (300, 292, "1", FONT, 9.0),
        (380, 292, "€ 45,00", FONT, 9.0),
        (490, 292, "€ 45,00", FONT, 9.0),
        (380, 330, "Subtotaal", FONT, 9.0),
        (490, 330, "€ 200,20", FONT, 9.0),
        (380, 344, "BTW (21%)", FONT, 9.0),
        (490, 344, "€ 42,04", FONT, 9.0),
        (380, 358, "Totaal", BOLD, 9.0),
        (490, 358, "€ 242,24", BOLD, 9.0),
        (40, 400, "Gelieve het totaalbedrag binnen 30 dagen over te maken op", FONT, 9.0),
        (40, 412, "IBAN NL20 INGB 0001 2345 67 t.n.v. CloudWerk Partners BV.", FONT, 9.0),
        (
            40,
            790,
            "CloudWerk Partners BV · Stationsplein 8, Utrecht · BTW NL859123456B01 · "
            "Microsoft 365 en Exchange Online zijn handelsmerken van Microsoft",
            FONT,
            7.0,
        ),
    ]
    return [[Text(x, top, text, font, size) for x, top, text, font, size in rows]]


def reseller() -> bytes:
    return render(reseller_pages(), "A4")
