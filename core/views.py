import mimetypes
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from core import uploads
from core.registry import hooks

# Only files under media/public/ are served directly, and not those an app withholds
# (`<app>/media.py: withheld(request, path)`, e.g. a draft post's files); private files (signed plans,
# drafts' attachments) go through their app's views, which check permissions first.
PUBLIC_MEDIA_DIR = "public"


@login_required
def dashboard(request):
    cards = []
    for _app, function in hooks("dashboard", "cards"):
        for card in function(request):
            try:
                card = {**card, "href": reverse(card["url"], args=card.get("args", []))} if card.get("url") else card
            except NoReverseMatch:
                pass
            cards.append(card)
    return render(request, "core/dashboard.html", {"cards": cards})


def private_download(field, download_name):
    """A private file (a signed decision, an attachment) as a download, once its view has checked who asks."""
    if not field:
        raise Http404
    return uploads.attachment(field, download_name)


def serve_media(request, path):
    root = (Path(settings.MEDIA_ROOT) / PUBLIC_MEDIA_DIR).resolve()
    target = (Path(settings.MEDIA_ROOT) / path).resolve()
    if not target.is_file() or root not in target.parents:
        raise Http404
    if any(withheld(request, path) for _app, withheld in hooks("media", "withheld")):
        raise Http404
    content_type, _ = mimetypes.guess_type(target.name)
    response = FileResponse(open(target, "rb"), content_type=content_type or "application/octet-stream")
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox"
    if not (content_type or "").startswith(("image/", "video/", "audio/")):
        response["Content-Disposition"] = f'attachment; filename="{target.name}"'
    return response
