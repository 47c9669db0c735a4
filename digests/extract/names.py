"""Names in speaker phrases: the subject of a speech verb cut from its clause, and the person in a title run."""

from __future__ import annotations

import re
from functools import lru_cache

from digests.extract.sentences import SP, clean
from digests.extract.vocab import DEMONYMS, NON_PERSON_WORDS, TITLES, words

# A time or manner phrase closing a subject: "the Lebanese health ministry on Monday", "an official with
# knowledge of", "a spokesperson ... operating in the sector". Places and bodies ("source in the state
# prosecution service", "spokesperson for the 59th Brigade") stay: they are part of the description.
_TRAILING_PHRASE = re.compile(
    r"\s(?:on|during|late|early|earlier|last|this|via|through|after|before|while|when|without|citing"
    r"|with(?!\s(?:direct\s)?knowledge)"  # "with" cuts, but "a person with direct knowledge of ..." is a description
    r"|speaking|who|whom|which|whose|where)\s.*$"  # time words, relative clauses
    r"|\s(?:affiliated|aligned|allied|linked|backed|run|controlled)\s(?:with|to|by)\s.*$"  # "the Ministry of Health
    # affiliated with Hamas": whom a body answers to is no part of its name
    r"|\s(?:in|at)\s(?:(?:a|an|his|her|their|its|the)\s)?(?:\d|statement|interview|briefing|speech|post|press"
    r"|news|remarks|comments|televised|video|weekend|morning|evening|night|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug"
    r"|Sep|Oct|Nov|Dec|Mon|Tue|Wed|Thu|Fri|Sat|Sun).*$"  # "in a statement", "at the weekend", "in March"
    r"|\s(?!(?:building|meeting|briefing|morning|evening|king|wing|thing|ring|training|intelligence|sibling"
    r"|offspring|spring|ceiling|housing|funding|shipping|mining|banking|engineering|planning|policing"
    r"|broadcasting|publishing|trading|clothing|bombing|shelling|fighting|killing|shooting|uprising"
    r"|landing|boarding|processing|monitoring|peacekeeping|acting|leading|ruling|governing|outgoing|incoming"
    r"|founding|visiting|managing|presiding|commanding|ranking|sitting|reigning|serving|opposing)\s)"
    r"[a-z]{3,}ing\s.*$"  # "... operating in the"
)
# A time phrase opening a clause with no comma after it: "Earlier on Wednesday a separate U.N. panel".
_LEADING_TIME = re.compile(
    r"^(?:(?:earlier|later|late|early)\s+)?(?:on|this|last)\s+(?:\w+day|week|month|year|night|morning)"
    r"(?:\s+(?:morning|afternoon|evening|night))?\s+",
    re.I,
)
# Words that open a clause: the subject of the speech verb starts after the last of them. "who" is not
# here: in "X who has clashed with Y says" X is the subject (see _RELATIVE_WHO).
_OPENER = re.compile(
    r"(?:^|.*\s)(?:(?i:that|which|because|when|after|before|since|if|though|although|where|whether|while|as|so"
    r"|than|once|then)"  # subordinators and relatives open a new clause whatever follows
    r"|(?:and|but|or)(?="
    + SP
    + r"(?:(?:the|a|an)"
    + SP
    + r")?[a-z][\w\-]*$))"  # "and estimates suggest", not
    + SP,  # "Youth and Sports Ministry" or "sources in Sri Lanka's navy and defence ministry"
    re.S,
)
_OPENER_WORDS = words(
    "that which because when after before since if though although where whether while as so than once then and but or"
)
# "who"/"whom" inside a subject: the noun before it speaks ("Pennsylvania senator who has clashed ... says").
_RELATIVE_WHO = re.compile(r"\s(?:who|whom)\s")
# Commas that part a clause into pieces; a comma inside a number ("800,000") does not.
_PIECES = re.compile(r",(?!\d{3})")
# Adverbs left between a subject and its verb: "Trump again referenced", "Warsh recently recalled".
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:again|also|then|now|later|earlier|once|still|though|however|too|meanwhile|instead|[a-z]+ly))+$"
)
# A conjunction opening a sentence before its subject: "But he said", "And the official added".
_LEADING_CONJ = re.compile(r"^(?:And|But|So|Yet|Or|As|While|Then|Still)\s+")
_CONJ_STARTS = ("And", "But", "So", "Yet", "Or", "As", "While", "Then", "Still")
_TIME_STARTS = ("earl", "lat", "on", "this", "last")
_ADVERB_WORDS = frozenset(
    [
        "again",
        "also",
        "then",
        "now",
        "later",
        "earlier",
        "once",
        "still",
        "though",
        "however",
        "too",
        "meanwhile",
        "instead",
    ]
)
# A piece that is only a name ("Mudassir Tipu"), titles allowed, particles such as "bin" or "van der" inside.
_NAME_PIECE = re.compile(
    r"^[A-Z][\w’'\-.]*(?:\s+(?:(?:al|bin|ibn|de|den|van|von|der|in|la|le|el|da|dos|du|abu)\s+)*"
    r"(?:(?:al|el|ad|ar|as|at|az|an|ash|abu|bin|ibn|ould|ag)-)?[A-Z][\w’'\-.]*)+"  # "Hussein al-Bukhaiti"
    r"(?:\s+(?:of|from)\s+[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)*)?$"  # "Angus King of Maine", "X from Landi Kotal"
)
# A piece that is one capitalised word: a surname before an appositive ("Nielsen, a former official, told").
_ONE_NAME = re.compile(r"^[A-Z][a-z’'\-]+$")
# Words that open an adverbial, not a name: "In Moscow, the Kremlin said".
_ADVERBIAL = re.compile(
    r"^(?:In|On|At|After|Before|During|From|For|With|Since|Speaking|Asked|Earlier|Later|Meanwhile"
    r"|Separately|Overnight|Last|This|Next|Until|By|Under|Over|Across|Outside|Inside|Like|Unlike|Despite|Amid"
    r"|Although|Though|While|When|If|Because|As|Once|Instead|Besides|Among|Amongst|However|Yet|Moreover"
    r"|Furthermore|Additionally|Nevertheless|Nonetheless|Indeed|Still|Also|Then|Now|Thus|Therefore|Overall|Altogether"
    r"|Elsewhere|Initially|Previously|Ultimately)\b"
)
# A prepositional aside between a subject and its verb: "..., in a report published on Tuesday, ...".
_ASIDE_PIECE = re.compile(r"(?:in|on|at|during|after|before|via|through|according)\s")
# An appositive after a name: "an independent who ...", "the head of ...", "a former official".
_APPOSITIVE = re.compile(r"(?:an?|the|[a-z][\w’'\-]*)\s")
# A piece that is not the subject but hangs after it: a relative clause, a participle, an age.
_AFTER_SUBJECT = re.compile(
    r"(?i)(?:(?:who|which|whose|whom|where|citing|speaking|aged)\b|\d+$"
    r"|(?:wounded|injured|displaced|hurt)\s+(?:in|by|during|when)\b|(?:reached|contacted|interviewed)\s+by\b"
    r"|(?:writing|posting|commenting)\s+(?:on|in)\b)"
)  # "Her husband, wounded in the strike, said", "A resident, reached by phone, said", "X, writing on Telegram, said"
# Auxiliaries and adverbs between a subject and its speech verb.
_AUX = words(
    "has have had also later earlier previously would will could may might did does is was were then had "
    "already separately further again on not never didn't doesn't don't won't wouldn't reportedly publicly"
)
# A finite verb after a sentence's subject: where the subject stops.
_SUBJECT_END = re.compile(
    r"\s(?<!\bthe\s)(?<!\bThe\s)(?<!\ban\s)(?<!\bAn\s)(?<!\ba\s)(?<!\bA\s)\w+ed\b"  # a participle after an article modifies a
    # noun: "One of the armed men at the scene accused ..."
    r"|\s(?:has|have|had|is|was|were|are|will|would|also|went|came|made|took|gave|got|says|told|spoke|wrote|held"
    r"|kept|left|met|ran|saw|stood|brought|thought|sought|fought|won|lost|began|became|knew|led|felt|heard|paid"
    r"|sent|spent|built|struck|broke|chose|rose|fell|drove|flew|hit|put|set|cut|let|did|does|do|can|could|should"
    r"|must|may|might|point|points|say|argue|argues|note|notes|warn|warns|believe|believes|think|thinks|expect"
    r"|expects|see|sees|called|calls|offered)\b"
)
_PARTICLES = words("al bin ibn de den van von der la le el da dos du abu")
# A particle joined to the name it opens by a hyphen: "al-Bukhaiti", "el-Sisi", "ag-Ghaly".
_JOINED = re.compile(r"(?:al|el|ad|ar|as|at|az|an|ash|abu|bin|ibn|ould|ag)-[A-Z]")
_LEADING = words(
    "the a an another one two three four five six seven eight nine ten some several many its their his her our my "
    "your "
    "when as after before if while but and so then because though although since once where"
)
_INITIALISMS = words("un eu icc nato bbc cnn ap afp")
_CAPS_AT_END = re.compile(r"[A-Z][\w’'\-.]*(?:\s+[A-Z][\w’'\-.]*)+$")
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "I"})
_DEMONYM_SET = frozenset(w.lower() for d in DEMONYMS for w in d.split())


def strip_leading(tokens: list[str]) -> list[str]:
    """Tokens without the articles, numbers, determiners and conjunctions that open a phrase."""
    while tokens and tokens[0].lower() in _LEADING:
        tokens = tokens[1:]
    return tokens


def is_non_person(token: str) -> bool:
    """A word that makes a capitalised run a place or a body: "Ministry", "Korea", "UN" (but the "Un" of
    Kim Jong Un: an initialism only counts written in capitals)."""
    low = token.lower().strip(".’'")
    return low in NON_PERSON_WORDS and (low not in _INITIALISMS or not any(c.islower() for c in token))


def is_title(token: str) -> bool:
    low = token.lower().rstrip(".")
    if low in TITLES or low in _DEMONYM_SET or low in _LEADING or len(low) == 1:
        return True
    return "-" in low and all(part in TITLES for part in low.split("-"))  # "Secretary-General", "Vice-President"


# A compound adjective is no part of a name: "Russian-held Crimea", "Iran-backed Houthis", "Kyiv-based".
_ATTRIBUTIVE = re.compile(
    r"-(?:held|controlled|backed|occupied|appointed|led|based|run|allied|aligned|installed|annexed|funded)$",
    re.IGNORECASE,
)


# Words that end a body's name, after which a run may go on with the name of its head; no place or body on their
# own (so not in NON_PERSON_WORDS).
_BODY_ENDS = words("administration directorate headquarters")


@lru_cache(maxsize=4096)
def person_in(run: str) -> str | None:
    """The person's name in a capitalised run: what follows the last title or nationality, or None."""
    tokens = run.split()
    cut = max((i + 1 for i, t in enumerate(tokens) if is_title(t)), default=0)
    # a body's name before the person who heads it: "the Kharkiv Regional Military Administration Oleh Syniehubov"
    body = max((i + 1 for i, t in enumerate(tokens) if t.lower() in _BODY_ENDS), default=0)
    if body > cut and len(tokens) - body >= 2:
        cut = body
    if len(tokens) - cut < 2:  # "Senator Angus King": a name may hold a title word
        cut = next((i for i, t in enumerate(tokens) if not is_title(t)), len(tokens))
    tokens = tokens[cut:]
    lower = [i for i, t in enumerate(tokens) if t[:1].islower() and t not in _PARTICLES and not _JOINED.match(t)]
    if lower:
        tokens = tokens[: lower[0]]  # "Angus King of Maine" is Angus King
    if len(tokens) < 2 or any(is_non_person(t) or t.lower() in _BODY_ENDS or _ATTRIBUTIVE.search(t) for t in tokens):
        return None
    if all(t.isupper() and len(t) > 1 for t in tokens):
        return None  # "READ ALSO", "BREAKING NEWS": a heading in capitals, not a name
    if any(t.endswith(("’s", "'s")) for t in tokens):
        return None
    return " ".join(tokens)


def strip_aux(phrase: str) -> str:
    tokens = phrase.split()
    while tokens and tokens[-1].lower() in _AUX:
        tokens.pop()
    return " ".join(tokens)


def tidy(phrase: str) -> str:
    """A subject without the conjunction, time phrase, adverbs and auxiliaries around it."""
    # Each pattern runs only when the phrase could match it: every test below holds for any phrase the
    # pattern matches (phrases come cleaned, so their only spaces are single plain ones).
    if phrase.startswith(_CONJ_STARTS):
        phrase = _LEADING_CONJ.sub("", phrase)
    if phrase[:4].lower().startswith(_TIME_STARTS):
        phrase = _LEADING_TIME.sub("", phrase)
    tokens = phrase.split()
    if len(tokens) >= 3 or phrase[:1].isspace() or phrase[-1:].isspace():  # a word with spaces both sides
        phrase = _TRAILING_PHRASE.sub("", phrase)
        tokens = phrase.split()
    last = tokens[-1] if tokens else ""
    if (len(tokens) >= 2 or phrase[:1].isspace()) and (last.endswith("ly") or last in _ADVERB_WORDS):
        phrase = _TRAILING_ADVERBS.sub("", phrase)
    return strip_aux(phrase)


@lru_cache(maxsize=4096)
def is_name_piece(piece: str) -> bool:
    return bool(_NAME_PIECE.match(piece)) and not _ADVERBIAL.match(piece) and person_in(piece) is not None


def _ends_with_person(piece: str) -> bool:
    """A piece ending with a person's full name after a role: "U.S. economist Joseph Stiglitz"."""
    m = _CAPS_AT_END.search(piece)
    if m is None or _ADVERBIAL.match(piece):
        return False
    if not all(is_title(t) or t[:1].isupper() for t in piece[: m.start()].split()):
        return False  # words other than titles before it: "welcomed the engagement of Donald Trump"
    person = person_in(m.group())
    return person is not None and " " in person


def _is_lone_name(piece: str) -> bool:
    """A single capitalised word that can be a surname: not a title, a place word or an opener."""
    low = piece.lower()
    return (
        bool(_ONE_NAME.match(piece))
        and not _ADVERBIAL.match(piece)
        and not is_title(piece)
        and (low not in NON_PERSON_WORDS and low not in ("he", "she", "they", "it", "we", "i", "there", "this"))
    )


def subject_before(segment: str) -> str:
    """The subject of a speech verb, from the clause before it (at most ten words)."""
    if segment.isalpha():
        return segment  # one word, the common case: "He", "They", "Zelensky"
    cleaned = clean(segment)
    if "," in cleaned:
        pieces = [p.strip() for p in _PIECES.split(cleaned) if p.strip()]
    else:
        pieces = [cleaned] if cleaned else []  # clean() has stripped it already
    if len(pieces) > 2 and not strip_aux(pieces[-1]) and pieces[-2].startswith(("who ", "whom ", "which ")):
        pieces.pop()  # "The resident, who spoke on condition of anonymity, further said": an adverb alone after a
        # relative clause leaves the subject before it
    if not pieces:
        return ""
    i = len(pieces) - 1
    last_words = tidy(strip_aux(pieces[-1])).split()
    if len(last_words) > 1 and last_words[-1] in _SUBJECT_PRONOUNS:
        return last_words[-1]  # "..., which he (mockingly) described": the pronoun is the verb's subject
    named = [
        j
        for j, p in enumerate(pieces[:-1])
        if is_name_piece(p) or (j == 0 and _is_lone_name(p)) or _ends_with_person(p)
    ]
    if named:
        first, after = pieces[named[0]], pieces[named[0] + 1]
        appositive = not is_name_piece(after) and not _is_lone_name(after)
        if appositive and (is_name_piece(first) or _APPOSITIVE.match(after) or after.isdigit()):
            i = named[0]  # "Mudassir Tipu, Pakistan's ambassador to Tehran, said"; "Nielsen, a former ..., told"
    while i > 0 and (
        _AFTER_SUBJECT.match(pieces[i])
        or (
            re.match(r"(?:an?|the)\s+[a-z]", pieces[i])
            and is_name_piece(pieces[i - 1])
            and not _ADVERBIAL.match(pieces[i - 1])  # "Overall, the hospital said"
        )
        or _ASIDE_PIECE.match(pieces[i])  # "HRW, in a report published on Tuesday, estimated"
    ):
        i -= 1  # a relative clause, an age or an appositive ("an independent who ...") follows the subject
    piece = strip_aux(pieces[i])
    if not _OPENER_WORDS.isdisjoint(piece.lower().split()):  # the pattern needs one of these words
        opener = _OPENER.match(piece)
        if opener:
            piece = piece[opener.end() :]
    who = _RELATIVE_WHO.search(piece) if "who" in piece else None
    if who is not None and who.start() > 0:
        piece = piece[: who.start()]
    tokens = tidy(piece).split()
    if len(tokens) > 1 and tokens[-1] in _SUBJECT_PRONOUNS:
        return tokens[-1]  # the pronoun right before the verb is its subject: "if he had to sum it up he would say"
    return " ".join(tokens[-10:])


def subject_of_sentence(segment: str) -> str:
    """The subject a sentence opens with, skipping an adverbial piece: "In Kyiv, Zelensky has said" → Zelensky."""
    pieces = [p.strip() for p in _PIECES.split(clean(segment)) if p.strip()]
    for piece in pieces:
        if _ADVERBIAL.match(piece):
            continue
        found = _SUBJECT_END.search(piece)
        subject = piece[: found.start()] if found else " ".join(piece.split()[:6])
        return tidy(subject)
    return ""
