from django.apps import AppConfig

from rounds.signals import round_opened


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo"

    def ready(self):
        # Imported once the apps are loaded: the receivers use models, which cannot be imported earlier.
        from . import receivers

        round_opened.connect(receivers.round_opened, dispatch_uid="notifications.round_opened")
