"""The issue's stress on a real PostgreSQL server (tests/register_stress.py), with the fast
JSON reader: two exports at once over overlapping inboxes of 200 invoices, and twenty kill -9
at random moments of an export. A few minutes on a busy machine, so it runs under CI (CI set)
or when INVOICE_PIPELINE_STRESS=1, and is skipped, saying so, otherwise. The same script with
`--reader real` runs it on generated PDFs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import register_stress

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not (os.environ.get("CI") or os.environ.get("INVOICE_PIPELINE_STRESS")),
        reason="the register stress runs under CI or with INVOICE_PIPELINE_STRESS=1",
    ),
]


def test_two_exports_at_once_and_twenty_kills_book_every_invoice_once(
    tmp_path: Path, postgres_server: str
) -> None:
    results = register_stress.run("fake", 200, 20, postgres_server, 13, tmp_path)
    race = results.race
    assert sorted(race["winners"] + race["refused"]) == ["A", "B"]
    assert len(race["refused"]) == 1
    assert race["refusal_is_the_busy_message"] is True
    assert race["loser_run_again_exit"] == 0
    assert (race["invoices_booked"], race["expected_invoices"]) == (300, 300)
    assert race["booked_is_exactly_the_expected"] is True
    assert (race["booked_more_than_once"], race["register_twice"]) == ([], [])
    assert race["register_entries"] == 300
    assert race["register_agrees_with_files"] is True
    kills = results.kills
    assert kills["kills"] == 20
    assert kills["final_exit"] == 0, kills["final_stderr"]
    assert kills["invoices_booked"] == kills["expected_invoices"] >= 200
    assert kills["booked_is_exactly_the_expected"] is True
    assert (kills["booked_more_than_once"], kills["register_twice"]) == ([], [])
    assert kills["register_entries"] == kills["expected_invoices"]
    assert kills["pending_batches"] == 0
    assert kills["temporary_files_left"] == []
    assert kills["files_not_of_a_done_batch"] == []
    assert kills["register_agrees_with_files"] is True
