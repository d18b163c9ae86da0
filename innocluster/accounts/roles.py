"""Which Django permissions each staff role holds in the back office. Each app declares its part
as `role_permissions` on its AppConfig ({"coordinator": ["measures.add_measureversion", …]});
after every migrate the groups get exactly the permissions the apps declare."""

from django.apps import apps as global_apps


def grant_role_permissions(sender=None, apps=global_apps, **kwargs) -> None:
    from django.contrib.auth.models import Group, Permission

    wanted: dict[str, set[str]] = {}
    for config in global_apps.get_app_configs():
        for role, perms in getattr(config, "role_permissions", {}).items():
            wanted.setdefault(role, set()).update(perms)
    for role, perms in wanted.items():
        group, _ = Group.objects.get_or_create(name=role)
        objects = []
        for perm in sorted(perms):
            app_label, codename = perm.split(".", 1)
            found = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if found is not None:
                objects.append(found)
        group.permissions.set(objects)
