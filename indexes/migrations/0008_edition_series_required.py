"""Every edition belongs to a series; its group is the series' group from now on."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("indexes", "0007_editions_into_series")]

    operations = [
        migrations.AlterField(
            model_name="indexedition",
            name="series",
            field=models.ForeignKey(
                help_text=(
                    "Who publishes this ranking and for which group. Ranks and changes are computed against "
                    "the previous edition of the same series only."
                ),
                on_delete=django.db.models.deletion.PROTECT,
                related_name="editions",
                to="indexes.indexseries",
                verbose_name="series",
            ),
        ),
        migrations.RemoveField(model_name="indexedition", name="group"),
    ]
