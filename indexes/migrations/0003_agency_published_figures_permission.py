"""Changing or deleting an agency with published figures is for Kiểm duyệt viên.

Agencies have no drafts: what is saved is public at once, on every ranking that names the agency. This
adds the permission `indexes.change_published_agency` and gives it to Kiểm duyệt viên; Biên tập viên keep
adding agencies and changing those without published figures (indexes/permissions.py).
"""

from django.db import migrations

MODERATORS = "Kiểm duyệt viên"
CODENAME = "change_published_agency"
NAME = "Can change or delete agencies with published figures"


def grant(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    content_type, _ = content_type_model.objects.get_or_create(app_label="indexes", model="agency")
    # Django creates a model's permissions after all migrations; this one is needed now.
    permission, _ = permission_model.objects.get_or_create(
        content_type=content_type, codename=CODENAME, defaults={"name": NAME}
    )
    group, _ = group_model.objects.get_or_create(name=MODERATORS)
    group.permissions.add(permission)


def revoke(apps, schema_editor):
    permission_model = apps.get_model("auth", "Permission")
    permission_model.objects.filter(content_type__app_label="indexes", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("indexes", "0002_index_roles"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="agency",
            options={
                "ordering": ["name"],
                "permissions": [("change_published_agency", NAME)],
                "verbose_name": "agency",
                "verbose_name_plural": "agencies",
            },
        ),
        migrations.RunPython(grant, revoke),
    ]
