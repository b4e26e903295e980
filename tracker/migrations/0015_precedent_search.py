"""Full-text search over the library's comments: heading, comment and the company's answer.

PostgreSQL: a stored generated tsvector column (`search`, English stemming; the headings weigh
A, the comment B, the answer C) with a GIN index, kept current by the database itself.
SQLite: an FTS5 table over the same three columns (Porter stemming), kept in step with the
comments by triggers. Neither is a model field: the search queries read them by name.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    """
    ALTER TABLE tracker_librarycomment ADD COLUMN search tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english'::regconfig, coalesce(headings::text, '')), 'A')
        || setweight(to_tsvector('english'::regconfig, coalesce(text, '')), 'B')
        || setweight(to_tsvector('english'::regconfig, coalesce(answer, '')), 'C')
    ) STORED
    """,
    "CREATE INDEX tracker_librarycomment_search ON tracker_librarycomment USING gin (search)",
]
POSTGRES_BACKWARD = [
    "DROP INDEX IF EXISTS tracker_librarycomment_search",
    "ALTER TABLE tracker_librarycomment DROP COLUMN IF EXISTS search",
]

FTS_COLUMNS = "headings, text, answer"
NEW_ROW = "new.id, new.headings, new.text, new.answer"
OLD_ROW = "'delete', old.id, old.headings, old.text, old.answer"
SQLITE_FORWARD = [
    f"""
    CREATE VIRTUAL TABLE tracker_librarycomment_fts USING fts5(
        {FTS_COLUMNS}, content='tracker_librarycomment', content_rowid='id',
        tokenize='porter unicode61'
    )
    """,
    f"""
    CREATE TRIGGER tracker_librarycomment_fts_insert AFTER INSERT ON tracker_librarycomment
    BEGIN
        INSERT INTO tracker_librarycomment_fts(rowid, {FTS_COLUMNS}) VALUES ({NEW_ROW});
    END
    """,
    f"""
    CREATE TRIGGER tracker_librarycomment_fts_delete AFTER DELETE ON tracker_librarycomment
    BEGIN
        INSERT INTO tracker_librarycomment_fts(tracker_librarycomment_fts, rowid, {FTS_COLUMNS})
        VALUES ({OLD_ROW});
    END
    """,
    f"""
    CREATE TRIGGER tracker_librarycomment_fts_update AFTER UPDATE OF {FTS_COLUMNS}
    ON tracker_librarycomment
    BEGIN
        INSERT INTO tracker_librarycomment_fts(tracker_librarycomment_fts, rowid, {FTS_COLUMNS})
        VALUES ({OLD_ROW});
        INSERT INTO tracker_librarycomment_fts(rowid, {FTS_COLUMNS}) VALUES ({NEW_ROW});
    END
    """,
    "INSERT INTO tracker_librarycomment_fts(tracker_librarycomment_fts) VALUES ('rebuild')",
]
SQLITE_BACKWARD = [
    "DROP TRIGGER IF EXISTS tracker_librarycomment_fts_insert",
    "DROP TRIGGER IF EXISTS tracker_librarycomment_fts_delete",
    "DROP TRIGGER IF EXISTS tracker_librarycomment_fts_update",
    "DROP TABLE IF EXISTS tracker_librarycomment_fts",
]


def statements(vendor: str, forward: bool) -> list[str]:
    if vendor == "postgresql":
        return POSTGRES_FORWARD if forward else POSTGRES_BACKWARD
    if vendor == "sqlite":
        return SQLITE_FORWARD if forward else SQLITE_BACKWARD
    return []


def create(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, forward=True):
        schema_editor.execute(sql)


def drop(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, forward=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("tracker", "0014_library_intake")]

    operations = [migrations.RunPython(create, drop)]
