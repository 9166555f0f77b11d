from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo"

    def ready(self):
        from rounds.signals import round_opened

        from . import receivers

        round_opened.connect(receivers.round_opened, dispatch_uid="notifications.round_opened")
