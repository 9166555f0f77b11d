"""The version guard is required to change or delete a row; malformed numbers answer 400, never 500."""
import pytest

from core.testing.world import UNIT_OFFICER
from rounds.models import Proposal, TaskRow

from .test_api import api_as, proposal  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_changing_or_deleting_a_row_without_version_is_refused(world, proposal):  # noqa: F811
    row = proposal.rows.get()
    api = api_as(world.user(UNIT_OFFICER))
    url = f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/"
    for answer in (api.patch(url, {"name": "Không có version"}, format="json"),
                   api.put(url, {"name": "Không có version", "central_vnd": 1}, format="json"),
                   api.delete(url)):
        assert answer.status_code == 400 and "version" in answer.json()
    assert TaskRow.objects.get(pk=row.pk).name == row.name
    version = Proposal.objects.get(pk=proposal.pk).lock_version
    assert api.patch(url, {"name": "Có version", "version": version}, format="json").status_code == 200
    assert api.delete(f"{url}?version={version + 1}").status_code == 204


@pytest.mark.parametrize("version", ["abc", "1.5", "-1", "99999999999999999999999", " ", "0x1"])
def test_malformed_versions_answer_400(world, proposal, version):  # noqa: F811
    row = proposal.rows.get()
    api = api_as(world.user(UNIT_OFFICER))
    url = f"/api/v1/proposals/{proposal.pk}/rows/{row.pk}/"
    assert api.patch(url, {"name": "x", "version": version}, format="json").status_code in (400, 409)
    assert api.delete(f"{url}?version={version}").status_code in (400, 409)
    assert TaskRow.objects.filter(pk=row.pk).exists()


@pytest.mark.parametrize("row", ["abc", "1.5", "99999999999999999999999"])
def test_malformed_row_ids_answer_404(world, proposal, row):  # noqa: F811
    api = api_as(world.user(UNIT_OFFICER))
    assert api.get(f"/api/v1/proposals/{proposal.pk}/rows/{row}/").status_code == 404
