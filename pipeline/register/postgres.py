"""The only psycopg import: the register in an office's PostgreSQL database.

Every machine of the office names the same database (`postgresql://user@host/db`); the tables
are the SQLite register's, created and upgraded by the program. An export holds a session
advisory lock (`pg_try_advisory_lock`) on its own connection for its whole run: a second
export anywhere is refused at once, and the server releases the lock as soon as the holder's
connection ends — a finished export, a killed one, a machine switched off (TCP keepalives
make the server notice within about a minute and a half).

Connection problems become one line a person can act on: the server unreachable, the password
refused, the database missing. The password is never shown (`register_name` masks it).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager, suppress
from typing import Any, LiteralString

import psycopg
from psycopg import conninfo

from pipeline.errors import RegisterBusy
from pipeline.register.common import BUSY_MESSAGE, RegisterError, RegisterSpec, Row, register_name

#: The advisory lock every export of this program takes in the register's database.
LOCK_KEY = int.from_bytes(
    hashlib.sha256(b"invoice-pipeline register").digest()[:8], "big", signed=True
)
#: Seconds to wait for the server when the URL gives no `connect_timeout`.
CONNECT_TIMEOUT = 10
#: The server's keepalive probes on the lock's connection: a holder that vanished without
#: closing it (power cut, cable) is noticed after idle + interval × count seconds.
_KEEPALIVES = {"tcp_keepalives_idle": 60, "tcp_keepalives_interval": 10, "tcp_keepalives_count": 3}

Connection = psycopg.Connection[Any]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().removeprefix("connection failed: ")
    return text.splitlines()[0].strip() if text else type(exc).__name__


def _query(sql: str) -> LiteralString:
    """The register's `?` placeholders as psycopg's `%s` (the SQL is the package's own)."""
    return sql.replace("%", "%%").replace("?", "%s")


class PostgresDatabase:
    """One connection to the register's database, in autocommit between transactions."""

    def __init__(self, connection: Connection, name: str) -> None:
        self._conn = connection
        self.name = name

    def rows(self, sql: str, parameters: Sequence[object] = ()) -> list[Row]:
        try:
            return self._conn.execute(_query(sql), parameters).fetchall()
        except psycopg.Error as exc:
            raise RegisterError(
                f"cannot read the register ({_first_line(exc)})", file=self.name
            ) from exc

    def execute(self, sql: str, parameters: Sequence[object] = ()) -> None:
        self._conn.execute(_query(sql), parameters)

    def executemany(self, sql: str, parameters: Iterable[Sequence[object]]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(_query(sql), parameters)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        try:
            with self._conn.transaction():
                yield
        except psycopg.Error as exc:
            raise RegisterError(
                f"cannot write the register ({_first_line(exc)})", file=self.name
            ) from exc

    def has_table(self, name: str) -> bool:
        return bool(self.rows("SELECT to_regclass(?) IS NOT NULL", (name,))[0][0])

    def legacy_version(self) -> int:
        return 0

    def mark_version(self, version: int) -> None:
        """Nothing: a PostgreSQL register only ever had `schema_version`."""


# ---------------------------------------------------------------- connecting

#: The sockets of the connections this process has open. A forked child (a worker of the
#: export's pool) points its copies at /dev/null at once: it can then never write on the
#: export's session, and a worker that outlives a killed export does not keep the server's
#: side of the connection — and the lock — alive.
_OPEN_SOCKETS: set[int] = set()


def _forget_sockets_in_child() -> None:
    if not _OPEN_SOCKETS:
        return
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in _OPEN_SOCKETS:
        with suppress(OSError):
            os.dup2(null, descriptor)
    os.close(null)
    _OPEN_SOCKETS.clear()


if hasattr(os, "register_at_fork"):  # not on Windows, which does not fork
    os.register_at_fork(after_in_child=_forget_sockets_in_child)


def _problem(exc: psycopg.Error, params: dict[str, Any]) -> str:
    """What went wrong connecting, in words a person can act on."""
    text = _first_line(exc)
    info = exc.pgconn
    host = _text(info.host if info else None) or str(params.get("host") or "localhost")
    port = _text(info.port if info else None) or str(params.get("port") or "5432")
    user = _text(info.user if info else None) or str(params.get("user") or "")
    database = _text(info.db if info else None) or str(params.get("dbname") or user)
    server = f"{host}:{port}"
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return (
            f"the database server at {server} refused the password of user {user}; check the "
            "user name and password (in the URL, PGPASSWORD or the pgpass file)"
        )
    if re.search(r'role ".*" does not exist', lowered):
        return f"the database server at {server} has no user {user}; check the URL's user name"
    if re.search(r'database ".*" does not exist', lowered):
        return (
            f'the database server at {server} has no database "{database}"; create it '
            f"(createdb {database}) or correct the URL"
        )
    if "no pg_hba.conf entry" in lowered:
        return (
            f"the database server at {server} does not let user {user} connect to "
            f'"{database}" from this machine (pg_hba.conf)'
        )
    reason = _unreachable(lowered)
    if reason is not None:
        return (
            f"cannot reach the database server at {server} ({reason}); check that "
            "PostgreSQL runs there and accepts connections from this machine"
        )
    return f"cannot connect to the register's database ({text})"


_UNREACHABLE = (
    ("connection refused", "connection refused"),
    ("timeout expired", "no answer in time"),
    ("timed out", "no answer in time"),
    ("no route to host", "no route to host"),
    ("network is unreachable", "network unreachable"),
    ("failed to resolve host", "unknown host name"),
    ("could not translate host name", "unknown host name"),
    ("name or service not known", "unknown host name"),
    ("server closed the connection", "the server closed the connection"),
)


def _unreachable(lowered: str) -> str | None:
    return next((reason for needle, reason in _UNREACHABLE if needle in lowered), None)


def _text(value: bytes | None) -> str:
    return value.decode("utf-8", "replace") if value else ""


def connect(url: str) -> PostgresDatabase:
    """A connection to the register's database; `RegisterError` in one line if none."""
    name = register_name(url)
    try:
        params = conninfo.conninfo_to_dict(url)
    except psycopg.Error as exc:
        raise RegisterError(
            f"is not a valid PostgreSQL URL ({_first_line(exc)})", file=name
        ) from None
    extra: dict[str, Any] = {"application_name": "invoice-pipeline"}
    if "connect_timeout" not in params and "PGCONNECT_TIMEOUT" not in os.environ:
        extra["connect_timeout"] = CONNECT_TIMEOUT
    try:
        connection = psycopg.connect(url, autocommit=True, **extra)
    except psycopg.Error as exc:
        raise RegisterError(_problem(exc, params), file=name) from None
    _OPEN_SOCKETS.add(connection.fileno())
    return PostgresDatabase(connection, name)


def close(db: PostgresDatabase) -> None:
    connection = db._conn
    _OPEN_SOCKETS.discard(connection.fileno())
    with suppress(psycopg.Error):
        connection.close()


@contextmanager
def _connected(url: str) -> Iterator[PostgresDatabase]:
    db = connect(url)
    try:
        yield db
    finally:
        close(db)


def try_lock(db: PostgresDatabase) -> bool:
    """Take the export's advisory lock on this session, if no other session holds it."""
    settings = ", ".join("set_config(?, ?, false)" for _ in _KEEPALIVES)
    values = [str(v) for item in _KEEPALIVES.items() for v in item]
    row = db.rows(f"SELECT {settings}, pg_try_advisory_lock(?)", (*values, LOCK_KEY))[0]
    return bool(row[-1])


class PostgresBackend:
    @contextmanager
    def writing(self, spec: RegisterSpec) -> Iterator[PostgresDatabase]:
        with _connected(str(spec)) as db:
            if not try_lock(db):
                raise RegisterBusy(BUSY_MESSAGE, file=db.name)
            yield db  # closing the connection releases the lock

    @contextmanager
    def reading(self, spec: RegisterSpec) -> Iterator[PostgresDatabase | None]:
        with _connected(str(spec)) as db:
            yield db if db.has_table("batches") else None


BACKEND = PostgresBackend()
