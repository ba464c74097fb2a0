"""Procedural exchanges: the parts of a briefing that run the room rather than state a view.

`is_procedural(question, answer)` flags a Q&A item that carries no exchange of substance:
greetings and thanks ("Thanks, Karine." / "Go ahead."), a request for the floor ("Can I follow
up?" / "Sure."), crosstalk and "(Inaudible.)", a question cut off before it says anything, or an
answer that only moderates the room ("I'll come back to you.", "Last question."). A question of
substance keeps its item even when the answer is one word ("Will he meet them?" / "No."), and a
short question after a described event ("Any comment?") is substantive.

`is_courtesy_or_moderation(sentence)` is the sentence-level test the position extractor reuses:
"Appreciate it.", "So, a couple of things.", "That's a good question.", "I'm going to keep
going.", "I'll come to the back in a second."

Pure functions over text; no state, no I/O.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..lazy_regex import lazy_compile

__all__ = ["is_procedural", "is_procedural_statement", "without_the_room", "is_courtesy_or_moderation",
           "substance_words", "sentences"]

_APOS = "['\u2019]"
_DASHES = "\u2014\u2013-"

# One sentence (or fragment) that only runs the room. Matched on a normalised sentence:
# lower case, curly quotes straightened, outer punctuation and dashes trimmed.
_NAME = r"(?:, [a-z][a-z'.-]+(?: [a-z][a-z'.-]+)?)?"  # "…, Steve" / "…, Seung Min"
_ME = (r"(?:let me|let's|i'm going to|i'm gong to|i'm going|i am going to|i'm gonna|i'll|i will|i want to|i'm trying to|i'm just going to|"
       r"i'm just gonna|we're going to|we'll|i've got to|i got to|we got to|we've got to|i have to|we have to|"
       r"i need to|we need to|i'd like to|i'm|we're|i|we)(?: just| quickly| try and| try to| really quick)?")
_WHERE = (r"(?:the back|the front|the room|the middle|the side|the aisle|the \w+ row|this side|that side|"
          r"you|her|him|someone|somebody|folks|guys|people|others|everybody|everyone|[a-z][a-z'-]+)")
_LATER = r"(?: (?:of the room|here|there|now|then|too|again|real quick|quickly|please|in (?:a|one|just a) (?:second|sec|minute|moment)|after this|next))*"
# The greeting and the farewell: of the courtesies below, the only ones a line holding Chinese
# characters and fewer than five Latin letters could be (`_courtesy`).
_GREETING = r"(?:oh,? )?(?:hi|hello|hey|good (?:morning|afternoon|evening|to see you)|welcome(?: back)?|nice to see you|happy (?:\w+ ){0,2}day|happy new year|happy \w+|bonjour|au revoir|bonne nuit)(?:,? (?:everyone|everybody|all|guys|folks|again|back|there|[a-z]+)){0,3}(?:, as [^.?!]{0,40})?"
_FAREWELL = r"(?:see you|talk to you|bye|goodbye|have a (?:good|great|nice) \w+)(?: (?:guys|everyone|everybody|all|folks|then|soon|tomorrow|later|on the ground|next time|back)){0,2}"
_COURTESY_PATTERNS = [
    # greetings, thanks, farewells
    _GREETING,
    r"(?:i )?appreciate(?: (?:it|that|you|the question|your question|the questions|all of you))?(?: on (?:that|this))?(?:,? (?:[a-z]+|very much|so much))?",
    # appreciation of the question or the asker, whoever says it: "We really appreciate that, Ann."
    r"(?:(?:no|yes|yeah|well|look|and|so|but|okay),? )*(?:(?:i|we)(?: all)? )?(?:(?:really|truly|certainly|definitely|greatly|deeply|very much|do|so|always|sincerely|just|very|totally) )*appreciate(?:s)? "
    r"(?:it|that|this|you|all of you|everyone|everybody|(?:the|your|that|this) (?:(?:very )?(?:kind|thoughtful|good|important) )?(?:question|questions|interest|follow-?up|words|patience|clarification|opportunity|point))"
    r"(?: (?:here|on (?:that|this)|very much|so much|again))*(?:,? (?:and|but) i (?:understand|hear you|get it)(?: (?:it|that|the question))?)?",
    # a greeting to the room: "It's so good to see everybody's smiling faces."
    r"(?:(?:oh|well|and|so),? )*(?:it's|it is|how) (?:so |really |very )?(?:nice|good|great|wonderful|lovely) to (?:see|be with|have) (?:you|everybody|everyone|you all|all of you|y'all|[a-z]+'s)\b[^.?!]{0,60}",
    # what the speaker is about to say: "I'll give you a little bit on the trip next week."
    r"(?:(?:so|and|okay|now|first),? )*(?:i'll|i will|let me|i can|i want to|i'd like to|i'm going to|i'm gonna) (?:just )?(?:try (?:to|and) )?(?:give you(?: all)?|offer you|share|provide|walk you through)"
    r" (?:some (?:context|color|colour|background)(?:,? and then [^.?!]{0,100})?|a (?:little(?: bit)?|bit|quick|brief|few)(?: bit)?(?: (?:more|of an?|update|preview|rundown|overview|sense|readout|details|color))?|a (?:quick |brief )?(?:update|preview|rundown|overview|sense|readout|tick-?tock))"
    r"(?: (?:on|about|of|for|regarding) [^.?!:]{0,60})?",
    # a promise to send something later: "I'm sure we can get you the exact figure."
    r"(?:(?:and|so|but|well),? )*(?:i'm sure |i think |i bet )?(?:we|i|the team)(?:'ll| will| can| could| should be able to)? (?:try to |happily )?get (?:you|that to you|it to you|you all)(?: (?:a|an|the|that|more|some|those|any))?(?: [a-z-]+){0,3}(?: (?:on|about|to|for) (?:that|this|it|them))?(?: (?:later|soon|after(?: the briefing)?|today))?",
    r"(?:i'm|i am|i'd be|i would be|we're|we are) (?:happy|glad) to see if (?:we|i) (?:have|can get|can find) [^.?!]{0,60}",
    # guests brought to the podium and who speaks when: "Today I'd like to welcome the Secretary back
    # to the Briefing Room.", "The Secretary is here to talk about prices.", "I'll ask my colleague to get us going."
    r"(?:(?:so|and|today|now|first),? )*(?:i'd like to|i would like to|i want to|let me|i'm (?:pleased|happy|glad|delighted|thrilled) to|we're (?:pleased|happy|glad|delighted|thrilled) to) (?:welcome|introduce)\b[^?!]{0,120}\b(?:back|here|today|to the (?:briefing room|podium|white house|room))\b[^?!]{0,120}",
    r"(?:(?:so|and|today|now),? )*(?:(?:secretary|administrator|director|dr\.|mr\.|ms\.|ambassador|admiral|general) )?[a-z'-]+(?: [a-z'-]+){0,3} (?:is|are) (?:here|with us|joining us)(?: today)? to (?:talk|speak|discuss|take|answer|give|provide|walk)\b[^?!]{0,160}",
    r"(?:(?:so|and|now),? )*(?:i'm going to|i'll|i will|let me) ask [^.?!]{0,60} to (?:(?:get us )+(?:going|started)|get (?:it|things) (?:going|started)|kick (?:us|it|things) off|start us off|moderate)\b[^.?!]{0,60}",
    r"(?:(?:so|and|now),? )*(?:he's|she's|they're|he is|she is|they are) going to (?:say|give|make|offer) (?:a few|some|brief|a couple of) (?:words|remarks|comments)\b[^?!]{0,160}",
    r"(?:(?:but|and|so),? )*(?:i'm|i am|i'd be|we're|we'd be)? ?(?:happy|glad) to (?:do|take) (?:some )?more(?: questions)? (?:tomorrow|later|next time|another time)",
    r"(?:(?:but|and|so),? )*(?:i'll|i will|we'll|we will) (?:also )?be back (?:tomorrow|later|next week|soon)(?: too| again)?",
    # wishes and welcomes to the room: "I hope you all had a restful holiday weekend."
    r"(?:(?:and|so|well|okay),? )*i hope (?:you|everyone|everybody|all of you)(?: guys| all)? (?:had|enjoyed|have|are having|will have) (?:a |the )?[^.?!]{0,40}\b(?:weekend|holiday|holidays|break|thanksgiving|christmas|vacation|day|time off|summer)",
    r"(?:(?:and|so|well|okay),? )*you(?:'re| are) always welcome(?: (?:here|back|to (?:ask|come|join)\b[^.?!]{0,60}))?",
    # ground rules of a call: "As a reminder, this call is on the record."
    r"(?:(?:and|so|again|okay|just),? )*(?:as a reminder|for the ground rules|just for the ground rules|just a reminder|a reminder)?,? ?this (?:press |background )?call is (?:on the record|on background|off the record|embargoed)\b[^?!]{0,60}",
    # promises to share or check later: "Once we have it, we'll share it with all of you."
    r"[^.?!:]{0,60}\b(?:we'll|we will|i'll|i will|i'm sure we'll)(?: be happy to| certainly| gladly)? share (?:it|that|them|more|those|this)(?: information)? with (?:all of )?you(?: all)?(?: as soon as [^.?!]{0,40})?",
    r"[^.?!:]{0,40}\bsee if (?:there's|there is|we can|i can|we have)\b[^.?!:]{0,60}\b(?:get you|update you on|for you)\b[^.?!]{0,30}",
    r"(?:i'd like to|let's|let me|i'll|we'll|i want to) start by walking (?:you|everyone|everybody) through [^.?!]{0,60}",
    r"(?:(?:and|so|okay|also),? )*(?:i would note|i'd note|i want to note|note that) (?:that )?(?:the )?[^.?!]{0,60} (?:is|are) here (?:today|with us)(?: too| as well)?",
    # remarks on the question: "I understand you're asking which ports.", "I wouldn't agree with the premise."
    r"(?:(?:and|so|well|look|but),? )*(?:i|we) (?:certainly |totally |completely |fully )?(?:understand|get) (?:that )?(?:you're|you are|people are|folks are) asking\b[^?!,;:]{0,140}",
    r"(?:(?:and|so|well|look|but),? )*(?:i|we) (?:wouldn't|would not|don't|do not) (?:agree with|accept|buy) (?:the|your) premise(?: of (?:the|your|that) question)?(?:,? [a-z]+)?",
    r"(?:[^.?!:]{0,80},? (?:and|but) )?(?:this|that|it)(?:'s| is) (?:a |an )?(?:really |very )?(?:good|great|fair|important|interesting|tough|excellent|legitimate) question",
    r"(?:(?:and|so),? )?(?:on|to|as for|as to) (?:the )?(?:first|second|third|last|other) (?:part|piece|half) of (?:your|the) question,? (?:i think |i believe |i guess )?(?:you're|you are) (?:referring to|asking about|talking about)\b[^?!]{0,160}",
    r"(?:(?:yeah|so|well|okay),? )*let me see if (?:i|we) have anything (?:new |more |else |further )?(?:for you|to share|to add)\b[^?!]{0,160}",
    r"(?:(?:that's why|and|so|look)[ ,—–-]*)*(?:i|we) could have (?:just )?(?:walked away|left|gone|walked out)(?: (?:and|without) (?:not )?tak(?:en|ing) (?:your|the|that|this) question)?(?:,? [a-z]+)?",
    r"(?:(?:and|so|but),? )*(?:i|we) can (?:find out|check)(?: (?:for you|on that|on this))*(?: and get (?:you|back to you)\b[^.?!]{0,60})?",
    r"(?:(?:and|so|now),? )*(?:i|we) (?:want to|would like to|wanted to|'d like to) (?:provide|give)(?: you)? (?:an|a quick|a brief|a short) (?:update|overview|readout)(?: (?:tonight|today|now|this morning|this afternoon))? on (?:just )?(?:a couple of|a few|two|three|some|several) (?:very |quite )?(?:recent |new )?(?:developments|things|items|matters|updates)",
    # press logistics: "Remember, we're going to have another gaggle on the way out."
    r"(?:(?:like|and|so|also|again|remember|as a reminder),? )*(?:we're|we are|we'll|we will|i'll|i will) (?:going to )?(?:have|do|hold) (?:another|a|the|our) (?:gaggle|briefing|press call|background call|press conference)\b[^?!]{0,120}",
    # how much of the room is left: "We have time for a few questions.", "James, we're moving on."
    r"(?:(?:and|so|okay|well|but),? )*(?:[a-z]+,? )?(?:we|i)(?:'ve| have|'ve got| got)? (?:only )?(?:time|room) for (?:a few|a couple|one|two|three|a couple of|some)(?: more)? (?:questions|ones|more)(?: (?:today|this afternoon|this morning|here))?",
    r"(?:(?:and|so|okay|well|but),? )*(?:[a-z]+,? )?(?:we're|we are|i'm|i am|we'll|i'll|we will) (?:get(?:ting)? into|tak(?:e|ing)) (?:a few|a couple of|some|your) questions(?: (?:now|today))?",
    r"(?:(?:and|so|okay|well|but),? )*(?:[a-z]+,? )?(?:i think )?(?:we're|we are|i'm|i am) (?:going to |gonna )?mov(?:e|ing) on(?:,? [a-z]+)?(?: unless [^.?!]{0,50})?",
    r"(?:(?:and|so|okay|all right),? )*(?:[a-z]+,? )?let's (?:go ahead and )?open (?:it|this|things) (?:up )?(?:for|to) (?:some )?questions",
    r"(?:(?:no|oh|well),? )*(?:i'm|i was) (?:just )?(?:making a joke|joking|kidding)(?: around)?",
    r"(?:(?:and|so|okay),? )*(?:[^,.?!]{1,40}, )?you(?:'re| are|'ve| should be| should now be| may have| might have)? (?:on mute|muted(?: yourself)?|unmuted|still muted|now unmuted)(?: now)?",
    r"(?:and )?(?:thank you|thanks|thank you so much|thanks so much|thank you very much|many thanks|appreciate it|appreciate that|i appreciate (?:it|that|you)|much appreciated|we appreciate it)(?:,? (?:so much|very much|again|everyone|everybody|all|guys|folks|sir|madam|[a-z]+)){0,3}",
    r"(?:and )?(?:thank you|thanks)(?: (?:all|everyone|everybody|so much|very much))?,? for (?:having|joining|coming|doing|taking|the question|your question|asking)(?: (?:me|us|that|this|it|today|the question))*(?:,? (?:as|while|where) [^.?!]{0,160})?",
    r"(?:(?:and|so|well),? )*(?:i'm|i am|we're|we are) (?:honored|honoured|delighted|pleased|glad|happy) to be (?:here|joined)\b[^?!]{0,160}",
    r"(?:we'll|we will|i'll|i will) (?:both |all )?take (?:your |some |a few )?questions(?: (?:now|after|from you))?",
    r"[^.?!]{0,100}\blet me see if [a-z.'’-]+(?: [a-z.'’-]+)? (?:has|wants|can|would)\b[^.?!]{0,80}",
    _FAREWELL,
    # backchannel: a sentence made only of these
    r"(?:(?:oh|well|okay|ok|all right|alright|yeah|yes|no|so|and|but|or|then|now|um|uh|look|wait|sorry|sure|right),? )*(?:yeah|yes|yep|yup|no|nope|sure|okay|ok|all right|alright|right|great|good|got it|gotcha|i see|understood|mm-?hmm|uh-?huh|hmm|uh|um|oh|well|so|look|wow|absolutely|of course|correct|exactly|indeed|fair enough|fine|cool|perfect|true|no problem|you bet|you got it|sounds good|fair|nice|oh my gosh|my gosh|oh my|come on|wait|hold on|one second|one sec|sorry|i'm sorry|my apologies|pardon|excuse me|i hear you|i know|that's okay|that's fine|that's all right|it's okay|it's fine|same|ditto|me too|go|and|but|or|then|now|anyway|anyways)(?:,? (?:sure|okay|yeah|yes|right|go ahead|please|guys|thanks|thank you|so|again|then|no|well|oh|i know|i hear you|sorry)){0,4}" + _NAME,
    # the floor: go ahead, who's next, last question, come back, move on
    r"(?:(?:okay|ok|all right|alright|yeah|yes|sure|so|oh|and|please|sorry|but),? )*(?:go ahead|you go ahead|please go ahead|go for it|go on|you first|you're up|your turn|over to you|after you|next question|next one|last question|one last question|final question|last one|one more|one last one|one more question|two more|a couple more|just one more|take a couple more)(?:,? (?:please|sir|ma'am|then|quickly|quick|go ahead)){0,3}" + _NAME + r"(?:,? (?:please|go ahead))?",
    _ME + r" (?:go|come|get|turn|move|jump|head)(?: back)? (?:to|around|over to|on to|in)(?: (?:the|to))? " + _WHERE + _LATER,
    _ME + r" (?:come|get) back to " + _WHERE + _LATER,
    _ME + r" (?:go|come|turn|move) (?:to|over to) [a-z'.-]+(?: [a-z'.-]+){0,2}(?:,? (?:at|from|with|of) (?:the )?[a-z&'.-]+(?: [a-z&'.-]+){0,4})?" + _LATER,
    r"(?:(?:okay|so|well|all right),? )*(?:why don't (?:i|we) (?:have|let|ask)|let me (?:have|ask|let)|i'll (?:have|ask|let)|i'm going to (?:have|ask|let)) [^?!]{0,40}\b(?:start|take|answer|go first|jump in|add|address)\b[^.?!]{0,100}",
    r"(?:what(?:'s)?[ \u2014\u2013-]*)*what else (?:is on your mind|do you (?:guys )?have|have you got|you got|is out there)",
    r"[^.?!]{0,60}\bfeel free\b[^.?!]{0,40}",
    r"(?:sorry,? )?i (?:missed|didn't hear|didn't catch|couldn't hear) (?:the |your )?(?:first |last |second )?(?:part|question|that|you)(?: of (?:it|that|the question|your question))?",
    _ME + r" (?:keep|get) (?:going|moving|moving on|on|it moving)" + _LATER,
    _ME + r" (?:move around|move on|go around|go around the room|try to get to (?:as many|everyone|everybody)[^.?!]{0,30})" + _LATER + r"(?:,? because (?:i|we)(?: literally| only| just)? (?:have|got) [^.?!]{0,40})?",
    _ME + r" (?:take|do) (?:a couple more|one more|two more|three more|a few more|(?:the |a )?last (?:one|question)|one last (?:one|question)|(?:your |some |a few |a couple of )?questions)(?: (?:from you|here|now|today))*",
    _ME + r" (?:wrap(?: it)? up|call on [a-z]+(?: [a-z]+)?|give (?:you|it) a (?:second|minute)|(?:go|wrap|end|stop) (?:here|now|there|it there|it here|up))" + _LATER,
    r"(?:who|anybody|anyone|somebody|someone) (?:else|i haven't called on|have i not called on|haven't i called on|in the back)(?: (?:here|there|now|today|in (?:a while|a long time|forever)))?",
    r"(?:i've|i have) never (?:seen|called on) you(?: in (?:the room|here))?(?: before)?",
    r"(?:i|we) (?:haven't|have not) (?:called on|gotten to|seen|heard from) (?:you|her|him) in (?:a while|a long time|a minute|forever)",
    r"(?:you|we|they)(?:'re| are| have| got)? (?:got |been )?(?:at time|out of time|to wrap|to go|to gather|landing|about to land|gathering)(?: (?:now|soon|here|in (?:a|one|five|two|three) (?:second|minute)s?))*",
    r"(?:i|we) (?:don't|do not) have (?:much|a lot of|any more|more) time(?: (?:today|here|left))?",
    r"(?:we're|we are|you're|you are|i'm|i am) (?:so close|almost done|running (?:out of|short on) time|on the clock|at time)",
    r"(?:give me|just give me|bear with me|hang on|hold on)(?: (?:a|one))? (?:second|sec|minute|moment)(?: (?:here|please))?",
    r"(?:say (?:that|it)(?: again| one more time| once more)?|i didn't hear the (?:beginning|end|question|last part|first part)|tell me more|what do you mean|what's your question|say that (?:one )?more time|say that last part|can you repeat (?:that|the question)|what was (?:that|the question)|sorry,? what|i didn't (?:hear|catch) (?:that|you|the question)|come again|what)",
    r"(?:(?:well|so|look|okay),? )?(?:that's|that is|it's|what|it is) (?:a |such a )?(?:good|great|fair|important|interesting|tough|excellent|very good|really good|loaded) question",
    r"(?:good|great|fair|excellent) question",
    r"(?:(?:and|so|okay),? )?(?:i think )?(?:at this point,? |now,? )?(?:i'm|i am|we're|we are) (?:now )?(?:happy|glad|ready) to (?:take|answer) (?:your |some |a few |a couple of )?questions?(?: (?:now|today|from you))?",
    r"(?:[a-z]+, )?(?:(?:and|so),? )?(?:i'll|i will|i'm going to|let me|i want to|i'd like to|i'm gonna)\b[^.?!:]{0,100}\b(?:turn(?:ing)? it (?:back )?over to|hand(?:ing)? it (?:back )?(?:over )?to|pass(?:ing)? it (?:back )?(?:over )?to)\b[^.?!]{0,60}",
    r"(?:so,? )?let me (?:just )?(?:say|offer|make) (?:a few|a couple of|two|three) (?:things|points|words)[^.?!:]{0,100}",
    r"(?:i'm|i am|i'd be|i would be) (?:happy|glad) to (?:check|follow up|circle back|look into)[^.?!]{0,120}",
    r"[^.?!:]{0,100}\b(?:get back to you|follow up with you|circle back with you)\b(?:[^.?!]{0,20}|,? if [^.?!]{0,60})",
    r"(?:(?:so|okay|all right|and),? )*(?:i|we)(?: just)?(?:'ve| have)? (?:got |just )?(?:a couple|two|three|one|a few|several) (?:of )?(?:things|items|item|announcements|updates|toppers)(?: (?:for (?:all of )?you|at the top|to start|today))*(?: [\u2014\u2013-]+ (?:a |the )?week ahead)?",
    r"(?:(?:so|okay|all right|and),? )*(?:a couple|two|three|a few) (?:of )?(?:things|questions|quick ones|quick questions|items)(?: (?:for you|at the top|to start|today|here|actually))*",
    # who speaks next on a call: "Today, Dr. Walensky will share the latest on Omicron."
    r"(?:(?:so|okay|and|now),? )*(?:today,? |next,? |first,? |then,? |after (?:that|me),? )?(?:dr\.|mr\.|ms\.|secretary|administrator|director)? ?[a-z'’-]+(?:,? after i (?:speak|finish),?)? will (?:share|provide|present|give|walk (?:us|you) through|discuss|take (?:us|you) through)(?: (?:an|a brief|the latest|his|her|their))? (?:update|the latest|overview|remarks|some remarks|data)[^?!]{0,120}",
    r"(?:(?:so|okay|and|now),? )*(?:today,? )?(?:we'll|we will|let's|i'll) (?:start|begin|kick (?:it|things) off) with (?:an update|remarks|a few words|an overview) from [^?!]{0,140}",
    r"(?:(?:maybe|so|okay),? )*you were (?:waiting|getting ready) to (?:read|ask)[^.?!]{0,80}",
    r"i (?:missed|didn't get) the joke",
    r"(?:i|we) (?:have|got) nothing (?:at the top|to start with|for you at the top)(?: today)?",
    r"(?:(?:so|okay|and),? )*let me (?:do|take) (?:one|two) more(?: in the back| in the front| here)?\b[^?!]{0,120}",
    r"(?:(?:well|so|okay),? )*(?:[a-z.]+ )?[a-z'’.-]+, (?:maybe )?(?:you can|can you|could you|do you want to|would you) (?:do|take|give|say|speak to|talk about|address) (?:(?:a (?:minute|second|word) or two|a minute|a few words)(?: on [^?!]{0,80})?|the [a-z-]+ (?:question|one))",
    r"(?:i|we) (?:don't|do not) have (?:[^.?!]{0,30})?(?:topper|toppers|anything at the top|anything (?:else )?to (?:start|begin) with)[^.?!]{0,40}",
    r"(?:i'm going to|i am going to|i'm gonna|let me|i'll|i will|i'm trying to|i want to|i'm just going to)(?: just)? (?:try (?:and|to) )?call on (?:people|someone|somebody|folks|those|you|[a-z]+)[^.?!]{0,60}",
    r"(?:i|we)(?:'m| am| will|'ll)? not (?:going to )?call on [^.?!]{0,40}",
    r"(?:(?:yeah|so|okay|well),? )*(?:let me|i'll|i can|i'm happy to|happy to) (?:just )?start(?: off| it)?(?: with [a-z.'-]+(?: [a-z.'-]+)?)?(?:,? (?:but|and|then)[^.?!]{0,100})?",
    r"[^.?!]{0,60}\b(?:i would love|i'd love|i'd welcome) [a-z.'’-]+(?: [a-z.'’-]+)?(?:'s|’s) (?:thoughts|views|take)\b[^.?!]{0,30}",
    r"[^.?!]{0,60}\bsee if [a-z.'’ -]{2,40} has anything (?:else )?to add\b[^.?!]{0,30}",
    r"(?:(?:sorry|okay|so),? )*(?:i'm|i am) (?:just )?going to give (?:people|everyone|folks|you) a (?:moment|second|minute)[^.?!]{0,60}",
    r"tell me more(?: about (?:what you mean|that|this))?(?:,? exactly)?",
    r"(?:(?:and|so|okay),? )*(?:i will|i'll|i'm going to|let me) (?:jump|move|go) (?:around|on)(?: to)? (?:to )?(?:people|folks|the next (?:person|question)|someone|others)[^.?!]{0,60}",
    r"(?:(?:otherwise|okay|so|and),? )*(?:i'm|i am) going to move on(?: to (?:the next (?:person|question)|someone else))?",
    r"(?:(?:i think|okay|so),? )*(?:we've|we have|i've|i have) got to move on",
    r"(?:(?:so|well|okay),? )*someone (?:may have|might have|probably) asked (?:this|that)(?: earlier| before)?[^.?!]{0,40}",
    r"(?:we'll|we will|i'll) be back(?: tomorrow| soon| later)?",
    r"[^.?!]{0,40}\bwhoever wants to (?:go|start|take (?:it|that|this)|answer|jump in)\b[^.?!]{0,20}",
    r"[^.?!]{0,60}\b(?:(?:i am|i'm) (?:delivering|introducing|bringing you|pleased to (?:welcome|introduce))|(?:we are|we're) (?:thrilled|pleased|delighted|happy|excited|glad) to (?:have|welcome) [a-z]+)\b[^?!]{0,260}",
    r"(?:(?:and|so|well|okay),? )*(?:hopefully )?(?:i'll|we'll|i will|we will) see (?:you|some (?:of you|folks)|everyone|everybody|you all)\b[^.?!]{0,100}",
    r"(?:(?:so|okay|and|all right),? )*(?:[a-z]+,? )?(?:open it up|open up the (?:floor|call|lines?)|let's open (?:it )?up|take us to (?:q&a|questions))(?: (?:for us|for (?:some |a few |your |a couple of )?questions|to questions|for q&a|to q&a))?(?:\. [^?!]{0,120})?",
    r"(?:(?:and|oh|well),? )*(?:congratulations|congrats)(?: (?:on|to) [^.?!]{0,60})?",
    r"(?:(?:and|also|so),? )*you(?:'re| are) taking (?:up )?time (?:off the clock|from your colleagues)[^.?!]{0,80}",
    r"(?:(?:well|so|okay),? )*(?:i )?(?:just )?want to make sure (?:that )?i (?:understand|heard|got) (?:your|the) question(?: correctly| right)?",
    r"(?:(?:oh|and|so),? )*(?:[a-z]+,? )?(?:just[ \u2014\u2013-]*)?you asked (?:me )?(?:a question |about (?:this|that) )?(?:yesterday|earlier|last week|before|the other day)(?: about [^.?!]{0,40})?",
    r"[^.?!:]{0,60}\bsee if (?:[^.?!]{0,60} )?(?:wants|would like|want) to (?:add|jump in|take (?:that|this|it|one)|weigh in)\b[^.?!]{0,60}",
    r"(?:and )?you(?:'re| are)(?: being)?[ \u2014\u2013-]*(?:you(?:'re| are) )?being (?:disrespectful|rude)[^.?!]{0,100}",
    r"(?:i|we)(?:'ll| will| may| might| can| would)?(?: have to| need to)? (?:check|circle back|follow up)\b[^.?!:]{0,60}\bfor you\b[^.?!]{0,60}",
    r"(?:(?:and|so),? )?(?:we|i)(?:'ll| will| can| could)? (?:get|send|follow up|share)[^.?!:]{0,60}\bafter (?:the|this) (?:briefing|call|gaggle)\b[^.?!]{0,40}",
    r"(?:i|we)(?: can|'ll| will|'d be happy to| could)? (?:check (?:on that|on this|with (?:the|our) team|and get back to you)|follow up with you|get back to you|circle back(?: with you)?)(?: on (?:that|this))?(?: for you)?",
    r"(?:let me|let's) (?:just )?(?:see|think|finish|start|check)(?: here| that| about that| my answer| my thought| there| for a second)*(?:,? because [^.?!]{0,100})?",
    r"(?:[a-z]+ [\u2014\u2013-]+ )*let [a-z]+ (?:ask|finish) (?:his|her|their|the) question",
    r"(?:(?:so|okay|and),? )*we'll (?:each|both|all) (?:deliver|give|make|say) (?:some|a few|brief) (?:remarks|words|comments)(?:,? and then (?:open it up|take (?:your |some )?questions)(?: for questions)?)?",
    r"(?:let me|i'll|i will|i'm going to) (?:just )?(?:start|begin) with (?:the|your) (?:first|second|third|last|other) (?:part|piece|question|one)\b[^.?!]{0,100}",
    r"(?:(?:so|okay|all right|and),? )*(?:let's|we'll|we will|we're going to|i'm going to|i'll) (?:now )?(?:open (?:it )?up|go|turn|move) (?:to|for) (?:q&a|questions|the questions|your questions|q and a)[^.?!]{0,100}",
    r"(?:hi,? |hello,? )?(?:my name is|this is) [a-z.'-]+(?: [a-z.'-]+){0,2},? (?:and )?(?:i am|i'm) (?:the|a|an) [^.?!]{0,100}",
    r"(?:dr\. |mr\. |ms\. |mrs\. )?[a-z.'-]+(?: [a-z.'-]+)? (?:is|will be|are) (?:happy|glad|here|available) to (?:come back|take (?:your |some )?questions|answer (?:your |some )?questions|stay)[^.?!]{0,40}",
    r"(?:(?:well|so|and),? )*(?:i don't know if )?(?:anybody|anyone|somebody|someone) (?:else )?(?:wants?|would like) to (?:take|add|jump in|answer|address)[^.?!]{0,100}",
    r"(?:(?:maybe|so|and|well),? )*(?:i can|let me|i'll|i will|i could|i'd|i would|i'm happy to|i am happy to) (?:just )?(?:give|offer|provide|share) (?:you )?(?:a few|some|a little|a couple of|a bit of|more)(?: more)? (?:details|color|colour|context|background)(?: on (?:that|this))?",
    r"(?:oh,? )?(?:you guys|guys|folks|everyone|everybody)(?:,? (?:please|come on|thank you|thanks|hold on|one second))*",
    r"(?:the floor is (?:now )?open|now,? questions|questions|any questions|any other questions|i'll take (?:your )?questions)",
    r"(?:crosstalk|cross-talk|inaudible|laughter|laughs|applause|off-mic|off mic|technical difficulties|audio (?:drops|cuts out)|pause|sighs)[^.?!]{0,60}",
    r"(?:hi,? )?[a-z]+(?: [a-z]+)? (?:with|from) (?:cbs|nbc|abc|cnn|fox|npr|axios|reuters|the ap|ap|bloomberg|politico|the washington post|the new york times|the wall street journal)(?: news)?",
    r"(?:i'm|i am) (?:moving on|going to move on|going to keep going|going to go around|trying)(?:,? guys| here)?",
    r"(?:you've|you have) (?:had|asked) (?:your|a|two|three|several|a couple of) (?:questions?|follow-?ups?|turns?)",
    r"(?:(?:i think|so|okay|all right),? )*(?:we|i)(?:'ve| have)? (?:should|need to|have to|got to|gotta) (?:wrap(?: it)? up|go|gather|get going|sit down|land)(?: now| here| soon| in a (?:second|minute))?(?:,? (?:because|since|as) [^.?!]{0,80})?",
    # a background call's ground rules (names in brackets are dropped before matching): "As a
    # reminder, this call is on background and embargoed until the end.", "For your awareness
    # but not for reporting, our speaker today is [official].", "Over to you for opening remarks."
    r"(?:(?:and|so|again|okay|just|now|first|as a reminder(?: of the ground rules)?|a reminder|for the ground rules|(?:and )?as always),? )*(?:today's |this |the |our |and )?(?:call|briefing|conversation|discussion|background call|press call|session|it)(?: today)?(?: will be| is| are| is going to be| remains?)(?: (?:also|again|still))? (?:on background|on the record|off the record|embargoed|attributable|attributed|not for attribution)\b[^?!]{0,200}",
    r"[^.?!]{0,60}\bcontents?(?: of (?:this|the|today's) (?:call|briefing))? (?:are|is|will be|remain) (?:under )?embargo(?:ed)?\b[^?!]{0,120}",
    r"(?:(?:just|and|but|so|also),? )*for (?:your|everyone's|everybody's|your own|all of your) (?:(?:situational )?awareness(?: only)?|(?:information|reference) only)(?:,? (?:but|and) not for (?:reporting|attribution|publication|quotation))?[,:;]? [^?!]{0,160}",
    r"[^.?!]{0,80}\bground rules\b[^.?!]{0,80}",
    r"(?:(?:and|so|also|okay),? )*(?:our |the |today's )?(?:main |other )?(?:speakers?|briefers?|senior administration officials?)(?: today| on (?:this|today's|the) call| for (?:this|today's) call)*(?: (?:is|are|will be|is going to be))[^.?!]{0,40}",
    r"(?:(?:and|so|also),? )*(?:also )?(?:on the line|joining us|with us)(?: today)? (?:is|are|will be)\b[^.?!]{0,60}",
    r"[^.?!]{0,40}\b(?:referred to as|attributed to|attributable to) (?:an? )?[\"“]?senior (?:administration|state department|u\.s\.|defense|white house) officials?[\"”]?[^.?!]{0,40}",
    r"[^.?!]{0,60}\b(?:turn|hand|pass)(?:ing)? (?:it|things) (?:back )?over to (?:you|the speaker|our speaker|him|her|them)\b[^.?!]{0,80}",
    r"(?:(?:so|and|okay),? )*over to you\b[^.?!]{0,80}",
    r"(?:(?:and|so|then),? )*after (?:your|his|her|their|the) (?:remarks|opening remarks|comments),? (?:we'll|we will|we're going to) (?:open it up|open up the (?:call|floor|lines?)|take (?:your |some )?questions)\b[^.?!]{0,40}",
    r"(?:not for (?:reporting|attribution)(?: purposes)?,? (?:but|and) )?(?:just )?for (?:just )?(?:your|everyone's|everybody's|your own|all of your) (?:awareness|knowledge|edification)\b[^?!]{0,160}",
    r"[^.?!]{0,100}\b(?:embargoed|under embargo|(?:lift|break)s? the embargo|the embargo (?:breaks|lifts))\b[^.?!]{0,140}",
    r"[^.?!]{0,160}[\"“]senior (?:administration|state department|u\.s\.|defense|white house) officials?\b[^.?!]{0,200}",
    r"[^.?!]{0,60}\b(?:pass|kick|hand) (?:it|things) (?:off |over |back )?to\b[^.?!]{0,100}",
    r"[^.?!]{0,60}\bturn (?:it|things) (?:back |first )?over\b[^.?!]{0,100}",
    r"(?:(?:and|so|also|but),? )*(?:on (?:today's|this|the) call,? )?(?:we(?:'re| are)? (?:also )?(?:have|joined by)|(?:joining|with) us(?: again| today| this (?:morning|afternoon|evening)| on (?:the|this) call)* (?:is|are|we have))[ ,.and]{0,12}",
    r"(?:[^.?!]{0,60}\b)?(?:we|i|we'll|i'll|we're|i'm|let's)\b[^.?!]{0,40}\b(?:take|have (?:some )?time for|get (?:in)?to|answer) (?:some |a few |a couple of |your |as many |any )?(?:of your )?questions\b[^.?!]{0,80}",
    r"[^.?!]{0,100}\b(?:remarks|comments|words) (?:at|up|off) the top\b[^.?!]{0,100}",
    r"(?:[,\s]|\d{1,2}(?::\d{2})?|(?:eastern|pacific|central european|central|israeli standard|mountain)(?: standard)?(?: time)?|today|tomorrow|tonight|morning|afternoon|evening|monday|tuesday|wednesday|thursday|friday|saturday|sunday|(?:january|february|march|april|may|june|july|august|september|october|november|december) \d{1,2}(?:st|nd|rd|th)?)+",
]
_COURTESY = lazy_compile(r"^(?:" + "|".join(f"(?:{p})" for p in _COURTESY_PATTERNS) + r")$")
_COURTESY_FEW_LETTERS = lazy_compile(r"^(?:" + "|".join(f"(?:{p})" for p in (_GREETING, _FAREWELL)) + r")$")
_LATIN_LETTER = re.compile(r"[a-z]")

_LEAD = re.compile(r"^(?:(?:again|look|so|well|and|but|okay|ok|now|yeah|yes|oh|um|uh|listen|anyway|with that|[a-z]+),\s+|(?:and|but|so|oh)\s+)")
# A vocative: the spokesperson's or a reporter's name alone ("Karine —", "Jen?", "Mr. Kirby,").
_VOCATIVE = re.compile(r"^(?:(?:mr|ms|mrs|dr|madam|madame|sir|ma'am)\.? ?)?[a-z][a-z'.-]+(?: [a-z][a-z'.-]+)?$")
_STAGE = re.compile(r"\((?:[^()]{0,80})\)|\[(?:[^\[\]]{0,80})\]|\*[^*]{0,40}\*")
_NON_SENTENCE = re.compile(r"[^\w?]+")

# Requests for the floor: what a question says when it only asks to ask.
_FLOOR_REQUEST = lazy_compile(
    r"^(?:(?:mr|ms|mrs|dr)\.? )?(?:[a-z][a-z'-]+(?: [a-z][a-z'-]+)?, )?"  # an addressee: "Karine, can I…", "Mao Ning, one more"
    r"(?:(?:and|but|so|okay|ok|yeah|sorry|well|oh|also|actually|hey|hi|please),? )*"
    r"(?:(?:can|could|may|might) i (?:just )?(?:ask|have|get|follow(?: up)?|piggyback|piggy back|jump in|add|squeeze)|"
    r"(?:can|could) (?:you|we) (?:take|come to|go to|get to)|"
    r"(?:do|have) you (?:got|have) time|you got time|"
    r"(?:i have|i've got|i got|just|one|a|two|another|and)\b[^?]{0,30}\b(?:question|questions|one|ones|follow-?up|follow)|"
    r"(?:a |one |quick |just a |and a )?follow(?:-| )?(?:up)?|to follow(?: up)?|following up|"
    r"(?:the |to the |in the |all the way )?back(?: of the room)?|"
    r"are you (?:good|done|going to stick around|staying)|you good|is it a gather|should we gather|"
    r"(?:i'm|i am) out of questions|we need to (?:gather|go)|it's my turn)\b"
)
_ASKS_AFTER = re.compile(r"[:?\u2014\u2013-]\s*(?:what|when|why|how|where|who|which|is|are|does|do|did|will|would|can|could|should|has|have)\b")
_FLOOR_TAIL_OK = re.compile(r"^[^?]{0,60}\??$")

_STOP = frozenset(
    """a an the and or but so if then than that this these those there here it its it's is are was were be
    been being am do does did doing have has had having i me my we us our you your he him his she her they
    them their what which who whom whose when where why how not no yes yeah okay ok of in on at to for from
    by with about as into over after before up down out off just also very really quite only even still
    again more most much many some any all one two three can could may might will would shall should must
    let let's get got go going gonna want wanted know think mean guess say said says well oh sure right
    like kind sort lot bit little thing things way quick quickly briefly question questions ask asking
    follow follow-up followup back thank thanks please sorry hi hello hey look actually i'm you're we're
    that's it's i've i'll i'd don't can't won't didn't isn't aren't wasn't there's he's she's they're
    madam sir ma'am mr ms mrs dr first second last another other else one more topic subject same
    now today take taking gather gathering wrap room row guys folks everyone everybody time minute
    moment seat seats land landing whatever talk want around come came coming email good okay""".split()
)
_WORD = re.compile(r"[a-z][a-z'\u2019-]*")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
# What runs a Chinese briefing room: thanks, greetings, handing over the floor, closing the
# conference ("今天的记者会到此结束"), asking for more questions ("还有没有问题？" / "没有了").
_CJK_COURTESY_PHRASES = (
    "今天的记者会就到这里", "今天的记者会到此结束", "今天记者会到此结束", "记者会到此结束", "记者会就到这里",
    "到此结束", "就到这里", "还有没有其他问题", "还有没有问题", "还有其他问题吗", "还有问题吗", "有没有问题",
    "没有问题了", "没有其他问题", "没有了", "下一个问题", "最后一个问题", "最后一个", "请继续提问", "请继续",
    "请提问", "请讲", "请这位记者", "这位记者", "那位记者", "请那位", "请这位", "女士们先生们", "各位记者朋友",
    "各位记者", "记者朋友们", "大家下午好", "大家上午好", "大家好", "下午好", "上午好", "你好", "您好", "欢迎",
    "谢谢大家", "谢谢各位", "感谢大家", "谢谢你", "谢谢您", "谢谢", "感谢", "好的", "再见", "周末愉快",
    "我们下次再见", "下次再见", "好", "请", "是的", "对",
)
_CJK_COURTESY = re.compile("(?:" + "|".join(_CJK_COURTESY_PHRASES) + ")+")
_CJK_COURTESY_ANY = re.compile("|".join(_CJK_COURTESY_PHRASES[:-3]))  # not 好/请/对 inside words
_SENT_SPLIT = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+|(?<=[。！？])[”’」』）)]*\s*|\n+|"
                         r"\s+[\u2014\u2013]\s*(?=[A-Z])")


def _norm(text: str) -> str:
    t = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00a0", " ")
    t = _STAGE.sub(" ", t)
    t = re.sub(r"\s+", " ", t).strip().lower()
    t = t.strip(" \t\"'\u201c\u201d" + _DASHES + "\u2026.,;:!")
    return t


def sentences(text: str) -> list[str]:
    """Sentences and dash-separated fragments of `text` (stage directions kept in place)."""
    return [s.strip() for s in _SENT_SPLIT.split(text or "") if s and s.strip()]


def _stage_only(sentence: str) -> bool:
    """"(Inaudible.)", "(Cross-talk by reporters.)", "(Laughter.)": nothing but a stage direction."""
    s = sentence.replace("\u00a0", " ")
    return bool(s.strip()) and not _NON_SENTENCE.sub("", _STAGE.sub("", s)).strip("?")


def _courtesy(line: str) -> bool:
    """Whether `_COURTESY` matches a lower-case line, without that large pattern for most lines
    of a Chinese briefing: of its courtesies only those that can take a Chinese character can
    match a line holding one, and each needs two Latin letters or more, all but the greeting
    and the farewell five or more (tests/test_procedural.py reads this off the patterns)."""
    if _CJK_RUN.search(line):
        letters = len(_LATIN_LETTER.findall(line))
        if letters < 2:
            return False
        if letters < 5:
            return _COURTESY_FEW_LETTERS.match(line) is not None
    return _COURTESY.match(line) is not None


@lru_cache(maxsize=65536)
def is_courtesy_or_moderation(sentence: str) -> bool:
    """True for a sentence that only greets, thanks, hands over the floor or fills time."""
    if not sentence or not sentence.strip():
        return True
    if _stage_only(sentence):
        return True
    s = _norm(sentence).rstrip("?").strip()
    if not s:
        return True
    if len(s) > 300:
        return False
    s = s.rstrip(" " + _DASHES + ".,")
    if _courtesy(s):
        return True
    # "we're going to going to move on": a repeated phrase said once
    s = _REPEAT.sub(r"\1", s)
    if _courtesy(s):
        return True
    # "Again, April, I appreciate the question." — discourse markers and a vocative first
    t = s
    for _ in range(3):
        m = _LEAD.match(t)
        if not m:
            break
        t = t[m.end():]
        if _courtesy(t):
            return True
    # "Thanks, Jen. Go ahead, Steve." → parts separated by commas/dashes, each courtesy or a name
    parts = [p.strip() for p in re.split(r"\s*[,;]\s*|\s+[\u2014\u2013-]+\s*|[\u2014\u2013]+", s) if p.strip()]
    if len(parts) > 1 and all(_courtesy(p) or _VOCATIVE.match(p) for p in parts):
        return any(_courtesy(p) for p in parts) or len(parts) <= 2
    # "So, first — first, let me — let me say a couple of things.": a stutter before the line
    for m in _DASH_BREAK.finditer(s):
        if [w for w in _WORD.findall(s[:m.start()]) if w not in _STOP]:
            break
        if _courtesy(s[m.end():].strip()):
            return True
    # "I don't think I've called on you in a while.", "Simon, you asked that last week.",
    # "We have Jake Sullivan here.": nothing but the room, the exchange and the people in it
    return bool((_ADDRESS.search(s) or _META_NOUN.search(s))
                and not _words_beyond_the_room(sentence, s))


def _words_beyond_the_room(sentence: str, norm: str, asked: frozenset[str] = frozenset()) -> list[str]:
    """Words of `sentence` that are not about the room, the exchange, the people in it or (when
    given) the topic the reporter named (`asked`: five-letter prefixes of the question's words)."""
    names = _names(sentence)
    return [w for w in _WORD.findall(_SEE_YOU.sub(" ", norm)) if w not in _STOP and len(w) > 1
            and w not in _ROOM_WORDS and w not in names and w not in _META_WORDS and w[:5] not in asked]


def echoes_the_question(sentence: str, question: str) -> bool:
    """A remark on the question that only repeats its topic: "Because I've answered the tariff
    question several times today." / "On the second part of your question, you mean the trip."
    (the sentence names the question or the asking, and has no word of its own beyond the room)."""
    if not question:
        return False
    s = _norm(sentence)
    if not _ABOUT_THE_QUESTION.search(s):
        return False
    asked = frozenset(w[:5] for w in substance_words(question))
    if _words_beyond_the_room(sentence, s, asked):
        return False
    # a few words of the topic at most: more is an answer in the question's own words
    return len(_words_beyond_the_room(sentence, s)) <= 3


_ABOUT_THE_QUESTION = re.compile(
    r"\b(?:premise|asked|asking|answered|referring to|you mean|you're talking about)\b")


def _names(sentence: str) -> frozenset[str]:
    """Capitalised words of `sentence` (lower-cased) other than its first, which counts only as a
    vocative ("Simon, …"): the people and outlets a room-only sentence may name."""
    toks = re.findall(r"[A-Za-z][\w'’.&-]*,?", sentence.replace("’", "'"))
    out = {t.rstrip(",.").lower() for t in toks[1:] if t[0].isupper()}
    if toks and toks[0][0].isupper() and toks[0].endswith(","):
        out.add(toks[0].rstrip(",.").lower())
    out.discard("i")
    return frozenset(out)


_REPEAT = re.compile(r"\b((?:[a-z']+ ){1,3})\1")
_SEE_YOU = re.compile(r"\b(?:see|hear|hearing|heard) you\b")
_DASH_BREAK = re.compile(r"\s+[—–-]+\s*|[—–]+")
# Words that make a sentence about the exchange itself: the question, who asked it, who is heard
_META_NOUN = re.compile(
    r"\b(?:question|questions|premise|asked|answered|answering|call on|called on|calling on|hear you|hearing you|"
    r"see you|cut out|e-?mail|briefing|podium|(?:i|we) (?:have|'ve got|got) [^.?!]{2,60} here)\b")
_META_WORDS = frozenset("""premise understand understood answering answered similar earlier recently middle
    missed trying wonder hearing hear heard hard cut e-mail email promise harder funny enough often
    expecting deserve kick somebody someone week yesterday feel wouldn't kicked having make ahead
    since we'll you'll try people haven't half totally part beginning took literally yelling inbox soon gotten explain
    multiple times several referring mean talking something anything""".split())


_ADDRESS = re.compile(r"\b(?:you|your|you're|we'll|i'll|i've|let me|let's)\b")
_ROOM_WORDS = frozenset("""called call calling calls questions question guest guests special honored honoured
    joining join joined here there tomorrow today tonight briefing briefings podium room start started add
    adding thoughts back moment because haven't hasn't yet already before ever second minute minutes jump move moving answer answered
    answering asked asking ask while ever both everybody everyone folks guys colleague colleagues
    welcome kick""".split())


def substance_words(text: str) -> list[str]:
    """Content words of `text` outside courtesy/moderation sentences and stage directions."""
    return list(_substance_words(text or ""))


@lru_cache(maxsize=65536)
def _substance_words(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for sent in sentences(_STAGE.sub(" ", text or "")):
        if is_courtesy_or_moderation(sent):
            continue
        norm = _norm(sent)
        cjk = "".join(_CJK_RUN.findall(norm))
        if cjk and not _CJK_COURTESY.fullmatch(cjk):
            cjk = _CJK_COURTESY_ANY.sub("", cjk) if len(cjk) < 40 else cjk
            out.extend(cjk[i:i + 2] for i in range(0, len(cjk) - 1, 2))  # two characters a word
        words = _WORD.findall(norm)
        if len(words) <= 2 and not cjk and _VOCATIVE.match(" ".join(words) or "-"):
            continue  # "Karine —", "Jen?"
        out.extend(w for w in words if w not in _STOP and len(w) > 1)
    return tuple(out)


def _first_substance_words(text: str, limit: int) -> list[str]:
    """Like `substance_words`, sentence by sentence, stopping once `limit` words are found."""
    out: list[str] = []
    for sent in sentences(_STAGE.sub(" ", text or "")):
        out.extend(_substance_words(sent))
        if len(out) >= limit:
            break
    return out


def _is_floor_request(question: str) -> bool:
    """"Can I follow up?", "One more on China?", "To the back, please?" — asking to ask."""
    q = _norm(question)
    m = _FLOOR_REQUEST.match(q)
    if not m:
        return False
    tail = q[m.end():]
    if _ASKS_AFTER.search(tail):
        return False  # "Follow-up on that: when will the response come?"
    return bool(_FLOOR_TAIL_OK.match(tail)) and len(substance_words(question)) <= 4


def _fragment(text: str) -> bool:
    t = (text or "").strip()
    return t.startswith(("\u2014", "\u2013", "-")) or t.endswith(("\u2014", "\u2013", "-", "\u2014 \u2014"))


_MIN_QUESTION_WORDS = 4  # content words that make a question of substance
_PREAMBLE_WORDS = 12  # a preamble this long is a statement of its own (measured on WH 2022)
_MIN_ANSWER_WORDS = 4  # content words that make an answer of substance
_YES_NO = re.compile(r"^(?:yes|no|nope|not yet|not at this time|correct|that's correct|that's right|absolutely|absolutely not|of course|certainly|i don't know|no comment)\b", re.I)
# "On the Electoral Count Act —", "And then, on the G20 —", "Karine, on Boris Johnson?": a topic named, not asked
_TOPIC_INTRO = re.compile(
    r"^(?:[a-z'.-]+, )?(?:(?:and|but|so|okay|ok|now|then|also|and then|sorry|separately|quickly|really quickly|specifically|just|finally),? )*"
    r"(?:(?:switching|shifting|turning|going|moving|pivoting|coming) (?:gears )?(?:back )?(?:to|on)|on|about|regarding|back to|"
    r"(?:a|one|another|just a|and a|two|a couple of|a quick|one quick|one other|one more)(?: \w+)? (?:questions?|ones?|things?) (?:on|about|regarding))"
    r" [^?.:]{1,60}$")
# "can I ask …", "one more on …", "a follow on that": asking for the floor, anywhere in a short question
_FLOOR_ANYWHERE = re.compile(
    r"\b(?:(?:can|could|may) i (?:just )?(?:ask|follow|have one|get one)|can you take my question|"
    r"(?:one|a) (?:more|last|final) (?:quick )?(?:one|question)?|a follow(?:-?up)?\b|follow up on (?:that|this)|"
    r"to the back|in the back|back of the room|you got time for)\b")


_QUESTION_WORD = re.compile(
    r"(?:^|[,;:\u2014\u2013-]\s*|\b(?:and|but|so|then|also)\s+)"
    r"(?:is|are|was|were|will|would|can|could|should|do|does|did|has|have|what|which|when|why|how|"
    r"where|who|whom|whose)\b")


def _real_question(question: str) -> bool:
    """A sentence that asks something of substance ("Which companies would be targeted?"),
    not a request for the floor ("Can I follow up?") or a courtesy ("Are you good?")."""
    for sent in sentences(_STAGE.sub(" ", question)):
        if not sent.rstrip(" \"'\u201d\u2019)").endswith("?"):
            continue
        if _is_floor_request(sent) or is_courtesy_or_moderation(sent):
            continue
        if len(substance_words(sent)) <= 3 and _FLOOR_ANYWHERE.search(_norm(sent)):
            continue  # "Karine, on his speech yesterday, could I follow up?"
        if _QUESTION_WORD.search(_norm(sent)) and substance_words(sent):
            return True
    return False


def without_the_room(text: str) -> str:
    """`text` without its courtesy and room-running sentences (a call's ground rules, "Over to
    you."): what a statement says of substance."""
    return " ".join(s for s in sentences(text or "") if not is_courtesy_or_moderation(s))


def is_procedural_statement(text: str) -> bool:
    """True for a statement (no question) made only of courtesy and room-running sentences:
    a background call's ground rules, "Over to you.", "Thanks, everybody, for joining."."""
    return bool((text or "").strip()) and not substance_words(text)


def is_procedural(question: str, answer: str) -> bool:
    """True when a Q&A item only runs the room (see the module docstring)."""
    question = (question or "").replace("？", "?")
    answer = (answer or "").replace("？", "?")
    q_words = substance_words(question)
    a_words = _first_substance_words(answer, 16)  # enough to tell; long answers stop early
    a_norm = _norm(answer)
    q_norm = _norm(question)
    a_fragment = _STAGE.sub(" ", answer).strip().endswith(("\u2014", "\u2013", "-"))
    q_fragment = _fragment(_STAGE.sub(" ", question))
    a_substantive = len(a_words) >= _MIN_ANSWER_WORDS and not (a_fragment and len(a_words) < 8)
    if a_substantive:
        return False
    # the answer says nothing of substance (empty, backchannel, moderation or a cut-off fragment)
    if not q_words:
        return True  # "Thanks, Karine." / "(Inaudible.)" / "Karine?" / "—"
    if _real_question(question):
        return False  # "Just a quick follow-up. Is there a timeline for that?" / "I'm not aware."
    if _is_floor_request(question):
        return True
    # an answer that only repeats the question's words ("On Boris Johnson?" / "Go ahead, on Boris
    # Johnson.") replies to nothing
    asked = set(q_words)
    a_new = [w for w in a_words if w not in asked]
    direct_reply = bool(_YES_NO.match(a_norm)) or (
        bool(a_new) and not a_fragment and not is_courtesy_or_moderation(answer))
    if direct_reply and len(a_new) >= 2:
        return False  # "So, he's open to that —" / "He's always been open."
    if len(q_words) <= 3 and _FLOOR_ANYWHERE.search(q_norm):
        return True  # "On Brittney Griner — can I ask you on that?"
    if _TOPIC_INTRO.match(q_norm.rstrip("?").strip(" " + _DASHES)) and len(q_words) <= 5:
        return True  # "On the Electoral Count Act —" / "Yes."
    if "?" in question:
        # a real question keeps its item, whatever the answer ("Any comment?" / "No.")
        return False
    if direct_reply and len(q_words) >= 2:
        return False  # "So it was a staffer —" / "Yes."
    if not answer.strip():
        # the question runs on into the next item: substance only when it already says something
        if not q_fragment:
            return len(q_words) < 2  # "Karine, the Queen has died."
        return len(q_words) < _MIN_QUESTION_WORDS + 1
    # a preamble answered by "Yeah." / "Mm-hmm." continues in the next question
    return len(q_words) < _PREAMBLE_WORDS
