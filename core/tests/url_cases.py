from core.testing.access import UrlCase
from core.testing.world import LOGGED_IN


def cases(world):
    return [
        UrlCase("core:dashboard", allowed=LOGGED_IN),
        UrlCase("set_language", method="post", data={"language": "en", "next": "/"}, allowed=frozenset(
            {"anonymous", *LOGGED_IN})),
    ]
