"""accounts.permissions.scope: the one helper that narrows every queryset to what the user may read."""
from datetime import date

from django.contrib.auth.models import AnonymousUser

from accounts.models import AccountRequest, Membership, Role
from accounts.permissions import forget, scope
from collection.models import Call, CallKind
from portal.models import Category, Item, Status
from rounds.models import Round
from rounds.tests.factories import programme


def _request(organisation, email):
    return AccountRequest.objects.create(organisation=organisation, full_name="X", position="Y", email=email, phone="1")


def test_the_office_reads_every_row_and_a_unit_only_its_own(world):
    ours, theirs = _request(world.unit, "a@x.vn"), _request(world.other_unit, "b@x.vn")
    everything = AccountRequest.objects.all()
    assert set(scope(everything, world.user("office_reviewer"))) == {ours, theirs}
    assert set(scope(everything, world.user("unit_officer"))) == {ours}
    assert set(scope(everything, world.user("other_officer"))) == {theirs}
    assert list(scope(everything, AnonymousUser())) == []


def test_a_call_reached_through_several_invited_units_comes_once(world):
    def call(title, year, invited):
        call = Call.objects.create(kind=CallKind.PROPOSALS, programme=programme(), title=title,
                                   opens_on=date(year, 5, 13), deadline=date(year, 6, 15), accepts_late=False)
        call.invited.set(invited)
        return call, Round.objects.create(call=call, plan_year=year + 1)

    ours, our_round = call("Đề xuất 2017", 2016, [world.unit, world.other_unit])
    call("Không mời", 2017, [])
    officer = world.user("unit_officer")
    Membership.objects.create(user=officer, organisation=world.other_unit, role=Role.UNIT_OFFICER)
    forget(officer)
    assert list(scope(Call.objects.order_by("pk"), officer)) == [ours]
    assert list(scope(Round.objects.order_by("pk"), officer)) == [our_round]  # through call__invited
    assert scope(Call.objects.all(), world.user("office_admin")).count() == 2


def test_rows_open_to_everyone_are_added_to_the_units_own(world):
    def item(organisation, status):
        return Item.objects.create(category=Category.NEWS, organisation=organisation, title=status, status=status)

    own_draft, others_draft = item(world.unit, Status.DRAFT), item(world.other_unit, Status.DRAFT)
    published = item(world.other_unit, Status.PUBLISHED)
    assert set(scope(Item.objects.all(), world.user("unit_officer"))) == {own_draft, published}
    assert set(scope(Item.objects.all(), AnonymousUser())) == {published}
    assert set(scope(Item.objects.all(), world.user("office_admin"))) == {own_draft, others_draft, published}
