"""Who may describe the agency: Kiểm duyệt viên keep its units and leaders; Biên tập viên may read them
(and choose a leader when preparing the work schedule)."""

from django.db import migrations

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt viên"
EVERYTHING = ["add", "change", "delete", "view"]
PERMISSIONS = {
    MODERATORS: {"unit": EVERYTHING, "leader": EVERYTHING},
    EDITORS: {"unit": ["view"], "leader": ["view"]},
}


def grant(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    for group_name, models in PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=group_name)
        for model, actions in models.items():
            content_type, _ = content_type_model.objects.get_or_create(app_label="about", model=model)
            for action in actions:
                permission, _ = permission_model.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


def revoke(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for group in group_model.objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="about"))


class Migration(migrations.Migration):
    dependencies = [
        ("about", "0001_initial"),
        ("news", "0002_editorial_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
