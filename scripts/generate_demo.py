"""Deterministic generator of briefdash's fictional demo corpus (stdlib only).

A repository tool, not part of the package: the package ships only what it generates, the feed
files in ``src/briefdash/demo/feeds/``. Run ``python scripts/generate_demo.py`` to rewrite them and
the ground truth ``tests/data/demo_labels.json`` (byte-identical on every run), or
``python scripts/generate_demo.py --out DIR --scale N`` for a bigger corpus of the same shape
(about 1,070 items per unit of scale; N=93 gives ~100k items).

The corpus's data (issues, ministries, outlets, name parts) is in ``scripts/data/demo_corpus.json``;
this file holds only the code that writes briefings from it.

Every state, ministry, spokesperson, place, organisation and news outlet is invented.

Four ministries, each in a different transcript style, plus one news site:

- Republic of Veloria (``china_mfa``): announcements ``Lin Varo: ...``, questions ``<Outlet>: ...``,
  answers ``<Spokesperson>: ...``, ``Follow-up: ...``; ``(Similar question from X)`` notes;
  ``Links:`` / ``Copyright ©`` footer.
- Federation of Norvania (``state_dept``): header lines, ``MR HALVERSEN:`` / ``MS OKONJO:`` answers,
  ``QUESTION:`` questions, ``STAFF:`` lines, ``(The briefing was concluded at 3:02 p.m.)``.
- Kingdom of Astrand (``russia_mfa``): bold title, bold topic headings with opening statements,
  ``Answers to media questions:``, then ``Question:`` / ``Answer:``.
- Commonwealth of Calvera presidency (``white_house``): ``Briefing Room`` / time line, ``MS. VANTERPOOL:``
  and ``MR. DRAKEFORD:`` (two spaces after the colon), questions ``Q`` + U+00A0, ``END`` + time.
- Harbor Times (``report``): news articles reporting one answer each, no Q&A markers.

Ground truth (``labels_path``, bundled as ``tests/data/demo_labels.json``): ``{guid: [record, ...]}``,
one record per item the entry should be split into, in order, with ``index``, ``kind``
(``statement`` | ``qa`` | ``report``), ``issue`` (stable key; one-offs ``oneoff-<n>``), ``asker``,
``speaker`` (the label as printed, e.g. ``MR HALVERSEN``), ``question_start`` / ``answer_start``
(first six whitespace-separated words of the text after the speaker label, HTML unescaped,
greetings included), ``position`` (verbatim stance sentence, "" for non-answers), ``phase`` (index of
the issue's wording phase, -1 for none), ``follows`` (index of the item a follow-up continues),
``date``, ``ministry``; reports add ``source``, ``headline``, ``reported_briefing``.

Issues (``issues`` in the data file) -- an issue has:
- ``ents``: entity slots, each a list of surface forms (repeats weight the common form);
  templates say ``{strait}`` (random form) or ``{Strait}`` (random form, first letter upper-cased);
- ``ministries``: how often each ministry is asked about it (weights);
- ``window``: the part of the date range (fractions 0..1) in which it is asked about;
- ``camps``: which side each ministry takes (default ``"a"``);
- ``phases``: per camp, a list of ``[start_fraction, [stance sentences]]``; a stance sentence is
  what the answer's ``position`` is taken from, so wording shifts at known dates;
- ``questions`` (name the issue), ``followups`` (mostly don't), ``facts`` (neutral answer filler),
  ``statement`` (heading of an opening statement), and report fields ``about``/``noun``/``background``.
"""
from __future__ import annotations

import html
import json
import math
import random
import re
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "demo_corpus.json"
_DATA = json.loads(DATA_FILE.read_text(encoding="utf-8"))

ISSUES: list[dict] = _DATA["issues"]
GENERIC_FOLLOWUPS: list[str] = _DATA["generic_followups"]
MINISTRIES: dict[str, dict] = _DATA["ministries"]
OUTLETS: list[str] = _DATA["outlets"]
REPORTERS: list[list[str]] = _DATA["reporters"]  # [name, outlet]
FIRST_NAMES: list[str] = _DATA["first_names"]
NON_ANSWERS: list[str] = _DATA["non_answers"]
SYLL: list[str] = _DATA["syllables"]  # invented place and family names are made of these
GIVEN: list[str] = _DATA["given_names"]
FORMS: list[str] = _DATA["country_forms"]
ORDINALS: list[str] = _DATA["ordinals"]

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
BUNDLED_PER_MINISTRY = 20
BUNDLED_REPORTS = 8
DEFAULT_START = date(2026, 4, 1)
DEFAULT_END = date(2026, 11, 20)
CHUNK = 150  # briefings per feed file at large scale


def _long(d: date) -> str:
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def first_words(text: str, n: int = 6) -> str:
    """The label convention: first n whitespace-separated words (after HTML unescaping)."""
    return " ".join(text.split()[:n])


class _Namer:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def word(self, k: int | None = None) -> str:
        k = k or self.rng.choice([2, 2, 3])
        return "".join(self.rng.choice(SYLL) for _ in range(k)).capitalize()

    def country(self) -> str:
        return f"the {self.rng.choice(FORMS)} {self.word()}"

    def person(self) -> str:
        return f"{self.rng.choice(GIVEN)} {self.word()}"


# ---------------------------------------------------------------------------------------------
# Text building
# ---------------------------------------------------------------------------------------------

class _Fill(dict):
    """format_map helper: each {slot} picks a random surface form; {Slot} upper-cases it."""

    def __init__(self, rng: random.Random, ents: dict, extra: dict) -> None:
        super().__init__()
        self.rng, self.ents, self.extra = rng, ents, extra

    def __missing__(self, key: str) -> str:
        if key in self.extra:
            return self.extra[key]
        forms = self.ents.get(key) or self.ents.get(key[0].lower() + key[1:])
        if forms is None:
            raise KeyError(key)
        s = self.rng.choice(forms)
        if key[0].isupper():
            s = s[0].upper() + s[1:]
        return s


def _fmt(rng: random.Random, template: str, ents: dict, extra: dict) -> str:
    s = template.format_map(_Fill(rng, ents, extra))
    return re.sub(r"(?<=[A-Z])\.([.?!,])", r"\1", s)  # "the J.M.M.." -> "the J.M.M."


def _junk(text: str, rng: random.Random) -> str:
    """HTML-escape a body text and sprinkle realistic whitespace junk."""
    s = html.escape(text, quote=False)
    r = rng.random()
    if r < 0.08:
        s = s.replace(". ", ".  ", 1)
    elif r < 0.12:
        i = s.find(" ", len(s) // 2)
        if i > 0:
            s = s[:i] + "&nbsp;" + s[i + 1:]
    if rng.random() < 0.07:
        s += rng.choice([" ", "  ", "&nbsp;"])
    return s


class _Briefing:
    """Accumulates paragraphs (HTML) and label records for one entry."""

    def __init__(self) -> None:
        self.paras: list[str] = []
        self.labels: list[dict] = []

    def p(self, html_text: str) -> None:
        self.paras.append(f"<p>{html_text}</p>")

    def said(self, prefix: str, paras: list[str], rng: random.Random,
             first: str | None = None) -> None:
        """Remarks over several paragraphs: `prefix` (the speaker's label as the style writes it)
        before the first (`first` in place of paras[0] when given), the rest as they are."""
        self.p(f"{prefix}{_junk(paras[0] if first is None else first, rng)}")
        for extra in paras[1:]:
            self.p(_junk(extra, rng))

    def label(self, **kw) -> dict:
        rec = {"index": len(self.labels)}
        rec.update(kw)
        self.labels.append(rec)
        return rec


class Generator:
    def __init__(self, seed: int, start: date, end: date) -> None:
        self.rng = random.Random(seed)
        self.start, self.end = start, end
        self.span = max(1, (end - start).days)
        self.namer = _Namer(self.rng)
        self.oneoff_n = 0
        self.issues = {i["key"]: i for i in ISSUES}

    # -- timing ---------------------------------------------------------------------------
    def frac(self, d: date) -> float:
        return (d - self.start).days / self.span

    def phase(self, issue: dict, camp: str, d: date) -> tuple[int, list[str], list[str]]:
        """(phase index, current stance templates, previous phase's templates)."""
        phases = issue["phases"].get(camp) or issue["phases"]["a"]
        lo, hi = issue["window"]
        # phase starts are fractions of the issue's own window
        f = (self.frac(d) - lo) / max(1e-9, hi - lo)
        idx = 0
        for k, (start, _) in enumerate(phases):
            if f >= start:
                idx = k
        prev = phases[idx - 1][1] if idx > 0 else []
        return idx, phases[idx][1], prev

    def phase_dates(self) -> dict:
        out: dict[str, dict[str, list[str]]] = {}
        for key, issue in self.issues.items():
            lo, hi = issue["window"]
            out[key] = {}
            for camp, phases in issue["phases"].items():
                out[key][camp] = [
                    (self.start + timedelta(days=math.ceil((lo + s * (hi - lo)) * self.span))).isoformat()
                    for s, _ in phases]
        return out

    def active(self, issue: dict, d: date) -> bool:
        lo, hi = issue["window"]
        return lo <= self.frac(d) <= hi

    def near_boundary(self, issue: dict, d: date) -> bool:
        lo, hi = issue["window"]
        f = (self.frac(d) - lo) / max(1e-9, hi - lo)
        return any(0 <= f - s < 0.06 for s, _ in next(iter(issue["phases"].values())))

    # -- content ---------------------------------------------------------------------------
    def extra(self, m: dict, d: date) -> dict:
        det = self.start + timedelta(days=int(0.1 * self.span))
        weeks = max(2, (d - det).days // 7)
        return {"C": m["C"], "Cadj": m["adj"], "weeks": str(weeks)}

    def camp(self, issue: dict, mkey: str) -> str:
        return issue.get("camps", {}).get(mkey, "a")

    def answer(self, issue: dict, mkey: str, d: date, followup: bool = False) -> tuple[list[str], str, int]:
        """Answer sentences grouped in paragraphs, the position sentence and the phase index."""
        rng, m = self.rng, MINISTRIES[mkey]
        ex = self.extra(m, d)
        if rng.random() < (0.22 if followup else 0.07):
            return [rng.choice(NON_ANSWERS)], "", -1
        idx, cur, prev = self.phase(issue, self.camp(issue, mkey), d)
        sents: list[str] = []
        if not followup and rng.random() < 0.3:
            sents.append(rng.choice(m["pleasant"]))
        if rng.random() < 0.45 and not followup:
            sents.append(_fmt(rng, rng.choice(issue["facts"]), issue["ents"], ex))
        ci = rng.randrange(len(cur))
        position = _fmt(rng, cur[ci], issue["ents"], ex)
        sents.append(position)
        pool = [t for k, t in enumerate(cur) if k != ci] + prev
        if pool and rng.random() < 0.45:
            sents.append(_fmt(rng, rng.choice(pool), issue["ents"], ex))
        if rng.random() < 0.4:
            sents.append(rng.choice(m["stock"]))
        paras = [" ".join(sents)]
        if len(sents) >= 3 and rng.random() < 0.35:
            cut = rng.randint(1, len(sents) - 1)
            paras = [" ".join(sents[:cut]), " ".join(sents[cut:])]
        return paras, position, idx

    def oneoff(self, m: dict, d: date) -> tuple[str, str, str, list[str]]:
        """A one-off question: (key, question, position, answer sentences)."""
        rng, nm = self.rng, self.namer
        self.oneoff_n += 1
        key = f"oneoff-{self.oneoff_n}"
        place, country, n = nm.word(), nm.country(), rng.randint(3, 60)
        C = m["C"]
        kind = rng.randrange(8)
        if kind == 0:
            q = f"The {rng.choice(ORDINALS)} {place} Cup regatta opens this weekend. Will any officials from {C} attend?"
            pos = f"We wish the {place} Cup every success."
            a = [pos, "I have no information on attendance at this stage."]
        elif kind == 1:
            q = f"A ferry sank off the coast of {place} in {country} on {WEEKDAYS[rng.randrange(7)]}, and {n} people are missing. Do you have any comment?"
            pos = "We are deeply saddened by the accident and extend our sincere condolences to the families of the victims."
            a = [pos, f"Our embassy in {country} is checking whether any of our citizens were on board."]
        elif kind == 2:
            q = f"Travellers from {country} say visa processing at the consulate in {place} now takes {n} days. Will {C} simplify the procedures?"
            pos = "We welcome more people to visit and will keep improving visa services."
            a = ["I'd refer you to the consular department for the details.", pos]
        elif kind == 3:
            animal = rng.choice(["snow leopards", "red pandas", "golden eagles", "river dolphins"])
            q = f"Two {animal} from {country} arrived at the {place} Zoo yesterday. What is the significance of the gift?"
            pos = f"The gift is a symbol of the friendship between {C} and {country}."
            a = [pos, "We hope they settle in well in their new home."]
        elif kind == 4:
            q = f"This year marks the {rng.choice(ORDINALS)} anniversary of diplomatic relations between {C} and {country}. Are any celebrations planned?"
            pos = f"{C} attaches great importance to its relations with {country}."
            a = [pos, "A series of events will be held in both capitals. We will release information in due course."]
        elif kind == 5:
            mag = f"{rng.randint(55, 78) / 10:.1f}"
            q = f"A magnitude {mag} earthquake struck {place} in {country} last night. Will {C} send assistance?"
            pos = f"{C} stands ready to provide emergency assistance to {country}."
            a = ["We were shocked to learn of the earthquake.", pos]
        elif kind == 6:
            q = f"A citizen of {C} was reportedly arrested in {place} for filming a military site. Can you confirm?"
            pos = "We are aware of the case and are providing consular assistance."
            a = [pos, "We remind our citizens travelling abroad to respect local laws."]
        else:
            q = f"The airline {nm.word()} Air will open a direct route between {place} and the capital of {C} next month. Your comment?"
            pos = "We welcome anything that makes exchanges between our peoples easier."
            a = [pos]
        return key, q, pos, a

    def announcement(self, m: dict, d: date) -> tuple[str, list[str]]:
        """A one-off opening announcement (visit, forum): (key, paragraphs)."""
        rng, nm = self.rng, self.namer
        self.oneoff_n += 1
        key = f"oneoff-{self.oneoff_n}"
        country, person = nm.country(), nm.person()
        d1 = d + timedelta(days=rng.randint(2, 9))
        d2 = d1 + timedelta(days=rng.randint(1, 4))
        span = f"from {_long(d1).rsplit(',', 1)[0]} to {_long(d2).rsplit(',', 1)[0]}"
        k = rng.randrange(3)
        if k == 0:
            paras = [f"At the invitation of Foreign Minister {person} of {country}, {m['fm']} will pay an official visit to {country} {span}."]
        elif k == 1:
            paras = [f"Foreign Minister {person} of {country} will visit {m['C']} {span}.",
                     "The two sides will exchange views on bilateral relations and on issues of common concern."]
        else:
            paras = [f"{m['C']} will host the {rng.choice(ORDINALS)} {nm.word()} Forum on maritime cooperation {span}. "
                     f"Delegations from more than {rng.randint(12, 40)} countries are expected."]
        return key, paras

    def issue_statement(self, issue: dict, mkey: str, d: date) -> tuple[list[str], str, int]:
        rng, m = self.rng, MINISTRIES[mkey]
        ex = self.extra(m, d)
        idx, cur, prev = self.phase(issue, self.camp(issue, mkey), d)
        fact = _fmt(rng, rng.choice(issue["facts"]), issue["ents"], ex)
        pos = _fmt(rng, cur[0], issue["ents"], ex)
        rest = " ".join(_fmt(rng, t, issue["ents"], ex) for t in cur[1:])
        paras = [f"{fact} {pos}".strip()]
        if rest or rng.random() < 0.5:
            paras.append((rest + " " + rng.choice(m["stock"])).strip())
        return paras, pos, idx

    def plan_questions(self, mkey: str, d: date, n: int) -> list[tuple[str, bool]]:
        """List of (issue key or 'oneoff', is_followup)."""
        rng = self.rng
        weights = {}
        for key, iss in self.issues.items():
            w = iss["ministries"].get(mkey, 0)
            if w and self.active(iss, d):
                weights[key] = w * (3 if self.near_boundary(iss, d) else 1) * rng.uniform(0.3, 1.7)
        plan: list[tuple[str, bool]] = []
        while len(plan) < n:
            if plan and plan[-1][0] != "oneoff" and rng.random() < 0.2:
                plan.append((plan[-1][0], True))
                continue
            if rng.random() < 0.13 or not weights:
                plan.append(("oneoff", False))
                continue
            keys = list(weights)
            k = rng.choices(keys, [weights[x] for x in keys])[0]
            weights[k] /= 4
            plan.append((k, False))
        return plan

    def question_text(self, issue: dict, mkey: str, d: date, followup: bool) -> str:
        rng, m = self.rng, MINISTRIES[mkey]
        ex = self.extra(m, d)
        if followup:
            pool = issue["followups"] + GENERIC_FOLLOWUPS[:3]
            return _fmt(rng, rng.choice(pool), issue["ents"], ex)
        return _fmt(rng, rng.choice(issue["questions"]), issue["ents"], ex)

    # -- styles ----------------------------------------------------------------------------
    def build(self, mkey: str, d: date, seq: int) -> dict:
        m = MINISTRIES[mkey]
        rng = self.rng
        b = _Briefing()
        style = m["style"]
        n_q = rng.randint(8, 16)
        plan = self.plan_questions(mkey, d, n_q)
        # opening statements: list of (key, paragraphs, position)
        n_st = {"china_mfa": rng.choice([0, 1, 1, 2, 2, 3]), "state_dept": 1, "russia_mfa": rng.choice([1, 1, 2, 3]),
                "white_house": 1}[style]
        statements: list[tuple[str, list[str], str, int]] = []
        hot = [k for k, _ in plan if k != "oneoff"]
        for _ in range(n_st):
            if hot and rng.random() < 0.55:
                key = hot.pop(rng.randrange(len(hot)))
                if any(s[0] == key for s in statements):
                    continue
                paras, pos, ph = self.issue_statement(self.issues[key], mkey, d)
                statements.append((key, paras, pos, ph))
            else:
                key, paras = self.announcement(m, d)
                statements.append((key, paras, "", -1))
        items = []  # (key, followup, question, answer paras, position, phase)
        for key, fu in plan:
            if key == "oneoff":
                k2, q, pos, a = self.oneoff(m, d)
                items.append((k2, False, q, [" ".join(a)], pos, -1))
            else:
                iss = self.issues[key]
                q = self.question_text(iss, mkey, d, fu)
                paras, pos, ph = self.answer(iss, mkey, d, fu)
                items.append((key, fu, q, paras, pos, ph))
        render = {"china_mfa": self.r_china, "state_dept": self.r_state, "russia_mfa": self.r_russia,
                  "white_house": self.r_wh}[style]
        title, link, guid, hour = render(b, m, mkey, d, seq, statements, items)
        for rec in b.labels:
            rec["date"] = d.isoformat()
            rec["ministry"] = m["name"]
        topics = []
        for rec in b.labels:
            if not rec["issue"].startswith("oneoff") and self.issues[rec["issue"]]["label"] not in topics:
                topics.append(self.issues[rec["issue"]]["label"])
        desc = f"{title}. Topics: " + "; ".join(topics[:5]) + "."
        tz = m["tz"]
        if mkey in ("norvania", "calvera"):  # same daylight-saving rule as the EDT/EST time lines
            tz = -4 if date(d.year, 3, 8) <= d < date(d.year, 11, 1) else -5
        return {"guid": guid, "title": title, "link": link, "date": d, "hour": hour, "tz": tz,
                "description": desc, "html": "\n".join(b.paras), "labels": b.labels, "mkey": mkey}

    def _qa_label(self, b: _Briefing, key, fu, q, paras, pos, ph, asker, speaker, follows):
        return b.label(kind="qa", issue=key, asker=asker, speaker=speaker,
                       question_start=first_words(q), answer_start=first_words(" ".join(paras)),
                       position=pos, phase=ph, follows=follows)

    def r_china(self, b, m, mkey, d, seq, statements, items):
        rng = self.rng
        sp = m["speakers"][(d.toordinal() // 7 + rng.randrange(2)) % len(m["speakers"])]
        apos = "’" if rng.random() < 0.3 else "'"
        title = f"Foreign Ministry Spokesperson {sp}{apos}s Regular Press Conference on {_long(d)}"
        for key, paras, pos, ph in statements:
            b.said(f"{sp}: ", paras, rng)
            b.label(kind="statement", issue=key, asker=None, speaker=sp, question_start="",
                    answer_start=first_words(" ".join(paras)), position=pos, phase=ph, follows=None)
        last_asker, last_idx = None, None
        for key, fu, q, paras, pos, ph in items:
            if fu:
                b.p(f"Follow-up: {_junk(q, rng)}")
                asker = last_asker
            else:
                asker = rng.choice(OUTLETS)
                b.p(f"{asker}: {_junk(q, rng)}")
                if rng.random() < 0.08:
                    other = rng.choice([o for o in OUTLETS if o != asker])
                    b.p(f"(Similar question from {other})")
            b.said(f"{sp}: ", paras, rng)
            rec = self._qa_label(b, key, fu, q, paras, pos, ph, asker, sp, last_idx if fu else None)
            if not fu:
                last_asker = asker
            last_idx = rec["index"]
        b.p("Links: Ministry of Foreign Affairs | Embassies and Consulates | Spokesperson's Remarks | Archive")
        b.p(f"Copyright © {d.year} Ministry of Foreign Affairs of the Republic of Veloria. All rights reserved.&nbsp;")
        ds = d.strftime("%Y%m%d")
        link = f"{m['site']}/eng/xw/fyrbt/{ds[:6]}/t{ds}_{11000 + seq}.html"
        return title, link, f"veloria-mfa-{ds}-{seq}", 15

    def r_state(self, b, m, mkey, d, seq, statements, items):
        rng = self.rng
        label, full, role = m["speakers"][0 if rng.random() < 0.7 else 1]
        dst = date(d.year, 3, 8) <= d < date(d.year, 11, 1)
        tzname = "EDT" if dst else "EST"
        h, mi = rng.choice([1, 2, 2, 3]), rng.randint(0, 50)
        title = f"Department Press Briefing – {_long(d)}"
        b.p(f"{full}, {role}")
        b.p("Norvik, Norvania")
        b.p("DEPARTMENT PRESS BRIEFING")
        b.p(f"{h}:{mi:02d} p.m. {tzname}")
        for i, (key, paras, pos, ph) in enumerate(statements):
            first = paras[0]
            if i == 0:
                lead = rng.choice(["Good afternoon, everybody.", "Good afternoon.", "Hi, everyone. Thanks for coming."])
                top = rng.choice(["A couple of things at the top.", "One thing at the top.", "I want to start with one item."])
                text0 = f"{lead} {top} {first}"
            else:
                text0 = first
            b.said(f"{label}: ", paras, rng, first=text0)
            if i == len(statements) - 1:
                b.p(rng.choice(["And with that, happy to take your questions.", "With that, go ahead."]))
            b.label(kind="statement", issue=key, asker=None, speaker=label, question_start="",
                    answer_start=first_words(text0), position=pos, phase=ph, follows=None)
        last_idx = None
        staff_at = rng.randrange(len(items)) if rng.random() < 0.4 else -1
        for j, (key, fu, q, paras, pos, ph) in enumerate(items):
            asker = None
            qtext = q
            if fu:
                if not q.startswith(("Just", "And")):
                    qtext = rng.choice(["Just a follow-up. ", "Can I follow up on that? ", ""]) + q
            elif rng.random() < 0.25:
                name, outlet = rng.choice(REPORTERS)
                qtext = f"{rng.choice(['Hi, ', 'Thanks. ', ''])}{name}, {outlet}. {q}"
                asker = outlet
            elif rng.random() < 0.3:
                qtext = rng.choice(["Thank you. ", "Thanks, Daniel. " if label == "MR HALVERSEN" else "Thanks, Grace. ", "Yeah. "]) + q
            if j == staff_at:
                b.p(rng.choice(["STAFF: We have time for a couple more.", "STAFF: Last question."]))
            b.p(f"QUESTION: {_junk(qtext, rng)}")
            b.said(f"{label}: ", paras, rng)
            if rng.random() < 0.12 and j < len(items) - 1:
                b.p(f"{label}: {rng.choice(['Go ahead.', 'Yeah, go ahead, ' + rng.choice(FIRST_NAMES) + '.', 'In the back.'])}")
            rec = self._qa_label(b, key, fu, qtext, paras, pos, ph, asker, label, last_idx if fu else None)
            last_idx = rec["index"]
        b.p(f"{label}: Thanks, everybody.")
        em = mi + rng.randint(30, 55)
        b.p(f"(The briefing was concluded at {h + em // 60}:{em % 60:02d} p.m.)")
        ds = d.strftime("%Y%m%d")
        link = f"{m['site']}/briefings/department-press-briefing-{MONTHS[d.month - 1].lower()}-{d.day}-{d.year}/"
        return title, link, f"norvania-dfa-{ds}-{seq}", 12 + h

    def r_russia(self, b, m, mkey, d, seq, statements, items):
        rng = self.rng
        role, name = m["speakers"][0 if rng.random() < 0.75 else 1]
        title = f"Briefing by {role} {name}, Halden, {_long(d)}"
        b.p(f"<strong>{title}</strong>")
        for key, paras, pos, ph in statements:
            heading = self.issues[key]["statement"] if key in self.issues else rng.choice(
                ["On upcoming contacts", "On the Foreign Minister's schedule", "On an upcoming international event"])
            b.p(f"<strong>{html.escape(heading)}</strong>")
            for para in paras:
                b.p(_junk(para, rng))
            b.label(kind="statement", issue=key, asker=None, speaker=name, question_start="",
                    answer_start=first_words(" ".join(paras)), position=pos, phase=ph, follows=None, heading=heading)
        b.p("<strong>Answers to media questions:</strong>")
        last_idx = None
        for key, fu, q, paras, pos, ph in items:
            qtext = ("Following up on that. " if fu and rng.random() < 0.3 else "") + q
            b.p(f"Question: {_junk(qtext, rng)}")
            b.said("Answer: ", paras, rng)
            rec = self._qa_label(b, key, fu, qtext, paras, pos, ph, None, name, last_idx if fu else None)
            last_idx = rec["index"]
        b.p("Links: Press service | Foreign policy | Embassies | Consular information")
        b.p(f"Copyright © {d.year} Ministry of Foreign Affairs of the Kingdom of Astrand")
        return title, f"{m['site']}/en/press_service/spokesman/briefings/{2100000 + seq * 37 + d.toordinal() % 997}/", \
            f"astrand-mfa-{d.strftime('%Y%m%d')}-{seq}", 12

    def r_wh(self, b, m, mkey, d, seq, statements, items):
        rng = self.rng
        (vl, vname, vrole), (dl, dname, drole) = m["speakers"]
        guest = rng.random() < 0.35
        sec_issues = {"graywater-cyberattack", "oranto-ceasefire", "harrow-arms-sale", "ostmark-sanctions",
                      "borealink-cable", "aurora-satellite"}
        dst = date(d.year, 3, 8) <= d < date(d.year, 11, 1)
        tzname = "EDT" if dst else "EST"
        h, mi = rng.choice([12, 1, 1, 2, 3]), rng.randint(0, 55)
        title = f"Press Briefing by {vrole} {vname}" + (f" and {drole} {dname}" if guest else "") + f", {_long(d)}"
        b.p(rng.choice(["Briefing Room", "Castellan Palace Briefing Room", "Briefing Room&nbsp;"]))
        b.p(f"{h}:{mi:02d} P.M. {tzname}")
        key, paras, pos, ph = statements[0]
        lead = rng.choice(["Good afternoon, everybody.", "Hi, everybody. Good afternoon.", "Hey, everyone. Happy " + WEEKDAYS[d.weekday()] + "."])
        opener = f"{lead}  I have {rng.choice(['one thing', 'a couple of things', 'a few items'])} at the top."
        if rng.random() < 0.5:  # greeting and first announcement paragraph in one paragraph
            opener = f"{opener}  {paras[0]}"
            b.p(f"{vl}:  {_junk(opener, rng)}")
            rest = paras[1:]
        else:
            b.p(f"{vl}:  {html.escape(opener)}")
            rest = paras
        for para in rest:
            b.p(_junk(para, rng))
        b.label(kind="statement", issue=key, asker=None, speaker=vl, question_start="",
                answer_start=first_words(opener), position=pos, phase=ph, follows=None)
        cur_speaker = vl
        if guest:
            skey = rng.choice(sorted(k for k in sec_issues if self.active(self.issues[k], d)) or ["oranto-ceasefire"])
            gparas, gpos, gph = self.issue_statement(self.issues[skey], mkey, d)
            b.p(f"And with that, I'm going to turn it over to {dname.split()[0]}, who will talk about {self.issues[skey]['noun']}.")
            gopen = f"Thanks, {vname.split()[0]}.  Good afternoon, everybody."
            b.p(f"{dl}:  {html.escape(gopen)}")
            for para in gparas:
                b.p(_junk(para, rng))
            b.label(kind="statement", issue=skey, asker=None, speaker=dl, question_start="",
                    answer_start=first_words(gopen), position=gpos, phase=gph, follows=None)
            cur_speaker = dl
        last_idx = None
        switched = not guest
        if guest:  # questions for the guest (security topics) come first; follow-ups stay attached
            blocks: list[list] = []
            for it in items:
                if it[1] and blocks:
                    blocks[-1].append(it)
                else:
                    blocks.append([it])
            blocks.sort(key=lambda bl: bl[0][0] not in sec_issues)
            items = [it for bl in blocks for it in bl]
        for j, (key, fu, q, paras, pos, ph) in enumerate(items):
            if guest and not switched and (key not in sec_issues and not fu or j >= 6):
                b.p(f"{dl}:  Thanks, everybody.")
                b.p(f"{vl}:  Thank you, {dname.split()[0]}.  Okay, go ahead.")
                switched = True
                cur_speaker = vl
            qmark = rng.choice(["Q\u00a0 ", "Q\u00a0\u00a0", "Q&nbsp; ", "Q\u00a0 "])
            qtext = q
            if fu:
                if not q.startswith(("Just", "And")):
                    qtext = rng.choice(["And just to follow up — ", "Just a quick follow-up. ", "Following on that: "]) + q
            elif rng.random() < 0.3:
                qtext = rng.choice([f"Thanks, {vname.split()[0]}. ", "Thank you. ", "Two questions. First one: "]) + q
            b.p(f"{qmark}{_junk(qtext, rng)}")
            spk = cur_speaker
            b.said(f"{spk}:  ", paras, rng)
            if rng.random() < 0.15 and j < len(items) - 1:
                b.p(f"{spk}:  {rng.choice(['Go ahead, ' + rng.choice(FIRST_NAMES) + '.', 'Go ahead.', 'Yeah.'])}")
            rec = self._qa_label(b, key, fu, qtext, paras, pos, ph, None, spk, last_idx if fu else None)
            last_idx = rec["index"]
        b.p(f"{cur_speaker}:  Thanks, everybody.  See you tomorrow.")
        b.p("END")
        em = mi + rng.randint(35, 65)
        eh = h + em // 60
        b.p(f"{eh if eh <= 12 else eh - 12}:{em % 60:02d} P.M. {tzname}")
        mon = MONTHS[d.month - 1].lower()
        link = (f"{m['site']}/briefing-room/press-briefings/{d.year}/{d.month:02d}/{d.day:02d}/"
                f"press-briefing-by-press-secretary-elena-vanterpool-{mon}-{d.day}-{d.year}/")
        return title, link, f"calvera-presidency-{d.strftime('%Y%m%d')}-{seq}", 12 + (h % 12)

    # -- reports ---------------------------------------------------------------------------
    def report(self, br: dict, rec: dict, seq: int) -> dict:
        rng = self.rng
        m = MINISTRIES[br["mkey"]]
        issue = self.issues[rec["issue"]]
        speaker = rec["speaker"]
        if br["mkey"] == "norvania" or br["mkey"] == "calvera":
            speaker = dict((s[0], s[1]) for s in m["speakers"])[speaker]
        surname = speaker.split()[-1]
        pos = rec["position"]
        low = pos.lower()
        verb = ("vows countermeasures over" if "countermeasure" in low else
                "voices firm opposition on" if "oppose" in low else
                "urges restraint over" if "restraint" in low else
                "offers to help on" if "ready" in low else
                "welcomes progress on" if "welcome" in low else
                "voices concern over" if "concern" in low or "following" in low else
                "restates its position on")
        d = br["date"]
        wd = WEEKDAYS[d.weekday()]
        headline = f"{m['C']} {verb} {issue['noun']}"
        headline = headline[0].upper() + headline[1:]
        role = {"veloria": "a spokesperson for the Velorian foreign ministry",
                "norvania": "a spokesperson for Norvania's Department of Foreign Affairs",
                "astrand": "the spokesperson of Astrand's foreign ministry",
                "calvera": "the Calveran presidency's spokesperson"}[br["mkey"]]
        where = "a routine press conference" if br["mkey"] != "calvera" else "the daily briefing at the presidency"
        hh, mm = rng.randint(17, 21), rng.randint(0, 59)
        lead = (f"{m['C']} on {wd} {verb.replace('vows', 'vowed').replace('voices', 'voiced').replace('urges', 'urged').replace('offers', 'offered').replace('welcomes', 'welcomed').replace('restates', 'restated')} "
                f"{issue['noun']}, the latest sign of how its tone on the matter has changed in recent weeks.")
        paras = [
            "WORLD / DIPLOMACY",
            headline,
            f"Published: {MONTHS[d.month - 1][:3]} {d.day}, {d.year} {hh % 12 or 12:02d}:{mm:02d} {'PM' if hh >= 12 else 'AM'}",
            f"{speaker} Photo: Harbor Times file",
            lead,
            f"{speaker}, {role}, took the question at {where} on {wd}, when asked about {issue['about']}.",
            f"\u201c{pos[:-1]},\u201d {surname} told reporters." if pos.endswith(".") else f"\u201c{pos}\u201d {surname} told reporters.",
        ]
        # pull one more sentence of the actual answer for realism
        others = [s for s in re.split(r"(?<=[.!?])\s+", rec.get("_answer", "")) if s and s != pos and len(s) > 30]
        if others:
            paras.append(f"{surname} also repeated a line the ministry has used before: \u201c{rng.choice(others)}\u201d")
        paras.append(issue["background"])
        paras.append(rng.choice(["The ministry did not say whether further steps were planned.",
                                 "Officials on the other side did not immediately respond to a request for comment.",
                                 f"{surname} declined to give further details."]))
        paras.append(f"Copyright © {d.year} Harbor Times. All rights reserved.")
        slug = re.sub(r"[^a-z0-9]+", "-", headline.lower()).strip("-")
        body = "\n".join(f"<p>{_junk(p, rng) if i > 3 else html.escape(p, quote=False)}</p>" for i, p in enumerate(paras))
        label = {"index": 0, "kind": "report", "issue": rec["issue"], "asker": None, "speaker": speaker,
                 "question_start": first_words(issue["about"]), "answer_start": first_words(lead), "position": pos[:-1] if pos.endswith(".") else pos,
                 "phase": rec["phase"],
                 "follows": None, "date": d.isoformat(), "ministry": m["name"], "source": "Harbor Times",
                 "headline": headline, "reported_briefing": br["guid"]}
        return {"guid": f"harbor-times-{d.strftime('%Y%m%d')}-{seq}", "title": headline,
                "link": f"https://harbortimes.example/world/{d.year}/{d.month:02d}/{d.day:02d}/{slug}",
                "date": d, "hour": hh, "minute": mm, "tz": 0, "description": f"{speaker} commented on {issue['about']}.",
                "html": body, "labels": [label], "mkey": "report"}


# ---------------------------------------------------------------------------------------------
# Feed writing
# ---------------------------------------------------------------------------------------------

def _rfc822(d: date, hour: int, minute: int, tz: int) -> str:
    dt = datetime(d.year, d.month, d.day, hour % 24, minute, tzinfo=timezone(timedelta(hours=tz)))
    return format_datetime(dt)


def _xml(s: str) -> str:
    return html.escape(s, quote=False)


def _write_feed(path: Path, title: str, site: str, desc: str, entries: list[dict]) -> None:
    entries = sorted(entries, key=lambda e: (e["date"], e["guid"]), reverse=True)
    last = entries[0] if entries else None
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<rss version="2.0" xmlns:content="{CONTENT_NS}">',
           "<channel>",
           f"<title>{_xml(title)}</title>",
           f"<link>{site}/</link>",
           f"<description>{_xml(desc)}</description>",
           "<language>en</language>"]
    if last:
        out.append(f"<lastBuildDate>{_rfc822(last['date'], 23, 0, last['tz'])}</lastBuildDate>")
    for e in entries:
        body = e["html"]
        assert "]]>" not in body
        out += ["<item>",
                f"<title>{_xml(e['title'])}</title>",
                f"<link>{_xml(e['link'])}</link>",
                f'<guid isPermaLink="false">{_xml(e["guid"])}</guid>',
                f"<pubDate>{_rfc822(e['date'], e['hour'], e.get('minute', 30), e['tz'])}</pubDate>",
                f"<description>{_xml(e['description'])}</description>",
                f"<content:encoded><![CDATA[{body}]]></content:encoded>",
                "</item>"]
    out += ["</channel>", "</rss>", ""]
    path.write_text("\n".join(out), encoding="utf-8", newline="\n")


def _weekdays(start: date, end: date) -> list[date]:
    out, d = [], start
    while d <= end:
        if d.weekday() < 5:
            out.append(d)
        d += timedelta(days=1)
    return out


def _briefing_days(n: int, start: date, end: date) -> tuple[list[date], date]:
    """The weekdays briefings may fall on, and the end date: pushed back when there are more
    briefings than about 60% of the weekdays, so that each ministry briefs on distinct days."""
    days = _weekdays(start, end)
    if n > int(len(days) * 0.6):
        factor = n / (len(days) * 0.6)
        end = start + timedelta(days=math.ceil((end - start).days * factor))
        days = _weekdays(start, end)
    return days, end


def _build_briefings(gen: Generator, days: list[date], n: int) -> tuple[dict[str, list[dict]], int]:
    """`n` briefings of each ministry on days drawn from `days`; the last sequence number used."""
    per_ministry: dict[str, list[dict]] = {}
    seq = 0
    for mkey in MINISTRIES:
        picked = sorted(gen.rng.sample(days, n))
        entries = []
        for d in picked:
            seq += 1
            entries.append(gen.build(mkey, d, seq))
        per_ministry[mkey] = entries
    return per_ministry, seq


def _pick_reported_answer(rng: random.Random, briefings: list[dict],
                          used_issues: list[str]) -> tuple[dict, dict] | None:
    """A briefing and one of its answers on a recurring issue not reported on lately (50 tries)."""
    for _ in range(50):
        br = rng.choice(briefings)
        cands = [x for x in br["labels"] if x["kind"] == "qa" and not x["issue"].startswith("oneoff")
                 and x["position"] and x["follows"] is None]
        fresh = [x for x in cands if x["issue"] not in used_issues[-len(ISSUES) + 1:]]
        if fresh:
            return br, dict(rng.choice(fresh))
    return None


def _build_reports(gen: Generator, per_ministry: dict[str, list[dict]], n_reports: int,
                   seq: int) -> list[dict]:
    """News reports spread over ministries and issues, each about one recurring-issue answer."""
    reports = []
    mkeys = list(MINISTRIES)
    used_issues: list[str] = []
    for r in range(n_reports):
        picked = _pick_reported_answer(gen.rng, per_ministry[mkeys[r % len(mkeys)]], used_issues)
        if picked is None:
            continue
        br, rec = picked
        used_issues.append(rec["issue"])
        # the answer text, for a second quote
        rec["_answer"] = _answer_text(br, rec["index"])
        seq += 1
        reports.append(gen.report(br, rec, seq))
    return reports


def _write_ministry_feeds(out_dir: Path, per_ministry: dict[str, list[dict]]) -> list[dict]:
    """Each ministry's briefings as one feed file (several of CHUNK briefings at large scale)."""
    feeds = []
    for mkey, entries in per_ministry.items():
        m = MINISTRIES[mkey]
        chunks = [entries[i:i + CHUNK] for i in range(0, len(entries), CHUNK)] if len(entries) > CHUNK else [entries]
        for ci, chunk in enumerate(chunks):
            fname = f"{m['feed']}.xml" if len(chunks) == 1 else f"{m['feed']}-{ci + 1:03d}.xml"
            _write_feed(out_dir / fname, m["title"], m["site"], f"Press briefings of the {m['name']} (fictional demo data).", chunk)
            feeds.append({"name": m["title"], "file": fname, "style": m["style"], "ministry": m["name"],
                          "entries": len(chunk)})
    return feeds


def _write_report_feeds(out_dir: Path, reports: list[dict]) -> list[dict]:
    """The news reports as the Harbor Times feed (several files of CHUNK * 4 at large scale)."""
    feeds = []
    rchunks = [reports[i:i + CHUNK * 4] for i in range(0, len(reports), CHUNK * 4)] or [[]]
    for ci, chunk in enumerate(rchunks):
        fname = "harbor-times.xml" if len(rchunks) == 1 else f"harbor-times-{ci + 1:03d}.xml"
        _write_feed(out_dir / fname, "Harbor Times — World", "https://harbortimes.example",
                    "World news from the Harbor Times (fictional demo data).", chunk)
        feeds.append({"name": "Harbor Times — World", "file": fname, "style": "report", "ministry": None,
                      "entries": len(chunk)})
    return feeds


def _write_labels(labels_path: Path, labels: dict[str, list[dict]]) -> None:
    """The ground truth as JSON, one record per line group (byte-identical for the same corpus)."""
    labels_path = Path(labels_path)
    labels_path.parent.mkdir(parents=True, exist_ok=True)
    labels_path.write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8",
                           newline="\n")


def generate(out_dir: Path, n_briefings_per_ministry: int = BUNDLED_PER_MINISTRY, seed: int = 7,
             start: date = DEFAULT_START, end: date = DEFAULT_END, n_reports: int | None = None,
             labels_path: Path | None = None) -> dict:
    """Write the demo feeds into out_dir (and labels to labels_path); return a summary dict.

    Deterministic for given arguments. When there are more briefings than weekdays in
    [start, end], the end date is pushed back so that each ministry briefs on distinct days.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    n = n_briefings_per_ministry
    if n_reports is None:
        n_reports = max(1, round(BUNDLED_REPORTS * n / BUNDLED_PER_MINISTRY))
    days, end = _briefing_days(n, start, end)
    gen = Generator(seed, start, end)
    per_ministry, seq = _build_briefings(gen, days, n)
    reports = _build_reports(gen, per_ministry, n_reports, seq)
    feeds = _write_ministry_feeds(out_dir, per_ministry) + _write_report_feeds(out_dir, reports)
    labels: dict[str, list[dict]] = {}
    for e in [e for entries in per_ministry.values() for e in entries] + reports:
        labels[e["guid"]] = e["labels"]
    if labels_path is not None:
        _write_labels(labels_path, labels)
    all_recs = [r for recs in labels.values() for r in recs]
    return {
        "out_dir": str(out_dir),
        "feeds": feeds,
        "briefings": sum(len(v) for v in per_ministry.values()),
        "reports": len(reports),
        "items": len(all_recs),
        "qa": sum(r["kind"] == "qa" for r in all_recs),
        "statements": sum(r["kind"] == "statement" for r in all_recs),
        "start": start.isoformat(),
        "end": end.isoformat(),
        "issues": {i["key"]: i["label"] for i in ISSUES},
        "phase_dates": gen.phase_dates(),
        "labels": labels,
    }


def _answer_text(br: dict, index: int) -> str:
    """Plain text of the answer of item `index` in a generated briefing (used to quote in reports)."""
    rec = br["labels"][index]
    paras = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in br["html"].split("\n")]
    start = rec["answer_start"]
    for p in paras:
        body = p.split(": ", 1)[1] if ": " in p[:40] else p
        if " ".join(body.split()[:6]) == start:
            return " ".join(body.split())
    return ""


ROOT = Path(__file__).resolve().parents[1]
DEMO_DIR = ROOT / "src" / "briefdash" / "demo" / "feeds"  # what the package ships
LABELS_PATH = ROOT / "tests" / "data" / "demo_labels.json"


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python scripts/generate_demo.py",
                                 description="Generate the fictional demo corpus (RSS feeds + ground-truth labels).")
    ap.add_argument("--out", type=Path, help="output directory (default: the bundled demo/feeds dir)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiply the corpus size (and date range); ~1.07k items per unit, 93 gives ~100k")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--labels", type=Path, help="where to write labels JSON (default: tests/data/demo_labels.json "
                                                "for the bundled corpus, OUT/labels.json otherwise)")
    args = ap.parse_args(argv)
    n = max(1, round(BUNDLED_PER_MINISTRY * args.scale))
    out = args.out or DEMO_DIR
    labels = args.labels or (LABELS_PATH if args.out is None else out / "labels.json")
    res = generate(out, n_briefings_per_ministry=n, seed=args.seed, labels_path=labels)
    print(f"wrote {len(res['feeds'])} feeds to {out}: {res['briefings']} briefings, {res['reports']} reports, "
          f"{res['items']} items ({res['qa']} Q&A, {res['statements']} statements), {res['start']}..{res['end']}")
    if labels:
        print(f"labels: {labels}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
