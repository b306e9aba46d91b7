"""班级批注库的表结构与迁移。The PostgreSQL schema of the annotation store and its migrations.

Everything lives in the schema ``edu``, whose comment :data:`MARKER` says it is ours: a database
whose ``edu`` schema lacks the marker belongs to another program and is refused, never written.
``edu.schema_version`` records the applied steps; :data:`MIGRATIONS` lists them (append, never
edit a released step). Each step runs once, in its own transaction, under an advisory lock, so two
clients opening a new database at once are safe.

Rules the database itself enforces (row-level security, ``FORCE`` so the owner obeys them too):

* a row's ``owner`` is the database role that wrote it (``DEFAULT current_user``, checked by policy);
  in a class, ``author`` must be that role's display name from the roster;
* ``visibility``: ``private`` (owner only), ``teacher`` (owner and the class's teachers) or
  ``class`` (every member of the class);
* nobody but the owner updates a row; nobody deletes one (soft delete only; no DELETE grant);
* every replaced version goes to ``edu.revision`` by trigger, whatever SQL changed the row;
* replies are readable by whoever can read their target; the owner of the target and teachers may
  reply, classmates only to ``class`` notes when the class allows it.
"""

from __future__ import annotations

import psycopg

from edu_helpers.annotations.model import StoreError

SCHEMA = "edu"
MARKER = "edu_helpers annotation store"
LOCK_KEY = 0x0ED0_A110  # advisory lock serialising migrations
NOTIFY_CHANNEL = "edu_live"
VISIBILITIES = ("private", "teacher", "class")

_STEP_1 = """
CREATE TABLE edu.class (
    id text PRIMARY KEY,
    title text NOT NULL DEFAULT '',
    allow_class_replies boolean NOT NULL DEFAULT false,
    default_visibility text NOT NULL DEFAULT 'teacher' CHECK (default_visibility IN ('private', 'teacher', 'class'))
);
CREATE TABLE edu.member (
    class_id text NOT NULL REFERENCES edu.class (id),
    role_name name NOT NULL,
    user_name text NOT NULL,
    display text NOT NULL,
    role text NOT NULL CHECK (role IN ('teacher', 'student')),
    PRIMARY KEY (class_id, role_name)
);
CREATE TABLE edu.annotation (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id text PRIMARY KEY,
    class_id text NOT NULL DEFAULT '',
    owner name NOT NULL DEFAULT current_user,
    visibility text NOT NULL DEFAULT 'private' CHECK (visibility IN ('private', 'teacher', 'class')),
    document text NOT NULL,
    document_title text NOT NULL DEFAULT '',
    author text NOT NULL DEFAULT '',
    created text NOT NULL,
    updated text NOT NULL,
    paragraph_id text,
    exact text NOT NULL,
    prefix text NOT NULL DEFAULT '',
    suffix text NOT NULL DEFAULT '',
    start_pos integer NOT NULL,
    end_pos integer NOT NULL,
    kind text,
    tags text[] NOT NULL DEFAULT '{}',
    note text NOT NULL DEFAULT '',
    deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX annotation_class_document ON edu.annotation (class_id, document);
CREATE INDEX annotation_title ON edu.annotation (document_title);
CREATE INDEX annotation_owner ON edu.annotation (owner);
CREATE TABLE edu.revision (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    annotation_id text NOT NULL,
    class_id text NOT NULL,
    owner name NOT NULL,
    visibility text NOT NULL,
    replaced timestamptz NOT NULL DEFAULT clock_timestamp(),
    reason text NOT NULL,
    data jsonb NOT NULL
);
CREATE INDEX revision_annotation ON edu.revision (annotation_id);
CREATE TABLE edu.reply (
    seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
    id text PRIMARY KEY,
    target text NOT NULL REFERENCES edu.annotation (id),
    class_id text NOT NULL DEFAULT '',
    owner name NOT NULL DEFAULT current_user,
    author text NOT NULL DEFAULT '',
    created text NOT NULL,
    updated text NOT NULL,
    body text NOT NULL,
    deleted boolean NOT NULL DEFAULT false
);
CREATE INDEX reply_target ON edu.reply (target);

-- membership look-ups for policies: SECURITY DEFINER, so they read the roster without recursion
CREATE FUNCTION edu.role_in(c text, who name) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = edu, pg_temp AS $$ SELECT role FROM edu.member WHERE class_id = c AND role_name = who $$;
CREATE FUNCTION edu.display_in(c text, who name) RETURNS text LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = edu, pg_temp AS $$ SELECT display FROM edu.member WHERE class_id = c AND role_name = who $$;
-- the classes a role is in / teaches: an uncorrelated sub-select, evaluated once per query (not per row)
CREATE FUNCTION edu.classes_of(who name, as_role text DEFAULT NULL) RETURNS SETOF text LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = edu, pg_temp
    AS $$ SELECT class_id FROM edu.member WHERE role_name = who AND (as_role IS NULL OR role = as_role) $$;
CREATE FUNCTION edu.replies_open(c text) RETURNS boolean LANGUAGE sql STABLE SECURITY DEFINER
    SET search_path = edu, pg_temp
    AS $$ SELECT coalesce((SELECT allow_class_replies FROM edu.class WHERE id = c), false) $$;

-- history: the replaced version of every changed row, whatever statement changed it
CREATE FUNCTION edu.keep_revision() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = edu, pg_temp AS $$
BEGIN
    INSERT INTO edu.revision (annotation_id, class_id, owner, visibility, reason, data)
    VALUES (OLD.id, OLD.class_id, OLD.owner, OLD.visibility,
            coalesce(nullif(current_setting('edu.reason', true), ''), 'sql'), to_jsonb(OLD));
    RETURN NULL;
END $$;
CREATE TRIGGER annotation_revision AFTER UPDATE ON edu.annotation
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION edu.keep_revision();

-- live view: one notification per class and transaction (PostgreSQL folds identical payloads)
CREATE FUNCTION edu.notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('edu_live', NEW.class_id);
    RETURN NULL;
END $$;
CREATE TRIGGER annotation_notify AFTER INSERT OR UPDATE ON edu.annotation
    FOR EACH ROW EXECUTE FUNCTION edu.notify_change();
CREATE TRIGGER reply_notify AFTER INSERT OR UPDATE ON edu.reply
    FOR EACH ROW EXECUTE FUNCTION edu.notify_change();

ALTER TABLE edu.annotation ENABLE ROW LEVEL SECURITY;
ALTER TABLE edu.annotation FORCE ROW LEVEL SECURITY;
CREATE POLICY annotation_read ON edu.annotation FOR SELECT USING (
    owner = current_user
    OR (visibility = 'class' AND class_id IN (SELECT edu.classes_of(current_user)))
    OR (visibility = 'teacher' AND class_id IN (SELECT edu.classes_of(current_user, 'teacher'))));
CREATE POLICY annotation_insert ON edu.annotation FOR INSERT WITH CHECK (
    owner = current_user AND (class_id = '' OR author = edu.display_in(class_id, current_user)));
CREATE POLICY annotation_update ON edu.annotation FOR UPDATE USING (owner = current_user) WITH CHECK (
    owner = current_user AND (class_id = '' OR author = edu.display_in(class_id, current_user)));

ALTER TABLE edu.revision ENABLE ROW LEVEL SECURITY;
ALTER TABLE edu.revision FORCE ROW LEVEL SECURITY;
CREATE POLICY revision_read ON edu.revision FOR SELECT USING (
    owner = current_user OR (visibility <> 'private' AND class_id IN (SELECT edu.classes_of(current_user, 'teacher'))));
CREATE POLICY revision_write ON edu.revision FOR INSERT WITH CHECK (true);  -- only the trigger may insert

ALTER TABLE edu.reply ENABLE ROW LEVEL SECURITY;
ALTER TABLE edu.reply FORCE ROW LEVEL SECURITY;
CREATE POLICY reply_read ON edu.reply FOR SELECT USING (
    owner = current_user OR EXISTS (SELECT 1 FROM edu.annotation a WHERE a.id = target));
CREATE POLICY reply_insert ON edu.reply FOR INSERT WITH CHECK (
    owner = current_user
    AND (class_id = '' OR author = edu.display_in(class_id, current_user))
    AND EXISTS (SELECT 1 FROM edu.annotation a WHERE a.id = target AND a.class_id = reply.class_id AND (
        a.owner = current_user
        OR edu.role_in(a.class_id, current_user) = 'teacher'
        OR (a.visibility = 'class' AND edu.replies_open(a.class_id)))));
CREATE POLICY reply_update ON edu.reply FOR UPDATE USING (owner = current_user) WITH CHECK (owner = current_user);

ALTER TABLE edu.class ENABLE ROW LEVEL SECURITY;
CREATE POLICY class_read ON edu.class FOR SELECT USING (edu.role_in(id, current_user) IS NOT NULL);
CREATE POLICY class_teacher ON edu.class FOR UPDATE USING (edu.role_in(id, current_user) = 'teacher');
ALTER TABLE edu.member ENABLE ROW LEVEL SECURITY;
CREATE POLICY member_read ON edu.member FOR SELECT USING (edu.role_in(class_id, current_user) IS NOT NULL);
"""

# Step 2: the scalar look-ups of the policies in PL/pgSQL. A SQL function that cannot be inlined (these are
# SECURITY DEFINER) is parsed and planned again in every statement that calls it; PL/pgSQL keeps its plan for
# the session. Same results, same rights (SECURITY DEFINER, search_path), cheaper per write (benchmarks/).
_STEP_2 = """
CREATE OR REPLACE FUNCTION edu.role_in(c text, who name) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = edu, pg_temp
    AS $$ BEGIN RETURN (SELECT role FROM edu.member WHERE class_id = c AND role_name = who); END $$;
CREATE OR REPLACE FUNCTION edu.display_in(c text, who name) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = edu, pg_temp
    AS $$ BEGIN RETURN (SELECT display FROM edu.member WHERE class_id = c AND role_name = who); END $$;
CREATE OR REPLACE FUNCTION edu.replies_open(c text) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
    SET search_path = edu, pg_temp
    AS $$ BEGIN RETURN coalesce((SELECT allow_class_replies FROM edu.class WHERE id = c), false); END $$;
"""

#: Migration n (1-based) brings the schema from version n-1 to n.
MIGRATIONS: tuple[str, ...] = (_STEP_1, _STEP_2)
SCHEMA_VERSION = len(MIGRATIONS)


# --- schema ------------------------------------------------------------------------------------
def stored_version(conn: psycopg.Connection) -> int:
    """The schema version in the database (0: no ``edu`` schema yet)."""
    if conn.execute("SELECT to_regclass('edu.schema_version')").fetchone()[0] is None:
        return 0
    return int(conn.execute("SELECT coalesce(max(version), 0) FROM edu.schema_version").fetchone()[0])


def ensure_schema(
    conn: psycopg.Connection, location: str, *, migrate: bool = True, steps: tuple[str, ...] | None = None
) -> int:
    """Check the ``edu`` schema is ours and current, migrating it if allowed; returns the version.

    Raises:
        StoreError: another program's ``edu`` schema, a newer version, or an old one and ``migrate`` off.
    """
    steps = MIGRATIONS if steps is None else steps
    marker = conn.execute(
        "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s", (SCHEMA,)
    ).fetchone()
    if marker is not None and marker[0] != MARKER:
        raise StoreError(
            location, "数据库中的 edu 模式属于其他程序 the schema 'edu' belongs to another program (left untouched)"
        )
    version = stored_version(conn)
    if version > len(steps):
        raise StoreError(
            location, f"written by a newer edu_helpers (schema {version}, this one knows {len(steps)}); update it"
        )
    if version < len(steps) and not migrate:
        raise StoreError(location, f"schema {version} is older than {len(steps)}; the teacher should run class-setup")
    while version < len(steps):
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
            conn.execute("CREATE SCHEMA IF NOT EXISTS edu")
            conn.execute(f"COMMENT ON SCHEMA edu IS '{MARKER}'")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS edu.schema_version "
                "(version integer PRIMARY KEY, applied timestamptz NOT NULL DEFAULT now())"
            )
            if stored_version(conn) == version:  # re-read under the lock: each step runs once
                conn.execute(steps[version])
                conn.execute("INSERT INTO edu.schema_version (version) VALUES (%s)", (version + 1,))
            conn.execute("COMMIT")
        except BaseException:
            if not (conn.closed or conn.broken):
                conn.execute("ROLLBACK")
            raise
        version = stored_version(conn)
    return version
