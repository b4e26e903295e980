"""Comments by letter are found through the unique (letter, number) index alone.

The letter's own index was a prefix of it: with both, planners picked the narrower one and
then sorted every comment of the member's letters to show a page of fifty in letter order;
with one, they read the page in index order. Only the index goes: the foreign key stays as it
is (altering the field would drop and re-check it over every comment).
"""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "tracker_comment_letter_id_1ddd563a"


class Migration(migrations.Migration):
    dependencies = [
        ("tracker", "0015_precedent_search"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="comment",
                    name="letter",
                    field=models.ForeignKey(
                        db_index=False,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="comments",
                        to="tracker.commentletter",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunSQL(
                    f'DROP INDEX IF EXISTS "{INDEX}"',
                    reverse_sql=f'CREATE INDEX "{INDEX}" ON "tracker_comment" ("letter_id")',
                ),
            ],
        ),
    ]
