"""OPML 1.0/2.0 import (nested outlines, duplicates skipped) and OPML 2.0 export."""
from __future__ import annotations

import re
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from ..errors import BriefdashError
from ..models import FeedConfig
from ..sanitize import sanitize


def parse_opml(data: bytes) -> list[FeedConfig]:
    """Every outline with an xmlUrl, in document order, at any depth; duplicates removed."""
    if b"<!ENTITY" in data[:10000] or b"<!DOCTYPE" in data[:10000]:
        # Entities are never expanded: refuse documents that declare any.
        raise BriefdashError("OPML file declares a DOCTYPE/entities, which briefdash refuses to read")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise BriefdashError(f"not a valid OPML file ({exc})") from None
    if root.tag.lower() != "opml":
        raise BriefdashError("not an OPML file (the root element is not <opml>)")
    feeds: list[FeedConfig] = []
    seen: set[str] = set()
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url or url in seen:
            continue
        seen.add(url)
        name = outline.get("title") or outline.get("text") or url
        style = outline.get("briefdashStyle") or None
        ministry = outline.get("briefdashMinistry") or None
        enabled = (outline.get("briefdashEnabled") or "true").lower() != "false"
        index = (outline.get("briefdashKind") or "").lower() == "index" and url.startswith(
            ("http://", "https://"))
        match = outline.get("briefdashMatch") if index else None
        if match:
            try:
                re.compile(match)
            except re.error:
                match = None
        max_text = (outline.get("briefdashMax") or "").strip() if index else ""
        feeds.append(FeedConfig(name=sanitize(name).strip() or url, url=sanitize(url),
                                style=sanitize(style) if style else None,
                                ministry=sanitize(ministry) if ministry else None,
                                enabled=enabled, index=index,
                                match=sanitize(match) if match else None,
                                max_links=int(max_text) if max_text.isdigit() and int(max_text) > 0
                                else None))
    return feeds


def to_opml(feeds: list[FeedConfig], title: str = "briefdash subscriptions") -> str:
    """OPML 2.0; style and ministry are kept in briefdash-specific attributes."""
    root = ET.Element("opml", version="2.0")
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "dateCreated").text = datetime.now(UTC).strftime(
        "%a, %d %b %Y %H:%M:%S GMT")
    body = ET.SubElement(root, "body")
    for f in feeds:
        attrs = {"type": "rss", "text": f.name, "title": f.name, "xmlUrl": f.url}
        if f.style:
            attrs["briefdashStyle"] = f.style
        if f.ministry:
            attrs["briefdashMinistry"] = f.ministry
        if not f.enabled:
            attrs["briefdashEnabled"] = "false"
        if f.index:
            attrs["briefdashKind"] = "index"
            if f.match:
                attrs["briefdashMatch"] = f.match
            if f.max_links:
                attrs["briefdashMax"] = str(f.max_links)
        ET.SubElement(body, "outline", attrs)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
