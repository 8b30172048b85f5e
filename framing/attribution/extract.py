"""Rule-based attribution extraction over the analyser's tokens, sentences, quotes and cue matches.

The rules, in order:

1. **Cues** are the hits of the ``reporting_verbs`` lexicon outside quoted words that the cue
   model (:mod:`framing.attribution.cue_model`, a logistic regression fitted on annotated
   articles) keeps, and the words of its learned vocabulary it accepts (``unveiled``, ``declined``).
   Each is read as a verb (``said``, ``believes``, ``plans``; after a catenative: ``went on to
   say``), a predicate adjective after *be* (``are afraid that``), a noun with a complement
   (``his statement that``), a source-less passive (``is expected to``, ``it was reported that``)
   or ``according to``. Noun uses of verbs (after a determiner or a possessive) without a
   complement, other passives and naming participles (``a group called X``) are dropped; which
   words in which contexts are cues at all (capitalised words in names, ``charged with``,
   ``supportive of``) is the model's decision.
2. **Sources** are the noun phrase left of the cue (``Biden said``, ``top White House officials
   insisted``, ``Civil rights activists say``, ``Kirby, a Pentagon spokesman, said``, ``Graham
   (R-S.C.) told``; a relative pronoun, ``officials who said``, with its antecedent kept), right of
   it (``“…,” said John Kirby``; ``according to the Kremlin``), the subject of a coordinated verb
   (``Schultz supported Democrats … and said``), the subject after an opening participle
   (``Citing …, Trump accused``) or, for a participle after a comma (``…, adding that``), the source
   of the clause it hangs on. Noun and source-less cues may have no source.
3. **Content** is a quote next to the source and cue (direct), or else the clause after the cue to
   the end of the sentence or the next source and cue (indirect), or the clause before ``, X said``
   (and after it, when the attribution sits between commas). A quote split around its attribution
   and following quote-only sentences and paragraphs join the same attribution. Reported speech
   holding quoted words is ``mixed``. A cue whose source and cue both lie inside earlier reported
   content is part of that content, not a new attribution. A cue the model finds likely (at least
   its ``attach`` probability) for which none of this applies takes the words back to the clause
   boundary as its source (a learned word outside the lexicon needs one) and the clause after it
   as its content.
4. Two layout conventions: ``NAME: words`` opening a paragraph (transcripts, headlines; not section
   labels) and a quote followed by a dash and a name (``“…” ― Carla Sanchez``).
5. A short quote in a sentence with no attribution is a **scare quote** (a cue the model added
   outside the lexicon, an action such as ``passed``, does not count as attribution here).

Word classes come from the ``source_nouns`` and ``attribution_syntax`` list lexicons
(:class:`ExtractorConfig`).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from ..lexicon import Match
from ..results import ParsedDocument
from ..text import Token
from .cue_model import CUE_LEXICON, CueModel
from .types import ScareQuote, TextSpan, merge_spans

__all__ = [
    "Coverage",
    "ExtractorConfig",
    "RawAttribution",
    "WordCounter",
    "extract",
    "scare_quote_records",
    "to_text_span",
]

#: A quote of at most this many words, in a sentence without a cue, is a scare quote.
SCARE_QUOTE_MAX_WORDS = 4
#: Longest source noun phrase, in tokens.
MAX_SOURCE_TOKENS = 14
#: Longest source phrase after "according to", in tokens.
MAX_ACCORDING_TOKENS = 24
#: Longest appositive between commas ("Kirby, a Pentagon spokesman, said"), in tokens.
MAX_APPOSITIVE_TOKENS = 28
#: Longest parenthetical skipped between a source and its cue ("Graham (R-S.C.) said"), in tokens.
MAX_PARENTHETICAL_TOKENS = 8
#: Longest ``NAME:`` label opening a paragraph, in tokens.
MAX_LABEL_TOKENS = 6
#: A mixed-case ``NAME:`` label has at most this many words (longer ones are section heads).
MAX_NAME_LABEL_WORDS = 3
#: Longest closing phrase after a final attribution (``…, he said in a phone interview.``), in tokens.
MAX_FRAME_PHRASE_TOKENS = 8
#: A capitalised word of at most this many letters before a full stop is an abbreviation (``Jr.``).
ABBREVIATION_MAX_CHARS = 3
#: Longest addressee skipped before "that" after tell-type cues ("told the visiting senators that"), in tokens.
ADDRESSEE_MAX_TOKENS = 5
#: Tokens after ", and"/", but" searched for a cue that starts a new attribution.
CLAUSE_CUE_WINDOW = 8
#: Reported content is looked for at most this many tokens past its cue (keeps a page-long
#: "sentence" with many cues linear in its length; real clauses are far shorter).
MAX_CLAUSE_TOKENS = 300
_NOT_BLANK_RE = re.compile(r"\S")
_NOT_GAP_RE = re.compile(r"[^ ,.;:—–\-\n]")
#: Fewest words of reported content.
MIN_CONTENT_WORDS = 2
#: A sentence whose words of four letters or more are at least this share capitalised is a headline.
HEADLINE_CAPS_SHARE = 0.8

_NOUN_BEFORE = frozenset("a an the this these those his its their our my your no any every each such 's ’s".split())
_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week month year weekend january february march april june july "
    "august september october november december".split()
)
_TIME_PREPS = frozenset("on in last this earlier later late early".split())
_FRAME_ADVERBS = frozenset("also again repeatedly publicly privately recently later then now once further".split())
_NP_LINKS = frozenset("of for and & at in".split())
_POSSESSIVE = frozenset(("'s", "’s", "'"))
_BE_FORMS = frozenset("is are was were be been being am".split())
_CLAUSE_OPENERS = frozenset("but and so yet or then also".split())
_NOT_AFTER_PART = frozenset(
    "according who which as in after before when while because since although though if to with".split()
)
#: adverbs and negation skipped between a cue and its auxiliary or subject
_SKIP_ADVERBS = frozenset(
    "not never also still just even so very too more most less really already now then again widely long "
    "once repeatedly publicly privately recently later further increasingly n't".split()
)
#: verbs before a predicate adjective cue ("are afraid", "felt sure")
_LINKING_VERBS = frozenset(
    "is are was were be been being am 's 're 'm become became becomes remain remains remained "
    "seem seems seemed feel feels felt appear appears appeared grow grew grown".split()
)
#: words after which an adjective is not a cue ("clear of", "ready for dinner" stays; "sure enough")
_NOT_ADJ_COMPLEMENT = frozenset("enough".split())
#: words that open a noun cue's complement ("the claim that …", "his remarks about …")
_NOUN_COMPLEMENTS = frozenset("that about of on over to regarding against".split())
#: cue lemmas used as verbs with "of" ("warned of", "spoke of", "accused of")
_OF_VERBS = frozenset(
    "say think warn complain boast accuse speak talk write tell remind inform convince "
    "persuade assure approve disapprove dream know hear learn".split()
)
#: naming verbs whose passive takes a noun phrase ("has been called a charlatan")
_NAMING_VERBS = frozenset("call label dub brand term name describe characterize characterise consider deem".split())
#: prepositions before a gerund cue whose source is the clause subject ("responded by saying")
#: prepositions that open a closing phrase after a final attribution ("he added on Twitter")
_FRAME_PREPS = frozenset("on in at during via through after before while with from".split())
_GERUND_PREPS = frozenset("by for from after before while without in of".split())
_DASHES = frozenset(("―", "—", "–", "--", "-"))
_FAMILIAR = ("familiar with", "close to", "briefed on", "knowledgeable about", "with knowledge of", "involved in")
#: cue lemmas whose first object is the addressee, not the content ("told reporters that")
_ADDRESSEE_CUES = frozenset("tell ask inform brief warn urge assure remind".split())
#: cue lemmas that take the subject of an earlier coordinated verb ("X did Y and said")
_COORDINATED_CUES = frozenset("say tell add write claim argue insist note warn state".split())
_ADDRESSEES = frozenset("reporters journalists lawmakers supporters voters them him her us me you".split())


@dataclass(frozen=True)
class ExtractorConfig:
    """Word classes the rules need, read from the ``source_nouns`` list lexicon."""

    titles: frozenset[str]
    role_words: frozenset[str]
    anonymous: frozenset[str]
    organizations: frozenset[str]
    documents: frozenset[str]
    media: frozenset[str]
    pronouns: frozenset[str]
    determiners: frozenset[str]
    aux: frozenset[str]
    noun_cues: frozenset[str] = frozenset()
    catenatives: frozenset[str] = frozenset()
    passive_cues: frozenset[str] = frozenset()
    adjective_cues: frozenset[str] = frozenset()
    nominal_cues: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    np_prepositions: frozenset[str] = frozenset()
    quantifiers: frozenset[str] = frozenset()
    relatives: frozenset[str] = frozenset()
    ly_words: frozenset[str] = frozenset()
    discourse_adverbs: frozenset[str] = frozenset()
    speech_verbs: frozenset[str] = frozenset()
    non_speaker_labels: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    cue_model: CueModel | None = None
    source_heads: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        heads = self.titles | self.anonymous | self.organizations | self.documents | self.media
        object.__setattr__(self, "source_heads", frozenset(w for w in heads if " " not in w))


@dataclass
class RawAttribution:
    """An attribution before speaker resolution: a token range for the source, character ranges for the rest."""

    type: str
    source: tuple[int, int] | None
    cue: tuple[int, int]  # character range
    cue_term: str
    cue_class: str
    content: list[tuple[int, int]]
    sentence: int
    quotes: list[int] = field(default_factory=list)  # indices into doc.quotes that are content
    cue_weight: float = 1.0
    cue_lexicon: str = "reporting_verbs"  # where the cue comes from: the lexicon or the cue model
    antecedent: tuple[int, int] | None = None  # token range a relative-pronoun source stands for


class Coverage:
    """A growing union of character ranges: ``add`` a range, ask whether it ``covers`` an offset.

    Kept as sorted, disjoint ranges, so both operations are logarithmic (plus the merged neighbours).
    """

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def add(self, start: int, end: int) -> None:
        if end <= start:
            return
        i = bisect_left(self._ends, start)  # first range that ends at or after start
        j = bisect_right(self._starts, end)  # ranges before j start at or before end
        if i < j:
            start = min(start, self._starts[i])
            end = max(end, self._ends[j - 1])
        self._starts[i:j] = [start]
        self._ends[i:j] = [end]

    def covers(self, pos: int) -> bool:
        i = bisect_right(self._starts, pos) - 1
        return i >= 0 and pos < self._ends[i]


class WordCounter:
    """Counts the words (non-punctuation tokens) lying inside a character range, by bisection."""

    def __init__(self, doc: ParsedDocument) -> None:
        self._starts = [t.start for t in doc.tokens]
        self._ends = [t.end for t in doc.tokens]
        self._prefix = list(accumulate([t.kind != "punct" for t in doc.tokens], initial=0))

    def __call__(self, start: int, end: int) -> int:
        i = bisect_left(self._starts, start)
        j = bisect_right(self._ends, end)
        return max(0, self._prefix[j] - self._prefix[i]) if j > i else 0


class _Doc:
    """Index helpers over one parsed document."""

    def __init__(self, doc: ParsedDocument, cfg: ExtractorConfig) -> None:
        self.doc = doc
        self.cfg = cfg
        self.text = doc.text
        self.toks: Sequence[Token] = doc.tokens
        n = len(self.toks)
        self.sent_of_tok: list[int] = [0] * n
        for si, (a, b) in enumerate(doc.sentence_tokens):
            self.sent_of_tok[a:b] = [si] * (b - a)
        self.counter = WordCounter(doc)
        self.cue_at: list[bool] = [False] * n
        self._headline: dict[int, bool] = {}
        self._has_quote: dict[int, bool] = {}
        self._quote_end_max: list[int] | None = None  # running maximum of quote ends, by quote start
        self.quotes = list(doc.quotes)
        self.quote_starts = [q.start for q in self.quotes]
        self.para_starts = [p.start for p in doc.paragraphs]
        self.quote_of_tok: list[int] = [-1] * n  # quoted words
        self.open_mark: dict[int, int] = {}  # token -> quote it opens
        self.close_mark: dict[int, int] = {}  # token -> quote it closes
        # Each token against the first quote not ending before it; tokens before that quote's
        # start touch no quote and are skipped by bisection over the token starts.
        toks = self.toks
        quotes = self.quotes
        tok_starts = self.counter._starts
        qi = k = 0
        while k < n and qi < len(quotes):
            t = toks[k]
            q = quotes[qi]
            if q.end <= t.start:
                qi += 1
                continue
            if t.start < q.start:
                k = bisect_left(tok_starts, q.start, k + 1)
                continue
            if q.inner_start <= t.start and t.end <= q.inner_end:
                self.quote_of_tok[k] = qi
            elif t.start < q.inner_start:
                self.open_mark[k] = qi
            elif q.closed and q.inner_end <= t.start < q.end:
                self.close_mark[k] = qi
            k += 1

    def mark_cues(self, cues: Sequence[Match]) -> None:
        """Remember which tokens start a reporting-verb hit."""
        for m in cues:
            self.cue_at[m.tok_start] = True

    def cue_follows(self, k: int) -> bool:
        """True when a cue starts at token ``k`` (``the statement said``: the noun is a source)."""
        return k < len(self.toks) and self.cue_at[k]

    def is_headline(self, si: int) -> bool:
        """A title-case sentence (``Lindsey Graham Says Trump Could …``): capitalised cues are cues."""
        found = self._headline.get(si)
        if found is None:
            a, b = self.sent_range(si)
            long = [t for t in self.toks[a:b] if t.kind == "word" and len(t.text) > 3]
            found = len(long) >= 3 and sum(_is_cap(t) for t in long) >= HEADLINE_CAPS_SHARE * len(long)
            self._headline[si] = found
        return found

    def has_quote(self, si: int) -> bool:
        """True when a quote (marks or quoted words) overlaps sentence ``si``."""
        found = self._has_quote.get(si)
        if found is None:
            sent = self.doc.sentences[si]
            if self._quote_end_max is None:
                self._quote_end_max = list(accumulate((q.end for q in self.quotes), max))
            i = bisect_left(self.quote_starts, sent.end)  # quotes starting before the sentence ends
            found = i > 0 and self._quote_end_max[i - 1] > sent.start
            self._has_quote[si] = found
        return found

    def toks_end_of(self, si: int) -> int:
        """End character of sentence ``si``."""
        return self.doc.sentences[si].end

    def sent_range(self, si: int) -> tuple[int, int]:
        return self.doc.sentence_tokens[si]

    def is_mark(self, k: int) -> bool:
        return k in self.open_mark or k in self.close_mark

    def closing_quote(self, k: int) -> int:
        """Quote whose closing mark ends with token ``k`` (-1 if none)."""
        qi = self.close_mark.get(k, -1)
        return qi if qi >= 0 and self.quotes[qi].end == self.toks[k].end else -1

    def opening_quote(self, k: int) -> int:
        """Quote whose opening mark starts with token ``k`` (-1 if none)."""
        qi = self.open_mark.get(k, -1)
        return qi if qi >= 0 and self.quotes[qi].start == self.toks[k].start else -1

    def in_quote(self, k: int) -> bool:
        return self.quote_of_tok[k] >= 0 or self.is_mark(k)

    def words(self, start: int, end: int) -> int:
        return self.counter(start, end)

    def quotes_in(self, start: int, end: int) -> list[int]:
        """Closed quotes lying inside ``[start, end]`` (by bisection over quote starts)."""
        lo = bisect_left(self.quote_starts, start)
        hi = bisect_right(self.quote_starts, end)
        return [qi for qi in range(lo, hi) if self.quotes[qi].end <= end + 1 and self.quotes[qi].closed]

    def paragraph_of(self, pos: int) -> int:
        """Index of the paragraph holding character ``pos`` (-1 if none)."""
        i = bisect_right(self.para_starts, pos) - 1
        if i >= 0 and pos < self.doc.paragraphs[i].end:
            return self.doc.paragraphs[i].index
        return -1

    def strip(self, start: int, end: int) -> tuple[int, int]:
        """Trim white space and clause punctuation (quote marks stay) from a character range."""
        text = self.text
        while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?—–-―"):
            end -= 1
        while start < end and (text[start].isspace() or text[start] in ",;:—–-―"):
            start += 1
        return start, end


def _is_cap(t: Token) -> bool:
    return t.kind == "word" and t.text[:1].isupper()


def _is_head(t: Token, cfg: ExtractorConfig) -> bool:
    """A word that can head or extend a source: a capitalised word (not a sentence-initial function
    word or discourse adverb such as ``But``, ``In``, ``Perhaps``), a source noun or a number."""
    if _is_cap(t):
        return t.text.isupper() or (t.norm not in cfg.function_words and t.norm not in cfg.discourse_adverbs)
    return t.norm in cfg.source_heads or t.kind == "num"


# ---- cues -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class CueUse:
    """How a cue hit is used: ``kind`` and ``anchor``, the token whose left side holds the source.

    ``verb`` (``X said``; after a catenative the anchor is the catenative: ``X went on to say``),
    ``according`` (``according to X``), ``noun`` (``his statement that``), ``adjective``
    (``X is afraid that``) or ``passive`` (``X is expected to``; the anchor is the form of *be*).
    """

    kind: str
    anchor: int


def _skip_adverbs_back(d: _Doc, j: int, a: int) -> int:
    """Step left over adverbs and negation (``also``, ``not``, ``widely``, ``deeply``)."""
    while j >= a and (d.toks[j].norm in _SKIP_ADVERBS or _is_adverb(d.toks[j], d.cfg)):
        j -= 1
    return j


def _is_adverb(t: Token, cfg: ExtractorConfig) -> bool:
    """A lower-case word in *-ly* that is not a noun, verb or adjective in *-ly* (``family``, ``reply``)."""
    if t.kind != "word" or not t.norm.endswith("ly") or len(t.norm) <= 4:
        return False
    return t.text.islower() and t.norm not in cfg.ly_words


def _cue_use(d: _Doc, m: Match) -> CueUse | None:
    """How a cue hit is used, or None for quoted words, plain nouns, adjectives without *be* and passives."""
    k = m.tok_start
    if d.in_quote(k):
        return None
    if m.term == "according to":
        return CueUse("according", k)
    cfg = d.cfg
    si = d.sent_of_tok[k]
    a, _ = d.sent_range(si)
    t = d.toks[k]
    nxt = d.toks[m.tok_end].norm if m.tok_end < len(d.toks) else ""
    prev = d.toks[k - 1].norm if k > a else ""
    before = _skip_adverbs_back(d, k - 1, a)
    if t.norm in cfg.adjective_cues:
        # "Many Democrats are afraid that …", "she was sure …", "they are worried about …"
        if before >= a and d.toks[before].norm in _LINKING_VERBS and nxt not in _NOT_ADJ_COMPLEMENT:
            return CueUse("adjective", before)
        return None
    nominal = t.norm in cfg.nominal_cues
    noun_only = nominal and m.term in cfg.nominal_cues and m.term not in cfg.noun_cues
    if noun_only or (k > a and prev in _NOUN_BEFORE) or (nominal and nxt == "of"):
        j = m.tok_end
        while j < len(d.toks) and d.toks[j].norm in _TIME_WORDS:
            j += 1
        if nominal and j < len(d.toks) and d.toks[j].norm in _NOUN_COMPLEMENTS and not d.cue_follows(j):
            return CueUse("noun", k)
        return None
    if prev == "to":
        # "went on to say", "appeared to suggest", "continues to insist": the source is the catenative's
        c = _skip_adverbs_back(d, k - 2, a)
        if c >= a and d.toks[c].norm == "on" and c > a and d.toks[c - 1].norm in ("go", "goes", "went", "going"):
            c -= 1
        if c >= a and d.toks[c].norm in cfg.catenatives:
            return CueUse("verb", c)
    # passive participles ("was charged", "has been shown", "is known") are not speech acts, except
    # the source-less passives of saying and thinking ("is expected to", "it was reported that")
    if before >= a and d.toks[before].norm in _BE_FORMS and not t.norm.endswith("ing"):
        if m.term in cfg.passive_cues and _passive_complement(d, m):
            return CueUse("passive", before)
        return None
    return CueUse("verb", k)


def _passive_complement(d: _Doc, m: Match) -> bool:
    """``is expected to``, ``was reported that``, ``is seen as``, ``was accused of``, ``has been called a …``."""
    k = m.tok_end
    while k < len(d.toks) and (d.toks[k].norm in _SKIP_ADVERBS or _is_adverb(d.toks[k], d.cfg)):
        k += 1
    if k >= len(d.toks):
        return False
    nxt = d.toks[k].norm
    if nxt in ("to", "that", "as", "by"):
        return True
    if nxt == "of":
        return m.term in _OF_VERBS
    if nxt == "for":
        return m.term in ("blame", "criticize", "criticise", "praise", "credit", "condemn")
    # "has been called a charlatan", "was labeled “Mostly True”"
    return m.term in _NAMING_VERBS and (nxt in ("a", "an", "the") or d.open_mark.get(k, -1) >= 0)


def _possessor(d: _Doc, k: int, a: int) -> tuple[int, int] | None:
    """``his statement``, ``Trump's claims``, ``the president's remarks``: the possessor's token range."""
    j = k - 1
    while j >= a and (d.toks[j].kind == "word" and d.toks[j].text.islower()) and d.toks[j].norm not in _NOUN_BEFORE:
        if k - j > 2 or d.toks[j].norm in d.cfg.function_words:
            return None
        j -= 1  # "his own admission", "Trump's recent remarks"
    if j < a:
        return None
    t = d.toks[j]
    if t.norm in ("his", "her", "their", "its", "our", "my", "your"):
        return (j, j + 1)
    if t.norm in _POSSESSIVE and j > a:
        start = _np_backward(d, j - 1, a)
        if start is not None:
            return (start, j + 1)
    return None


# ---- sources --------------------------------------------------------------------------------


def _skip_back(d: _Doc, j: int, a: int) -> int:
    """Step left over auxiliaries, adverbs, time words and a short parenthetical."""
    cfg = d.cfg
    while j >= a:
        t = d.toks[j]
        if t.norm in cfg.aux or t.norm in _TIME_WORDS or t.norm in _FRAME_ADVERBS or t.norm in _SKIP_ADVERBS:
            j -= 1
            if j >= a and d.toks[j].norm in _TIME_PREPS and d.toks[j + 1].norm in _TIME_WORDS:
                j -= 1
            continue
        if t.text == "," and j - 1 > a:
            # ", however,", ", in turn,": a discourse adverb between commas
            k = j - 1
            while (
                k > a
                and j - k <= 3
                and d.toks[k].text != ","
                and (d.toks[k].norm in cfg.discourse_adverbs or _is_adverb(d.toks[k], cfg))
            ):
                k -= 1
            if k < j - 1 and d.toks[k].text == ",":
                j = k - 1
                continue
        if t.text == ")":
            k = j - 1
            while k >= a and j - k <= MAX_PARENTHETICAL_TOKENS and d.toks[k].text != "(":
                k -= 1
            if k >= a and d.toks[k].text == "(":
                j = k - 1
                continue
        contracted_be = t.norm in ("'s", "’s") and j + 1 < len(d.toks) and d.cue_at[j + 1]  # "she's worried"
        if _is_adverb(t, cfg) or t.norm.endswith("n't") or contracted_be:
            j -= 1
            continue
        break
    return j


def _left_source(d: _Doc, cue_k: int) -> tuple[int, int] | None:
    """Token range of the source noun phrase ending just before the cue, or None.

    A relative pronoun is the source of its clause (``officials who said``: ``who``), as PolNeAR
    marks it; :func:`relative_antecedent` gives the phrase it stands for.
    """
    cfg = d.cfg
    a, _ = d.sent_range(d.sent_of_tok[cue_k])
    j = _skip_back(d, cue_k - 1, a)
    if j < a:
        return None
    t = d.toks[j]
    if t.text == "." and j > a and _is_cap(d.toks[j - 1]) and len(d.toks[j - 1].text) <= ABBREVIATION_MAX_CHARS:
        start = _np_backward(d, j - 1, a)  # "Chief Justice John G. Roberts Jr. spoke"
        return (start, j + 1) if start is not None else None
    if t.norm in cfg.relatives:
        return (j, j + 1) if j > a and not d.in_quote(j) else None
    if t.text == ",":
        return _appositive(d, j, a)
    if d.in_quote(j) or t.kind == "punct":
        return None
    if t.norm in cfg.pronouns:
        return (j, j + 1)
    start = _np_backward(d, j, a)
    if start is None:
        return _familiar_with(d, j, a) or _generic_np(d, j, a)
    return (start, j + 1)


def relative_antecedent(d: _Doc, k: int) -> tuple[int, int] | None:
    """The noun phrase a relative pronoun at token ``k`` stands for (``officials, who said``)."""
    a, _ = d.sent_range(d.sent_of_tok[k])
    j = k - 1
    if j >= a and d.toks[j].text == ",":
        j -= 1
    if j < a:
        return None
    start = _np_backward(d, j, a)
    if start is None:
        return _familiar_with(d, j, a) or _generic_np(d, j, a, anchored=False)
    return (start, j + 1)


def _generic_np(d: _Doc, j: int, a: int, anchored: bool = True) -> tuple[int, int] | None:
    """A subject noun phrase with a lower-case head that opens a clause, ending at token ``j``.

    ``Civil rights activists``, ``A majority of voters``, ``Nearly eight of 10 voters``, ``Recent
    polls in Pennsylvania and Virginia``: words that are not function words, with determiners,
    quantifiers, numbers, possessives and phrase-internal prepositions, back to the start of the
    sentence or of a clause (a comma, a subordinator, a quote mark). A word ending in *-ed* after a
    noun is read as a verb and stops the phrase (``The nominee outlined his plan and vowed``).
    Not ``anchored``, the phrase may start after any word (an antecedent: ``backed by senators who``).
    """
    cfg = d.cfg
    head = d.toks[j]
    noun_use = j > a and (d.toks[j - 1].norm in _NOUN_BEFORE or d.toks[j - 1].norm in cfg.determiners)
    if not _np_word(head, cfg) or (d.cue_at[j] and not noun_use) or _is_adverb(head, cfg) or head.norm.endswith("ing"):
        if head.norm not in cfg.quantifiers and head.norm not in ("others", "both", "all"):
            return None
    k = j - 1
    while k >= a and j - k < MAX_SOURCE_TOKENS:
        u = d.toks[k]
        if d.is_mark(k) or u.text in (",", ";", ":", "—", "–", "(", "["):
            break
        if u.norm in cfg.subordinators and u.norm not in ("and", "or"):
            break
        if u.norm in ("and", "or", "&"):
            nxt = d.toks[k + 1]
            if k > a and _np_word(d.toks[k - 1], cfg) and not d.cue_at[k - 1]:
                if (_is_cap(d.toks[k - 1]) and _is_cap(nxt)) or nxt.norm in cfg.np_prepositions:
                    k -= 1  # "Obama and Clinton", "observers in Virginia and around the country"
                    continue
            break
        if u.norm == "not" and d.toks[k + 1].norm in cfg.quantifiers:
            k -= 1  # "not everyone agrees"
            continue
        if d.in_quote(k) or d.cue_at[k] or u.norm in cfg.aux or u.norm.endswith("n't"):
            if anchored:
                return None
            break
        if u.norm in cfg.np_prepositions and k + 1 <= j and u.norm != "with":
            k -= 1
            continue
        if u.kind == "punct":
            if u.text in ("-", "'", "’", ".", "%", "$", "&", ")") or u.norm in _POSSESSIVE:
                k -= 1
                continue
            if anchored:
                return None
            break
        if u.norm in _POSSESSIVE or u.kind == "num" or u.norm in cfg.determiners or u.norm in cfg.quantifiers:
            k -= 1
            continue
        if not _np_word(u, cfg):
            if anchored:
                return None
            break
        if u.norm.endswith("ed") and k > a and _np_word(d.toks[k - 1], cfg) and not _is_cap(u):
            prev = d.toks[k - 1]
            if not (_is_adverb(prev, cfg) or prev.norm in cfg.determiners or prev.norm in cfg.quantifiers):
                return None  # "The nominee outlined …": a verb, not a modifier
        k -= 1
    else:
        if k >= a:
            return None
    start = k + 1
    while start < j and (d.toks[start].norm in cfg.discourse_adverbs or _is_adverb(d.toks[start], cfg)):
        start += 1  # "Perhaps the debate moderators"
    if start > j or d.toks[start].norm in cfg.np_prepositions:
        return None
    return (start, j + 1)


def _np_word(t: Token, cfg: ExtractorConfig) -> bool:
    """A word that may be part of a noun phrase: a content word, a number or a capitalised word."""
    if t.kind == "num":
        return True
    if t.kind != "word":
        return False
    if _is_cap(t):
        return t.text.isupper() or (t.norm not in cfg.function_words and t.norm not in cfg.discourse_adverbs)
    return t.norm not in cfg.function_words or t.norm in cfg.quantifiers


def _appositive(d: _Doc, comma: int, a: int) -> tuple[int, int] | None:
    """``NAME, a Pentagon spokesman, said`` / ``Mr. King, 82, told``: the source spans name and appositive."""
    cfg = d.cfg
    k = comma - 1
    while k >= a and comma - k <= MAX_APPOSITIVE_TOKENS and d.toks[k].text != ",":
        if d.in_quote(k) or d.toks[k].text in (";", ":"):
            return None
        k -= 1
    if k <= a or d.toks[k].text != "," or comma - k < 2:
        return None
    inner = d.toks[k + 1]
    if inner.norm in cfg.relatives and k - 1 > a:
        # "Brunner, a developer for the coalition, which is made up of investors, said" and
        # "Dr. Connie Mariano, who as a Navy captain was the White House physician, said": skip the relative clause
        found = _appositive(d, k, a)
        if found is None and _is_cap(d.toks[k - 1]):
            start = _np_backward(d, k - 1, a)
            found = (start, k) if start is not None else None
        return (found[0], comma) if found is not None else None
    lower_role = inner.kind == "word" and inner.text.islower() and inner.norm not in cfg.function_words
    if not (
        inner.norm in cfg.determiners
        or _is_cap(inner)
        or inner.norm in cfg.source_heads
        or inner.kind == "num"
        or (lower_role and not _is_adverb(inner, cfg) and inner.norm not in cfg.discourse_adverbs)
    ):
        return None
    if _is_cap(d.toks[k - 1]):
        start = _np_backward(d, k - 1, a)
    elif _is_cap(inner):
        # "Trump's running mate, Indiana Gov. Mike Pence, plans": a role, then the name between commas
        found = _np_backward(d, k - 1, a)
        if found is None:
            g = _generic_np(d, k - 1, a)
            found = g[0] if g is not None else None
        start = found
    else:
        return None
    if start is None:
        return None
    return (start, comma)


def _np_backward(d: _Doc, j: int, a: int) -> int | None:
    """First token of a noun phrase whose head is token ``j`` (None if ``j`` is no noun head)."""
    cfg = d.cfg
    if j < a or d.in_quote(j):
        return None
    t = d.toks[j]
    if t.norm in cfg.pronouns:
        return j
    if not _is_head(t, cfg):
        # a lower-case head inside a determiner-led phrase: "the bank", "the ad's narrator"
        m = j
        while m >= a and j - m < 4 and d.toks[m].kind == "word" and d.toks[m].norm not in cfg.determiners:
            if d.toks[m].norm in cfg.aux or d.toks[m].norm in _NP_LINKS:
                return None
            m -= 1
        if m >= a and d.toks[m].norm in cfg.determiners and d.toks[m].norm not in cfg.pronouns:
            opener = m == a or d.is_mark(m - 1) or d.toks[m - 1].text in (",", ";", ":", "(")
            if opener or d.toks[m - 1].norm in _CLAUSE_OPENERS:
                return _extend_of(d, m, a)
        return None
    start = j
    k = j - 1
    while k >= a and start - k <= MAX_SOURCE_TOKENS and not d.in_quote(k):
        u = d.toks[k]
        if u.norm in cfg.determiners and u.norm not in cfg.pronouns:
            start = k
            break
        if _is_head(u, cfg) or u.norm in cfg.role_words or u.norm in _POSSESSIVE:
            start = k
            k -= 1
            continue
        if u.kind == "punct" and u.text in "-–." and k > a and _is_cap(d.toks[k - 1]):
            start = k
            k -= 1
            continue
        if u.norm in _NP_LINKS and k > a and _is_cap(d.toks[k - 1]) and _is_cap(d.toks[k + 1]):
            start = k
            k -= 1
            continue
        if u.kind == "word" and u.text.islower():
            # lower-case modifiers only inside a determiner-led phrase: "the top Pentagon official"
            m = k
            while m >= a and k - m < 3 and d.toks[m].kind == "word" and d.toks[m].norm not in cfg.determiners:
                if d.toks[m].norm in cfg.aux or d.toks[m].norm in cfg.function_words:
                    break
                m -= 1
            if m >= a and d.toks[m].norm in cfg.determiners and d.toks[m].norm not in cfg.pronouns:
                start = m
            elif k - m <= 2 and (m < a or d.is_mark(m) or d.toks[m].text in (",", ";", ":", "—", "–")):
                start = m + 1  # a subject without a determiner: "labor-policy experts", "skittish Democrats"
            break
        break
    while start < j and d.toks[start].norm in _CLAUSE_OPENERS:
        start += 1
    if start < j and d.toks[start].kind == "punct":
        start += 1
    return start


def _extend_of(d: _Doc, start: int, a: int) -> int:
    """``the chairman of the bank``: extend a phrase left over ``of``."""
    if start - 1 > a and d.toks[start - 1].norm == "of":
        head = start - 2
        s = _np_backward(d, head, a) if _is_head(d.toks[head], d.cfg) else None
        if s is not None:
            return s
    return start


def _familiar_with(d: _Doc, j: int, a: int) -> tuple[int, int] | None:
    """``people familiar with the matter said``: the source runs back to the anonymous head."""
    k = j
    while k >= a and j - k < 8:
        pair = " ".join(x.norm for x in d.toks[k : k + 2])
        triple = " ".join(x.norm for x in d.toks[k : k + 3])
        if pair in _FAMILIAR or triple in _FAMILIAR:
            start = _np_backward(d, k - 1, a)
            return (start, j + 1) if start is not None else None
        k -= 1
    return None


def _right_source(d: _Doc, k: int, b: int, appositive: bool = False) -> tuple[int, int] | None:
    """Token range of a source noun phrase starting at token ``k`` (``said X``, ``according to X``)."""
    cfg = d.cfg
    while k < b and d.toks[k].norm in _TIME_WORDS:
        k += 1
    if k >= b or d.in_quote(k):
        return None
    t = d.toks[k]
    if t.norm in cfg.pronouns:
        return (k, k + 1)
    start = end = k
    while end < b and end - start < MAX_SOURCE_TOKENS and not d.in_quote(end):
        u = d.toks[end]
        if u.norm in cfg.determiners and end == start:
            end += 1
            continue
        if u.kind != "punct" and (_is_head(u, cfg) or u.norm in cfg.role_words or u.norm in _POSSESSIVE):
            end += 1
            continue
        if u.text in (".", "-", "–") and end > start and _is_cap(d.toks[end - 1]) and end + 1 < b:
            if _is_cap(d.toks[end + 1]):
                end += 1
                continue
        if u.norm in _NP_LINKS and end + 1 < b and _is_cap(d.toks[end + 1]) and end > start:
            end += 1
            continue
        if u.kind == "word" and u.text.islower() and end > start and d.toks[start].norm in cfg.determiners:
            m = end
            while m < b and m - end < 3 and d.toks[m].kind == "word" and d.toks[m].norm not in cfg.source_heads:
                m += 1
            if m < b and d.toks[m].norm in cfg.source_heads:
                end = m + 1
                continue
        break
    while end > start and (d.toks[end - 1].norm in _NP_LINKS or d.toks[end - 1].norm in cfg.determiners):
        end -= 1
    if end == start:
        return None
    head = d.toks[end - 1]
    if not (_is_head(head, cfg) or head.norm in _POSSESSIVE):
        return None
    if appositive and end + 1 < b and d.toks[end].text == ",":
        nxt = d.toks[end + 1]
        if nxt.norm in cfg.determiners or nxt.norm in cfg.source_heads or _is_cap(nxt) or nxt.norm == "who":
            stop = end + 1
            while stop < b and not d.in_quote(stop) and d.toks[stop].text not in (",", ";", ":"):
                stop += 1
            last = stop
            while last > end + 1 and d.toks[last - 1].kind == "punct":
                last -= 1
            if last > end + 1:
                end = last
    return (start, end)


def _opening_participle(d: _Doc, m: Match, si: int, a: int, b: int) -> RawAttribution | None:
    """``Citing an unfounded theory, Trump accused …``: the source is the subject after the comma."""
    c = m.tok_end
    while c < b and d.toks[c].text != "," and not d.is_mark(c):
        c += 1
    if c >= b - 1 or d.toks[c].text != "," or c - m.tok_end > MAX_APPOSITIVE_TOKENS:
        return None
    src = _right_source(d, c + 1, b)
    if src is None:
        return None
    s, e = d.strip(d.toks[m.tok_end].start, d.toks[c].start)
    if d.words(s, e) < 1:
        return None
    kind = "mixed" if d.quotes_in(s, e) else "indirect"
    return _raw(d, kind, src, m, [(s, e)], si)


def _sentence_subject(d: _Doc, a: int, cue_k: int) -> tuple[int, int] | None:
    """The noun phrase opening a sentence, for ``X did this … and said``."""
    r = _right_source(d, a, cue_k, appositive=True)
    if r is None and d.toks[a].norm in d.cfg.function_words:
        # "In his speech, Graham urged …": past an opening phrase to its comma
        c = a
        while c < cue_k and c - a <= MAX_APPOSITIVE_TOKENS and d.toks[c].text != ",":
            c += 1
        if c + 1 < cue_k and d.toks[c].text == ",":
            r = _right_source(d, c + 1, cue_k, appositive=True)
    if r is None or r[1] >= cue_k:
        return None
    after = r[1] + 1 if d.toks[r[1]].text == "," else r[1]  # "Donald Trump, her opponent, bemoaned"
    nxt = d.toks[after]
    if d.toks[r[1] - 1].norm.endswith("ing") or nxt.kind != "word" or not nxt.text.islower():
        return None
    return r


_PLURAL_PRONOUNS = frozenset("they we i you".split())
#: subordinators after a comma that may open a new attribution ("…, though she noted …")
_NEW_CLAUSE_SUBORDINATORS = frozenset("though although while whereas as because since".split())
#: object pronouns that can be the whole content of an attitude verb ("criticize him")
_OBJECTS = frozenset("him her them it us me you".split())
#: auxiliaries after which a verb takes its base form whatever the subject ("did not respond")
_BASE_FORM_AUX = frozenset("do does did will would can could may might shall should must to".split())
#: heads that agree in the plural ("police fear", "5 percent prefer")
_COLLECTIVE_PLURALS = frozenset("police people percent".split())


def _head_of(d: _Doc, src: tuple[int, int]) -> int:
    """Token index of a source's head: before a post-modifier (``observers in Virginia``), except after
    a quantity (``a majority of voters``: ``voters``)."""
    cfg = d.cfg
    for k in range(src[0] + 1, src[1]):
        t = d.toks[k]
        if t.norm in cfg.np_prepositions and t.text.islower():
            head = d.toks[k - 1]
            if head.norm in cfg.quantifiers or head.kind == "num":
                return src[1] - 1
            return k - 1
    return src[1] - 1


def _generic_head(d: _Doc, src: tuple[int, int]) -> bool:
    """The source's head is a common noun: not a name, a pronoun, a title or another source noun."""
    head = d.toks[src[1] - 1]
    return not (_is_cap(head) or head.norm in d.cfg.pronouns or head.norm in d.cfg.source_heads)


def _agrees(d: _Doc, src: tuple[int, int], m: Match) -> bool:
    """Subject-verb agreement as a noun/verb test: ``officials plan`` and ``Trump claims`` are cues,
    ``the economic plan`` and ``false claims`` are not."""
    cfg = d.cfg
    head = d.toks[_head_of(d, src)]
    surface = d.toks[m.tok_start].norm
    lemma = m.term.split()[0]
    if head.norm in cfg.pronouns or head.norm in cfg.relatives:
        return True
    before = _skip_adverbs_back(d, m.tok_start - 1, src[1] - 1)
    if before >= src[1] and d.toks[before].norm in _BASE_FORM_AUX and surface == lemma:
        return True  # "did not immediately respond", "will demand", "may not want"
    coordinated = any(t.norm in ("and", "&") for t in d.toks[src[0] : src[1]])
    plural = (
        (head.norm.endswith("s") and not head.norm.endswith("ss") and not _is_cap(head))
        or head.norm in _COLLECTIVE_PLURALS
        or coordinated
    )
    generic = not (_is_cap(head) or head.norm in cfg.source_heads or head.kind == "num")
    past = (surface != lemma or surface.endswith("ed")) and not surface.endswith("s") and not surface.endswith("ing")
    if generic and (lemma in cfg.noun_cues or surface.endswith("ing")):
        # a generic lower-case head ("the bank") with a cue that may be a noun: the past tense, or
        # the base form after a plural head ("police fear", "moderators demand")
        return past or (surface == lemma and plural and src[1] - src[0] > 0)
    if generic or lemma in cfg.noun_cues:
        if surface == lemma:
            # "Democrats question …": a capitalised plural is a subject of the base form
            cap_plural = _is_cap(head) and head.norm.endswith("s") and not head.norm.endswith("ss")
            return plural or cap_plural or head.norm in _PLURAL_PRONOUNS
        if surface.endswith("s") and not surface.endswith("ss"):
            return not plural
    return True


# ---- content --------------------------------------------------------------------------------


def _skip_frame(d: _Doc, k: int, b: int, cue_term: str) -> int:
    """Skip time words, an addressee (``told reporters``) and adverbs after a cue."""
    addressee = cue_term in _ADDRESSEE_CUES
    while k < b:
        t = d.toks[k]
        if t.norm in _TIME_WORDS or t.norm in _FRAME_ADVERBS:
            k += 1
            continue
        if t.norm in _TIME_PREPS and k + 1 < b and d.toks[k + 1].norm in _TIME_WORDS:
            k += 2
            continue
        if addressee and t.kind == "word":
            ahead = next((x for x in range(k, min(b, k + ADDRESSEE_MAX_TOKENS + 1)) if d.toks[x].norm == "that"), None)
            if ahead is not None and ahead > k and all(d.toks[x].kind == "word" for x in range(k, ahead)):
                k = ahead  # "told the veterans' group that …"
                break
            if t.norm in _ADDRESSEES:
                k += 1
                addressee = False
                continue
            r = _right_source(d, k, b)
            if r is not None:
                k = r[1]
                addressee = False
                continue
        break
    return k


def _clause_closes(d: _Doc, k: int, b: int) -> bool:
    """True when token ``k`` ends the attribution clause: the sentence end, final punctuation, a comma,
    or a short closing phrase that says where or how (``…, he added on Twitter.``, ``… in a statement.``)."""
    if k >= b or d.toks[k].text == ",":
        return True
    if all(t.kind == "punct" and not d.is_mark(j) for j, t in enumerate(d.toks[k:b], start=k)):
        return True
    if d.toks[k].norm not in _FRAME_PREPS:
        return False
    end = b
    while end > k and d.toks[end - 1].kind == "punct" and not d.is_mark(end - 1):
        end -= 1
    words = d.toks[k:end]
    return 0 < len(words) <= MAX_FRAME_PHRASE_TOKENS and not any(
        t.kind == "punct" or t.norm in ("that", "to") or d.cue_at[j] for j, t in enumerate(words, start=k) if j > k
    )


def _clause_end(d: _Doc, k: int, b: int) -> int:
    """End character of reported content starting at token ``k``.

    The sentence end, or before ``, according to``, a semicolon, ``, while``/``, whereas``,
    ``, and``/``, but`` followed closely by another cue (``…, while one official told CNN``) or
    ``and`` followed by a cue (``… and says he will …``).
    """
    stop = min(b - 1, k + 1 + MAX_CLAUSE_TOKENS)
    for j in range(k + 1, stop):
        t = d.toks[j]
        if d.in_quote(j):
            continue
        if t.text == ";":
            return t.start
        if t.norm == "and":
            x = j + 1
            while x < b and d.toks[x].norm in _FRAME_ADVERBS:
                x += 1
            if x < b and d.cue_at[x] and not d.in_quote(x):
                return d.toks[j - 1].end  # "… and says …": a coordinated report of the same subject
        prev = d.toks[j - 1]
        if prev.text in (",", "—", "–", "--"):
            cut = prev.start
        elif j - 1 in d.close_mark and d.text[prev.start - 1 : prev.start] == ",":
            cut = prev.end  # …,” while: the comma sits inside the closing quote
        else:
            continue
        nxt = [x.norm for x in d.toks[j : j + 2]]
        if nxt == ["according", "to"] or nxt[:1] in (["while"], ["whereas"]):
            return cut
        if nxt[:1] in (["and"], ["but"]) and any(
            d.cue_at[x] for x in range(j + 1, min(b, j + 1 + CLAUSE_CUE_WINDOW)) if not d.in_quote(x)
        ):
            return cut
        if _new_attribution_at(d, j, b):
            return cut
    return d.toks[stop].end


def _new_attribution_at(d: _Doc, j: int, b: int) -> bool:
    """True when a new source and cue open at token ``j`` (after a comma or dash, or after and/but).

    ``…, Mr. McKinley said that …``, ``… — and he noted that …``: the reported content stops here.
    """
    if j < b and (d.toks[j].norm in ("and", "but") or d.toks[j].norm in _NEW_CLAUSE_SUBORDINATORS):
        j += 1  # "…, though she noted …", "…, as police have said"
    for x in range(j + 1, min(b, j + 1 + CLAUSE_CUE_WINDOW)):
        if d.cue_at[x] and not d.in_quote(x):
            src = _left_source(d, x)
            return src is not None and src[0] == j and d.toks[x].kind == "word" and d.toks[x].text.islower()
    return False


def _paragraph_of_char(d: _Doc, pos: int) -> int:
    return d.paragraph_of(pos)


def extract(doc: ParsedDocument, cues: Sequence[Match], cfg: ExtractorConfig) -> tuple[list[RawAttribution], list[int]]:
    """Attributions (unresolved) in text order and the indices of scare quotes in ``doc.quotes``."""
    d = _Doc(doc, cfg)
    probs: dict[int, float] = {}
    if cfg.cue_model is not None:
        cues, probs = cfg.cue_model.select(d, cues)
    attach = cfg.cue_model.attach if cfg.cue_model is not None else 2.0
    d.mark_cues(cues)
    out: list[RawAttribution] = []
    used_quotes: set[int] = set()
    used_toks: set[int] = set()
    learned_toks: set[int] = set()  # cues the model added: actions rather than speech
    last_source: dict[int, tuple[int, int]] = {}
    taken = Coverage()  # character ranges of the content found so far
    for m in cues:
        if m.tok_start in used_toks:
            continue
        use = _cue_use(d, m)
        if use is None:
            continue
        raw = _attribution_for(d, m, use, used_quotes, last_source, taken)
        if raw is None and probs.get(m.tok_start, 0.0) >= attach and m.term not in _NAMING_VERBS:
            raw = _plain_clause(d, m, used_quotes)
        if raw is None:
            continue
        nested = taken.covers(m.start)
        if nested and (raw.source is None or taken.covers(d.toks[raw.source[0]].start)):
            # "X reported that Russia is planning …", "X said …, he hoped …": words inside reported
            # content belong to the outer attribution
            continue
        if raw.source is not None and raw.source[1] - raw.source[0] == 1:
            if d.toks[raw.source[0]].norm in cfg.relatives:
                raw.antecedent = relative_antecedent(d, raw.source[0])
        used_toks.update(range(m.tok_start, m.tok_end))
        if m.lexicon == CUE_LEXICON:
            learned_toks.add(m.tok_start)
        used_quotes.update(raw.quotes)
        if raw.source is not None and not nested:
            last_source[raw.sentence] = raw.source
        out.append(raw)
        for c in raw.content:
            taken.add(*c)
    out.extend(_layout_attributions(d, used_quotes, used_toks))
    _absorb_continuations(d, out, used_quotes)
    out.sort(key=lambda r: (r.content[0][0] if r.content else r.cue[0], r.cue[0]))
    # a short quote in the object of a learned action cue ("passed its “reform”") is still the writer's
    speech = [r for r in out if r.cue_lexicon != CUE_LEXICON]
    cue_sentences = {d.sent_of_tok[k] for k in used_toks if k not in learned_toks}
    return out, _scare_quotes(d, speech, used_quotes, cue_sentences)


def _raw(d: _Doc, kind: str, src, m: Match, content, si: int, quotes=()) -> RawAttribution:  # type: ignore[no-untyped-def]
    return RawAttribution(
        kind,
        src,
        (m.start, m.end),
        m.term,
        m.category,
        list(content),
        si,
        list(quotes),
        cue_weight=m.weight,
        cue_lexicon=m.lexicon,
    )


def _attribution_for(
    d: _Doc,
    m: Match,
    use: CueUse,
    used_quotes: set[int],
    last_source: dict[int, tuple[int, int]],
    taken: Coverage | None = None,
) -> RawAttribution | None:
    si = d.sent_of_tok[m.tok_start]
    a, b = d.sent_range(si)
    if use.kind == "according":
        return _according_to(d, m, si, a, b)
    if use.kind == "noun":
        return _noun_attribution(d, m, si, a, b)
    if use.kind == "passive":
        return _passive_attribution(d, m, use.anchor, si, a, b)
    src = _left_source(d, use.anchor)
    inverted = False
    prev = use.anchor - 1
    participle = d.toks[m.tok_start].norm.endswith("ing")
    gerund = d.toks[prev].norm in _GERUND_PREPS and m.term in d.cfg.speech_verbs if prev >= a else False
    if src is None and prev >= a and participle and (d.toks[prev].text == "," or gerund):
        # "…, saying that …", "… by saying his refusal …": the source of the clause the participle hangs on
        src = last_source.get(si) or _sentence_subject(d, a, m.tok_start)
    naming = m.term in _NAMING_VERBS and d.toks[m.tok_start].norm != m.term  # called, dubbed, labeled
    if src is None and not participle and (prev < a or d.toks[prev].text in (",", ":") or d.is_mark(prev)):
        if naming and prev >= a and d.toks[prev].text == ",":
            return None  # "The program, called EB-5, allows …": a name, not a report
        src = _right_source(d, m.tok_end, b, appositive=True)
        inverted = src is not None
    if src is None and not participle and not (taken is not None and taken.covers(m.start)):
        j = _skip_back(d, prev, a)
        if j >= a and d.toks[j].norm in ("and", "but", "or"):
            # "Strada accused the Saudi government … and asserted that …": the subject opening the sentence
            src = _sentence_subject(d, a, m.tok_start)
    if src is None and participle and use.anchor == a:
        return _opening_participle(d, m, si, a, b)
    if src is None:
        return None
    left = src[0] < m.tok_start
    if left and use.kind == "verb" and use.anchor == m.tok_start and not _agrees(d, src, m):
        return None
    if naming and left and src[1] == m.tok_start and _is_cap(d.toks[min(m.tok_end, b - 1)]):
        if _generic_head(d, src) or d.toks[src[0]].norm in ("a", "an"):
            return None  # "a Pakistan-based group called Lashkar-e-Taiba": a name, not a report
    attr_first = min(src[0], m.tok_start) if not (left and src[1] < m.tok_start - 8) else m.tok_start
    attr_last = src[1] if inverted else m.tok_end  # token after the source/cue clause
    # 1. a quote right before: “…,” X said / “…,” said X
    k = attr_first - 1
    while k >= a and d.toks[k].text in (",", "—", "–"):
        k -= 1
    if k >= a and (attr_first == src[0] or inverted or not left):
        qi = d.closing_quote(k)
        if qi >= 0 and qi not in used_quotes and _quote_opens_clause(d, d.quotes[qi], a):
            q = d.quotes[qi]
            content = [(q.start, q.end)]
            quotes = [qi]
            # “…,” he said, “…” : the quote goes on in the same sentence
            k2 = _skip_frame(d, attr_last, b, m.term)
            if k2 < b and d.toks[k2].text in (",", ":") and k2 + 1 < b:
                qn = d.opening_quote(k2 + 1)
                if qn >= 0 and qn not in used_quotes:
                    content.append((d.quotes[qn].start, d.quotes[qn].end))
                    quotes.append(qn)
            return _raw(d, "direct", src, m, content, si, quotes)
    # 2. a quote right after the cue: X said: “…” / X told CNN, “…” / Said X: “…”
    k = _skip_frame(d, attr_last, b, m.term)
    k2 = k
    while k2 < min(b + 1, len(d.toks)) and k2 - k < 2 and d.toks[k2].text in (",", ":"):
        k2 += 1
    if k2 < len(d.toks):
        qi = d.opening_quote(k2)
        if qi >= 0 and qi not in used_quotes:
            q = d.quotes[qi]
            sent_end = d.toks[b - 1].end if b > a else q.end
            if q.end >= sent_end - 1 or k2 > k or not q.closed:
                return _raw(d, "direct", src, m, [(q.start, q.end)], si, [qi])
    # 3. colon at the end of the paragraph: the quote opens the next paragraph
    if k < len(d.toks) and d.toks[k].text == ":" and k + 1 >= b and k + 1 < len(d.toks):
        qi = d.opening_quote(k + 1)
        if qi >= 0 and qi not in used_quotes:
            q = d.quotes[qi]
            return _raw(d, "direct", src, m, [(q.start, q.end)], si, [qi])
        if qi < 0 and not d.in_quote(k + 1):
            # "The governor added:" followed by a paragraph of his words without quote marks
            pi = _paragraph_of_char(d, d.toks[k + 1].start)
            s, e = d.strip(d.toks[k + 1].start, d.doc.paragraphs[pi].end if pi >= 0 else d.toks[k + 1].end)
            if d.words(s, e) >= MIN_CONTENT_WORDS:
                return _raw(d, "mixed" if d.quotes_in(s, e) else "indirect", src, m, [(s, e)], si)
    # 4. "…, X said." / "…, X said, …" / "…, as X said.": content before (and after) the attribution clause
    before_comma = attr_first - 1
    if before_comma - 1 > a and d.toks[before_comma].norm in ("as", "like") and d.toks[before_comma - 1].text == ",":
        before_comma -= 1
    if before_comma > a and d.toks[before_comma].text in (",", "—", "–") and _clause_closes(d, k, b):
        s, e = d.strip(d.toks[a].start, d.toks[before_comma].start)
        if d.words(s, e) >= MIN_CONTENT_WORDS:
            parts = [(s, e)]
            if k < b and d.toks[k].text == "," and k + 1 < b:
                first = d.toks[k + 1]
                if first.kind == "word" and first.text.islower() and not first.norm.endswith("ing"):
                    if first.norm not in _NOT_AFTER_PART:
                        s2, e2 = d.strip(first.start, _clause_end(d, k + 1, b))
                        if d.words(s2, e2) >= MIN_CONTENT_WORDS:
                            parts.append((s2, e2))
            qs = [qi for p in parts for qi in d.quotes_in(*p) if qi not in used_quotes]
            if len(parts) == 1 and len(qs) == 1 and d.quotes[qs[0]].start <= s and d.quotes[qs[0]].end >= e:
                q = d.quotes[qs[0]]
                return _raw(d, "direct", src, m, [(q.start, q.end)], si, qs)
            return _raw(d, "mixed" if qs else "indirect", src, m, parts, si)
    # 5. reported speech after the cue, past an adverbial clause between commas
    if k < b and d.toks[k].text == "," and (left or inverted):
        j = k + 1
        while j < b and j - k <= MAX_APPOSITIVE_TOKENS and d.toks[j].text != "," and not d.in_quote(j):
            j += 1
        if j < b and d.toks[j].text == "," and j + 1 < b:
            k = j + 1
    if k < b and d.toks[k].text not in (".", "!", "?", ",") and (left or inverted):
        s, e = d.strip(d.toks[k].start, _clause_end(d, k, b))
        n = d.words(s, e)
        # one word is enough for the object of an attitude verb: "Cruz has endorsed Trump", "criticize him"
        single = n == 1 and m.term not in d.cfg.speech_verbs and (_is_cap(d.toks[k]) or d.toks[k].norm in _OBJECTS)
        if n >= MIN_CONTENT_WORDS or single:
            qs = d.quotes_in(s, e)
            return _raw(d, "mixed" if qs else "indirect", src, m, [(s, e)], si)
    return None


def _plain_clause(d: _Doc, m: Match, used_quotes: set[int]) -> RawAttribution | None:
    """A likely cue (by the cue model) whose source and content the rules above do not find: the
    words back to the clause boundary before it are the source, the clause after it the content."""
    si = d.sent_of_tok[m.tok_start]
    a, b = d.sent_range(si)
    j = _skip_back(d, m.tok_start - 1, a)
    start = j + 1
    while start - 1 >= a and m.tok_start - start < MAX_SOURCE_TOKENS:
        t = d.toks[start - 1]
        if t.kind == "punct" or d.in_quote(start - 1) or d.cue_at[start - 1]:
            break
        start -= 1
        if t.norm in d.cfg.relatives or t.norm in d.cfg.subordinators or t.norm in _CLAUSE_OPENERS:
            if t.norm not in d.cfg.relatives:
                start += 1
            break
    src = (start, j + 1) if start <= j and any(t.kind == "word" for t in d.toks[start : j + 1]) else None
    if src is None and m.lexicon != "reporting_verbs":
        return None  # a learned cue outside the lexicon needs a doer
    k = m.tok_end
    if k >= b or d.toks[k].text in (".", "!", "?"):
        return _content_before(d, m, src, si, a, used_quotes)
    if d.in_quote(k) and d.opening_quote(k) < 0:
        return None
    s, e = d.strip(d.toks[k].start, _clause_end(d, k, b))
    n = d.words(s, e)
    single = n == 1 and m.term not in d.cfg.speech_verbs and (_is_cap(d.toks[k]) or d.toks[k].norm in _OBJECTS)
    if n < MIN_CONTENT_WORDS and not single:
        return None
    qs = d.quotes_in(s, e)
    return _raw(d, "mixed" if qs else "indirect", src, m, [(s, e)], si)


def _content_before(
    d: _Doc, m: Match, src: tuple[int, int] | None, si: int, a: int, used_quotes: set[int]
) -> RawAttribution | None:
    """``“…,” retired general Lloyd Newton said.``: a cue closing its sentence reports what comes
    before its source, a quote when one closes there, else the words from the sentence start."""
    if src is None:
        return None
    k = src[0] - 1
    while k >= a and d.toks[k].text in (",", "—", "–"):
        k -= 1
    if k < a:
        return None
    qi = d.closing_quote(k)
    if qi >= 0:
        if qi in used_quotes:
            return None
        q = d.quotes[qi]
        return _raw(d, "direct", src, m, [(q.start, q.end)], si, [qi])
    s, e = d.strip(d.toks[a].start, d.toks[k].end)
    if d.words(s, e) < MIN_CONTENT_WORDS:
        return None
    qs = d.quotes_in(s, e)
    return _raw(d, "mixed" if qs else "indirect", src, m, [(s, e)], si)


def _noun_attribution(d: _Doc, m: Match, si: int, a: int, b: int) -> RawAttribution | None:
    """``his statement that …``, ``Trump's claims about …``, ``the decision to …``: a noun cue.

    The source is the possessor when there is one (else none); the content is the that- or
    to-clause, or the noun phrase after ``about``/``of``/``on``/``over``.
    """
    src = _possessor(d, m.tok_start, a)
    j = m.tok_end
    while j < b and d.toks[j].norm in _TIME_WORDS:
        j += 1
    if j >= b - 1 or d.toks[j].norm not in _NOUN_COMPLEMENTS:
        return None
    if d.toks[j].norm in ("that", "to"):
        if d.toks[j].norm == "to" and not _verb_after_to(d, j + 1):
            return None
        s, e = d.strip(d.toks[j].start, _clause_end(d, j, b))
    else:
        s, e = d.strip(d.toks[j + 1].start, _phrase_end(d, j + 1, b))
    if e <= s or d.words(s, e) < 1:
        return None
    kind = "mixed" if d.quotes_in(s, e) else "indirect"
    return _raw(d, kind, src, m, [(s, e)], si)


def _verb_after_to(d: _Doc, k: int) -> bool:
    """``to`` opens an infinitive (``the decision to meet``), not a phrase (``remarks to reporters``)."""
    if k >= len(d.toks):
        return False
    t = d.toks[k]
    return t.kind == "word" and t.text.islower() and t.norm not in d.cfg.determiners and t.norm not in d.cfg.pronouns


def _phrase_end(d: _Doc, k: int, b: int) -> int:
    """End character of a noun phrase starting at token ``k``: up to punctuation, a verb or a clause."""
    cfg = d.cfg
    end = k
    while end < b and end - k < MAX_SOURCE_TOKENS:
        t = d.toks[end]
        if d.in_quote(end):
            end += 1
            continue
        if t.kind == "punct" and t.text not in ("-", "'", "’", "%", "$", "&"):
            break
        if t.norm in cfg.aux or t.norm in _BE_FORMS or d.cue_at[end] or t.norm in cfg.relatives:
            break
        if t.norm in cfg.subordinators and t.norm not in ("and", "or"):
            break
        end += 1
    return d.toks[max(k, end - 1)].end if end > k else d.toks[k].end


def _passive_attribution(d: _Doc, m: Match, be: int, si: int, a: int, b: int) -> RawAttribution | None:
    """``X is expected to …``, ``it was reported that …``, ``X was accused of …``: a source-less passive.

    The content is the subject (unless it is an expletive ``it``/``there``) and the complement after
    the cue; an agent (``by X``) is the source.
    """
    cfg = d.cfg
    j = m.tok_end
    while j < b and (d.toks[j].norm in _SKIP_ADVERBS or _is_adverb(d.toks[j], d.cfg)):
        j += 1
    if j >= b:
        return None
    src = None
    if d.toks[j].norm == "by":
        src = _right_source(d, j + 1, b)
        if src is None:
            return None
        j = src[1]
        while j < b and d.toks[j].text == ",":
            j += 1
    parts: list[tuple[int, int]] = []
    # the subject: back from the auxiliaries before "be" to the start of the clause
    k = be - 1
    while k >= a and (d.toks[k].norm in cfg.aux or d.toks[k].norm in _SKIP_ADVERBS):
        k -= 1
    if k >= a and d.toks[k].norm not in ("it", "there") and d.toks[k].kind != "punct":
        start = k
        while start - 1 >= a and k - start < MAX_SOURCE_TOKENS:
            u = d.toks[start - 1]
            if d.is_mark(start - 1) or u.text in (",", ";", ":", "—", "–", "(") or u.norm in cfg.subordinators:
                break
            if u.norm in cfg.relatives:
                break
            start -= 1
        s, e = d.strip(d.toks[start].start, d.toks[k].end)
        if e > s:
            parts.append((s, e))
    if j < b and (d.toks[j].kind != "punct" or d.is_mark(j)):
        s, e = d.strip(d.toks[j].start, _clause_end(d, j, b))
        if e > s:
            parts.append((s, e))
    if not parts or sum(d.words(s, e) for s, e in parts) < MIN_CONTENT_WORDS:
        return None
    kind = "mixed" if any(d.quotes_in(*p) for p in parts) else "indirect"
    return _raw(d, kind, src, m, parts, si)


def _quote_opens_clause(d: _Doc, q, a: int) -> bool:  # type: ignore[no-untyped-def]
    """A quote that opens its sentence or follows a colon or dash is speech; one inside the writer's
    clause (``On “Fox News Sunday,” Pence said``, ``She called it “a disgrace,” he said``) is not the
    whole content."""
    k = _first_tok_at(d, q.start)
    if k is None or k <= a or q.start < d.toks[a].start:
        return True
    return d.toks[k - 1].kind != "word" or d.cue_at[k - 1]


def _according_source(d: _Doc, k: int, b: int) -> tuple[int, int] | None:
    """The phrase after ``according to``, up to punctuation or a new clause.

    PolNeAR marks the whole phrase: ``a New York Times/CBS News poll released last week``,
    ``attorneys for the family``, ``federal statistics``.
    """
    cfg = d.cfg
    end = k
    while end < b and end - k < MAX_ACCORDING_TOKENS:
        t = d.toks[end]
        if d.is_mark(end) or (t.kind == "punct" and t.text not in ("-", "'", "’", "%", "$", "&", "/", "(", ")", ".")):
            break
        if t.text == "." and not (end > k and _is_cap(d.toks[end - 1]) and end + 1 < b and _is_cap(d.toks[end + 1])):
            break
        if end > k and (t.norm in cfg.relatives or t.norm in ("that", "because", "while", "when", "whereas")):
            break
        end += 1
    while end > k and d.toks[end - 1].kind == "punct" and d.toks[end - 1].text != ")":
        end -= 1
    if end == k or not any(_np_word(t, cfg) for t in d.toks[k:end]):
        return None
    return (k, end)


def _according_to(d: _Doc, m: Match, si: int, a: int, b: int) -> RawAttribution | None:
    src = _according_source(d, m.tok_end, b)
    if src is None:
        return None
    src_end_char = d.toks[src[1] - 1].end
    lead = m.tok_start == a or (m.tok_start == a + 1 and d.toks[a].kind == "punct")
    if lead:
        k = src[1]
        while k < b and d.toks[k].text == ",":
            k += 1
        if k >= b:
            return None
        s, e = d.strip(d.toks[k].start, d.toks[b - 1].end)
        parts = [(s, e)]
    else:
        s, e = d.strip(d.toks[a].start, m.start)
        parts = [(s, e)]
        after_s, after_e = d.strip(src_end_char, d.toks[b - 1].end)
        if after_e > after_s and d.words(after_s, after_e) >= MIN_CONTENT_WORDS:
            parts.append((after_s, after_e))
    parts = [p for p in parts if p[1] > p[0]]
    if not parts:
        return None
    return _raw(d, "according-to", src, m, parts, si)


# ---- layout conventions -----------------------------------------------------------------------


def _layout_attributions(d: _Doc, used_quotes: set[int], used_toks: set[int]) -> list[RawAttribution]:
    out: list[RawAttribution] = []
    for p in d.doc.paragraphs:
        si = d.doc.sentence_of(p.start)
        if si < 0:
            continue
        a = d.doc.sentence_tokens[si][0]
        # NAME: words (a transcript paragraph may open with a quote mark: "WALLACE: …)
        marked = a < len(d.toks) and d.is_mark(a) and d.toks[a].start == p.start
        if marked:
            a += 1
        k = a
        while k < len(d.toks) and k - a <= MAX_LABEL_TOKENS and d.toks[k].start < p.end and d.toks[k].text != ":":
            if not (_is_cap(d.toks[k]) or d.toks[k].text in ".-'’" or d.toks[k].norm in _NP_LINKS):
                break
            k += 1
        if (
            k > a
            and k < len(d.toks)
            and d.toks[k].text == ":"
            and k not in used_toks
            and _is_cap(d.toks[k - 1])
            and _speaker_label(d, a, k)
        ):
            colon = d.toks[k]
            s, e = d.strip(colon.end, p.end)
            if marked and e > s and d.close_mark.get(_first_tok_at(d, e - 1) or 0, -1) >= 0:
                s, e = d.strip(s, e - 1)  # the closing mark of a quoted transcript paragraph
            if d.words(s, e) >= MIN_CONTENT_WORDS and (marked or not d.in_quote(k)):
                label = d.text[d.toks[a].start : d.toks[k - 1].end]
                kind = "direct" if label.isupper() else "indirect"
                qs = d.quotes_in(s, e)
                out.append(RawAttribution(kind, (a, k), (colon.start, colon.end), ":", "neutral", [(s, e)], si, qs))
                used_toks.add(k)
        # “…” ― NAME
    for qi, q in enumerate(d.quotes):
        if qi in used_quotes or not q.closed:
            continue
        k = _first_tok_at(d, q.end)
        if k is None or d.toks[k].text not in _DASHES:
            continue
        dash = k
        while k < len(d.toks) and d.toks[k].text in _DASHES:
            k += 1
        if k >= len(d.toks) or d.toks[k].start >= q.end + 6 or not _is_cap(d.toks[k]):
            continue
        si = d.sent_of_tok[k]
        b = d.sent_range(si)[1]
        src = _right_source(d, k, b)
        if src is None:
            continue
        out.append(
            RawAttribution(
                "direct",
                src,
                (d.toks[dash].start, d.toks[k - 1].end),
                "dash",
                "neutral",
                [(q.start, q.end)],
                si,
                [qi],
            )
        )
        used_quotes.add(qi)
    return out


def _speaker_label(d: _Doc, a: int, k: int) -> bool:
    """``WALLACE:``, ``Pence:``, ``Loretta Lynch:`` name a speaker; ``CLARIFICATION:``, ``The Latest:``
    and title-case section heads (``Little Relief for Refugees:``) do not."""
    words = [t for t in d.toks[a:k] if t.kind == "word"]
    label = " ".join(t.norm for t in words)
    if not words or label in d.cfg.non_speaker_labels:
        return False
    if all(t.text.isupper() for t in words):
        return True
    return len(words) <= MAX_NAME_LABEL_WORDS and not any(t.norm in d.cfg.function_words for t in words)


def _first_tok_at(d: _Doc, pos: int) -> int | None:
    lo, hi = 0, len(d.toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if d.toks[mid].start < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo if lo < len(d.toks) else None


# ---- continuations and scare quotes -------------------------------------------------------------


def _absorb_continuations(d: _Doc, out: list[RawAttribution], used: set[int]) -> None:
    """Join quotes that continue a direct attribution: split quotes and quote-only sentences or paragraphs."""
    cue_starts = sorted(r.cue[0] for r in out)
    quote_starts = d.quote_starts
    for r in sorted(out, key=lambda r: r.content[-1][1]):
        if r.type == "direct" and r.quotes:
            qi_last = r.quotes[-1]
        elif r.type in ("indirect", "mixed") and d.doc.sentence_of(r.content[-1][1] - 1) == r.sentence:
            # reported speech followed by a quoted sentence in the same paragraph:
            # "The summit accomplished “too little,” he added. “Without changing policies …”"
            end = d.toks_end_of(r.sentence)
            nxt = bisect_left(quote_starts, end)
            if nxt >= len(d.quotes) or _NOT_BLANK_RE.search(d.text, end, d.quotes[nxt].start):
                continue
            qi_last = nxt - 1
        else:
            continue
        src_end = d.toks[r.source[1] - 1].end if r.source else 0
        pos = max(r.content[-1][1], src_end, r.cue[1])
        para = _paragraph_of_char(d, r.content[-1][0])
        while True:
            nq = qi_last + 1
            if nq >= len(d.quotes) or nq in used:
                break
            q = d.quotes[nq]
            if q.paragraph == para:
                next_sentence = d.doc.sentence_of(q.start) == r.sentence + 1 and pos <= d.toks_end_of(r.sentence)
                # the gap holds more than separators (searched in place: the gap may be megabytes long)
                if _NOT_GAP_RE.search(d.text, pos, q.start) and not next_sentence:
                    break
            elif q.paragraph == para + 1 and (q.continued or _quote_only_paragraph(d, q)):
                pass
            else:
                break
            i = bisect_left(cue_starts, pos)
            if i < len(cue_starts) and cue_starts[i] < q.end:
                break
            if not _quote_is_sentence(d, q):
                break
            r.content.append((q.start, q.end))
            r.quotes.append(nq)
            if r.type == "indirect":
                r.type = "mixed"
            used.add(nq)
            pos = q.end
            para = q.paragraph
            qi_last = nq


def _quote_only_paragraph(d: _Doc, q) -> bool:  # type: ignore[no-untyped-def]
    p = d.doc.paragraphs[q.paragraph]
    return d.text[p.start : q.start].strip() == "" and d.text[q.end : p.end].strip(" .") == ""


def _quote_is_sentence(d: _Doc, q) -> bool:  # type: ignore[no-untyped-def]
    """A quote that opens a sentence (not a phrase inside the writer's own sentence)."""
    si = d.doc.sentence_of(q.start)
    if si < 0:
        return False
    s = d.doc.sentences[si]
    return d.text[s.start : q.start].strip() == ""


def _scare_quotes(d: _Doc, out: list[RawAttribution], used: set[int], cue_sentences: set[int]) -> list[int]:
    covered = merge_spans([c for r in out for c in r.content])
    starts = [s for s, _ in covered]
    result = []
    for qi, q in enumerate(d.quotes):
        i = bisect_right(starts, q.start) - 1
        if qi in used or (i >= 0 and q.end <= covered[i][1] + 1):
            continue
        if d.words(q.inner_start, q.inner_end) > SCARE_QUOTE_MAX_WORDS:
            continue
        if d.doc.sentence_of(q.start) in cue_sentences:
            continue
        if d.doc.sentence_of(q.start) != d.doc.sentence_of(q.end - 1):
            continue  # a phrase in scare quotes lies in one sentence
        result.append(qi)
    return result


def to_text_span(doc: ParsedDocument, tok_range: tuple[int, int]) -> TextSpan:
    """Character span of a token range."""
    return TextSpan(doc.tokens[tok_range[0]].start, doc.tokens[tok_range[1] - 1].end)


def scare_quote_records(doc: ParsedDocument, indices: Sequence[int]) -> tuple[ScareQuote, ...]:
    """Scare quotes as records (marks included in the span)."""
    return tuple(
        ScareQuote(TextSpan(doc.quotes[i].start, doc.quotes[i].end), doc.sentence_of(doc.quotes[i].start))
        for i in indices
    )
