"""Demo focal units (a realistic spread of statuses across the current units) and the demo logins, one per
role, printed at the end of `make run`'s set-up. The logins live here because the registry sits above accounts."""
import zlib
from datetime import date

from accounts.models import AccountRequest, AccountRequestStatus, Membership, Role, User

from .models import FocalContact, FocalUnit, FocalUnitStatus, Organisation
from .reference import OFFICE_CODE

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


STATUS_CYCLE = [
    FocalUnitStatus.DESIGNATED,
    FocalUnitStatus.ESTABLISHED,
    FocalUnitStatus.DESIGNATED,
    FocalUnitStatus.IN_PROGRESS,
    FocalUnitStatus.NONE,
]


def load(stdout):
    _load_focal_units(stdout)
    _load_people(stdout)


def _load_focal_units(stdout):
    created = 0
    for organisation in Organisation.objects.reporting_units().current():
        if FocalUnit.objects.filter(organisation=organisation).exists():
            continue
        # Stable pseudo-random choice so the demo looks the same on every machine.
        status = STATUS_CYCLE[zlib.crc32(organisation.code.encode()) % len(STATUS_CYCLE)]
        fields = {"status": status}
        if status in (FocalUnitStatus.DESIGNATED, FocalUnitStatus.ESTABLISHED):
            body = organisation.working_body or organisation.name_vi
            fields.update(
                name=f"Phòng Kỹ thuật an toàn - Môi trường, {body}"
                if status == FocalUnitStatus.DESIGNATED
                else f"Trung tâm Sản xuất sạch hơn, {body}",
                decision_number=f"{100 + zlib.crc32(organisation.code.encode()) % 800}/QĐ-{(organisation.short_name or organisation.code).upper()[:8]}",
                decision_date=date(2016, 1 + zlib.crc32(organisation.code.encode()) % 5, 10),
            )
        focal = FocalUnit.objects.create(organisation=organisation, **fields)
        if status != FocalUnitStatus.NONE:
            FocalContact.objects.create(
                focal_unit=focal, full_name="Nguyễn Văn An", position="Chuyên viên", email=f"sxsh.{organisation.code}@example.vn"
            )
        created += 1
    stdout.write(f"organisations: {created} demo focal units")


def _load_people(stdout):
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
