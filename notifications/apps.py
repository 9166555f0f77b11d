from django.apps import AppConfig

from collection.signals import call_opened, send_requested, submission_decided, submission_returned


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Thông báo"

    def ready(self):
        # Imported once the apps are loaded: the receivers use models, which cannot be imported earlier.
        from . import receivers

        call_opened.connect(receivers.call_opened, dispatch_uid="notifications.call_opened")
        submission_returned.connect(receivers.submission_returned, dispatch_uid="notifications.submission_returned")
        submission_decided.connect(receivers.submission_decided, dispatch_uid="notifications.submission_decided")
        send_requested.connect(receivers.send_requested, dispatch_uid="notifications.send_requested")
