from core.testing.access import UrlCase
from core.testing.world import OFFICE


def cases(world):
    return [UrlCase("collection:review_queue", allowed=OFFICE)]
