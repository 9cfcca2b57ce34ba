"""The two editorial roles and the moderation workflow every installation starts with.

Wagtail's own first migrations create "Editors" and "Moderators" groups and a "Moderators approval"
workflow on the whole tree; this renames them to the terms Vietnamese portals use and makes sure their
permissions are the ones described in the README, creating whatever an installation no longer has.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Biên tập viên"
MODERATORS = "Kiểm duyệt viên"
TASK_NAME = "Kiểm duyệt viên phê duyệt"
WORKFLOW_NAME = "Kiểm duyệt tin bài"

PAGE_PERMISSIONS = {
    EDITORS: ["add_page", "change_page"],
    MODERATORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add_image", "change_image", "choose_image"]),
    ("wagtaildocs", "document", ["add_document", "change_document", "choose_document"]),
]
MODERATOR_MODEL_PERMISSIONS = [
    ("news", "newscategory", ["add_newscategory", "change_newscategory", "delete_newscategory"]),
]


def create_groups_and_workflow(apps, schema_editor):
    group_model = apps.get_model("auth", "Group")
    permission_model = apps.get_model("auth", "Permission")
    content_type_model = apps.get_model("contenttypes", "ContentType")
    page_model = apps.get_model("wagtailcore", "Page")
    collection_model = apps.get_model("wagtailcore", "Collection")
    group_page_permission = apps.get_model("wagtailcore", "GroupPagePermission")
    group_collection_permission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    workflow_model = apps.get_model("wagtailcore", "Workflow")
    workflow_task_model = apps.get_model("wagtailcore", "WorkflowTask")
    workflow_page_model = apps.get_model("wagtailcore", "WorkflowPage")
    approval_task_model = apps.get_model("wagtailcore", "GroupApprovalTask")

    # Django creates model permissions after all migrations; this one needs the news app's now.
    news_config = apps.get_app_config("news")
    news_config.models_module = True
    create_permissions(news_config, apps=apps, verbosity=0)

    def permission(app_label, model, codename):
        content_type, _ = content_type_model.objects.get_or_create(app_label=app_label, model=model)
        return permission_model.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": codename.replace("_", " ")}
        )[0]

    def group_named(new_name, wagtail_name):
        group = group_model.objects.filter(name=new_name).first()
        if group is None:
            group = group_model.objects.filter(name=wagtail_name).first() or group_model(name=new_name)
            group.name = new_name
            group.save()
        return group

    groups = {EDITORS: group_named(EDITORS, "Editors"), MODERATORS: group_named(MODERATORS, "Moderators")}
    access_admin = permission("wagtailadmin", "admin", "access_admin")
    root_page = page_model.objects.filter(depth=1).first()
    root_collection = collection_model.objects.filter(depth=1).first()

    for name, group in groups.items():
        group.permissions.add(access_admin)
        for codename in PAGE_PERMISSIONS[name]:
            group_page_permission.objects.get_or_create(
                group=group, page=root_page, permission=permission("wagtailcore", "page", codename)
            )
        for app_label, model, codenames in COLLECTION_PERMISSIONS:
            for codename in codenames:
                group_collection_permission.objects.get_or_create(
                    group=group, collection=root_collection, permission=permission(app_label, model, codename)
                )
    for app_label, model, codenames in MODERATOR_MODEL_PERMISSIONS:
        groups[MODERATORS].permissions.add(*(permission(app_label, model, c) for c in codenames))

    task = approval_task_model.objects.filter(groups=groups[MODERATORS]).first()
    if task is None:
        task_type, _ = content_type_model.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = approval_task_model.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.name = TASK_NAME
    task.save()
    task.groups.set([groups[MODERATORS]])

    workflow = workflow_model.objects.filter(workflow_tasks__task=task).first()
    if workflow is None:
        workflow = workflow_model.objects.create(name=WORKFLOW_NAME, active=True)
        workflow_task_model.objects.create(workflow=workflow, task=task, sort_order=0)
    workflow.name = WORKFLOW_NAME
    workflow.save()
    workflow_page_model.objects.update_or_create(page=root_page, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_groups_and_workflow, migrations.RunPython.noop)]
