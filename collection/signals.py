"""What the collection core tells higher layers, so it never imports them.

Listener: `notifications` (connected in notifications/apps.py) turns each into notices and e-mails."""
from django.dispatch import Signal

# Sent by services.open_call once the invited units are set and the kind has its row: call=Call.
call_opened = Signal()
# Sent by services.return_submission: submission=Submission, reason=str.
submission_returned = Signal()
# Sent by sending.ask_to_send: submission=Submission, event=SubmissionEvent, senders=[User].
send_requested = Signal()
# Sent by services.accept and services.acknowledge: submission=Submission.
submission_decided = Signal()
