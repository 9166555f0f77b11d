"""Files of posts under MEDIA_ROOT/public/ (served by core.views.serve_media, which asks this hook):
a file of a post not yet published is served only to those who may see the post."""
from django.db.models import Q

from accounts import permissions

from .models import Item


def withheld(request, path: str) -> bool:
    posts = Item.objects.filter(Q(file=path) | Q(cover=path) | Q(images__file=path))
    return posts.exists() and not permissions.scope(posts, request.user).exists()
