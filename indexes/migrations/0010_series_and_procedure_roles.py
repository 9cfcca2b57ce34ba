"""Who may manage index series and procedure lists, as for editions and service counts (0002).

Kiểm duyệt viên manage both and alone publish a procedure list; Biên tập viên add series (a new
edition may need one) and prepare procedure lists as drafts.
"""

from django.db import migrations

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt viên"
EVERYTHING = ["add", "change", "delete", "view"]
PERMISSIONS = {
    MODERATORS: {"indexseries": EVERYTHING, "procedurelist": [*EVERYTHING, "publish"]},
    EDITORS: {"indexseries": ["add", "view"], "procedurelist": ["add", "change", "view"]},
}


def grant(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    for group_name, models in PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=group_name)
        for model, actions in models.items():
            content_type, _ = content_type_model.objects.get_or_create(app_label="indexes", model=model)
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
        group.permissions.remove(
            *group.permissions.filter(
                content_type__app_label="indexes", content_type__model__in=["indexseries", "procedurelist"]
            )
        )


class Migration(migrations.Migration):
    dependencies = [("indexes", "0009_procedure_lists"), ("indexes", "0002_index_roles")]

    operations = [migrations.RunPython(grant, revoke)]
