"""班级设置：名单、数据库角色与权限。Class set-up on the server: roster, roles, grants, settings.

Identity mapping: a person's user name (``$JUPYTERHUB_USER`` on a hub, else the notebook's
``AUTHOR``) becomes the database role :func:`role_name` (``edu_u_`` + a safe form of the name); the
roster's display name is what the database requires as ``author`` of that role's rows. All
roster roles belong to the group role :data:`MEMBERS`, which holds the table privileges; what
each one may read or change is decided by the row-level security policies of :mod:`.migrations`.
"""

from __future__ import annotations

import csv
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import psycopg
from psycopg import sql

from edu_helpers.annotations.model import StoreError
from edu_helpers.annotations.postgres.migrations import ensure_schema
from edu_helpers.annotations.postgres.rows import UPDATABLE, safe_location, split_url

MEMBERS = "edu_members"
ROLES = ("teacher", "student")
_HEADERS = {"user": "user", "用户名": "user", "name": "name", "姓名": "name", "role": "role", "角色": "role"}
_ROLE_WORDS = {
    "teacher": "teacher",
    "教师": "teacher",
    "老师": "teacher",
    "student": "student",
    "学生": "student",
    "": "student",
}

GRANTS = (
    "GRANT USAGE ON SCHEMA edu TO {m}",
    "GRANT SELECT, INSERT ON edu.annotation TO {m}",
    "GRANT UPDATE (" + ", ".join((*UPDATABLE, "visibility")) + ") ON edu.annotation TO {m}",
    "GRANT SELECT ON edu.revision, edu.class, edu.member, edu.schema_version TO {m}",
    "GRANT SELECT, INSERT ON edu.reply TO {m}",
    "GRANT UPDATE (body, updated, deleted) ON edu.reply TO {m}",
    "GRANT UPDATE (allow_class_replies, default_visibility) ON edu.class TO {m}",
    "REVOKE DELETE, TRUNCATE ON edu.annotation, edu.reply, edu.revision FROM {m}",
)


@dataclass(frozen=True)
class Person:
    """One roster line: ``user`` (hub user name), display ``name``, ``role`` teacher/student."""

    user: str
    name: str
    role: str = "student"


@dataclass(frozen=True)
class Settings:
    """A person's connection settings (what the hub's spawner puts into their environment)."""

    person: Person
    role_name: str
    host: str
    port: int
    database: str
    password: str | None  # None: the role existed and kept its password
    class_id: str

    @property
    def url(self) -> str:
        """``postgresql://role@host:port/db?class=C`` (the password comes from ``PGPASSWORD``)."""
        return (
            f"postgresql://{quote(self.role_name)}@{self.host}:{self.port}/{self.database}?class={quote(self.class_id)}"
        )

    def environment(self) -> dict[str, str]:
        """Environment variables for the person's notebook server."""
        env = {"EDU_ANNOTATIONS": self.url, "EDU_CLASS": self.class_id, "PGUSER": self.role_name,
               "PGHOST": self.host, "PGPORT": str(self.port), "PGDATABASE": self.database,
               "JUPYTERHUB_USER": self.person.user}  # fmt: skip
        if self.password:
            env["PGPASSWORD"] = self.password
        return env


def role_name(user: str) -> str:
    """The database role of a user name: ``edu_u_`` + lower-case ASCII, other characters as hex.

    >>> role_name("Zhang.San"), role_name("李四")
    ('edu_u_zhang_2e_san', 'edu_u__674e__56db_')
    """
    safe = re.sub(r"[^a-z0-9_]", lambda m: f"_{ord(m.group()):x}_", user.strip().lower())
    if not safe or len(safe) > 57:
        raise ValueError(f"用户名无效 invalid user name {user!r} (empty or too long for a database role)")
    return "edu_u_" + safe


def read_roster(path: str | Path) -> list[Person]:
    """Read ``user,name,role`` lines (header required; 用户名/姓名/角色 accepted; role defaults to student).

    Raises:
        StoreError: a missing column, an unknown role, or a user listed twice (names the line).
    """
    path = Path(path)
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows:
        raise StoreError(path, "名单为空 the roster is empty")
    header = [_HEADERS.get(h.strip().lower(), h.strip()) for h in rows[0]]
    if "user" not in header:
        raise StoreError(path, "line 1: the roster needs a 'user' column (user,name,role)")
    people: dict[str, Person] = {}
    for line, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        rec = dict(zip(header, (c.strip() for c in row), strict=False))
        role = _ROLE_WORDS.get(rec.get("role", "").lower())
        if role is None:
            raise StoreError(path, f"line {line}: unknown role {rec.get('role')!r} (teacher or student)")
        user = rec.get("user", "")
        if not user or user in people:
            raise StoreError(path, f"line {line}: {'empty' if not user else 'duplicate'} user {user!r}")
        people[user] = Person(user, rec.get("name") or user, role)
    return list(people.values())


def setup_class(
    admin_url: str, class_id: str, people: list[Person], *, title: str = "", allow_class_replies: bool = False,
    default_visibility: str = "teacher", host: str | None = None, port: int | None = None,
    new_passwords: bool = False,
) -> list[Settings]:  # fmt: skip
    """Create (or update) schema, group role, grants, the class, one login role per person, the roster.

    Run it again with a longer roster to add people; existing roles keep their passwords unless
    ``new_passwords``. Everything happens in one transaction.

    Returns:
        each person's connection settings (``host``/``port`` default to the admin URL's).
    """
    url, _ = split_url(admin_url)
    with psycopg.connect(url, autocommit=True) as conn:
        ensure_schema(conn, safe_location(admin_url))
        info = (conn.info.host, conn.info.port, conn.info.dbname)
        with conn.transaction():
            if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (MEMBERS,)).fetchone():
                conn.execute(sql.SQL("CREATE ROLE {} NOLOGIN").format(sql.Identifier(MEMBERS)))
            for grant in GRANTS:
                conn.execute(sql.SQL(grant).format(m=sql.Identifier(MEMBERS)))
            conn.execute(
                "INSERT INTO edu.class (id, title, allow_class_replies, default_visibility) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, "
                "allow_class_replies = EXCLUDED.allow_class_replies, default_visibility = EXCLUDED.default_visibility",
                (class_id, title, allow_class_replies, default_visibility),
            )
            out = [_person(conn, class_id, p, new_passwords) for p in people]
    h = host or (info[0] if not info[0].startswith("/") else "127.0.0.1")  # a socket folder → local TCP
    return [Settings(person, role, h, port or info[1], info[2], pw, class_id) for person, role, pw in out]


def _person(conn: psycopg.Connection, class_id: str, p: Person, new_passwords: bool) -> tuple[Person, str, str | None]:
    role = role_name(p.user)
    ident = sql.Identifier(role)
    password: str | None = secrets.token_urlsafe(18)
    if not conn.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,)).fetchone():
        conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(ident, sql.Literal(password)))
    elif new_passwords:
        conn.execute(sql.SQL("ALTER ROLE {} PASSWORD {}").format(ident, sql.Literal(password)))
    else:
        password = None
    conn.execute(sql.SQL("GRANT {} TO {}").format(sql.Identifier(MEMBERS), ident))
    conn.execute(
        "INSERT INTO edu.member (class_id, role_name, user_name, display, role) VALUES (%s, %s, %s, %s, %s) "
        "ON CONFLICT (class_id, role_name) DO UPDATE SET display = EXCLUDED.display, role = EXCLUDED.role",
        (class_id, role, p.user, p.name, p.role),
    )
    return p, role, password


def write_settings(settings: list[Settings], folder: str | Path) -> list[Path]:
    """One ``<user>.env`` file per person (mode 600) for the hub's spawner; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for s in settings:
        path = folder / f"{re.sub(r'[^A-Za-z0-9_.-]', '_', s.person.user)}.env"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.writelines(f"{k}={v}\n" for k, v in s.environment().items())
        paths.append(path)
    return paths
