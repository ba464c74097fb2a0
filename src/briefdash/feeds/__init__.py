"""Feeds: fetching over HTTP or from files, parsing with feedparser, OPML, full-text pages."""
