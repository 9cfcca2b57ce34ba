"""Uploads served by Django itself, in the embedded setup (`SERVE_MEDIA`): images, never documents.

Documents reach readers only through Wagtail's document view, `/documents/<id>/<file>`: as an
attachment, with `X-Content-Type-Options: nosniff` and a Content-Security-Policy that lets nothing in
them run, and behind the collections' view restrictions. Their files live under `MEDIA_ROOT/documents/`;
served from there they would open in the browser, on the portal's own origin, with none of that. So
this view refuses that folder however the path is written, and a production web server in front of the
portal must not expose `MEDIA_URL + "documents/"` either (README: "Running in production").
"""

import posixpath

from django.conf import settings
from django.http import Http404
from django.views.static import serve
from wagtail.documents import get_document_model


def documents_folder() -> str:
    """The folder under MEDIA_ROOT that Wagtail stores documents in ("documents")."""
    return get_document_model()._meta.get_field("file").upload_to.strip("/")


def serve_media(request, path):
    # The same normalisation Django's `serve` applies before it joins the path to MEDIA_ROOT.
    normalised = posixpath.normpath(path).lstrip("/")
    if normalised.split("/", 1)[0] == documents_folder():
        raise Http404("Documents are served by /documents/.")
    return serve(request, path, document_root=settings.MEDIA_ROOT)
