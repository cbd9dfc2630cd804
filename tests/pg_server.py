"""A throwaway PostgreSQL server on 127.0.0.1 for the register's tests, and for `.ci/run`.

Standard library only, so `.ci/run` can run it with the system Python before `.venv` exists:

    python3 tests/pg_server.py start DIR   # prints: export INVOICE_PIPELINE_TEST_PG='postgresql://…'
    python3 tests/pg_server.py stop DIR

`start` makes a new cluster in DIR (initdb, password authentication, listening on 127.0.0.1
only, a free port, no Unix socket outside DIR) with one superuser and one database, and starts
it. As root the server runs as the `postgres` user (initdb refuses root), so DIR is given to
that user. The binaries are found on PATH, else in Debian's /usr/lib/postgresql/<version>/bin.
"""

from __future__ import annotations

import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
from pathlib import Path

ENV = "INVOICE_PIPELINE_TEST_PG"
USER = "invoice_test"
DATABASE = "invoice_test"
SERVER_USER = "postgres"


class ServerError(Exception):
    """The test server could not be made or started."""


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    debian = [p for p in Path("/usr/lib/postgresql").glob("*/bin") if (p / "initdb").exists()]
    if not debian:
        return None
    return max(debian, key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0)


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", SERVER_USER, "--", *command]


def _give_to_server_user(path: Path) -> None:
    if os.geteuid() == 0:
        entry = pwd.getpwnam(SERVER_USER)
        os.chown(path, entry.pw_uid, entry.pw_gid)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run(command: list[str], env: dict[str, str] | None = None) -> None:
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        raise ServerError(f"{' '.join(command)} failed: {result.stderr.strip()}")


def start(folder: Path) -> str:
    """Make and start a cluster in the new folder `folder`; its URL (with the password)."""
    tools = binaries()
    if tools is None:
        raise ServerError("PostgreSQL is not installed (apt-get install postgresql)")
    folder.mkdir(mode=0o700, parents=True)
    _give_to_server_user(folder)
    password = secrets.token_hex(12)
    password_file = folder / "password"
    password_file.write_text(password + "\n")
    password_file.chmod(0o600)
    _give_to_server_user(password_file)
    data = folder / "data"
    _run(
        _as_server_user(
            [str(tools / "initdb"), "-D", str(data), "-U", USER, f"--pwfile={password_file}",
             "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C", "--no-sync"]
        )
    )  # fmt: skip
    password_file.unlink()
    for attempt in range(3):
        port = _free_port()
        options = (
            f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='{folder}'"
            " -c fsync=off -c max_connections=60"
        )
        try:
            _run(
                _as_server_user(
                    [str(tools / "pg_ctl"), "-D", str(data), "-l", str(folder / "server.log"),
                     "-w", "-t", "60", "-o", options, "start"]
                )
            )  # fmt: skip
            break
        except ServerError:
            if attempt == 2:
                raise
    env = {**os.environ, "PGPASSWORD": password}
    _run([str(tools / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", USER, DATABASE], env)
    url = f"postgresql://{USER}:{password}@127.0.0.1:{port}/{DATABASE}"
    (folder / "url").write_text(url)
    return url


def stop(folder: Path) -> None:
    """Stop the cluster in `folder` at once and remove the folder."""
    tools = binaries()
    data = folder / "data"
    if tools is not None and (data / "postmaster.pid").exists():
        subprocess.run(
            _as_server_user([str(tools / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            check=False,
        )
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: pg_server.py start|stop DIR", file=sys.stderr)
        return 2
    folder = Path(argv[1]).resolve()
    if argv[0] == "stop":
        stop(folder)
        return 0
    try:
        url = start(folder)
    except (ServerError, OSError, KeyError) as exc:
        print(f"pg_server.py: {exc}", file=sys.stderr)
        return 1
    print(f"export {ENV}='{url}'")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
