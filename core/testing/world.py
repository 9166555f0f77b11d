from dataclasses import dataclass, field

from accounts.models import Membership, Role, User
from organisations.models import Organisation, OrganisationKind

PASSWORD = "correct-horse-battery-staple"

ANONYMOUS = "anonymous"
OFFICE_ADMIN = "office_admin"
OFFICE_REVIEWER = "office_reviewer"
UNIT_OFFICER = "unit_officer"
UNIT_LEADER = "unit_leader"
OTHER_OFFICER = "other_officer"  # an officer of another unit: must never see our unit's drafts

ALL_ROLES = (ANONYMOUS, OFFICE_ADMIN, OFFICE_REVIEWER, UNIT_OFFICER, UNIT_LEADER, OTHER_OFFICER)
EVERYONE = frozenset(ALL_ROLES)
LOGGED_IN = frozenset(ALL_ROLES) - {ANONYMOUS}
OFFICE = frozenset({OFFICE_ADMIN, OFFICE_REVIEWER})
ADMIN_ONLY = frozenset({OFFICE_ADMIN})
OWN_UNIT = frozenset({UNIT_OFFICER, UNIT_LEADER})
OWN_UNIT_AND_OFFICE = OWN_UNIT | OFFICE


@dataclass
class World:
    office: Organisation
    unit: Organisation
    other_unit: Organisation
    users: dict = field(default_factory=dict)

    def user(self, role):
        return self.users.get(role)


def make_user(email, organisation, role, **fields) -> User:
    user = User.objects.create_user(
        email,
        PASSWORD,
        full_name=fields.pop("full_name", email.split("@")[0]),
        is_staff=role == Role.OFFICE_ADMIN,
        is_superuser=role == Role.OFFICE_ADMIN,
        **fields,
    )
    Membership.objects.create(user=user, organisation=organisation, role=role)
    return user


def build_world() -> World:
    """Three organisations (the office, our unit, another unit) and one person per role."""
    office = Organisation.objects.create(code="vp-sxsh", kind=OrganisationKind.OFFICE, name_vi="Văn phòng SXSH")
    unit = Organisation.objects.create(
        code="ha-noi", kind=OrganisationKind.PROVINCE, name_vi="UBND Thành phố Hà Nội",
        working_body="Sở Công Thương thành phố Hà Nội", area_name="Thành phố Hà Nội", is_city=True,
    )
    other = Organisation.objects.create(
        code="quang-ninh", kind=OrganisationKind.PROVINCE, name_vi="UBND Tỉnh Quảng Ninh",
        working_body="Sở Công Thương tỉnh Quảng Ninh", area_name="Tỉnh Quảng Ninh",
    )
    world = World(office=office, unit=unit, other_unit=other)
    world.users = {
        OFFICE_ADMIN: make_user("admin@test.vn", office, Role.OFFICE_ADMIN, full_name="Quản trị"),
        OFFICE_REVIEWER: make_user("reviewer@test.vn", office, Role.OFFICE_REVIEWER, full_name="Chuyên viên"),
        UNIT_OFFICER: make_user("officer@test.vn", unit, Role.UNIT_OFFICER, full_name="Cán bộ Hà Nội"),
        UNIT_LEADER: make_user("leader@test.vn", unit, Role.UNIT_LEADER, full_name="Lãnh đạo Hà Nội"),
        OTHER_OFFICER: make_user("other@test.vn", other, Role.UNIT_OFFICER, full_name="Cán bộ Quảng Ninh"),
    }
    return world
