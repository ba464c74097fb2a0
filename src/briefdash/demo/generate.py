"""Deterministic generator of briefdash's fictional demo corpus (stdlib only).

Run ``python -m briefdash.demo.generate`` to rewrite the bundled feeds in ``demo/feeds/`` and the
ground truth ``tests/data/demo_labels.json`` (byte-identical on every run), or
``python -m briefdash.demo.generate --out DIR --scale N`` for a bigger corpus of the same shape
(about 1,070 items per unit of scale; N=93 gives ~100k items).

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

Issues (below) -- An issue has:
- ``ents``: entity slots, each a list of surface forms (repeats weight the common form);
  templates say ``{strait}`` (random form) or ``{Strait}`` (random form, first letter upper-cased);
- ``ministries``: how often each ministry is asked about it (weights);
- ``window``: the part of the date range (fractions 0..1) in which it is asked about;
- ``camps``: which side each ministry takes (default ``"a"``);
- ``phases``: per camp, a list of ``(start_fraction, [stance sentences])``; a stance sentence is
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

ISSUES: list[dict] = [
    {
        "key": "korsa-strait",
        "label": "Korsa Strait maritime dispute",
        "ministries": {"veloria": 4, "astrand": 2, "norvania": 2, "calvera": 1},
        "window": (0.0, 1.0),
        "ents": {
            "strait": ["the Korsa Strait", "the Korsa Strait", "the Korsa Strait", "the waters of Korsa"],
            "navy": ["the Royal Strait Navy", "the RSN", "the RSN", "the R.S.N."],
            "reef": ["Tervin Reef", "Tervin Reef", "the Tervin reef"],
            "ship": ["the patrol ship Ardent Gull", "the Ardent Gull"],
        },
        "phases": {"a": [
            (0.0, ["{C} is closely following the situation in {strait}.",
                   "We call on all sides to keep calm and avoid steps that could complicate matters."]),
            (0.30, ["{C} firmly opposes any unilateral action to change the status quo around {reef}.",
                    "We urge the parties to exercise restraint and return to dialogue."]),
            (0.58, ["{C} will take resolute countermeasures if its legitimate interests in {strait} are harmed.",
                    "Any provocation near {reef} is dangerous and irresponsible."]),
            (0.82, ["{C} stands ready to mediate between the parties on a code of conduct for {strait}.",
                    "We welcome the reopening of the hotline between the two navies."]),
        ]},
        "questions": [
            "Satellite images published this week appear to show new structures on {reef}. What is {C}'s response?",
            "{Navy} says one of its frigates was shadowed in {strait} on Monday. Can you confirm that?",
            "There are reports that {ship} collided with a supply boat near {reef}. What is your comment?",
            "Shipping insurers have raised premiums for vessels passing through {strait}. Is {C} worried about freedom of navigation there?",
            "How does {C} view the joint patrols announced yesterday by {navy}?",
        ],
        "followups": [
            "How many vessels were involved?",
            "Has {C} lodged a formal protest?",
            "Were any crew members injured?",
        ],
        "facts": [
            "We have noted the reports concerning {reef}.",
            "Commercial traffic through {strait} continues as normal.",
            "The relevant departments are verifying the details of the encounter with {navy}.",
        ],
        "statement": "On the situation in the Korsa Strait",
        "about": "the latest encounter near Tervin Reef in the Korsa Strait",
        "noun": "Korsa Strait tensions",
        "background": "Tervin Reef sits in the middle of the Korsa Strait, one of the region's busiest shipping lanes, and has been the scene of several encounters between coast guard vessels and ships of the Royal Strait Navy (RSN) this year.",
    },
    {
        "key": "ostmark-sanctions",
        "label": "Sanctions on Ostmark",
        "ministries": {"norvania": 3, "calvera": 3, "veloria": 2, "astrand": 2},
        "window": (0.0, 1.0),
        "camps": {"veloria": "a", "astrand": "a", "norvania": "b", "calvera": "b"},
        "ents": {
            "state": ["Ostmark", "Ostmark", "the Democratic Republic of Ostmark"],
            "bank": ["the Ostmark Central Bank", "the OCB"],
            "council": ["the Sanctions Coordination Council", "the SCC", "the SCC", "the S.C.C."],
            "package": ["the fourth sanctions package", "the new sanctions package"],
        },
        "phases": {
            "a": [
                (0.0, ["{C} has always opposed unilateral sanctions that have no basis in international law.",
                       "Pressure and sanctions cannot solve the problem of {state}."]),
                (0.35, ["We urge the countries concerned to lift the sanctions on {bank} immediately.",
                        "Sanctions only hurt ordinary people in {state}."]),
                (0.65, ["{C} will take resolute countermeasures to protect the lawful rights of its companies trading with {state}."]),
                (0.85, ["We welcome signs that {council} is reconsidering its approach.",
                        "{C} stands ready to facilitate dialogue between {state} and its neighbours."]),
            ],
            "b": [
                (0.0, ["We are reviewing a range of options with our partners on {state}.",
                       "We are closely following the situation in {state}."]),
                (0.35, ["We have been clear that there will be consequences for the conduct of {state}.",
                        "{Package} targets {bank} and the networks that finance the government in {state}."]),
                (0.65, ["We call on third countries not to help {state} evade the measures agreed in {council}."]),
                (0.85, ["We are prepared to ease some measures if {state} takes verifiable steps."]),
            ],
        },
        "questions": [
            "{Council} is due to meet on Friday to discuss {package}. What is {C}'s position?",
            "Reports say two freight companies have been added to the list under {package}. What is your comment?",
            "The foreign minister of {state} said today that the sanctions amount to economic warfare. How do you respond?",
            "Has {bank} been cut off from international payments, and does {C} recognise those measures?",
        ],
        "followups": [
            "Will there be exemptions for food and medicine?",
            "Which companies exactly are affected?",
            "Has anyone from {C} been in touch with the other side about this?",
        ],
        "facts": [
            "I have seen the reports about {package}.",
            "The list adopted by {council} was published yesterday.",
        ],
        "statement": "On the sanctions against Ostmark",
        "about": "new sanctions on Ostmark and its central bank",
        "noun": "Ostmark sanctions",
        "background": "The Sanctions Coordination Council (SCC) adopted a fourth package of measures against Ostmark this year, freezing assets of the Ostmark Central Bank and restricting freight firms.",
    },
    {
        "key": "detained-journalist",
        "label": "Detained journalist Tomas Reyne",
        "ministries": {"calvera": 3, "norvania": 3, "astrand": 3, "veloria": 1},
        "window": (0.08, 1.0),
        "camps": {"astrand": "a", "norvania": "b", "calvera": "b", "veloria": "c"},
        "ents": {
            "j": ["Tomas Reyne", "Mr. Reyne", "Mr. Reyne", "the Harbor Times correspondent Tomas Reyne"],
            "court": ["the Halden City Court", "the court in Halden"],
            "charge": ["espionage charges", "the charges of espionage"],
        },
        "phases": {
            "a": [
                (0.0, ["The case is being handled in strict accordance with the law.",
                       "{J} was detained on suspicion of collecting classified information."]),
                (0.40, ["We urge certain countries to stop interfering in the judicial sovereignty of {C}."]),
                (0.70, ["{C} firmly opposes the politicisation of a criminal case."]),
                (0.88, ["Consular access has been granted and his lawful rights are fully guaranteed."]),
            ],
            "b": [
                (0.0, ["We are deeply concerned by the detention of {j}.",
                       "We are closely following the case of {j}."]),
                (0.40, ["We call on the authorities in Astrand to release {j} immediately and unconditionally."]),
                (0.70, ["Journalism is not a crime, and {charge} against {j} are baseless."]),
                (0.88, ["We welcome the first consular visit to {j}, but he should never have been detained."]),
            ],
            "c": [
                (0.0, ["We have noted the reports about {j}."]),
                (0.60, ["We hope the countries concerned will handle the case properly through dialogue."]),
            ],
        },
        "questions": [
            "{J} has now been held for {weeks} weeks. Can you give us an update on his case?",
            "{Court} extended the pre-trial detention of {j} by three months. What is your reaction?",
            "The family of {j} says he has not been allowed to see a lawyer. Is that true?",
            "Press freedom groups have called {charge} against {j} fabricated. Your response?",
        ],
        "followups": [
            "Has his family been allowed to visit?",
            "When is the next hearing?",
            "Is a prisoner exchange being discussed?",
        ],
        "facts": [
            "The next hearing at {court} is scheduled for later this month.",
            "Our embassy is following the case of {j}.",
        ],
        "statement": "On the case of Tomas Reyne",
        "about": "the case of detained Harbor Times correspondent Tomas Reyne",
        "noun": "detained reporter Tomas Reyne",
        "background": "Tomas Reyne, a correspondent for this newspaper, was detained in Halden in the spring and faces espionage charges before the Halden City Court, which he and his employer deny.",
    },
    {
        "key": "selva-dam",
        "label": "Great Selva Dam on the Selva River",
        "ministries": {"veloria": 3, "astrand": 3, "norvania": 1},
        "window": (0.0, 1.0),
        "camps": {"veloria": "a", "astrand": "b", "norvania": "b", "calvera": "b"},
        "ents": {
            "river": ["the Selva River", "the Selva River", "the Selva"],
            "dam": ["the Great Selva Dam", "the Great Selva Dam", "the GSD", "the dam at Orrin Gorge"],
            "sbc": ["the Selva Basin Commission", "the SBC", "the S.B.C."],
        },
        "phases": {
            "a": [
                (0.0, ["{Dam} is a clean-energy project that takes full account of downstream interests."]),
                (0.35, ["We firmly oppose attempts to hype up the so-called water security issue."]),
                (0.60, ["{C} is willing to share hydrological data with downstream countries through {sbc}."]),
                (0.85, ["We stand ready to sign a water-sharing framework with all riparian states."]),
            ],
            "b": [
                (0.0, ["We are closely monitoring the water levels on {river}."]),
                (0.35, ["We call on the upstream side to respect its obligations to downstream states."]),
                (0.60, ["Filling the reservoir without consultation is unacceptable."]),
                (0.85, ["We welcome the agreement to resume talks within {sbc}."]),
            ],
        },
        "questions": [
            "Water levels on {river} fell sharply this week. Is this related to the filling of {dam}?",
            "Farmers in the Lower Selva provinces say their irrigation channels have run dry. What is your comment?",
            "{Sbc} has not met since March. Will {C} propose a new meeting?",
            "Engineers say {dam} will start generating power in the autumn. Can you confirm the timetable?",
        ],
        "followups": [
            "How long will the filling take?",
            "Will the data be made public?",
        ],
        "facts": [
            "The hydrological data for {river} are published every week.",
            "{Sbc} remains the main platform for cooperation.",
        ],
        "statement": "On the Great Selva Dam",
        "about": "falling water levels on the Selva River below the Great Selva Dam",
        "noun": "the Great Selva Dam",
        "background": "The Great Selva Dam (GSD) at Orrin Gorge began filling its reservoir this year; downstream provinces depend on the Selva River for irrigation, and the Selva Basin Commission has been the only forum for talks.",
    },
    {
        "key": "tariff-dispute",
        "label": "Steel and solar tariff dispute",
        "ministries": {"norvania": 3, "veloria": 3, "calvera": 2, "astrand": 1},
        "window": (0.05, 1.0),
        "camps": {"veloria": "a", "astrand": "a", "norvania": "b", "calvera": "b"},
        "ents": {
            "tariffs": ["the steel and solar tariffs", "the new tariffs", "the tariffs on steel and solar panels"],
            "trb": ["the Tariff Review Board", "the TRB"],
            "tcm": ["the Trade Consultation Mechanism", "the TCM", "the TCM", "the T.C.M."],
        },
        "phases": {
            "a": [
                (0.0, ["{C} regrets the decision to raise tariffs on steel and solar panels."]),
                (0.30, ["{C} firmly opposes the abuse of trade remedy measures."]),
                (0.55, ["{C} will take resolute countermeasures to safeguard the legitimate rights of its enterprises."]),
                (0.80, ["We are ready to resolve differences through {tcm} on the basis of equality."]),
            ],
            "b": [
                (0.0, ["We are reviewing the findings of {trb} on unfair subsidies."]),
                (0.30, ["{Tariffs} are a response to unfair subsidies and are consistent with our obligations."]),
                (0.55, ["We will not be intimidated by threats of retaliation."]),
                (0.80, ["We are encouraged that both sides are back at the table under {tcm}."]),
            ],
        },
        "questions": [
            "{Trb} announced {tariffs} will rise to 35 percent next month. How will {C} respond?",
            "Business groups warn that {tariffs} will raise prices for consumers. What is your comment?",
            "Is {C} planning to bring the dispute over {tariffs} to {tcm}?",
            "Exporters say shipments have already been held at customs because of {tariffs}. Can you confirm?",
        ],
        "followups": [
            "Is there a date for the next round?",
            "Which products will be affected first?",
        ],
        "facts": [
            "The competent departments have made their position on {tariffs} clear.",
            "Trade between the two sides reached a record level last year.",
        ],
        "statement": "On the tariffs on steel and solar panels",
        "about": "the steel and solar tariffs announced by the Tariff Review Board",
        "noun": "steel and solar tariffs",
        "background": "The Tariff Review Board (TRB) raised duties on imported steel and solar panels this year, citing subsidies; both sides have said they are willing to talk under the Trade Consultation Mechanism (TCM).",
    },
    {
        "key": "lisvane-election",
        "label": "Disputed election in Lisvane",
        "ministries": {"veloria": 2, "norvania": 3, "astrand": 2, "calvera": 2},
        "window": (0.15, 0.95),
        "ents": {
            "lis": ["Lisvane", "Lisvane", "the Republic of Lisvane"],
            "ecl": ["the Electoral Commission of Lisvane", "the ECL", "the E.C.L."],
            "moro": ["opposition leader Aden Moro", "Mr. Moro", "Aden Moro"],
            "runoff": ["the disputed runoff", "the presidential runoff"],
        },
        "phases": {"a": [
            (0.0, ["We have noted the announcement of the preliminary results in {lis}.",
                   "{C} respects the choice made by the people of {lis}."]),
            (0.35, ["We urge all parties in {lis} to exercise restraint and settle their differences through legal channels."]),
            (0.60, ["{C} is deeply concerned by reports of violence against protesters in {lis}.",
                    "We call on the authorities to respect the right to peaceful assembly."]),
            (0.80, ["We welcome the agreement to hold a recount under international observation."]),
        ]},
        "questions": [
            "{Ecl} has declared the incumbent the winner of {runoff}. Does {C} recognise the result?",
            "{Moro} has called for a general strike. What is your reaction?",
            "Several people were reportedly killed during protests in the capital of {lis} overnight. What is your comment?",
            "Will {C} send observers if there is a recount in {lis}?",
        ],
        "followups": [
            "Has the minister spoken to his counterpart there?",
            "Will your embassy there remain open?",
            "And on that, will the minister travel there?",
        ],
        "facts": [
            "Our embassy in {lis} is operating normally.",
            "We have advised our citizens to avoid large gatherings.",
        ],
        "statement": "On the situation in Lisvane",
        "about": "the disputed runoff in Lisvane",
        "noun": "Lisvane's disputed election",
        "background": "The Electoral Commission of Lisvane (ECL) declared the incumbent the winner of the runoff, a result rejected by opposition leader Aden Moro, whose supporters have protested in the capital for weeks.",
    },
    {
        "key": "vaccine-export-ban",
        "label": "Export ban on Halvic fever vaccine components",
        "ministries": {"veloria": 2, "astrand": 2, "norvania": 2, "calvera": 2},
        "window": (0.0, 0.70),
        "camps": {"veloria": "a", "astrand": "a", "norvania": "b", "calvera": "b"},
        "ents": {
            "fever": ["Halvic fever", "the Halvic fever outbreak"],
            "ban": ["the export ban on vaccine components", "the export ban", "the ban on vaccine component exports"],
            "rhc": ["the Regional Health Compact", "the RHC", "the R.H.C."],
        },
        "phases": {
            "a": [
                (0.0, ["We have noted the restrictions on exports of vaccine components."]),
                (0.30, ["Vaccine nationalism will only prolong the fight against Halvic fever."]),
                (0.55, ["We urge the country concerned to lift {ban} and honour its commitments under {rhc}."]),
                (0.80, ["{C} stands ready to supply vaccines to the countries most in need."]),
            ],
            "b": [
                (0.0, ["The temporary measures on vaccine components are needed to protect public health at home."]),
                (0.30, ["We are working with partners in {rhc} to keep supply disruptions to a minimum."]),
                (0.55, ["Export licences will be reviewed every thirty days."]),
                (0.80, ["We have begun lifting the restrictions on adjuvant supplies."]),
            ],
        },
        "questions": [
            "Manufacturers say {ban} has halted production lines abroad. What is your comment?",
            "How many cases of {fever} have been reported this week, and will {ban} be extended?",
            "Health ministers of {rhc} meet next week. Will {C} raise {ban} there?",
        ],
        "followups": [
            "Is there a date for lifting it?",
            "How many doses are affected?",
        ],
        "facts": [
            "The number of new cases of Halvic fever has been falling.",
            "{Rhc} provides a framework for sharing medical supplies.",
        ],
        "statement": "On Halvic fever vaccine supplies",
        "about": "the export ban on Halvic fever vaccine components",
        "noun": "the vaccine export ban",
        "background": "Restrictions on exports of vaccine components were introduced during the Halvic fever outbreak; members of the Regional Health Compact (RHC) say they break pledges on sharing medical supplies.",
    },
    {
        "key": "castellane-summit",
        "label": "Castellane Peace Summit",
        "ministries": {"veloria": 2, "norvania": 2, "astrand": 3, "calvera": 3},
        "window": (0.30, 1.0),
        "ents": {
            "summit": ["the Castellane Peace Summit", "the Castellane Peace Summit", "the summit in Castellane"],
            "accord": ["the draft Castellane Accord", "the Castellane Accord"],
        },
        "phases": {"a": [
            (0.0, ["{C} welcomes every effort that contributes to peace, including {summit}."]),
            (0.50, ["We hope {summit} will be inclusive and give all parties a seat at the table."]),
            (0.70, ["{C} has decided to send a delegation to {summit}.",
                    "Our participation does not mean that we endorse every element of {accord}."]),
            (0.88, ["{C} stands ready to act as a guarantor of {accord}."]),
        ]},
        "questions": [
            "Will {C} attend {summit} next month?",
            "Who will lead the delegation of {C} to {summit}?",
            "{Accord} reportedly contains a clause on reparations. What is {C}'s view?",
            "The host country says forty delegations have confirmed their attendance at {summit}. Is {C} among them?",
        ],
        "followups": [
            "Will the foreign minister lead it personally?",
            "And on that, will the minister travel there?",
            "Is {C} ready to sign the final document?",
        ],
        "facts": [
            "We have received the invitation to {summit}.",
            "Preparations for {summit} are under way.",
        ],
        "statement": "On the Castellane Peace Summit",
        "about": "the upcoming Castellane Peace Summit",
        "noun": "the Castellane Peace Summit",
        "background": "The Castellane Peace Summit is meant to end the fighting in the Oranto region; a draft Castellane Accord circulated among delegations includes provisions on monitoring and reconstruction.",
    },
    {
        "key": "aurora-satellite",
        "label": "Aurora-3 satellite launch",
        "ministries": {"norvania": 2, "calvera": 2, "veloria": 2, "astrand": 1},
        "window": (0.20, 0.90),
        "ents": {
            "sat": ["the Aurora-3 satellite", "Aurora-3", "Aurora-3"],
            "rocket": ["the Kestrel-2 rocket", "the Kestrel-2 launch vehicle"],
            "osr": ["the Orbital Safety Register", "the OSR"],
        },
        "phases": {"a": [
            (0.0, ["We have taken note of the planned launch of {sat}."]),
            (0.35, ["Every country has the right to the peaceful use of outer space, but launches should be notified to {osr}."]),
            (0.60, ["Debris from {rocket} poses a risk to other spacecraft, and we call for transparency."]),
            (0.85, ["We support negotiations on new rules for orbital safety."]),
        ]},
        "questions": [
            "Ostmark says {sat} will be launched next week on {rocket}. Does {C} have concerns?",
            "Is {C} worried that {sat} could have military uses?",
            "Parts of {rocket} reportedly fell into the sea near a fishing zone. Your comment?",
        ],
        "followups": [
            "Was {osr} notified in advance?",
            "Has anyone been hurt by the debris?",
        ],
        "facts": [
            "We have seen the reports about {sat}.",
            "The relevant agencies are tracking the objects from {rocket}.",
        ],
        "statement": "On the launch of the Aurora-3 satellite",
        "about": "the launch of Ostmark's Aurora-3 satellite",
        "noun": "the Aurora-3 launch",
        "background": "Ostmark's Aurora-3 satellite was carried into orbit by a Kestrel-2 rocket; neighbouring states say the launch was not notified to the Orbital Safety Register (OSR).",
    },
    {
        "key": "harrow-arms-sale",
        "label": "Harrow air defence sale to Tessaly",
        "ministries": {"veloria": 3, "norvania": 3, "astrand": 1, "calvera": 1},
        "window": (0.10, 1.0),
        "camps": {"veloria": "a", "astrand": "a", "norvania": "b", "calvera": "b"},
        "ents": {
            "harrow": ["Harrow air defence systems", "the Harrow systems", "the Harrow package"],
            "tess": ["Tessaly", "Tessaly", "the Tessaly islands"],
        },
        "phases": {
            "a": [
                (0.0, ["{C} is seriously concerned about the reported sale of {harrow} to {tess}."]),
                (0.30, ["{C} firmly opposes any arms sales to {tess}."]),
                (0.55, ["{C} will take resolute countermeasures, including sanctions on the companies involved."]),
                (0.80, ["We urge the seller to stop arming {tess} and to stop sending wrong signals."]),
            ],
            "b": [
                (0.0, ["We don't comment on possible arms transfers before they are notified."]),
                (0.30, ["The sale of {harrow} is a defensive package consistent with our long-standing policy."]),
                (0.55, ["Threats of sanctions against our companies are unacceptable."]),
                (0.80, ["Our policy on {tess} has not changed."]),
            ],
        },
        "questions": [
            "The parliament of Norvania has approved the sale of {harrow} to {tess}. What is {C}'s response?",
            "Will {C} sanction the makers of {harrow}?",
            "Officials in {tess} say the first batteries of {harrow} will arrive by December. Your comment?",
        ],
        "followups": [
            "Which companies would be targeted?",
            "What is the value of the deal?",
        ],
        "facts": [
            "We have noted the notification concerning {harrow}.",
            "The question of {tess} is highly sensitive.",
        ],
        "statement": "On arms sales to Tessaly",
        "about": "the sale of Harrow air defence systems to Tessaly",
        "noun": "the Harrow arms sale",
        "background": "The sale of Harrow air defence systems to Tessaly was approved by Norvania's parliament; Veloria regards arms deliveries to the islands as interference.",
    },
    {
        "key": "dunmere-refugees",
        "label": "Refugees from Dunmere",
        "ministries": {"astrand": 3, "calvera": 2, "norvania": 2, "veloria": 1},
        "window": (0.05, 1.0),
        "ents": {
            "dun": ["Dunmere", "Dunmere province", "Dunmere"],
            "cordell": ["the Cordell crossing", "the border post at Cordell"],
            "iro": ["the International Refugee Office", "the IRO", "the I.R.O."],
        },
        "phases": {"a": [
            (0.0, ["We are following the humanitarian situation in {dun} closely."]),
            (0.30, ["We call on the international community to share the burden of hosting refugees from {dun}."]),
            (0.60, ["{C} has decided to provide additional humanitarian assistance through {iro}."]),
            (0.85, ["We urge all parties to guarantee safe passage at {cordell}."]),
        ]},
        "questions": [
            "{Iro} says more than twenty thousand people crossed from {dun} last week. Is {C} prepared to take in more refugees?",
            "There are reports of long queues at {cordell}. What is {C} doing about it?",
            "Will {C} increase its contribution to {iro} for the camps near {dun}?",
        ],
        "followups": [
            "How much money exactly?",
            "Are any of your own citizens still there?",
        ],
        "facts": [
            "Our embassy is in contact with {iro}.",
            "Conditions at {cordell} remain difficult.",
        ],
        "statement": "On humanitarian assistance to Dunmere",
        "about": "the flow of refugees from Dunmere province",
        "noun": "Dunmere refugees",
        "background": "Tens of thousands of people have fled Dunmere province through the Cordell crossing; the International Refugee Office (IRO) has appealed for more funding for its camps.",
    },
    {
        "key": "sea-wren-fisheries",
        "label": "Sea Wren fisheries incident at Gannet Bank",
        "ministries": {"veloria": 3, "astrand": 3},
        "window": (0.20, 0.75),
        "camps": {"astrand": "a", "veloria": "b", "norvania": "b", "calvera": "b"},
        "ents": {
            "wren": ["the trawler Sea Wren", "the Sea Wren", "the Sea Wren"],
            "gannet": ["Gannet Bank", "the Gannet Bank fishing grounds"],
            "acg": ["the Astrand Coast Guard", "the ACG"],
        },
        "phases": {
            "a": [
                (0.0, ["{Acg} acted in accordance with the law when it boarded the vessel."]),
                (0.35, ["{C} firmly opposes illegal fishing in its waters around {gannet}."]),
                (0.65, ["The crew of {wren} have been treated humanely and will be repatriated once the investigation ends."]),
            ],
            "b": [
                (0.0, ["We are verifying the details of the incident involving {wren}."]),
                (0.35, ["We urge the relevant side to release the crew of {wren} and return the vessel immediately."]),
                (0.65, ["{C} firmly opposes the excessive use of force against fishermen at {gannet}."]),
                (0.85, ["We welcome the return of the crew of {wren}."]),
            ],
        },
        "questions": [
            "{Acg} says it seized {wren} near {gannet} on Sunday. What is your comment?",
            "How many crew members of {wren} are still being held?",
            "Fishermen's unions are calling for naval escorts at {gannet}. Will {C} consider that?",
        ],
        "followups": [
            "Were any of them injured?",
            "When will they be allowed to return home?",
        ],
        "facts": [
            "Our consular officials have met the crew of {wren}.",
            "{Gannet} has been fished by both sides for generations.",
        ],
        "statement": "On the incident at Gannet Bank",
        "about": "the seizure of the trawler Sea Wren at Gannet Bank",
        "noun": "the Sea Wren seizure",
        "background": "The trawler Sea Wren was boarded by the Astrand Coast Guard (ACG) at Gannet Bank, fishing grounds claimed by both sides; eleven crew members were detained.",
    },
    {
        "key": "graywater-cyberattack",
        "label": "Graywater cyberattack attribution",
        "ministries": {"norvania": 3, "calvera": 3, "veloria": 2, "astrand": 1},
        "window": (0.15, 1.0),
        "camps": {"veloria": "a", "astrand": "a", "norvania": "b", "calvera": "b"},
        "ents": {
            "gw": ["the Graywater intrusion", "the Graywater attack", "the cyberattack on the Graywater grid"],
            "vl": ["Vesper Lynx", "the group known as VL-29", "Vesper Lynx"],
            "ncc": ["the National Cyber Centre", "the NCC", "the N.C.C."],
        },
        "phases": {
            "a": [
                (0.0, ["{C} opposes all forms of cyberattacks."]),
                (0.30, ["Attribution without evidence is irresponsible, and we firmly oppose such smears."]),
                (0.55, ["{C} itself is a major victim of cyberattacks."]),
                (0.80, ["We call for dialogue on cybersecurity on the basis of mutual respect."]),
            ],
            "b": [
                (0.0, ["We are aware of {gw} and are investigating."]),
                (0.30, ["{Ncc} has assessed with high confidence that {vl} was responsible."]),
                (0.55, ["We will hold those responsible accountable at a time and in a manner of our choosing."]),
                (0.80, ["We are working with allies on a joint statement on responsible state behaviour in cyberspace."]),
            ],
        },
        "questions": [
            "{Ncc} has attributed {gw} to {vl}. Do you accept that conclusion?",
            "Investigators say {vl} is linked to Velorian security services. What is your response?",
            "Power was cut to forty thousand homes after {gw}. Will there be sanctions?",
        ],
        "followups": [
            "What evidence has been shared?",
            "Have the systems been fully restored?",
        ],
        "facts": [
            "We have seen the report by {ncc}.",
            "The investigation into {gw} is continuing.",
        ],
        "statement": "On the Graywater cyber incident",
        "about": "the attribution of the Graywater cyberattack",
        "noun": "the Graywater hack",
        "background": "The Graywater intrusion cut power to tens of thousands of homes; the National Cyber Centre (NCC) blamed a group known as Vesper Lynx, or VL-29.",
    },
    {
        "key": "oranto-ceasefire",
        "label": "Ceasefire in the Oranto region",
        "ministries": {"veloria": 2, "norvania": 3, "astrand": 3, "calvera": 3},
        "window": (0.0, 1.0),
        "ents": {
            "oranto": ["the Oranto region", "Oranto", "Oranto"],
            "jmm": ["the Joint Monitoring Mission", "the JMM", "the J.M.M."],
            "los": ["the Line of Separation", "the line of separation"],
        },
        "phases": {"a": [
            (0.0, ["We are deeply concerned about the escalation of fighting in {oranto}.",
                   "We call for an immediate ceasefire."]),
            (0.25, ["{C} welcomes the ceasefire in {oranto} and urges both sides to observe it strictly."]),
            (0.50, ["We urge the parties to exercise restraint and avoid any action that could undermine the truce."]),
            (0.75, ["{C} supports extending the mandate of {jmm}.",
                    "We stand ready to contribute observers to {jmm}."]),
        ]},
        "questions": [
            "{Jmm} reported more than a hundred violations along {los} this week. What is your comment?",
            "Is the ceasefire in {oranto} holding?",
            "Will {C} contribute observers to {jmm}?",
            "Shelling was reported overnight near {los}. Does {C} blame either side?",
        ],
        "followups": [
            "How many observers?",
            "Is there any timeline for that?",
        ],
        "facts": [
            "We have noted the latest report of {jmm}.",
            "Humanitarian convoys have reached parts of {oranto}.",
        ],
        "statement": "On the situation in the Oranto region",
        "about": "the fragile ceasefire in the Oranto region",
        "noun": "the Oranto ceasefire",
        "background": "A ceasefire along the Line of Separation in the Oranto region has been monitored by the Joint Monitoring Mission (JMM), which reports violations every week.",
    },
    {
        "key": "borealink-cable",
        "label": "Damage to the Borealink undersea cable",
        "ministries": {"astrand": 3, "norvania": 2, "calvera": 1, "veloria": 1},
        "window": (0.40, 1.0),
        "ents": {
            "cable": ["the Borealink cable", "Borealink", "the Borealink undersea cable"],
            "hald": ["the Hald Islands", "the Hald archipelago"],
            "op": ["the operator Nordline", "Nordline"],
        },
        "phases": {"a": [
            (0.0, ["We have noted reports of damage to {cable} near {hald}."]),
            (0.15, ["It is too early to draw conclusions about the cause of the damage."]),
            (0.35, ["We call for a transparent joint investigation into the damage to {cable}.",
                    "{C} firmly opposes groundless speculation about the incident."]),
            (0.70, ["{C} stands ready to cooperate in protecting critical undersea infrastructure."]),
        ]},
        "questions": [
            "{Op} says {cable} was cut in two places near {hald}. Was this sabotage?",
            "A cargo ship was seen dragging its anchor near {cable}. Does {C} know who owns it?",
            "When will internet traffic through {cable} be restored?",
        ],
        "followups": [
            "Has the ship been detained?",
            "Who will lead the investigation?",
        ],
        "facts": [
            "Repair vessels have been sent to {hald}.",
            "{Op} is assessing the damage.",
        ],
        "statement": "On the Borealink cable incident",
        "about": "the damage to the Borealink undersea cable",
        "noun": "the Borealink cable damage",
        "background": "The Borealink undersea cable, run by Nordline, was damaged near the Hald Islands; a cargo ship seen nearby is being examined by investigators.",
    },
    {
        "key": "marr-expulsion",
        "label": "Expulsion of Ambassador Celia Marr",
        "ministries": {"calvera": 3, "astrand": 3, "norvania": 1},
        "window": (0.55, 0.92),
        "camps": {"astrand": "a", "calvera": "b", "norvania": "b", "veloria": "b"},
        "ents": {
            "amb": ["Ambassador Celia Marr", "Ms. Marr", "Ambassador Marr"],
            "emb": ["the Calveran embassy in Halden", "the embassy in Halden"],
        },
        "phases": {
            "a": [
                (0.0, ["Her activities were incompatible with her diplomatic status."]),
                (0.40, ["{C} reserves the right to take further measures."]),
                (0.75, ["We are open to restoring normal staffing at both embassies."]),
            ],
            "b": [
                (0.0, ["The expulsion of {amb} is unjustified and we will respond in kind."]),
                (0.40, ["We have ordered two Astrand diplomats to leave within seventy-two hours."]),
                (0.75, ["We hope both embassies can return to full strength."]),
            ],
        },
        "questions": [
            "Astrand has declared {amb} persona non grata. What is your reaction?",
            "What exactly was {amb} accused of?",
            "Will {emb} continue to issue visas after the departure of {amb}?",
        ],
        "followups": [
            "Will there be a new ambassador?",
            "When did she leave?",
        ],
        "facts": [
            "{Amb} left Halden on Saturday.",
            "{Emb} continues to operate.",
        ],
        "statement": "On the expulsion of Ambassador Celia Marr",
        "about": "the expulsion of Calvera's ambassador Celia Marr",
        "noun": "the ambassador's expulsion",
        "background": "Astrand declared Calvera's ambassador Celia Marr persona non grata, and Calvera answered by expelling two Astrand diplomats.",
    },
]

GENERIC_FOLLOWUPS = [
    "And on that, will the minister travel there?",
    "Just to follow up: has there been any direct contact between the two sides since then?",
    "Is there a timeline for that?",
    "Can you say anything more specific?",
    "Will this come up at the next round of talks?",
    "So is that a yes or a no?",
]

# ---------------------------------------------------------------------------------------------
# Ministries, outlets, boilerplate
# ---------------------------------------------------------------------------------------------

MINISTRIES: dict[str, dict] = {
    "veloria": {
        "feed": "veloria-mfa", "style": "china_mfa", "C": "Veloria", "adj": "Velorian",
        "name": "Ministry of Foreign Affairs of the Republic of Veloria",
        "title": "Veloria MFA — Regular Press Conferences",
        "site": "https://mfa.veloria.example", "tz": 8,
        "speakers": ["Lin Varo", "Mei Tassen", "Hu Orlan"],
        "fm": "Foreign Minister Aurel Senn",
        "stock": ["Our position on this is consistent and clear.",
                  "Veloria's position on this question is consistent and clear.",
                  "I'd refer you to the competent authorities for the specifics.",
                  "We have stated our position on many occasions."],
        "pleasant": ["Thank you for your question.", "I'd like to make two points."],
    },
    "norvania": {
        "feed": "norvania-dfa", "style": "state_dept", "C": "Norvania", "adj": "Norvanian",
        "name": "Department of Foreign Affairs of the Federation of Norvania",
        "title": "Norvania DFA — Department Press Briefings",
        "site": "https://dfa.norvania.example", "tz": -4,
        "speakers": [("MR HALVERSEN", "Daniel Halversen", "Department Spokesperson"),
                     ("MS OKONJO", "Grace Okonjo", "Principal Deputy Spokesperson")],
        "fm": "Secretary Margaret Lowell",
        "stock": ["We've been very clear about this.", "I don't have anything new to offer on that beyond what the Secretary has said.",
                  "Our position hasn't changed.", "I'd refer you to the Department of Commerce on the specifics."],
        "pleasant": ["Thanks for the question.", "Well, I'd say a couple of things."],
    },
    "astrand": {
        "feed": "astrand-mfa", "style": "russia_mfa", "C": "Astrand", "adj": "Astrandic",
        "name": "Ministry of Foreign Affairs of the Kingdom of Astrand",
        "title": "Ministry of Foreign Affairs of the Kingdom of Astrand — Briefings",
        "site": "https://mid.astrand.example", "tz": 3,
        "speakers": [("Foreign Ministry Spokeswoman", "Irena Vostrikova"),
                     ("Deputy Foreign Ministry Spokesman", "Pavel Orsk")],
        "fm": "Foreign Minister Viktor Halm",
        "stock": ["We have repeatedly stated our principled position on this matter.",
                  "Our assessments remain unchanged.", "I have already commented on this topic in detail."],
        "pleasant": ["Thank you for the question.", "This question has been raised many times."],
    },
    "calvera": {
        "feed": "calvera-presidency", "style": "white_house", "C": "Calvera", "adj": "Calveran",
        "name": "Office of the President of the Commonwealth of Calvera",
        "title": "Office of the President of Calvera — Press Briefings",
        "site": "https://president.calvera.example", "tz": -5,
        "speakers": [("MS. VANTERPOOL", "Elena Vanterpool", "Press Secretary"),
                     ("MR. DRAKEFORD", "Marcus Drakeford", "National Security Council Spokesman")],
        "fm": "President Adaora Renn",
        "stock": ["The President has been very clear about this.", "I'm not going to get ahead of the President.",
                  "I'd refer you to the Foreign Office on that.", "That hasn't changed."],
        "pleasant": ["Look, I'll say this.", "So, a couple of things here.", "It's a good question."],
    },
}

OUTLETS = ["Meridian Wire", "Harbor Times", "Veloria News Agency", "VNTV", "The Lantern", "Global Ledger",
           "Norvania Press Association", "Astrand Broadcasting Service", "Eastwind Herald", "Kestrel Daily",
           "Calvera Public Radio", "Bay City Observer"]
REPORTERS = [("Lena Ortiz", "Harbor Times"), ("Samir Kade", "Meridian Wire"), ("Joanna Pell", "Global Ledger"),
             ("Viktor Amsel", "Eastwind Herald"), ("Rhea Montclair", "Calvera Public Radio")]
FIRST_NAMES = ["Kayla", "Said", "Matt", "Nadia", "Owen", "Priya", "Tom", "Ines", "Jacques", "Ruth"]

NON_ANSWERS = ["I'd refer you to the competent authorities.", "I have no information on that at the moment.",
               "I don't have anything to announce today.", "I'm not aware of the specifics.",
               "I have nothing further to add to what I said earlier."]

SYLL = ["ka", "ro", "vel", "tan", "mir", "os", "dre", "lin", "sa", "bor", "en", "thal", "qui", "mar", "zo",
        "ber", "ul", "ven", "tor", "ash", "ley", "cor", "an", "ith"]
GIVEN = ["Aldo", "Brina", "Caius", "Delphine", "Emeric", "Farida", "Gideon", "Halle", "Ivo", "Jorun", "Kasimir",
         "Liora", "Maks", "Noor", "Orsolya", "Piet", "Rasmus", "Selin", "Teodor", "Vesna"]
FORMS = ["Republic of", "Kingdom of", "Principality of", "United Republic of", "Grand Duchy of"]
ORDINALS = ["fifth", "tenth", "twelfth", "twentieth", "twenty-fifth", "thirtieth", "fortieth", "fiftieth"]
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
            b.p(f"{sp}: {_junk(paras[0], rng)}")
            for extra in paras[1:]:
                b.p(_junk(extra, rng))
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
            b.p(f"{sp}: {_junk(paras[0], rng)}")
            for extra in paras[1:]:
                b.p(_junk(extra, rng))
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
            b.p(f"{label}: {_junk(text0, rng)}")
            for extra in paras[1:]:
                b.p(_junk(extra, rng))
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
            b.p(f"{label}: {_junk(paras[0], rng)}")
            for extra in paras[1:]:
                b.p(_junk(extra, rng))
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
            b.p(f"Answer: {_junk(paras[0], rng)}")
            for extra in paras[1:]:
                b.p(_junk(extra, rng))
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
            b.p(f"{spk}:  {_junk(paras[0], rng)}")
            for extra in paras[1:]:
                b.p(_junk(extra, rng))
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
    days = _weekdays(start, end)
    if n > int(len(days) * 0.6):
        factor = n / (len(days) * 0.6)
        end = start + timedelta(days=math.ceil((end - start).days * factor))
        days = _weekdays(start, end)
    gen = Generator(seed, start, end)
    rng = gen.rng
    per_ministry: dict[str, list[dict]] = {}
    seq = 0
    for mkey in MINISTRIES:
        picked = sorted(rng.sample(days, n))
        entries = []
        for d in picked:
            seq += 1
            entries.append(gen.build(mkey, d, seq))
        per_ministry[mkey] = entries
    # reports: spread over ministries and issues, each about one recurring-issue answer
    reports = []
    mkeys = list(MINISTRIES)
    used_issues: list[str] = []
    for r in range(n_reports):
        mkey = mkeys[r % len(mkeys)]
        for _ in range(50):
            br = rng.choice(per_ministry[mkey])
            cands = [x for x in br["labels"] if x["kind"] == "qa" and not x["issue"].startswith("oneoff")
                     and x["position"] and x["follows"] is None]
            fresh = [x for x in cands if x["issue"] not in used_issues[-len(ISSUES) + 1:]]
            if fresh:
                rec = dict(rng.choice(fresh))
                break
        else:
            continue
        used_issues.append(rec["issue"])
        # the answer text, for a second quote
        rec["_answer"] = _answer_text(br, rec["index"])
        seq += 1
        reports.append(gen.report(br, rec, seq))
    feeds = []
    labels: dict[str, list[dict]] = {}
    for mkey, entries in per_ministry.items():
        m = MINISTRIES[mkey]
        chunks = [entries[i:i + CHUNK] for i in range(0, len(entries), CHUNK)] if len(entries) > CHUNK else [entries]
        for ci, chunk in enumerate(chunks):
            fname = f"{m['feed']}.xml" if len(chunks) == 1 else f"{m['feed']}-{ci + 1:03d}.xml"
            _write_feed(out_dir / fname, m["title"], m["site"], f"Press briefings of the {m['name']} (fictional demo data).", chunk)
            feeds.append({"name": m["title"], "file": fname, "style": m["style"], "ministry": m["name"],
                          "entries": len(chunk)})
    rchunks = [reports[i:i + CHUNK * 4] for i in range(0, len(reports), CHUNK * 4)] or [[]]
    for ci, chunk in enumerate(rchunks):
        fname = "harbor-times.xml" if len(rchunks) == 1 else f"harbor-times-{ci + 1:03d}.xml"
        _write_feed(out_dir / fname, "Harbor Times — World", "https://harbortimes.example",
                    "World news from the Harbor Times (fictional demo data).", chunk)
        feeds.append({"name": "Harbor Times — World", "file": fname, "style": "report", "ministry": None,
                      "entries": len(chunk)})
    for mkey in MINISTRIES:
        for e in per_ministry[mkey]:
            labels[e["guid"]] = e["labels"]
    for e in reports:
        labels[e["guid"]] = e["labels"]
    if labels_path is not None:
        labels_path = Path(labels_path)
        labels_path.parent.mkdir(parents=True, exist_ok=True)
        labels_path.write_text(json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8",
                               newline="\n")
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


def _repo_labels_path() -> Path | None:
    root = Path(__file__).resolve().parents[3]
    tests = root / "tests"
    return tests / "data" / "demo_labels.json" if tests.is_dir() else None


def main(argv: list[str] | None = None) -> int:
    import argparse

    from . import DEMO_DIR

    ap = argparse.ArgumentParser(prog="python -m briefdash.demo.generate",
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
    labels = args.labels or (_repo_labels_path() if args.out is None else out / "labels.json")
    res = generate(out, n_briefings_per_ministry=n, seed=args.seed, labels_path=labels)
    print(f"wrote {len(res['feeds'])} feeds to {out}: {res['briefings']} briefings, {res['reports']} reports, "
          f"{res['items']} items ({res['qa']} Q&A, {res['statements']} statements), {res['start']}..{res['end']}")
    if labels:
        print(f"labels: {labels}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
