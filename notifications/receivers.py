from rounds.models import Round

from . import services


def call_opened(sender, call, **kwargs):
    round_obj = Round.objects.filter(call=call).first()
    if round_obj is not None:
        services.on_round_opened(round_obj)


def submission_returned(sender, submission, reason, **kwargs):
    services.notify_returned(submission, reason)


def submission_decided(sender, submission, **kwargs):
    services.notify_decided(submission)


def send_requested(sender, submission, event, senders, **kwargs):
    services.notify_send_requested(submission, event, senders)
