"""A throwaway PostgreSQL cluster for tests: ``initdb`` into a temp folder as an unprivileged user,
``pg_ctl`` on 127.0.0.1 with a free port (and a Unix socket in that folder), stopped afterwards.

The admin (superuser ``edu_admin``) connects through the Unix socket with ``trust``; every other
role connects over TCP to 127.0.0.1 with a scram-sha-256 password, so a student cannot log in as
another student. Where PostgreSQL is missing the server tests skip with the reason, unless
``EDU_REQUIRE_SERVER=1`` (CI): then they fail.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PG_BIN_CANDIDATES = ("/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin")
RUN_AS = os.environ.get("EDU_PG_USER", "pgtest")
ADMIN = "edu_admin"


@dataclass
class Cluster:
    """A running throwaway cluster.

    Attributes:
        bin_dir: folder of ``initdb``, ``pg_ctl``, ``psql``.
        data_dir: the cluster's data folder (also holds the Unix socket and the log).
        port: TCP port on 127.0.0.1.
    """

    bin_dir: Path
    data_dir: Path
    port: int

    def admin_url(self, db: str = "postgres") -> str:
        """Superuser connection through the Unix socket (trust)."""
        return f"postgresql://{ADMIN}@/{db}?host={self.data_dir}&port={self.port}"

    def tcp_url(self, user: str, password: str, db: str) -> str:
        """A role's connection over TCP to 127.0.0.1 with its password."""
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{db}"

    def _ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        opts = f"-k {self.data_dir} -p {self.port} -c listen_addresses=127.0.0.1 -c max_connections=200"
        cmd = [str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), *args]
        if args[0] in ("start", "restart"):
            cmd[4:4] = ["-o", opts, "-l", str(self.data_dir / "log"), "-w"]
        return _run_as(cmd, check=check)

    def start(self) -> None:
        """Start (or start again) the server, waiting until it accepts connections."""
        self._ctl("start")

    def stop(self, mode: str = "fast") -> None:
        """Stop the server (``fast``: disconnect clients; ``immediate``: like a crash)."""
        self._ctl("stop", "-m", mode, check=False)

    def restart(self) -> None:
        """Stop fast and start again (clients lose their connections)."""
        self.stop()
        self.start()

    def psql(self, url: str, sql: str) -> subprocess.CompletedProcess:
        """Run ``sql`` through the real ``psql`` client (stop on the first error)."""
        return subprocess.run(
            [str(self.bin_dir / "psql"), url, "-v", "ON_ERROR_STOP=1", "-X", "-q", "-A", "-t", "-c", sql],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip


def _run_as(cmd: list[str], check: bool = True) -> subprocess.CompletedProcess:
    if os.geteuid() == 0:  # the server refuses root
        cmd = ["runuser", "-u", RUN_AS, "--", *cmd]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    if check and done.returncode:
        raise RuntimeError(f"{' '.join(cmd)} failed:\n{done.stdout}\n{done.stderr}")
    return done


def find_bin() -> tuple[Path | None, str]:
    """The PostgreSQL binaries folder, or ``None`` and why it cannot be used."""
    for candidate in (os.environ.get("EDU_PG_BIN", ""), *PG_BIN_CANDIDATES):
        if candidate and (Path(candidate) / "initdb").exists():
            break
    else:
        found = shutil.which("initdb")
        if not found:
            return None, "PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH)"
        candidate = str(Path(found).parent)
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None, 'psycopg 3 is not installed (pip install "psycopg[binary]")'
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(RUN_AS)
        except KeyError:
            return None, f"running as root and there is no unprivileged user {RUN_AS!r} (useradd -M {RUN_AS})"
    return Path(candidate), ""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_cluster(bin_dir: Path, parent: Path) -> Cluster:
    """``initdb`` + ``pg_ctl start`` in a new folder under ``parent``."""
    data = parent / "pgdata"
    parent.chmod(0o777)
    pw = pwd.getpwnam(RUN_AS) if os.geteuid() == 0 else None
    data.mkdir(mode=0o700)
    if pw:
        os.chown(data, pw.pw_uid, pw.pw_gid)
    _run_as([
        str(bin_dir / "initdb"), "-D", str(data), "-U", ADMIN, "--auth-local=trust",
        "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions",
    ])  # fmt: skip
    cluster = Cluster(bin_dir, data, free_port())
    for attempt in range(3):  # the port may be taken between free_port() and start
        try:
            cluster.start()
            return cluster
        except RuntimeError:
            if attempt == 2:
                raise
            cluster.port = free_port()
    return cluster


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[Cluster]:
    """A throwaway cluster for the whole test session (skipped, or failed under EDU_REQUIRE_SERVER=1)."""
    bin_dir, reason = find_bin()
    if bin_dir is None:
        if os.environ.get("EDU_REQUIRE_SERVER") == "1":
            pytest.fail(f"EDU_REQUIRE_SERVER=1 but the server tests cannot run: {reason}")
        pytest.skip(reason)
    tmp = Path(tempfile.mkdtemp(prefix="edu-pg-"))
    started = time.monotonic()
    cluster = start_cluster(bin_dir, tmp)
    print(f"throwaway PostgreSQL on 127.0.0.1:{cluster.port} in {time.monotonic() - started:.1f} s")
    try:
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(tmp, ignore_errors=True)


_counter = iter(range(1, 10**6))
#: an ordinary (not super-) user owning the personal-store databases of the store tests
OWNER, OWNER_PASSWORD = "edu_owner", "owner-pw-for-tests"


def new_database(cluster: Cluster, owner: str | None = None) -> str:
    """Create a fresh, empty database (owned by ``owner``, else the admin); its name."""
    import psycopg

    name = f"t{os.getpid()}_{next(_counter)}"
    with psycopg.connect(cluster.admin_url(), autocommit=True) as conn:
        if owner and not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (owner,)).fetchone():
            conn.execute(f"CREATE ROLE {owner} LOGIN PASSWORD '{OWNER_PASSWORD}'")
        conn.execute(f'CREATE DATABASE "{name}"' + (f" OWNER {owner}" if owner else ""))
    return name  # not dropped: the whole cluster is thrown away at the end


@pytest.fixture
def pg_db(pg_cluster: Cluster) -> str:
    """A fresh, empty database for one test; its admin URL."""
    return pg_cluster.admin_url(new_database(pg_cluster))


@pytest.fixture
def pg_store_url(pg_cluster: Cluster) -> str:
    """A personal store on the server: a fresh database owned by an ordinary user, its TCP URL."""
    return pg_cluster.tcp_url(OWNER, OWNER_PASSWORD, new_database(pg_cluster, OWNER))
