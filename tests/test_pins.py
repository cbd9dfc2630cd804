"""Behaviour the rest of the suite left free: each test here fails when one small change to the
code (a mutant that survived every other test) is made. Named for the behaviour it pins."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

from pipeline.config import Settings
from pipeline.export import ExportOptions, batch_id_for, run_export
from pipeline.extract import _amount_texts, _Dates, _printed, decide_order
from pipeline.layouts.raw import RawInvoice, RawLine
from pipeline.ledger import share_out
from pipeline.parsing import PrintedDate, decimal_mark_of

D = Decimal
MOMENT = datetime(2025, 2, 1, 9, 30, 0)


# ---------------------------------------------------------------- the export


def test_the_export_creates_a_nested_output_folder_with_its_parents(tmp_path: Path) -> None:
    (tmp_path / "inbox").mkdir()
    out = tmp_path / "clients" / "acme" / "2025-02"
    report = run_export(
        ExportOptions(tmp_path / "inbox", out),
        Settings(register_path=tmp_path / "register.sqlite"),
        clock=lambda: MOMENT,
    )
    assert out.is_dir()
    assert report.nothing_new


def test_a_batch_id_the_register_holds_is_not_used_again(tmp_path: Path) -> None:
    taken = frozenset({"20250201-093000", "20250201-093000-2"})
    assert batch_id_for(MOMENT, taken, tmp_path) == "20250201-093000-3"


def test_a_batch_id_only_the_output_folder_holds_is_not_used_again(tmp_path: Path) -> None:
    (tmp_path / "checks-20250201-093000.csv").write_text("")
    assert batch_id_for(MOMENT, frozenset(), tmp_path) == "20250201-093000-2"
    assert batch_id_for(MOMENT, frozenset(), tmp_path / "empty") == "20250201-093000"


# ---------------------------------------------------------------- the ledger


def test_the_rounding_cent_goes_to_the_first_of_equal_lines() -> None:
    assert share_out(D("0.10"), [D("1"), D("1"), D("1")]) == (D("0.04"), D("0.03"), D("0.03"))
    assert share_out(D("0.20"), [D("1"), D("2"), D("2")]) == (D("0.04"), D("0.08"), D("0.08"))


# ---------------------------------------------------------------- day/month order


def line_dates(*periods: tuple[str, str, int]) -> _Dates:
    return _Dates(
        None,
        None,
        None,
        None,
        tuple((_printed(a), _printed(b)) for a, b, _days in periods),
        tuple(days for _a, _b, days in periods),
    )


def test_the_days_column_decides_an_ambiguous_period() -> None:
    period = ("05/06/2025", "07/06/2025")
    printed = [_printed(d) for d in period]
    # 3 days: 5-7 June, not 6 May - 6 July, against the US default
    assert decide_order(line_dates((*period, 3)), printed, None, usd=True) == ("dmy", False)
    # 62 days: 6 May - 6 July, against the European default
    assert decide_order(line_dates((*period, 62)), printed, None, usd=False) == ("mdy", False)


def test_without_days_the_same_period_is_ambiguous() -> None:
    period = ("05/06/2025", "07/06/2025", None)
    dates = _Dates(None, None, None, None, ((_printed(period[0]), _printed(period[1])),), (None,))
    assert decide_order(dates, [], None, usd=False) == ("dmy", True)
    assert decide_order(dates, [], None, usd=True) == ("mdy", True)


def proving(text: str) -> PrintedDate:
    date = _printed(text)
    assert date is not None and date.proves is not None
    return date


def test_a_single_proving_date_wins_over_the_date_rules() -> None:
    dates = line_dates(("05/06/2025", "07/06/2025", 62))  # the Days say month first
    assert decide_order(dates, [proving("25/06/2025")], None, usd=True) == ("dmy", False)


def test_dates_that_prove_both_orders_decide_nothing_alone() -> None:
    both = [proving("25/06/2025"), proving("06/30/2025")]
    assert decide_order(line_dates(), both, None, usd=False) == ("dmy", False)
    assert decide_order(line_dates(), both, None, usd=True) == ("mdy", False)
    dates = line_dates(("05/06/2025", "07/06/2025", 3))
    assert decide_order(dates, both, None, usd=True) == ("dmy", False)


def test_a_date_impossible_under_an_order_weighs_two_broken_rules() -> None:
    both = [proving("25/06/2025"), proving("06/30/2025")]
    invoice = _printed("06/30/2025")  # no month 30: impossible day-first, +2 for dmy
    two_lines = tuple((_printed("05/06/2025"), _printed("07/06/2025")) for _ in range(2))
    dates = _Dates(invoice, None, None, None, two_lines, (3, 3))  # Days break mdy twice: +2
    assert decide_order(dates, both, None, usd=True) == ("mdy", True)
    one_line = _Dates(invoice, None, None, None, two_lines[:1], (3,))  # mdy +1 only
    assert decide_order(one_line, both, None, usd=True) == ("mdy", False)


# ---------------------------------------------------------------- the decimal mark


def marked(**amounts: str) -> str:
    """The decimal mark of an invoice whose lines print only amounts that could be either."""
    lines = (RawLine("Exchange Online", unit_price="1.234", amount="2.468", quantity="2"),)
    raw = RawInvoice("online-services", "en", lines=lines, **amounts)  # type: ignore[arg-type]
    return decimal_mark_of(_amount_texts(raw))


def test_the_header_total_votes_on_the_decimal_mark_when_the_lines_cannot() -> None:
    assert marked() == "."
    assert marked(header_total="2.468,00") == ","


def test_the_total_votes_on_the_decimal_mark_when_the_lines_cannot() -> None:
    assert marked(total="2.468,00") == ","
    assert marked(total="2,468.00") == "."
