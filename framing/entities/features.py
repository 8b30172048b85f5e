"""Token features for entity mention detection, shared by training and tagging.

Names are capitalised in English news, so the tagger only reads **candidate windows**: each run of
capitalised tokens (joined by "of", "the", "&"... as in "Bank of England", and by an initial's full
stop as in "Mario J. Lucero"), with :data:`CONTEXT` tokens either side (none: the neighbours are read
as features, not tagged). Every other token is outside any mention. A document's windows form one
CRF sequence, a separator item between two (:func:`join_windows`). Each token of a window gets
binary features:

- its lower-cased form, word shape (``Xx``, ``X.X.``, ``x``), three-letter prefix and suffix;
- lexicon hits: first name with its sex (``first_names``), title (``person_titles``),
  organisation word (``actor_cues`` org_head), function word, common word (a one-word lower-case
  entry of any other shipped lexicon), gazetteer category (B/I);
- document evidence: the word also occurs in lower case in the document (so a capital at a
  sentence start is not a name: Mikheev 1999); sentence-initial position;
- the same word, shape and lexicon flags of its neighbours (two each side for the word).

Per-token features that depend only on the token's text are computed once per process and
remembered (bounded), so tagging costs little beyond the CRF's own decoding.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

__all__ = [
    "CONNECTORS",
    "CONTEXT",
    "SEPARATOR",
    "DocumentWords",
    "FeatureConfig",
    "Featurizer",
    "candidate_windows",
    "document_words",
    "join_windows",
    "shape",
]

#: Tokens of context either side of a capitalised run that are tagged with it (2 until model 1.0.0;
#: none since 1.1.0: the neighbours' features are read all the same, with less than half the items).
CONTEXT = 0
#: Lower-case words and marks that join two capitalised words into one name.
CONNECTORS = frozenset(
    ("of", "the", "for", "and", "&", "de", "del", "da", "van", "von", "der", "al", "bin", "la", "le")
)
#: Tokens that join two capitalised words into one candidate run: the connectors, and the full stop
#: of an abbreviation or initial inside a sentence ("Mario J. Lucero", "St. Louis").
RUN_JOINERS = CONNECTORS | {"."}
#: Remembered per-token feature lists (per process), so memory stays bounded.
MEMO_SIZE = 50_000
#: The feature of the item between two windows in a document's sequence (outside any name).
SEPARATOR = "<sep>"


def shape(text: str) -> str:
    """Word shape with runs collapsed: ``Nassar`` -> ``Xx``, ``U.S.`` -> ``X.X.``, ``iPhone`` -> ``xXx``."""
    out: list[str] = []
    for ch in text:
        c = "X" if ch.isupper() else "x" if ch.islower() else "d" if ch.isdigit() else ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)[:6]


def _is_cap(tok: Any) -> bool:
    return tok.kind == "word" and tok.text[:1].isupper()


def candidate_windows(
    tokens: Sequence[Any], first: int, end: int, caps: Sequence[bool] | None = None
) -> list[tuple[int, int]]:
    """Token ranges ``[a, b)`` of one sentence ``[first, end)`` that the tagger reads: capitalised runs
    (with :data:`RUN_JOINERS` between capitalised words) widened by :data:`CONTEXT`, overlapping ones
    merged.
    ``caps`` (whether each token of the document is capitalised) saves recomputing it."""
    if caps is None:
        caps = [_is_cap(t) for t in tokens]
    out: list[tuple[int, int]] = []
    k = first
    while k < end:
        if not caps[k]:
            k += 1
            continue
        j = k + 1
        while j < end:
            if caps[j]:
                j += 1
            elif j + 1 < end and tokens[j].norm in RUN_JOINERS and caps[j + 1]:
                j += 2
            else:
                break
        a, b = max(first, k - CONTEXT), min(end, j + CONTEXT)
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], b)
        else:
            out.append((a, b))
        k = j
    return out


@dataclass(frozen=True)
class FeatureConfig:
    """Word lists the features read (lower-cased): first name -> sex, title -> sex, organisation
    words, function words, and common words (every one-word lower-case entry of the other shipped
    lexicons: "former", "critics"). Plain values, so an analyser pickles cleanly."""

    first_names: Mapping[str, str]
    titles: Mapping[str, str]
    org_words: frozenset[str]
    function_words: frozenset[str]
    common_words: frozenset[str] = frozenset()


class _TokenFeatures(NamedTuple):
    own: tuple[str | bytes, ...]
    prev: tuple[str | bytes, ...]  # as the previous token of another
    next: tuple[str | bytes, ...]  # as the next token
    m2: tuple[str | bytes, ...]  # as the token two before (one feature, or none when the model lacks it)
    p2: tuple[str | bytes, ...]  # as the token two after


@dataclass
class Featurizer:
    """Builds feature lists for candidate windows; remembers per-text features (bounded).

    ``known`` (the attributes a trained model has weights for) leaves out every other feature
    string: the CRF ignores them, so the labels and marginals are the same and decoding reads fewer
    strings. With ``known``, features are UTF-8 bytes (CRFsuite's own form: nothing to encode per
    call). Training uses no ``known`` set and reads strings.
    """

    config: FeatureConfig
    known: frozenset[str] | None = None
    _own: dict[str, _TokenFeatures] = field(default_factory=dict, repr=False)

    def _keep(self, feats: Sequence[str]) -> tuple[str | bytes, ...]:
        known = self.known
        return tuple(feats) if known is None else tuple(x.encode() for x in feats if x in known)

    @property
    def separator(self) -> tuple[str | bytes, ...]:
        """Features of the item between two windows (:func:`join_windows`)."""
        return self._keep((SEPARATOR,))

    def _token(self, text: str) -> _TokenFeatures:
        """Features of a token text: its own, and those it gives as the previous / next token and
        as the token two before / after."""
        got = self._own.get(text)
        if got is not None:
            return got
        cfg = self.config
        low = text.lower().replace("’", "'")
        key = low.rstrip(".")
        sh = shape(text)
        own = ["w=" + low, "sh=" + sh, "p3=" + low[:3], "s3=" + low[-3:]]
        nb = ["w=" + low, "sh=" + sh]
        sex = cfg.first_names.get(key)
        if sex is not None:
            own.append("fn=" + sex)
            nb.append("fn")
        title = cfg.titles.get(key)
        if title is not None:
            own.append("ti=" + title)
            nb.append("ti")
        if key in cfg.org_words:
            own.append("org")
            nb.append("org")
        if key in cfg.function_words:
            own.append("fw")
        elif low in cfg.common_words:
            own.append("common")
        if len(text) == 1:
            own.append("len1")
        keep = self._keep
        got = _TokenFeatures(
            keep(own),
            keep(["-1" + x for x in nb]),
            keep(["1" + x for x in nb]),
            keep(["-2" + nb[0]]),
            keep(["2" + nb[0]]),
        )
        if len(self._own) < MEMO_SIZE:
            self._own[text] = got
        return got

    def windows(
        self,
        tokens: Sequence[Any],
        sentence_tokens: Sequence[tuple[int, int]],
        gazetteer: Mapping[int, str],
        lower_seen: frozenset[str] | set[str],
        mid_seen: frozenset[str] | set[str] = frozenset(),
        caps: Sequence[bool] | None = None,
    ) -> list[tuple[int, int, list[list[str | bytes]]]]:
        """``(a, b, features)`` for every candidate window of the document.

        ``gazetteer`` maps a token index to ``B-category``/``I-category`` of a gazetteer hit;
        ``lower_seen`` holds the lower-cased words the document also writes in lower case;
        ``mid_seen`` the words it capitalises inside a sentence (not at its start); ``caps`` whether
        each token is a capitalised word (computed when not given).
        """
        out = []
        token_features = self._token
        if caps is None:
            caps = [t.kind == "word" and t.text[:1].isupper() for t in tokens]
        keep = self._keep
        gz_feats = {k: keep(("gz=" + g,)) for k, g in gazetteer.items()}
        lc_seen, si, mid_f, cap_mid = keep(("lc_seen",)), keep(("si",)), keep(("mid_seen",)), keep(("cap_mid",))
        prev_gz, next_gz = keep(("-1gz",)), keep(("1gz",))
        # Sentence edges as padding: the token before a sentence gives "<s>" as the previous word and
        # nothing as the word two before; the same after its end. So every token reads its four
        # neighbours the same way.
        empty = _TokenFeatures((), (), (), (), ())
        start_pad = _TokenFeatures((), keep(("-1w=<s>",)), (), (), ())
        end_pad = _TokenFeatures((), (), keep(("1w=<s>",)), (), ())
        for first, end in sentence_tokens:
            wins = candidate_windows(tokens, first, end, caps)
            if not wins:
                continue
            # the sentence's first word (after an opening punctuation token)
            opening = first + 1 if first + 1 < end and tokens[first].kind == "punct" else first
            for a, b in wins:
                lo, hi = max(first, a - 2), min(end, b + 2)
                # infos[i - lo + 2] are token i's features; two pads either side
                infos = [empty, start_pad] if lo == first else [empty, empty]
                infos += [token_features(tokens[k].text) for k in range(lo, hi)]
                infos += (end_pad, empty) if hi == end else (empty, empty)
                if gz_feats:  # a gazetteer hit's neighbours are told so
                    for k in range(max(lo, a - 1), min(hi, b + 1)):
                        if k in gz_feats:
                            tf = infos[k - lo + 2]
                            infos[k - lo + 2] = tf._replace(prev=tf.prev + prev_gz, next=tf.next + next_gz)
                feats = []
                for i in range(a, b):
                    j = i - lo + 2
                    tok = tokens[i]
                    if caps[i]:
                        if i == first or i == opening:
                            flags = si + mid_f if tok.text in mid_seen else si
                        else:
                            flags = cap_mid
                        if tok.norm in lower_seen:
                            flags += lc_seen
                    else:
                        flags = si if i == first or i == opening else ()
                    if i in gz_feats:
                        flags += gz_feats[i]
                    feats.append(
                        [
                            *infos[j].own,
                            *flags,
                            *infos[j - 2].m2,
                            *infos[j - 1].prev,
                            *infos[j + 1].next,
                            *infos[j + 2].p2,
                        ]
                    )
                out.append((a, b, feats))
        return out


def join_windows(
    windows: Sequence[tuple[int, int, list[Any]]], separator: Sequence[Any]
) -> tuple[list[Any], list[int]]:
    """One CRF sequence of a document's windows, with an item of ``separator`` features between two
    (it is outside any name, so no name runs from one window into the next): the items, and where
    each window starts among them. Training and tagging join windows the same way."""
    items: list[Any] = []
    starts: list[int] = []
    sep = list(separator)
    for _a, _b, feats in windows:
        if items:
            items.append(sep)
        starts.append(len(items))
        items.extend(feats)
    return items, starts


def document_words(tokens: Sequence[Any], sentence_tokens: Sequence[tuple[int, int]]) -> DocumentWords:
    """A document's word evidence: which tokens are capitalised words, the words it writes in lower
    case somewhere, and those it capitalises inside a sentence (not as its first word)."""
    caps = [t.kind == "word" and t.text[0].isupper() for t in tokens]  # a token's text is never empty
    lower = {t.norm for t in tokens if t.text[0].islower() and t.kind == "word"}
    mid: set[str] = set()
    for first, end in sentence_tokens:
        # the first word of a sentence (after an opening punctuation token) is not "inside" it
        k = first + 2 if first + 1 < end and tokens[first].kind == "punct" else first + 1
        mid.update([tokens[j].text for j in range(k, end) if caps[j]])
    return DocumentWords(caps, lower, mid)


class DocumentWords(NamedTuple):
    """Per-document word evidence: capitalised flags per token, lower-case words, mid-sentence capitals."""

    caps: list[bool]
    lower: set[str]
    mid: set[str]


def gazetteer_tags(matches: Sequence[Any], lexicon: str) -> dict[int, str]:
    """Token index -> ``B-category`` / ``I-category`` for the hits of ``lexicon``."""
    out: dict[int, str] = {}
    for m in matches:
        if m.lexicon != lexicon:
            continue
        out.setdefault(m.tok_start, "B-" + m.category)
        for k in range(m.tok_start + 1, m.tok_end):
            out.setdefault(k, "I-" + m.category)
    return out
