"""Fixtures that give a test a fresh register on each backend: an SQLite file, and a new
database on a real PostgreSQL server.

The server is `INVOICE_PIPELINE_TEST_PG` (a URL whose user may create databases; `.ci/run`
sets it), else a throwaway cluster this session starts itself when PostgreSQL is installed
(`tests/pg_server.py`). Without either the PostgreSQL tests skip and say why — except under
CI, where a missing server is a failure: CI must run them. Nothing ever fakes a server.

tests/conftest.py makes the fixtures available to every test module.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import pg_server
import psycopg
import pytest

from pipeline.register import RegisterSpec

NO_SERVER = (
    "PostgreSQL register tests skipped: no server. Set INVOICE_PIPELINE_TEST_PG="
    "postgresql://user:password@host/db (a user that may create databases), or install "
    "PostgreSQL (apt-get install postgresql) so the tests start a throwaway one"
)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The URL of a PostgreSQL server's maintenance database for this test session."""
    url = os.environ.get(pg_server.ENV)
    if url:
        yield url
        return
    if pg_server.binaries() is None:
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the PostgreSQL tests, but: {NO_SERVER}")
        pytest.skip(NO_SERVER)
    folder = Path(tempfile.gettempdir()) / f"invoice-pipeline-pg-{secrets.token_hex(6)}"
    try:
        url = pg_server.start(folder)
    except (pg_server.ServerError, OSError, KeyError) as exc:
        pg_server.stop(folder)
        pytest.fail(f"could not start a throwaway PostgreSQL server: {exc}")
    try:
        yield url
    finally:
        pg_server.stop(folder)


def with_database(url: str, database: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{database}"))


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """A new, empty database on the server, dropped after the test."""
    name = f"register_{secrets.token_hex(6)}"
    with psycopg.connect(postgres_server, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')  # type: ignore[arg-type]
    try:
        yield with_database(postgres_server, name)
    finally:
        with psycopg.connect(postgres_server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')  # type: ignore[arg-type]


@dataclass(frozen=True)
class Backend:
    """A fresh register on one backend, with raw SQL access for what the API cannot do."""

    kind: str
    spec: RegisterSpec

    def sql(self, statement: str, parameters: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        """Run one statement outside the register (`?` placeholders); its rows."""
        if isinstance(self.spec, Path):
            with sqlite3.connect(self.spec) as db:
                return db.execute(statement, parameters).fetchall()
        with psycopg.connect(self.spec, autocommit=True) as db:
            cursor = db.execute(statement.replace("?", "%s"), parameters)  # type: ignore[arg-type]
            return cursor.fetchall() if cursor.description else []

    def tables(self) -> list[str]:
        if isinstance(self.spec, Path):
            query = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        else:
            query = (
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = 'public' ORDER BY table_name"
            )
        return [row[0] for row in self.sql(query)]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "sqlite":
        return Backend("sqlite", tmp_path / "register.sqlite")
    return Backend("postgresql", request.getfixturevalue("postgres_url"))
