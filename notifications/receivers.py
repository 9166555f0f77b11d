from . import services


def round_opened(sender, round, **kwargs):
    services.on_round_opened(round)
