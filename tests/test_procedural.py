"""Procedural exchanges: detected, stored, searchable, never grouped; listed as "unassigned"."""
from __future__ import annotations

import importlib
import json

import pytest

from briefdash.cli import main
from briefdash.transcripts.procedural import (
    is_courtesy_or_moderation,
    is_procedural,
    substance_words,
)
from briefdash.transcripts.segment import segment_text

PROCEDURAL = [
    ("Thanks, Dana.", "Go ahead."),
    ("(Inaudible.)", "Yes."),
    ("Dana?", "Yeah."),
    ("Dana —", ""),
    ("(Cross-talk by reporters.)", "I'm going to move around. Go ahead, Priya."),
    ("Can I ask one more on the harbour?", "Sure."),
    ("Could I follow up?", "Go ahead."),
    # the spokesperson addressed by any name, not only the White House's
    ("Mei Tassen, can I ask one more on the harbour closure?", "Sure."),
    ("To the back, please?", "Okay, let me go to the back."),
    ("Thank you.", "Thanks, everybody. See you tomorrow."),
    ("On the rail strike —", "Yeah."),
    ("Are you staying?", "One more. Last question."),
    ("So if the —", "I'll come back to you."),
    ("Thanks, Dana. The mayor arrives tomorrow morning.", "Mm-hmm."),
    ("", "Okay. Who else? I haven't called on you in a while."),
    ("Wait, I had —", "Give me one second."),
]
SUBSTANTIVE = [
    # one-word answers to real questions
    ("Will the President veto the harbour bill?", "No."),
    ("So the envoy has already left for the talks —", "Yes."),
    ("And the tariffs?", "They stay in place until the review ends."),
    ("Follow-up on that: when will the review end?", "You will see."),
    # thanks first, then a question of substance
    ("Thanks, Dana. On the rail strike — is the President going to step in?",
     "We urge both sides to stay at the table."),
    # MFA-style short question after a described event
    ("Reuters: Port authorities in Norvik detained two fishing vessels yesterday. Any comment?",
     "We have noted the reports and are verifying the details."),
    ("Any comment?", "We firmly oppose the unilateral sanctions and will protect our companies."),
    # a question that runs on into the next item but already says something
    ("Would the administration consider a new loan programme for dairy farmers in the region?", ""),
    ("(Inaudible.)", "No, I hear you. The programme has helped forty thousand farmers this year and we "
                     "will expand it next spring."),
    ("追问：", "我们坚决反对任何形式的单边制裁。"),
    # follow-ups that ask something, answered by a deflection
    ("Just a quick follow-up. Is there a timeline for that?", "I'm not aware of the specifics."),
    ("And on that, will the minister travel there?", "I have no information on that at the moment."),
    ("Can I follow up on that? Which companies would be targeted?", "I have nothing to share."),
]


@pytest.mark.parametrize("question,answer", PROCEDURAL)
def test_procedural_exchanges_are_found(question, answer):
    assert is_procedural(question, answer)


@pytest.mark.parametrize("question,answer", SUBSTANTIVE)
def test_substantive_exchanges_are_kept(question, answer):
    assert not is_procedural(question, answer)


@pytest.mark.parametrize("sentence", [
    "Appreciate it.", "So, a couple of things.", "That's a good question.", "That’s a good question.",
    "I'm going to keep going.", "I'll come to the back in a second.", "Go ahead, Priya.",
    "Thanks, everybody.", "(Laughter.)", "Say that again?", "Hi, everyone.", "I'll get back to you.",
    "Okay.", "Mm-hmm.",
])
def test_courtesy_and_moderation_sentences(sentence):
    assert is_courtesy_or_moderation(sentence)


@pytest.mark.parametrize("sentence", [
    "We will take resolute measures to protect our fishermen.",
    "Everyone knows the islands have been administered by us for centuries.",
    "Anyone who harms our interests will be held accountable.",
    "We have not seen any evidence of that.",
    "Next, the minister will travel to Norvik.",
    "We should go for dialogue rather than confrontation.",
    "We will follow up closely on the situation in the strait.",
    "The President believes a deal is possible.",
])
def test_statements_of_substance_are_not_courtesy(sentence):
    assert not is_courtesy_or_moderation(sentence)


def test_substance_words_skip_courtesy_and_names():
    assert substance_words("Thanks, Dana. Go ahead.") == []
    assert substance_words("Dana — (inaudible) —") == []
    assert "harbour" in substance_words("Thanks. On the harbour bill, will he sign it?")


TRANSCRIPT = """
<p>MS. VARGA: Good afternoon. The President will host the harbour summit on Friday.</p>
<p>Q Thanks, Dana.</p>
<p>MS. VARGA: Go ahead.</p>
<p>Q Will the President sign the harbour bill this week?</p>
<p>MS. VARGA: He intends to sign the harbour bill on Friday with the mayors.</p>
<p>Q (Inaudible.)</p>
<p>MS. VARGA: Yes.</p>
<p>Q Can I follow up?</p>
<p>MS. VARGA: Sure.</p>
<p>Q Does the bill fund the new dredging of the harbour channel?</p>
<p>MS. VARGA: The bill funds dredging of the harbour channel for five years.</p>
"""


def test_segmentation_marks_procedural_items():
    items = segment_text(TRANSCRIPT, title="Press Briefing by Press Secretary Dana Varga, May 2, 2024",
                         style="white_house")
    kinds = [it.kind for it in items]
    assert kinds == ["statement", "procedural", "qa", "procedural", "procedural", "qa"]
    assert all(it.position == "" for it in items if it.kind == "procedural")


FEED = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Example Office: Press Briefings</title>
<item><title>Press Briefing by Press Secretary Dana Varga, May 2, 2024</title>
<link>https://example.test/2024/05/02/briefing/</link><guid>b1</guid>
<pubDate>Thu, 02 May 2024 14:00:00 -0400</pubDate>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
</channel></rss>"""


def test_procedural_items_are_stored_searchable_and_never_grouped(tmp_path, capsys):
    feed = tmp_path / "f.xml"
    feed.write_text(FEED.format(body=TRANSCRIPT))
    d = str(tmp_path / "d")
    assert main(["--data-dir", d, "ingest", str(feed)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "topics", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    grouped = [i for t in data["topics"] for i in t["items"]]
    assert {i["kind"] for i in grouped} == {"qa", "statement"}
    assert sum(t["count"] for t in data["topics"]) == len(grouped) == 3
    assert [i["kind"] for i in data["unassigned"]] == ["procedural"] * 3
    assert [i["question"] for i in data["unassigned"]] == ["Thanks, Dana.", "(Inaudible.)", "Can I follow up?"]
    # regrouping everything still leaves them out
    assert main(["--data-dir", d, "regroup"]) == 0
    capsys.readouterr()
    assert main(["--data-dir", d, "topics", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["unassigned"]) == 3
    assert all(i["kind"] != "procedural" for t in data["topics"] for i in t["items"])
    # full-text search still finds them
    assert main(["--data-dir", d, "search", "follow", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert any("Can I follow up?" in json.dumps(h) for h in (hits if isinstance(hits, list) else hits.get("results", [])))


def test_a_procedural_item_cannot_be_moved_into_a_topic(tmp_path):
    from briefdash.library import Library, ingest

    feed = tmp_path / "f.xml"
    feed.write_text(FEED.format(body=TRANSCRIPT))
    lib = Library.open(str(tmp_path / "d"))
    ingest(lib, [str(feed)])
    proc = [it for it in lib.store.unassigned_items(everything=True) if it.kind == "procedural"]
    assert proc and lib.store.unassigned_items() == []
    topic = lib.store.topics()[0]
    lib.store.assign([(proc[0].id, topic.id)])
    assert lib.store.item(proc[0].id).topic_id is None
    lib.close()


@pytest.mark.parametrize("sentence", [
    "Sam, I'll take your second question first, before turning it over to the Director on rates.",
    "And I think at this point we're ready to take some questions.",
    "I'm happy to check with our legal team and see if there's more we can get back to you on.",
    "So, let me say a few things about that, just to set the scene.",
    "My name is Petra Ostrow, and I am the coordinator for the harbour response.",
    "Let me finish my answer here.",
    "Again, Sam, I appreciate the question.",
    "I'm going to try and call on people I haven't called on yet.",
    "I don't have any — another topper, anything at the top.",
    "I will not call on you if you shout.",
    "I may have to check on that specific point for you, Sam, and I'm happy to do that.",
    "I may not have much on either, but I'll see if my colleague wants to add anything.",
    "And congratulations on your new role.",
    "And also, you're taking time off the clock because the doctor has to leave soon.",
    "Well, I just want to make sure I understand your question.",
    "I'm going to move around, Sa- — I'm going move around.",
    "Okay, why don't I have Dr. Ostrow start on the first, and then I will talk about the harbour.",
    "Let's go to Nora Quill at The Harbour Times.",
    "What's — what else is on your mind?",
    "I think you've answered this, but feel free.",
    "I missed the first part.",
    "I think we have to wrap it up because they have to head back to work.",
    "Go — I don't know, whoever wants to go.",
    "Okay, on my first day back, I am delivering Sam Ostrow to all of you, who we are thrilled to have.",
    "Say that — I didn't hear the beginning.",
    "I'll see you on Wednesday, and hopefully I'll see some folks in Dayton.",
    "Tell me more, Priya.",
    "So, Sam, open it up for us.",
    "Let me start, but I would love Sam's thoughts on this as well.",
    "I'm happy to start it and then see if Ms. Quill has anything else to add.",
    "Yeah, so let me start off with Dr. Ostrow.",
    "Sorry, I'm just going to give people a moment to, I guess, if they have to.",
    "Tell me more about what you mean, exactly.",
    "And I will jump around to people who have not yet gotten questions.",
    "Otherwise, I'm going to move on to the next person.",
    "I think we've got to move on.",
    "So, someone may have asked this earlier, which is, of course, fine.",
    "Because I haven't called on you in a while.",
    "We'll both take questions.",
    "We'll be back — well, hopefully we'll see you in Dayton tomorrow.",
    "And thanks for joining us today as we release the harbour plan.",
    "Let me finish my answer, because I think that's not what I said.",
    "Sam — Sam — Priya — let Priya ask her question.",
    "We'll each deliver some remarks, and then open it up for questions.",
    "And I appreciate your question on that.",
    "I have nothing at the top.",
    "So, let's open up to Q&A. And we're going to have — moderating the session is Sam Ostrow.",
    "Well, Dr. Ostrow, maybe you can do a minute or two on the harbour vaccine status.",
    "Let me do one more in the back because I never get to the Harbour Times.",
    "Today, Dr. Ostrow will share the latest on the outbreak.",
    "Dr. Quill, after I speak, will provide an update on the state of the outbreak and the new variant.",
    "Today, we'll start with an update from Dr. Quill on the state of the outbreak.",
    "Maybe you were waiting to read your next question, which is fine.",
    "I missed the joke.",
    "I'm honored to be here with two colleagues you know very well, Dr. Sam Ostrow and Dr. Nora Quill.",
    "Okay, on my first day back, I am delivering Sam Ostrow to all of you, who we are thrilled to have with us to talk about the economy and the numbers that came out this morning.",
])
def test_more_moderation_sentences(sentence):
    assert is_courtesy_or_moderation(sentence)


@pytest.mark.parametrize("sentence", [
    "We urge the other side to stop turning it over to the courts.",
    "Let me make three points: first, we oppose the unilateral sanctions.",
    "Let me start by saying that we firmly oppose the blockade.",
    "We call on all parties to exercise restraint.",
    "Look, we appreciate the efforts of the mediators.",
    "We will turn to the Security Council if the blockade continues.",
    "We will never go to the negotiating table under pressure.",
    "You will see.",
    "We welcome you to visit the islands.",
    "We support it.",
    "Well, Norvia, you can do better than that.",
    "Today, the President will share his plan with Congress.",
    "The minister will provide an update to parliament on the treaty.",
])
def test_substance_that_looks_like_moderation(sentence):
    assert not is_courtesy_or_moderation(sentence)


# Classes of filler found in the 2022 transcripts (sentences written for these tests).
@pytest.mark.parametrize("sentence", [
    # appreciation of the question or the asker, whoever says it
    "We appreciate that.",
    "Really appreciate the question.",
    "Yeah, I truly appreciate the follow-up, Dana.",
    "No, I appreciate the question, and I understand.",
    "So, look — and I very much appreciate the question.",
    "So, you know, we appreciate the interest here.",
    # a greeting to the room
    "It's so good to see everybody's smiling faces.",
    # a stutter before a moderation line
    "So, first — first, let — let me say a couple of things, because it matters.",
    # what the speaker is about to say, and promises to send something later
    "I'll give you a little bit on the trip next week — the Ostrava stop.",
    "I'll try to give you all some context and then happy to take a couple of questions.",
    "I'm sure we can get you the exact figure.",
    "I'm happy to see if we have any update on that.",
    # the exchange itself: who asked, what was asked, who is heard
    "Ramon, you got a question last week.",
    "I wonder what the question is going to be, Tess.",
    "I think somebody asked a similar question.",
    "I'm not sure I understand the premise of your question.",
    "I — Ostrow got this question yesterday.",
    "You asked a question in the middle that I missed.",
    "I just want to make sure I'm answering the right question.",
    "Sorry, I'm having a hard time hearing you.",
    "Lia, you cut out.",
    "Wait, I did not call on you, Bram.",
    "I feel like I don't see you enough.",
    "We'll go ahead to Pia Lund for the first question.",
    "But I will start with Omar, if you want to kick us off.",
    "Dana, you should be unmuted now.",
    # guests at the podium and who speaks when
    "We have Deputy Adviser Sam Ostrow here.",
    "So today I'd like to welcome Nora Quill, member of the Council, back to the briefing room.",
    "Secretary Quill is here to talk about fuel prices and the harbour tariff.",
    "And I'm going to ask my colleague, Sam Ostrow, to get us going on that.",
    "And she's going to say a few words, take a couple of questions, and then I'll take over.",
    "I'm happy to do some more tomorrow.",
    "But I'll be back tomorrow too.",
    "With that, Sam, let's open it up for some questions.",
    # how much of the room is left, moving on, a repeated phrase said once
    "We have time for a few questions this afternoon.",
    "We'll get into a few questions.",
    "Lars, let's open it for questions.",
    "I — we're going to going to move on, Tess.",
    "Omar, we're moving on.",
    "Actually, let me try and go to people I haven't called on.",
    "I missed the first half of the question.",
    "Well, I took your question yesterday.",
    "I'm just making a joke.",
    "It will be in your inbox soon.",
    # wishes to the room, ground rules of a call, promises to share or check later
    "I hope you all had a restful holiday weekend.",
    "You're always welcome to ask me anything you like.",
    "So, as a reminder, this press call is on the record.",
    "Again, as a reminder, this call is embargoed until 6:00 a.m.",
    "Once we have it, we'll be happy to share it with all of you.",
    "I can check on that and see if there's anything to update you on.",
    "I'm happy to get back to you if there's more we can offer, Dana.",
    "I'd like to start by walking you through today's figures.",
    "I would note the one and only Mayor Quill is here today too.",
    "[Senior official], you may have muted yourself.",
    "I think we're going to move on unless you have another question.",
    "Okay, I just have one item for all of you at the top — a week ahead.",
    # remarks on the question, press logistics, more room talk
    "And I certainly understand you're asking which ports and when the talks resume.",
    "I wouldn't agree with the premise of the question, Lars.",
    "Well, there are a few issues at play here, Tess, and this is a really important question.",
    "Like, remember, we're going to have another gaggle as we fly out to Ostrava.",
    "Okay, no, we're just going to — we're going to move around because I literally have two minutes.",
    "I have not — I have not gotten an e-mail from you, Bram.",
    "Since you asked, I'll explain it to you after the briefing.",
    "And on the second part of your question, I think you're referring to her visit in June.",
    "Yeah, let me see if I have anything new for you on that, because it's been a few days.",
    "That's why — I could have walked away and not taken your question, Lars.",
    "I can find out for you and get you the person who's running point.",
    "I want to provide an update tonight on just a couple of very recent developments.",
])
def test_filler_classes_found_in_real_briefings(sentence):
    assert is_courtesy_or_moderation(sentence)


@pytest.mark.parametrize("sentence", [
    "We appreciate the efforts of the mediators in Ostrava.",
    "We appreciate that the council reversed its decision.",
    "Just answering your question: we were not involved.",
    "Nothing has changed since I was last asked this question.",
    "You know, Norvia is our friend; Norvia is our partner.",
    "The harbour question is purely an internal affair.",
    "On your question, the ministry firmly opposes the sale of arms.",
    "We have been very clear on that question.",
    "You can expect further sanctions announcements this week.",
    "I have more than enough on my plate here.",
    "The Republic is here to defend its waters.",
    "We want to welcome refugees from the islands here.",
    "We welcome the agreement reached today.",
    "We are moving on sanctions next week.",
    "We have time for diplomacy.",
    "We will take the questions of supply seriously.",
    "We try to help people who haven't been vaccinated.",
    "We hope everyone will have a peaceful day of voting.",
    "You are welcome to join the coalition.",
    "We will share our assessment with the parliament.",
    "The Secretary is here today to sign the agreement.",
    "We have one item of concern: the harbour.",
    "We know you are asking for more aid, and we will provide it.",
    "We understand you are asking for aid, but we will not provide it.",
    "This is an important question for the region, and we oppose the blockade.",
    "We can check the spread of the virus with vaccines.",
    "I could have said that the sanctions work.",
    "We want to provide an update on the sanctions against the regime.",
])
def test_substance_near_the_new_filler_classes(sentence):
    assert not is_courtesy_or_moderation(sentence)


def test_a_remark_that_only_echoes_the_question():
    from briefdash.transcripts.procedural import echoes_the_question
    q = "On the harbour tariff, will the minister extend the pause, and will she travel to the summit in June?"
    assert echoes_the_question("Because I've answered the harbour tariff question several times today.", q)
    assert echoes_the_question("And on the second part, I think you're referring to her travel in June.", q)
    # an answer in the question's own words is an answer
    assert not echoes_the_question("On your question, the pause on the tariff will be extended to June.", q)
    assert not echoes_the_question("As I answered, the minister will extend the harbour tariff pause to June.", q)
    assert not echoes_the_question("Because I've answered the harbour tariff question several times today.", "")
    assert echoes_the_question("I was just asked something similar about the summit.", q)


# ---- the courtesy pattern, read off for Chinese lines --------------------------------------------
# (re's own parser: `re._parser` and `re._constants`, not in the type stubs)
_RE_PARSER = importlib.import_module("re._parser")
_RE_OPS = importlib.import_module("re._constants")

def _takes_cjk(tree) -> bool:
    """Whether a parsed pattern can match a character of U+3400–U+9FFF anywhere."""
    c = _RE_OPS

    def node(op, av) -> bool:
        if op is c.LITERAL:
            return 0x3400 <= av <= 0x9FFF
        if op in (c.NOT_LITERAL, c.ANY, c.GROUPREF, c.GROUPREF_EXISTS):
            return True
        if op is c.IN:
            # a space or a digit is never a Han character; a word character or a negated set may be
            return any(o is c.NEGATE or (o is c.CATEGORY and a not in (c.CATEGORY_SPACE, c.CATEGORY_DIGIT))
                       or (o is c.RANGE and a[0] <= 0x9FFF and a[1] >= 0x3400)
                       or (o is c.LITERAL and 0x3400 <= a <= 0x9FFF) for o, a in av)
        if op is c.BRANCH:
            return any(_takes_cjk(b) for b in av[1])
        if op is c.SUBPATTERN:
            return _takes_cjk(av[3])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return av[1] > 0 and _takes_cjk(av[2])
        if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
            return False
        raise AssertionError(f"unread opcode {op}")

    return any(node(op, av) for op, av in tree)


def _fewest_letters(tree) -> int:
    """How many characters a-z any match of a parsed pattern must hold, at least."""
    c = _RE_OPS

    def node(op, av) -> int:
        if op is c.LITERAL:
            return int(ord("a") <= av <= ord("z"))
        if op is c.IN:
            chars: set[int] = set()
            for o, a in av:
                if o is c.LITERAL:
                    chars.add(a)
                elif o is c.RANGE:
                    chars.update(range(a[0], a[1] + 1))
                else:
                    return 0
            return int(bool(chars) and all(ord("a") <= ch <= ord("z") for ch in chars))
        if op is c.BRANCH:
            return min(_fewest_letters(b) for b in av[1])
        if op is c.SUBPATTERN:
            return _fewest_letters(av[3])
        if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
            return av[0] * _fewest_letters(av[2])
        return 0

    return sum(node(op, av) for op, av in tree)


def test_a_chinese_line_is_held_only_against_the_courtesies_that_could_match_it():
    from briefdash.transcripts import procedural as pr

    for pattern in pr._COURTESY_PATTERNS:
        tree = _RE_PARSER.parse(pattern)
        if _takes_cjk(tree):
            assert _fewest_letters(tree) >= 2, pattern
            assert _fewest_letters(tree) >= 5 or pattern in (pr._GREETING, pr._FAREWELL), pattern
    for line in ("谢谢。", "hi, as 大家好", "hi 大家", "bye 大家", "5g网络", "who对此有何评论", "thank you 谢谢",
                 "see you all", "okay, 好的, thanks, everyone"):
        assert pr._courtesy(line) == bool(pr._COURTESY.match(line)), line
    assert pr._courtesy("hi, as 大家好") and not pr._courtesy("who对此有何评论")
