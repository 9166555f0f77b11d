from core.testing.access import UrlCase
from core.testing.world import EVERYONE


def cases(world):
    return [UrlCase("portal:home", allowed=EVERYONE), UrlCase("portal:contact", allowed=EVERYONE)]
