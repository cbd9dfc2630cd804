"""The code lists the UBL rules check against, and the identifiers the document writes.

Sources: ISO 4217 (currencies), ISO 3166-1 alpha-2 (countries), UNCL5305 (VAT categories),
the CEF VATEX list, UNCL4461 (payment means), the Peppol EAS list (electronic address
schemes) and the ISO 6523 ICD list (legal identifier schemes) as Peppol BIS Billing 3.0
publishes them. UN/ECE Recommendation 20 has some two thousand units: only the count and
time units an invoice line can carry are listed, so another unit is refused, never let through.
"""

from __future__ import annotations

NS_INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS_CREDIT_NOTE = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
NS_CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
NS_CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
NAMESPACES = {"cac": NS_CAC, "cbc": NS_CBC}

CUSTOMIZATION_ID = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE_ID = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
INVOICE_TYPE = "380"
CREDIT_NOTE_TYPE = "381"
UNIT = "C62"
PDF_MIME = "application/pdf"
VAT_SCHEME = "VAT"
REVERSE_CHARGE_CODE = "VATEX-EU-AE"
REVERSE_CHARGE_TEXT = "Reverse charge"
BE_ENTERPRISE_SCHEME = "0208"


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


CURRENCIES = _codes(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD
    BTN BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP
    DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR
    IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD
    MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB
    PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD
    SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS
    VED VES VND VUV WST XAF XAG XAU XBA XBB XBC XBD XCD XDR XOF XPD XPF XPT XSU XUA YER ZAR
    ZMW ZWL XCG ZWG
    """
)

COUNTRIES = _codes(
    """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ
    BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM
    DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS
    GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN
    KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM
    PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV
    SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI
    VN VU WF WS YE YT ZA ZM ZW 1A XI
    """
)

#: The ISO country prefixes of VAT identifiers (BR-CO-09): ISO 3166 with EL for Greece.
VAT_PREFIXES = (COUNTRIES - {"GR"}) | {"EL"}

#: UN/ECE Rec 20 (with Rec 21): count and time units only (see the module docstring).
UNITS = _codes("C62 H87 EA XPP XUN NAR NPR SET PR LS HUR DAY WEE MON ANN QAN MIN SEC E48")

VAT_CATEGORIES = _codes("S Z E AE K G O L M B")

VATEX = _codes(
    """
    VATEX-EU-79-C VATEX-EU-132 VATEX-EU-132-1A VATEX-EU-132-1B VATEX-EU-132-1C
    VATEX-EU-132-1D VATEX-EU-132-1E VATEX-EU-132-1F VATEX-EU-132-1G VATEX-EU-132-1H
    VATEX-EU-132-1I VATEX-EU-132-1J VATEX-EU-132-1K VATEX-EU-132-1L VATEX-EU-132-1M
    VATEX-EU-132-1N VATEX-EU-132-1O VATEX-EU-132-1P VATEX-EU-132-1Q VATEX-EU-143
    VATEX-EU-143-1A VATEX-EU-143-1B VATEX-EU-143-1C VATEX-EU-143-1D VATEX-EU-143-1E
    VATEX-EU-143-1F VATEX-EU-143-1FA VATEX-EU-143-1G VATEX-EU-143-1H VATEX-EU-143-1I
    VATEX-EU-143-1J VATEX-EU-143-1K VATEX-EU-143-1L VATEX-EU-148 VATEX-EU-148-A
    VATEX-EU-148-B VATEX-EU-148-C VATEX-EU-148-D VATEX-EU-148-E VATEX-EU-148-F
    VATEX-EU-148-G VATEX-EU-151 VATEX-EU-151-1A VATEX-EU-151-1AA VATEX-EU-151-1B
    VATEX-EU-151-1C VATEX-EU-151-1D VATEX-EU-151-1E VATEX-EU-309 VATEX-EU-AE VATEX-EU-D
    VATEX-EU-F VATEX-EU-G VATEX-EU-I VATEX-EU-IC VATEX-EU-O VATEX-EU-J VATEX-FR-FRANCHISE
    VATEX-FR-CNWVAT
    """
)

#: UNCL4461 payment means (the codes EN 16931 allows).
PAYMENT_MEANS = frozenset({*(str(code) for code in range(1, 98)), "ZZZ"})
CREDIT_TRANSFER_MEANS = frozenset({"30", "58"})

MIME_CODES = _codes(
    """
    application/pdf image/png image/jpeg text/csv
    application/vnd.openxmlformats-officedocument.spreadsheetml.sheet
    application/vnd.oasis.opendocument.spreadsheet
    """
)

#: Peppol EAS: electronic address schemes (BT-34, BT-49).
EAS = _codes(
    """
    0002 0007 0009 0037 0060 0088 0096 0097 0106 0130 0135 0142 0147 0151 0154 0158 0170 0177
    0183 0184 0188 0190 0191 0192 0193 0194 0195 0196 0198 0199 0200 0201 0202 0203 0204 0205
    0208 0209 0210 0211 0212 0213 0215 0216 0217 0218 0221 0225 0230 0235 0240 0242 0244 0246
    9901 9910 9913 9914 9915 9918 9919 9920 9922 9923 9924 9925 9926 9927 9928 9929 9930 9931
    9932 9933 9934 9935 9936 9937 9938 9939 9940 9941 9942 9943 9944 9945 9946 9947 9948 9949
    9950 9951 9952 9953 9957 9959 AN AQ AS AU EM
    """
)

#: ISO 6523 ICD, 0002 to 0246: the legal registration schemes (BT-47).
ICD = frozenset(f"{code:04d}" for code in range(2, 247))

#: The Peppol EAS scheme of each EU member state's VAT number (keyed by VAT prefix).
VAT_EAS: dict[str, str] = {
    "AT": "9914",
    "BE": "9925",
    "BG": "9926",
    "CY": "9928",
    "CZ": "9929",
    "DE": "9930",
    "EE": "9931",
    "EL": "9933",
    "ES": "9920",
    "FR": "9957",
    "HR": "9934",
    "HU": "9910",
    "IE": "9935",
    "IT": "0211",
    "LT": "9937",
    "LU": "9938",
    "LV": "9939",
    "MT": "9943",
    "NL": "9944",
    "PL": "9945",
    "PT": "9946",
    "RO": "9947",
    "SI": "9949",
    "SK": "9950",
    "FI": "0213",
}

#: Legal identifier schemes NL-R-003 and NL-R-005 allow: KvK and OIN.
NL_LEGAL_SCHEMES = frozenset({"0106", "0190"})
#: Payment means NL-R-008 allows for a Dutch customer.
NL_PAYMENT_MEANS = frozenset({"30", "48", "49", "57", "58", "59"})
