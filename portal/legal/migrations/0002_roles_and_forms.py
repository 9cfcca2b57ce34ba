"""The library's starting list of document forms, and who may manage the lists.

Documents are pages: Biên tập viên write and submit them and Kiểm duyệt viên publish them under the
page permissions and the moderation workflow of `news/migrations/0002_…`. The lists documents are
filed under are snippets: Kiểm duyệt viên manage them all; Biên tập viên may add and correct issuing
bodies and fields (a new document often comes from a body not listed yet), not forms.
"""

from django.db import migrations

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt viên"
EVERYTHING = ["add", "change", "delete", "view"]
PERMISSIONS = {
    MODERATORS: {"documentform": EVERYTHING, "issuer": EVERYTHING, "documentfield": EVERYTHING},
    EDITORS: {"documentform": ["view"], "issuer": ["add", "change", "view"], "documentfield": ["add", "change", "view"]},
}
# (name, slug, abbreviation in symbols), in the order the lists show them.
FORMS = [
    ("Luật", "luat", ""),
    ("Nghị quyết", "nghi-quyet", "NQ"),
    ("Nghị định", "nghi-dinh", "NĐ"),
    ("Quyết định", "quyet-dinh", "QĐ"),
    ("Chỉ thị", "chi-thi", "CT"),
    ("Thông tư", "thong-tu", "TT"),
    ("Kế hoạch", "ke-hoach", "KH"),
    ("Công văn", "cong-van", ""),
    ("Thông báo", "thong-bao", "TB"),
    ("Báo cáo", "bao-cao", "BC"),
    ("Hướng dẫn", "huong-dan", "HD"),
    ("Tờ trình", "to-trinh", "TTr"),
]


def create(apps, schema_editor):
    form_model = apps.get_model("legal", "DocumentForm")
    for order, (name, slug, abbreviation) in enumerate(FORMS):
        if not form_model.objects.filter(slug=slug).exists() and not form_model.objects.filter(name=name).exists():
            form_model.objects.create(name=name, slug=slug, abbreviation=abbreviation, sort_order=order)

    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    for group_name, models in PERMISSIONS.items():
        group, _ = group_model.objects.get_or_create(name=group_name)
        for model, actions in models.items():
            content_type, _ = content_type_model.objects.get_or_create(app_label="legal", model=model)
            for action in actions:
                permission, _ = permission_model.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )
                group.permissions.add(permission)


def remove(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    for group in group_model.objects.filter(name__in=PERMISSIONS):
        group.permissions.remove(*group.permissions.filter(content_type__app_label="legal"))


class Migration(migrations.Migration):
    dependencies = [
        ("legal", "0001_initial"),
        ("news", "0002_editorial_groups_and_workflow"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create, remove)]
