"""Each existing edition joins a series built from its current publisher (the decision's issuer) and group."""

from django.db import migrations

from portal.transliteration import ascii_slug

UNKNOWN_PUBLISHER = "Chưa rõ cơ quan công bố"


def unique_slug(series_model, text: str) -> str:
    base = ascii_slug(text)[:190] or "chuoi"
    slug, suffix = base, 2
    while series_model.objects.filter(slug=slug).exists():
        slug, suffix = f"{base}-{suffix}", suffix + 1
    return slug


def editions_into_series(apps, schema_editor):
    edition_model = apps.get_model("indexes", "IndexEdition")
    series_model = apps.get_model("indexes", "IndexSeries")
    for edition in edition_model.objects.filter(series__isnull=True):
        publisher = (edition.decision_issuer or "").strip() or UNKNOWN_PUBLISHER
        group = edition.group.strip()
        series = series_model.objects.filter(publisher=publisher, group=group).first()
        if series is None:
            series = series_model.objects.create(
                publisher=publisher, group=group, slug=unique_slug(series_model, f"{publisher} {group}")
            )
        edition.series = series
        edition.save(update_fields=["series"])


def groups_from_series(apps, schema_editor):
    edition_model = apps.get_model("indexes", "IndexEdition")
    for edition in edition_model.objects.select_related("series").exclude(series__isnull=True):
        edition.group = edition.series.group
        edition.save(update_fields=["group"])


class Migration(migrations.Migration):
    dependencies = [("indexes", "0006_series_and_three_decimals")]

    operations = [migrations.RunPython(editions_into_series, groups_from_series)]
