from core.testing.access import UrlCase
from core.testing.world import ADMIN_ONLY, EVERYONE, OFFICE, OWN_UNIT, OWN_UNIT_AND_OFFICE


def cases(world):
    own = {"code": world.unit.code}
    return [
        UrlCase("organisations_public:directory", allowed=EVERYONE, query="?q=ha+noi&kind=province"),
        UrlCase("organisations:list", allowed=OFFICE),
        UrlCase("organisations:detail", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("organisations:history", own, allowed=OWN_UNIT_AND_OFFICE),
        UrlCase("organisations:focal_unit_edit", own, allowed=OWN_UNIT | ADMIN_ONLY),
        UrlCase(
            "organisations:focal_unit_edit", own, method="post", allowed=OWN_UNIT | ADMIN_ONLY,
            data={"status": "none", "contacts-TOTAL_FORMS": "0", "contacts-INITIAL_FORMS": "0"},
        ),
    ]
