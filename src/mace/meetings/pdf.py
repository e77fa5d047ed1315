"""PDFs of meeting papers and minutes, drawn by WeasyPrint from the same templates.

Nothing is fetched over the network while a PDF is drawn: the page's own static files
(under STATIC_URL on the requesting host) are read from disk, ``data:`` URLs are allowed,
and every other URL is refused. WeasyPrint is imported when a PDF is drawn, not when the
views are imported, so a machine without Pango still serves every other page
(``scripts/ensure-pango`` installs it).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string


def _static_file(path: str) -> Path | None:
    """The file on disk behind a path under STATIC_URL, or None."""
    prefix = urlsplit(settings.STATIC_URL).path
    if not path.startswith(prefix):
        return None
    relative = unquote(path[len(prefix) :])
    if settings.STATIC_ROOT:  # production: collected (and hashed) files
        root = Path(settings.STATIC_ROOT).resolve()
        candidate = (root / relative).resolve()
        if candidate.is_relative_to(root) and candidate.is_file():
            return candidate
    found = finders.find(relative)
    return Path(found) if found else None


def _fetcher(origin: str):
    """A WeasyPrint URL fetcher that reads this site's static files from disk and refuses
    everything else (no http(s), no other file, no ftp)."""
    from weasyprint.urls import URLFetcher

    class LocalOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme in ("http", "https") and f"{scheme}://{parts.netloc}" == origin:
                local = _static_file(parts.path)
                if local is not None:
                    return super().fetch(local.as_uri(), headers)
            raise ValueError(f"Not fetched (PDFs make no network requests): {url}")

    return LocalOnlyFetcher(allow_redirects=False)


def render_pdf(template_name: str, context: dict, request) -> bytes:
    """Render a template to PDF bytes. base_url is the requesting site, so ``{% static %}``
    URLs resolve (to files on disk, see ``_fetcher``)."""
    html = render_to_string(template_name, context, request=request)
    return html_pdf(html, base_url=request.build_absolute_uri("/"))


def html_pdf(html: str, *, base_url: str = "http://localhost/") -> bytes:
    """An HTML document as PDF bytes, fetching nothing but this site's static files (a
    command has no request: its documents carry their styles inline)."""
    from weasyprint import HTML

    origin = base_url.rstrip("/")
    return HTML(string=html, base_url=base_url, url_fetcher=_fetcher(origin)).write_pdf()


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """An attachment that no cache keeps."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
