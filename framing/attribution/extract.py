"""Rule-based attribution extraction over the analyser's tokens, sentences, quotes and cue matches.

The rules, in order:

1. **Cues** are hits of the ``reporting_verbs`` lexicon outside quoted words, dropping noun uses
   (after a determiner) and capitalised uses inside a sentence (``Secretary of State``).
2. **Sources** are the noun phrase left of the cue (``Biden said``, ``top White House officials
   insisted``, ``officials who said``, ``Kirby, a Pentagon spokesman, said``) or, when nothing
   stands there, right of it (``“…,” said John Kirby``; ``according to the Kremlin``).
3. **Content** is a quote next to the source and cue (direct), or else the clause after the cue up
   to the end of the sentence (indirect), or the clause before ``, X said`` at the end of a sentence.
   A quote split around its attribution and following quote-only sentences and paragraphs are
   joined to the same attribution. Reported speech that contains quoted words is ``mixed``.
4. A short quote in a sentence with no attribution is a **scare quote**.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..lexicon import Match
from ..results import ParsedDocument
from ..text import Token
from .types import Attribution, ScareQuote, TextSpan

__all__ = ["ExtractorConfig", "RawAttribution", "extract"]

#: A quote of at most this many words, in a sentence without a cue, is a scare quote.
SCARE_QUOTE_MAX_WORDS = 4
#: Tokens searched after a cue for ``that`` opening reported content.
THAT_WINDOW = 8
#: Longest source noun phrase, in tokens.
MAX_SOURCE_TOKENS = 14
#: Longest appositive between commas ("Kirby, a Pentagon spokesman, said"), in tokens.
MAX_APPOSITIVE_TOKENS = 12

_DETERMINER_NOUN_BLOCK = frozenset(
    "a an the this that these those his her its their our my your no any every each such".split()
)
_WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tonight "
    "morning afternoon evening night week month year weekend".split()
)
_TIME_PREPS = frozenset("on last this earlier later".split())
_RELATIVE = frozenset("who which that".split())
_NP_LINKS = frozenset("of for and & at".split())
_POSSESSIVE = frozenset(("'s", "’s", "'"))
_QUOTE_CHARS = '"“”«»„'
_SPEECH_FRAMES = frozenset("in at during to on via".split())


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
    source_heads: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        heads = self.titles | self.anonymous | self.organizations | self.documents | self.media
        object.__setattr__(self, "source_heads", frozenset(w for w in heads if " " not in w))


@dataclass
class RawAttribution:
    """An attribution before speaker resolution: token and character spans."""

    type: str
    source: tuple[int, int] | None  # token range
    cue: Match
    content: list[tuple[int, int]]  # character ranges
    sentence: int
    quotes: list[int] = field(default_factory=list)  # indices into doc.quotes used as content


class _Doc:
    """Index helpers over one parsed document."""

    def __init__(self, doc: ParsedDocument) -> None:
        self.doc = doc
        self.text = doc.text
        self.toks: Sequence[Token] = doc.tokens
        self.sent_of_tok: list[int] = [0] * len(self.toks)
        for si, (a, b) in enumerate(doc.sentence_tokens):
            for k in range(a, b):
                self.sent_of_tok[k] = si
        self.quote_of_tok: list[int] = [-1] * len(self.toks)
        self.quotes = list(doc.quotes)
        qi = 0
        for k, t in enumerate(self.toks):
            while qi < len(self.quotes) and self.quotes[qi].end <= t.start:
                qi += 1
            if qi < len(self.quotes):
                q = self.quotes[qi]
                if q.inner_start <= t.start and t.end <= q.inner_end:
                    self.quote_of_tok[k] = qi
        self.quote_first_tok: dict[int, int] = {}
        self.quote_last_tok: dict[int, int] = {}
        for k, qi in enumerate(self.quote_of_tok):
            if qi >= 0:
                self.quote_first_tok.setdefault(qi, k)
                self.quote_last_tok[qi] = k

    def sent_range(self, si: int) -> tuple[int, int]:
        return self.doc.sentence_tokens[si]

    def is_mark(self, k: int) -> bool:
        t = self.toks[k]
        return t.kind == "punct" and t.text in _QUOTE_CHARS

    def quote_ending_at(self, k: int) -> int:
        """Index of the quote whose closing mark is token ``k`` (-1 if none)."""
        t = self.toks[k]
        for qi, q in enumerate(self.quotes):
            if q.closed and q.end == t.end:
                return qi
        return -1

    def quote_starting_at(self, k: int) -> int:
        t = self.toks[k]
        for qi, q in enumerate(self.quotes):
            if q.start == t.start:
                return qi
        return -1

    def words(self, start: int, end: int) -> int:
        return sum(1 for t in self.toks if start <= t.start and t.end <= end and t.kind != "punct")


def _is_cap(t: Token) -> bool:
    return t.kind == "word" and t.text[:1].isupper()


def _cue_ok(d: _Doc, m: Match, cfg: ExtractorConfig) -> bool:
    """Drop cue hits that are quoted words, nouns or parts of names."""
    k = m.tok_start
    if d.quote_of_tok[k] >= 0:
        return False
    t = d.toks[k]
    a, _ = d.sent_range(d.sent_of_tok[k])
    if m.term == "according to":
        return True
    if _is_cap(t) and k != a and not d.is_mark(k - 1):
        return False
    if k > a:
        prev = d.toks[k - 1].norm
        if prev in _DETERMINER_NOUN_BLOCK or prev == "to":
            return False
    if m.tok_end < len(d.toks) and d.toks[m.tok_end].norm == "of" and m.term not in ("speak", "think", "warn"):
        return False
    return True


def _np_token(t: Token, cfg: ExtractorConfig) -> bool:
    n = t.norm
    return (
        _is_cap(t)
        or n in cfg.source_heads
        or n in cfg.role_words
        or n in _POSSESSIVE
        or t.kind == "num"
        or (t.kind == "punct" and t.text in "-–.")
    )


def _left_source(d: _Doc, cue_k: int, cfg: ExtractorConfig) -> tuple[int, int] | None:
    """Token range of the source noun phrase ending just before the cue, or None."""
    a, _ = d.sent_range(d.sent_of_tok[cue_k])
    j = cue_k - 1
    while j >= a and (d.toks[j].norm in cfg.aux or d.toks[j].norm in _WEEKDAYS):
        j -= 1
        if j >= a and d.toks[j].norm in _TIME_PREPS and j + 1 < cue_k and d.toks[j + 1].norm in _WEEKDAYS:
            j -= 1
    if j < a:
        return None
    t = d.toks[j]
    if t.norm in _RELATIVE and t.norm != "that":
        j -= 1
        if j >= a and d.toks[j].text == ",":
            j -= 1
        if j < a:
            return None
        t = d.toks[j]
    if t.text == ",":
        # appositive: NAME, a Pentagon spokesman, said
        k = j - 1
        while k >= a and j - k <= MAX_APPOSITIVE_TOKENS and d.toks[k].text != ",":
            if d.is_mark(k):
                return None
            k -= 1
        if k > a and d.toks[k].text == "," and j - k > 1:
            inner = d.toks[k + 1]
            if inner.norm in cfg.determiners or _is_cap(inner) or inner.norm in cfg.source_heads:
                head = _np_backward(d, k - 1, a, cfg)
                if head is not None:
                    return (head, j)
        return None
    if d.quote_of_tok[j] >= 0 or t.kind == "punct":
        return None
    if t.norm in cfg.pronouns:
        return (j, j + 1)
    start = _np_backward(d, j, a, cfg)
    if start is None:
        return _familiar_with(d, j, a, cfg)
    return (start, j + 1)


def _np_backward(d: _Doc, j: int, a: int, cfg: ExtractorConfig) -> int | None:
    """First token of a noun phrase whose head is token ``j`` (None if ``j`` is no noun head)."""
    if j < a or d.quote_of_tok[j] >= 0:
        return None
    t = d.toks[j]
    if t.norm in cfg.pronouns:
        return j
    if not (_is_cap(t) or t.norm in cfg.source_heads or t.kind == "num"):
        return None
    start = j
    k = j - 1
    while k >= a and start - k <= MAX_SOURCE_TOKENS and d.quote_of_tok[k] < 0:
        u = d.toks[k]
        if u.norm in cfg.determiners:
            start = k
            break
        if _np_token(u, cfg):
            if u.kind == "punct" and not (k > a and _is_cap(d.toks[k - 1])):
                break
            start = k
            k -= 1
            continue
        if u.norm in _NP_LINKS and k > a and _is_cap(d.toks[k - 1]) and _is_cap(d.toks[k + 1]):
            start = k
            k -= 1
            continue
        if u.kind == "word" and u.text.islower() and k > a:
            # lower-case modifiers only inside a determiner-led phrase: "the top Pentagon official"
            m = k
            while m >= a and k - m < 3 and d.toks[m].kind == "word" and d.toks[m].norm not in cfg.determiners:
                m -= 1
            if m >= a and d.toks[m].norm in cfg.determiners and d.toks[m].norm not in cfg.pronouns:
                start = m
            break
        break
    # sentence-initial capital words that are not names ("But", "And") are not part of the source
    while start < j and d.toks[start].norm in ("but", "and", "so", "yet", "or", "then", "also"):
        start += 1
    return start


_FAMILIAR = ("familiar with", "close to", "briefed on", "knowledgeable about", "with knowledge of", "involved in")


def _familiar_with(d: _Doc, j: int, a: int, cfg: ExtractorConfig) -> tuple[int, int] | None:
    """``people familiar with the matter said``: the source runs back to the anonymous head."""
    k = j
    while k >= a and j - k < 8:
        pair = " ".join(x.norm for x in d.toks[k : k + 2])
        triple = " ".join(x.norm for x in d.toks[k : k + 3])
        if pair in _FAMILIAR or triple in _FAMILIAR:
            start = _np_backward(d, k - 1, a, cfg)
            if start is not None:
                return (start, j + 1)
            return None
        k -= 1
    return None


def _right_source(d: _Doc, k: int, cfg: ExtractorConfig) -> tuple[int, int] | None:
    """Token range of a source noun phrase starting at token ``k`` (inverted ``said X``)."""
    _, b = d.sent_range(d.sent_of_tok[k]) if k < len(d.toks) else (0, 0)
    while k < b and d.toks[k].norm in _WEEKDAYS:
        k += 1
    if k >= b or d.quote_of_tok[k] >= 0:
        return None
    t = d.toks[k]
    if t.norm in cfg.pronouns:
        return (k, k + 1)
    start = k
    end = k
    while end < b and end - start < MAX_SOURCE_TOKENS and d.quote_of_tok[end] < 0:
        u = d.toks[end]
        if u.norm in cfg.determiners and end == start:
            end += 1
            continue
        if _np_token(u, cfg) and u.kind != "punct":
            end += 1
            continue
        if u.norm in _NP_LINKS and end + 1 < b and _is_cap(d.toks[end + 1]) and end > start:
            end += 1
            continue
        if u.kind == "word" and u.text.islower() and end > start and d.toks[start].norm in cfg.determiners:
            # "the top official": modifiers inside a determiner phrase, up to a source head
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
    if not (_is_cap(head) or head.norm in cfg.source_heads or head.norm in _POSSESSIVE):
        return None
    return (start, end)


def _skip_frame(d: _Doc, k: int, b: int, cfg: ExtractorConfig, cue_term: str) -> int:
    """Skip time words, an addressee (``told reporters``) and speech frames after a cue."""
    changed = True
    while changed and k < b:
        changed = False
        t = d.toks[k]
        if t.norm in _WEEKDAYS or t.norm in ("also", "again", "repeatedly", "publicly", "privately"):
            k += 1
            changed = True
            continue
        if t.norm in _TIME_PREPS and k + 1 < b and d.toks[k + 1].norm in _WEEKDAYS:
            k += 2
            changed = True
            continue
        if cue_term in ("tell", "ask", "inform", "brief", "warn", "urge", "remind", "assure") and t.kind == "word":
            r = _right_source(d, k, cfg)
            if r is not None:
                k = r[1]
                changed = True
                cue_term = ""
                continue
            if t.norm in ("reporters", "journalists", "lawmakers", "supporters", "them", "him", "her", "us", "me"):
                k += 1
                changed = True
                cue_term = ""
                continue
    return k


def _strip_end(d: _Doc, start: int, end: int) -> tuple[int, int]:
    """Trim white space and sentence-final punctuation (quote marks stay) from a content range."""
    text = d.text
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:!?—–-"):
        end -= 1
    while start < end and (text[start].isspace() or text[start] in ",;:—–-"):
        start += 1
    return start, end


def _paragraph_of_char(d: _Doc, pos: int) -> int:
    for p in d.doc.paragraphs:
        if p.start <= pos < p.end:
            return p.index
    return -1


def extract(doc: ParsedDocument, cues: Sequence[Match], cfg: ExtractorConfig) -> tuple[list[RawAttribution], list[int]]:
    """Attributions (unresolved) in text order and the indices of scare quotes in ``doc.quotes``."""
    d = _Doc(doc)
    out: list[RawAttribution] = []
    used_quotes: set[int] = set()
    used_cue_toks: set[int] = set()
    for m in cues:
        if m.tok_start in used_cue_toks or not _cue_ok(d, m, cfg):
            continue
        raw = _attribution_for(d, m, cfg, used_quotes)
        if raw is None:
            continue
        used_cue_toks.update(range(m.tok_start, m.tok_end))
        used_quotes.update(raw.quotes)
        out.append(raw)
    _absorb_continuations(d, out, used_quotes)
    out.sort(key=lambda r: (r.content[0][0] if r.content else r.cue.start, r.cue.start))
    scare = _scare_quotes(d, out, used_quotes, {d.sent_of_tok[k] for k in used_cue_toks})
    return out, scare


def _attribution_for(d: _Doc, m: Match, cfg: ExtractorConfig, used_quotes: set[int]) -> RawAttribution | None:
    si = d.sent_of_tok[m.tok_start]
    a, b = d.sent_range(si)
    if m.term == "according to":
        return _according_to(d, m, cfg, si, a, b)
    src = _left_source(d, m.tok_start, cfg)
    if src is None:
        # inverted: "“…,” said Kirby" / "…, said Kirby" / sentence-initial "Said Kirby:"
        prev = m.tok_start - 1
        if prev < a or d.toks[prev].text in (",", ":") or d.is_mark(prev):
            src = _right_source(d, m.tok_end, cfg)
    if src is None:
        return None
    cue_end_tok = m.tok_end if src[0] < m.tok_start else src[1]
    attr_start_tok = min(src[0], m.tok_start)
    # direct quote before the source and cue: “…,” X said / “…,” said X
    k = attr_start_tok - 1
    while k >= a and d.toks[k].text in (",", "—", "–"):
        k -= 1
    if k >= a and d.is_mark(k):
        qi = d.quote_ending_at(k)
        if qi >= 0 and qi not in used_quotes:
            return RawAttribution("direct", src, m, [(d.quotes[qi].start, d.quotes[qi].end)], si, [qi])
    if k >= a and d.toks[k].text == "," and False:
        pass
    # direct quote after the cue: X said: “…” / X told CNN, “…”
    k = _skip_frame(d, cue_end_tok, b, cfg, m.term)
    k2 = k
    while k2 < len(d.toks) and k2 < b + 1 and d.toks[k2].text in (",", ":") and k2 - k < 2:
        k2 += 1
    if k2 < len(d.toks) and d.is_mark(k2):
        qi = d.quote_starting_at(k2)
        if qi >= 0 and qi not in used_quotes and (k2 > k or d.quotes[qi].start > d.toks[cue_end_tok - 1].end):
            q = d.quotes[qi]
            # a quote that is the whole rest of the sentence (or runs past it) is direct speech
            rest_end = d.toks[b - 1].end if b > a else q.end
            if q.end >= rest_end - 1 or k2 > k:
                return RawAttribution("direct", src, m, [(q.start, q.end)], si, [qi])
    if k2 < len(d.toks) and d.toks[k - 1].text == ":" if k > 0 else False:
        pass
    # colon at the end of the paragraph, quote in the next paragraph
    if k < len(d.toks) and d.toks[k].text == ":" and (k + 1 >= b):
        nxt = k + 1
        if nxt < len(d.toks) and d.is_mark(nxt):
            qi = d.quote_starting_at(nxt)
            if qi >= 0 and qi not in used_quotes:
                q = d.quotes[qi]
                return RawAttribution("direct", src, m, [(q.start, q.end)], si, [qi])
    # reported speech after the cue
    if k < b and d.toks[k].text not in (".", "!", "?") and src[0] < m.tok_start:
        start_char = d.toks[k].start
        end_tok = b
        # stop before a trailing ", according to" or a following cue clause ", X said"
        end_char = _clause_end(d, k, b)
        s, e = _strip_end(d, start_char, end_char)
        if e - s > 0 and d.words(s, e) >= 2:
            inner = [qi for qi, q in enumerate(d.quotes) if s <= q.start and q.end <= e + 1]
            kind = "mixed" if inner else "indirect"
            del end_tok
            return RawAttribution(kind, src, m, [(s, e)], si, [])
    # content before: "…, officials said." at the end of a sentence
    first = attr_start_tok
    if first > a and d.toks[first - 1].text == ",":
        s, e = _strip_end(d, d.toks[a].start, d.toks[first - 1].start)
        if d.words(s, e) >= 2:
            qs = [qi for qi, q in enumerate(d.quotes) if s <= q.start and q.end <= e + 1 and qi not in used_quotes]
            whole = len(qs) == 1 and d.quotes[qs[0]].start <= s + 1 and d.quotes[qs[0]].end >= e - 1
            if whole:
                q = d.quotes[qs[0]]
                return RawAttribution("direct", src, m, [(q.start, q.end)], si, qs)
            return RawAttribution("mixed" if qs else "indirect", src, m, [(s, e)], si, [])
    return None


def _clause_end(d: _Doc, k: int, b: int) -> int:
    """End character of reported content that starts at token ``k``: the sentence end, or before ", according to"."""
    end = d.toks[b - 1].end
    for j in range(k, b - 1):
        t = d.toks[j]
        if t.text == "," and d.quote_of_tok[j] < 0:
            nxt = " ".join(x.norm for x in d.toks[j + 1 : j + 3])
            if nxt == "according to":
                return t.start
    return end


def _according_to(d: _Doc, m: Match, cfg: ExtractorConfig, si: int, a: int, b: int) -> RawAttribution | None:
    src = _right_source(d, m.tok_end, cfg)
    if src is None:
        return None
    src_end_char = d.toks[src[1] - 1].end
    if m.tok_start == a or (m.tok_start == a + 1 and d.toks[a].kind == "punct"):
        # According to X, content.
        k = src[1]
        while k < b and d.toks[k].text == ",":
            k += 1
        if k >= b:
            return None
        s, e = _strip_end(d, d.toks[k].start, d.toks[b - 1].end)
    else:
        s, e = _strip_end(d, d.toks[a].start, m.start)
        after_s, after_e = _strip_end(d, src_end_char, d.toks[b - 1].end)
        if after_e > after_s and d.words(after_s, after_e) >= 2:
            return RawAttribution("according-to", src, m, [(s, e), (after_s, after_e)], si, [])
    if e <= s:
        return None
    return RawAttribution("according-to", src, m, [(s, e)], si, [])


def _absorb_continuations(d: _Doc, out: list[RawAttribution], used: set[int]) -> None:
    """Join quotes that continue a direct attribution: split quotes and quote-only sentences or paragraphs."""
    by_end = sorted(out, key=lambda r: r.content[-1][1])
    starts = sorted(r.cue.start for r in out)
    for r in by_end:
        if r.type != "direct":
            continue
        pos = max(r.content[-1][1], d.toks[r.source[1] - 1].end if r.source else 0, r.cue.end)
        para = _paragraph_of_char(d, r.content[-1][0])
        qi_last = r.quotes[-1]
        while True:
            nq = qi_last + 1
            if nq >= len(d.quotes) or nq in used:
                break
            q = d.quotes[nq]
            qpara = q.paragraph
            if qpara == para:
                gap = d.text[pos : q.start]
            elif qpara == para + 1 and (q.continued or _quote_only_paragraph(d, q)):
                gap = ""
            else:
                break
            if gap.strip(" ,.;:—–-\n") != "":
                break
            if any(pos <= s < q.start for s in starts):
                break
            if not _quote_is_sentence(d, q):
                break
            r.content.append((q.start, q.end))
            r.quotes.append(nq)
            used.add(nq)
            pos = q.end
            para = qpara
            qi_last = nq


def _quote_only_paragraph(d: _Doc, q) -> bool:  # type: ignore[no-untyped-def]
    p = d.doc.paragraphs[q.paragraph]
    return d.text[p.start : q.start].strip() == "" and d.text[q.end : p.end].strip(" .") == ""


def _quote_is_sentence(d: _Doc, q) -> bool:  # type: ignore[no-untyped-def]
    """A quote that starts a sentence (not a phrase inside the writer's own sentence)."""
    si = d.doc.sentence_of(q.start)
    if si < 0:
        return False
    s = d.doc.sentences[si]
    return d.text[s.start : q.start].strip() == ""


def _scare_quotes(d: _Doc, out: list[RawAttribution], used: set[int], cue_sentences: set[int]) -> list[int]:
    covered = [c for r in out for c in r.content]
    result = []
    for qi, q in enumerate(d.quotes):
        if qi in used or any(s <= q.start and q.end <= e + 1 for s, e in covered):
            continue
        if d.words(q.inner_start, q.inner_end) > SCARE_QUOTE_MAX_WORDS:
            continue
        si = d.doc.sentence_of(q.start)
        if si in cue_sentences:
            continue
        result.append(qi)
    return result


def to_text_span(d: ParsedDocument, tok_range: tuple[int, int]) -> TextSpan:
    return TextSpan(d.tokens[tok_range[0]].start, d.tokens[tok_range[1] - 1].end)


def scare_quote_records(doc: ParsedDocument, indices: Sequence[int]) -> tuple[ScareQuote, ...]:
    return tuple(
        ScareQuote(TextSpan(doc.quotes[i].start, doc.quotes[i].end), doc.sentence_of(doc.quotes[i].start))
        for i in indices
    )


def _unused(_: Attribution) -> None:  # pragma: no cover - keeps the import for type readers
    return None
