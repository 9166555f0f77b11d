from accounts.models import AccountRequest, Role
from accounts.services import set_password_url
from core.testing.access import UrlCase
from core.testing.world import ADMIN_ONLY, EVERYONE, LOGGED_IN, UNIT_OFFICER, make_user


def cases(world):
    pending = AccountRequest.objects.create(
        organisation=world.unit, full_name="Người mới", position="Chuyên viên", email="new@test.vn", phone="0900"
    )
    officer = world.user(UNIT_OFFICER)
    # A newly approved person who has not logged in yet (logging in voids the one-time link).
    newcomer = make_user("newcomer@test.vn", world.unit, Role.UNIT_OFFICER)
    link = set_password_url(newcomer).split("/set-password/")[1].strip("/").split("/")
    return [
        UrlCase("accounts:login", allowed=EVERYONE),
        UrlCase("accounts:logout", method="post", allowed=EVERYONE),
        UrlCase("accounts:register", allowed=EVERYONE),
        UrlCase("accounts:register_done", allowed=EVERYONE),
        UrlCase("accounts:set_password", {"uidb64": link[0], "token": link[1]}, allowed=EVERYONE),
        UrlCase("accounts:forgot_password", allowed=EVERYONE),
        UrlCase("accounts:profile", allowed=LOGGED_IN),
        UrlCase("accounts:change_password", allowed=LOGGED_IN),
        UrlCase("accounts:revoke_token", method="post", allowed=LOGGED_IN),
        UrlCase("accounts:request_list", allowed=ADMIN_ONLY),
        UrlCase("accounts:request_detail", {"pk": pending.pk}, allowed=ADMIN_ONLY),
        UrlCase("accounts:request_detail", {"pk": pending.pk}, method="post", data={"action": "approve", "role": "unit_officer"}, allowed=ADMIN_ONLY),
        UrlCase("accounts:user_list", allowed=ADMIN_ONLY),
        UrlCase("accounts:user_detail", {"pk": officer.pk}, allowed=ADMIN_ONLY),
        UrlCase("accounts:user_detail", {"pk": officer.pk}, method="post", data={"action": "deactivate"}, allowed=ADMIN_ONLY),
    ]
