from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo"

    def ready(self):
        from collection.signals import call_opened

        from . import receivers

        call_opened.connect(receivers.call_opened, dispatch_uid="notifications.call_opened")
