"""Apps plug into shared screens through small modules of their own, so adding an app never means
editing another: `<app>/reference.py: load(data_dir)`, `<app>/demo.py: load(stdout)`,
`<app>/navigation.py: items(user)`, `<app>/dashboard.py: cards(request)` and the sign-up form's
`<app>/registration.py: unit_field(label)`. A lower layer reaches a higher one only this way."""
from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings


def project_apps() -> list[str]:
    """Our own apps, in INSTALLED_APPS order."""
    return [config.name for config in apps.get_app_configs() if (settings.BASE_DIR / config.name).is_dir()]


def hooks(module_name: str, function_name: str):
    """(app, function) for every project app that defines `<app>.<module_name>.<function_name>`."""
    for app in project_apps():
        dotted = f"{app}.{module_name}"
        if find_spec(dotted) is None:
            continue
        function = getattr(import_module(dotted), function_name, None)
        if function is not None:
            yield app, function
