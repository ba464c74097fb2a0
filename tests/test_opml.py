"""OPML import (1.0 and 2.0, nested, duplicates) and export round trip."""
import pytest

from briefdash.errors import BriefdashError
from briefdash.feeds.opml import parse_opml, to_opml
from briefdash.models import FeedConfig

OPML1 = b"""<?xml version="1.0"?>
<opml version="1.0"><head><title>subs</title></head><body>
 <outline text="Asia">
   <outline text="Veloria MFA" type="rss" xmlUrl="https://mfa.veloria.example/rss"/>
   <outline text="Group"><outline title="Astrand" xmlUrl="https://astrand.example/feed.xml"/></outline>
 </outline>
 <outline text="Veloria again" xmlUrl="https://mfa.veloria.example/rss"/>
 <outline text="No feed here" htmlUrl="https://x.example"/>
</body></opml>"""


def test_nested_outlines_and_duplicates():
    feeds = parse_opml(OPML1)
    assert [(f.name, f.url) for f in feeds] == [
        ("Veloria MFA", "https://mfa.veloria.example/rss"),
        ("Astrand", "https://astrand.example/feed.xml")]


def test_export_round_trips():
    feeds = [FeedConfig("A & B <x>", "https://a.example/rss?x=1&y=2", style="state_dept",
                        ministry="Dept", enabled=False), FeedConfig("C", "/tmp/c.xml")]
    assert parse_opml(to_opml(feeds).encode()) == feeds


def test_entity_declarations_are_refused():
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><opml><body/></opml>'
    with pytest.raises(BriefdashError):
        parse_opml(bomb)


def test_not_opml():
    with pytest.raises(BriefdashError, match="not"):
        parse_opml(b"<html><body>hi</body></html>")
