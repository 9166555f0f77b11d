from core.testing.access import UrlCase
from core.testing.world import LOGGED_IN


def cases(world):
    return [UrlCase("programmes:list", allowed=LOGGED_IN)]
