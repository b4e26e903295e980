"""Writing many rows of one model in as few statements as bulk_create would, without building a
model object for each row: a 1,000-comment letter's links and vectors are written from tuples."""

from collections.abc import Sequence

from django.db import connection, models, transaction
from django.db.models.constants import OnConflict

# PostgreSQL's protocol counts a statement's parameters in 16 bits.
MAX_PARAMETERS = 65_535


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Sequence[tuple],
    *,
    ignore_conflicts: bool = False,
) -> None:
    """INSERT `rows` into `model`'s table: each row a tuple of database values for `fields`
    (names of the model's fields, in that order), batched as bulk_create batches them.

    The values go to the driver as they are: datetimes adapted with
    connection.ops.adapt_datetimefield_value, bytes for binary fields, pks for foreign keys.
    With `ignore_conflicts`, rows that would break a unique constraint are skipped."""
    if not rows:
        return
    columns = [model._meta.get_field(name) for name in fields]
    on_conflict = OnConflict.IGNORE if ignore_conflicts else None
    head = insert_head(model, columns, on_conflict)
    suffix = connection.ops.on_conflict_suffix_sql(columns, on_conflict, None, None)
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        for values, params in batches(model, columns, rows):
            cursor.execute(f"{head} VALUES {values} {suffix}", params)


def insert_rows_returning_pks(
    model: type[models.Model], fields: Sequence[str], rows: Sequence[tuple]
) -> list[int]:
    """INSERT `rows` as `insert_rows` does (no conflict skipped) and return their primary keys,
    in the order of `rows`: INSERT ... RETURNING, which PostgreSQL and SQLite (3.35+) answer
    in the order of the VALUES, as bulk_create relies on too."""
    if not rows:
        return []
    columns = [model._meta.get_field(name) for name in fields]
    head = insert_head(model, columns, None)
    returning = connection.ops.quote_name(model._meta.pk.column)
    pks: list[int] = []
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        for values, params in batches(model, columns, rows):
            cursor.execute(f"{head} VALUES {values} RETURNING {returning}", params)
            pks.extend(pk for (pk,) in cursor.fetchall())
    return pks


def batches(model: type[models.Model], columns: list, rows: Sequence[tuple]):
    """Each statement's VALUES text and flat parameters, `batch_size` rows at a time."""
    row_sql = "(" + ", ".join(["%s"] * len(columns)) + ")"
    size = batch_size(model, len(columns), rows)
    for start in range(0, len(rows), size):
        batch = rows[start : start + size]
        yield ", ".join([row_sql] * len(batch)), [value for row in batch for value in row]


def insert_head(model: type[models.Model], columns: list, on_conflict: OnConflict | None) -> str:
    """'INSERT INTO "table" ("a", "b")', in the database's words for skipping conflicts."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column.column) for column in columns)
    insert = connection.ops.insert_statement(on_conflict=on_conflict)
    return f"{insert} {quote(model._meta.db_table)} ({names})"


def batch_size(model: type[models.Model], width: int, rows: Sequence[tuple]) -> int:
    """Rows per statement: as many as bulk_create puts in one (it counts every concrete field
    but the generated key), so a letter takes as many statements as before."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    return max(1, min(size, MAX_PARAMETERS // width))
