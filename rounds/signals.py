"""Signals other apps listen to, so rounds never imports them."""
from django.dispatch import Signal

# Sent by services.open_round inside its transaction, once the invited units are set: round=Round.
round_opened = Signal()
