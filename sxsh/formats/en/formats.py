# The English UI keeps the Vietnamese administrative conventions (dd/mm/yyyy, 1.234.567,5).
from sxsh.formats.vi.formats import *  # noqa: F401,F403
