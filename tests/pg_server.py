"""A throw-away PostgreSQL server for the test suite (imported by the store and robustness conftests).

Finds ``initdb``/``pg_ctl`` under /usr/lib/postgresql/*/bin (or on PATH), installs the Debian
``postgresql`` package when they are missing and we run as root, ``initdb``s into a fresh temporary
folder, and starts the server on a free loopback port with its unix socket in that folder.  PostgreSQL
refuses to run as root, so as root the server runs as the ``postgres`` user (``runuser``).  One server
per test session; every test gets its own schema.  Tests skip with the reason only when the server
truly cannot be started.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

_state: dict[str, object] = {}
_schema_counter = itertools.count()


def _find_bin_dir() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name),
                        reverse=True)
    for folder in candidates:
        if Path(folder, "initdb").exists() and Path(folder, "pg_ctl").exists():
            return Path(folder)
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb and shutil.which("pg_ctl") else None


def _install_postgresql() -> str | None:
    """apt-get install postgresql (root only); returns an error message or None."""
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        return "PostgreSQL binaries not found and not root: cannot apt-get install postgresql"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update", "-q"], ["apt-get", "install", "-y", "-q", "postgresql"]):
        done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=900)
        if done.returncode != 0:
            return f"{' '.join(cmd)} failed: {done.stderr.strip()[-500:]}"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


def _start() -> str:
    """Start the server; returns its base URL or raises RuntimeError with the reason."""
    bin_dir = _find_bin_dir()
    if bin_dir is None:
        error = _install_postgresql()
        if error:
            raise RuntimeError(error)
        bin_dir = _find_bin_dir()
        if bin_dir is None:
            raise RuntimeError("postgresql installed but initdb/pg_ctl not found")
    if os.geteuid() == 0 and not shutil.which("runuser"):
        raise RuntimeError("running as root without runuser: cannot start PostgreSQL as a non-root user")
    base = Path(tempfile.mkdtemp(prefix="rasad-pg-"))
    if os.geteuid() == 0:
        try:
            shutil.chown(base, user="postgres", group="postgres")
        except (LookupError, PermissionError) as exc:
            raise RuntimeError(f"cannot hand {base} to the postgres user: {exc}") from exc
    data, log = base / "data", base / "server.log"
    init = subprocess.run(_as_server_user([str(bin_dir / "initdb"), "-D", str(data), "-U", "rasad",
                                           "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]),
                          capture_output=True, text=True, timeout=300)
    if init.returncode != 0:
        raise RuntimeError(f"initdb failed: {init.stderr.strip()[-500:]}")
    port = _free_port()
    options = (f"-p {port} -k {base} -c listen_addresses=127.0.0.1 -c fsync=off "
               "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    start = subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-l", str(log),
                                            "-o", options, "-w", "-t", "60", "start"]),
                           capture_output=True, text=True, timeout=120)
    if start.returncode != 0:
        tail = log.read_text(errors="replace")[-800:] if log.exists() else ""
        raise RuntimeError(f"pg_ctl start failed: {start.stderr.strip()[-300:]} {tail}")

    def stop() -> None:
        subprocess.run(_as_server_user([str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)

    atexit.register(stop)
    return f"postgresql://rasad@127.0.0.1:{port}/postgres"


def postgres_base_url() -> str:
    """The session's server URL; skips the calling test when no server can be started."""
    if "url" not in _state and "error" not in _state:
        try:
            _state["url"] = _start()
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            _state["error"] = str(exc)
    if "error" in _state:
        pytest.skip(f"PostgreSQL server could not be started: {_state['error']}")
    return str(_state["url"])


def fresh_postgres_url() -> str:
    """A URL whose connections use a new, empty schema (cheap per-test isolation)."""
    import psycopg

    base = postgres_base_url()
    schema = f"t{os.getpid()}_{next(_schema_counter)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    return f"{base}?options=-csearch_path%3D{schema}"


def fresh_postgres_store():  # noqa: ANN201 - imported lazily so tests without psycopg still collect
    from rasad.store.postgres import PostgresStore

    return PostgresStore(fresh_postgres_url())
