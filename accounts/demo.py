"""Demo accounts, one per role, printed at the end of `make run`'s set-up."""
from organisations.models import Organisation
from organisations.reference import OFFICE_CODE

from .models import AccountRequest, AccountRequestStatus, Membership, Role, User

DEMO_PASSWORD = "sxsh-demo-2016"

DEMO_USERS = [
    # (e-mail, full name, position, organisation code, role)
    ("admin@sxsh.local", "Trần Thị Hà", "Chánh Văn phòng", OFFICE_CODE, Role.OFFICE_ADMIN),
    ("reviewer@sxsh.local", "Lê Minh Đức", "Chuyên viên", OFFICE_CODE, Role.OFFICE_REVIEWER),
    ("canbo.hanoi@sxsh.local", "Phạm Thu Trang", "Chuyên viên Sở Công Thương", "ha-noi", Role.UNIT_OFFICER),
    ("lanhdao.hanoi@sxsh.local", "Đỗ Quang Vinh", "Phó Giám đốc Sở Công Thương", "ha-noi", Role.UNIT_LEADER),
    ("canbo.quangninh@sxsh.local", "Vũ Thị Lan", "Chuyên viên Sở Công Thương", "quang-ninh", Role.UNIT_OFFICER),
    ("lanhdao.quangninh@sxsh.local", "Hoàng Văn Nam", "Phó Giám đốc Sở Công Thương", "quang-ninh", Role.UNIT_LEADER),
    ("canbo.tkv@sxsh.local", "Ngô Đức Thắng", "Chuyên viên Ban Môi trường", "tkv", Role.UNIT_OFFICER),
    ("lanhdao.tkv@sxsh.local", "Bùi Văn Khánh", "Phó Tổng Giám đốc", "tkv", Role.UNIT_LEADER),
    ("canbo.bxd@sxsh.local", "Đặng Thị Mai", "Chuyên viên Vụ Môi trường", "bxd", Role.UNIT_OFFICER),
    ("lanhdao.bxd@sxsh.local", "Trịnh Văn Hùng", "Vụ trưởng Vụ Môi trường", "bxd", Role.UNIT_LEADER),
]

PENDING_REQUESTS = [
    ("canbo.danang@example.vn", "Lý Thị Hoa", "Chuyên viên Sở Công Thương", "da-nang"),
    ("canbo.evn@example.vn", "Phan Văn Tùng", "Chuyên viên Ban Kỹ thuật", "evn"),
]


def load(stdout):
    for email, name, position, code, role in DEMO_USERS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email, DEMO_PASSWORD, full_name=name, position=position, is_staff=role == Role.OFFICE_ADMIN,
                is_superuser=role == Role.OFFICE_ADMIN,
            )
        Membership.objects.get_or_create(user=user, organisation=Organisation.objects.get(code=code), defaults={"role": role})
    for email, name, position, code in PENDING_REQUESTS:
        AccountRequest.objects.get_or_create(
            email=email,
            status=AccountRequestStatus.PENDING,
            defaults={"full_name": name, "position": position, "phone": "0912 345 678", "organisation": Organisation.objects.get(code=code)},
        )
    stdout.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
    for email, _name, _position, code, role in DEMO_USERS:
        stdout.write(f"  {Role(role).label:<28} {email:<32} {code}")
