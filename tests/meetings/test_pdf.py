"""The PDFs (mace.meetings.pdf) fetch nothing from the network."""

from __future__ import annotations

import pytest

from mace.meetings.pdf import _fetcher

pytestmark = pytest.mark.django_db


def test_the_pdf_fetches_nothing_from_the_network():
    fetcher = _fetcher("http://testserver")
    with pytest.raises(ValueError, match="no network"):
        fetcher.fetch("https://example.com/tracker.png")
    with pytest.raises(ValueError, match="no network"):
        fetcher.fetch("http://testserver/admin/")
    with pytest.raises(ValueError, match="no network"):
        fetcher.fetch("file:///etc/passwd")
    response = fetcher.fetch("http://testserver/static/govuk/assets/rebrand/images/favicon.ico")
    try:
        assert response.read(4)
    finally:
        response.close()
