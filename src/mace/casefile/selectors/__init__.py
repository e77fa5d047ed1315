"""Reads for the pages that compose several apps. Visibility and the access log come from
the selectors they call (mace.people.selectors and each app's own), never from here."""
