import uuid

from django.db import migrations, models


def give_each_review_its_own_uid(apps, schema_editor):
    FilingReview = apps.get_model("tracker", "FilingReview")
    for review in FilingReview.objects.only("pk").iterator():
        FilingReview.objects.filter(pk=review.pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    """A unique identity per review, in three steps: a callable default given to AddField is
    called once, and every existing review would get the same value."""

    dependencies = [
        ("tracker", "0007_two_factor"),
    ]

    operations = [
        migrations.AddField(
            model_name="filingreview",
            name="uid",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_each_review_its_own_uid, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="filingreview",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4,
                editable=False,
                help_text=(
                    "Travels with the review's record, so a review is restored only once anywhere"
                ),
                unique=True,
                verbose_name="record identity",
            ),
        ),
    ]
