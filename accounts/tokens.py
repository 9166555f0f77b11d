from django.contrib.auth.tokens import PasswordResetTokenGenerator

from core import clock


class SetPasswordTokenGenerator(PasswordResetTokenGenerator):
    """Django's one-time token (void once the password is set or after PASSWORD_RESET_TIMEOUT),
    reading our clock so tests can let a link expire without sleeping."""

    def _now(self):
        return clock.now().replace(tzinfo=None)


set_password_token = SetPasswordTokenGenerator()
