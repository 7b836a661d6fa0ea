"""Typo tolerance: which words of a directory's vocabulary are a slip of the keyboard away from a term.

Distances are optimal string alignment (Levenshtein plus a swap of two neighbouring letters, the
commonest typing slip: `stnao` is one edit from `stano`). Large vocabularies go to rapidfuzz, whose C++
code compares tens of thousands of words in a few milliseconds; importing it costs about 13 ms, more than
comparing a small directory's few hundred words in Python, so small vocabularies stay here.
This is the only module that imports rapidfuzz.
"""

from collections.abc import Sequence
from typing import Final

# Shorter terms have too many neighbours to be worth guessing at ("ana" is one edit from "and").
MIN_LENGTH: Final = 4
# From this length a term may be two edits off ("pisonro" for "pisonero" is one, "pisnoro" two).
TWO_EDITS_FROM: Final = 7
# Up to this many words the pure-Python comparison is faster than importing rapidfuzz.
SMALL_VOCABULARY: Final = 400


def max_edits(term: str) -> int:
    """How many edits a term may be off and still count as a typo of a word."""
    if len(term) < MIN_LENGTH:
        return 0
    return 2 if len(term) >= TWO_EDITS_FROM else 1


def close_words(term: str, vocabulary: Sequence[str]) -> dict[str, int]:
    """The words of `vocabulary` within max_edits(term) of `term` but not equal to it: word -> edits."""
    limit = max_edits(term)
    if not limit or not vocabulary:
        return {}
    if len(vocabulary) <= SMALL_VOCABULARY:
        found = {}
        for word in vocabulary:
            if abs(len(word) - len(term)) <= limit:
                edits = osa_distance(term, word, limit)
                if 0 < edits <= limit:
                    found[word] = edits
        return found
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    matches = process.extract(term, vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=None)
    return {word: int(edits) for word, edits, _ in matches if edits > 0}


def osa_distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance of `a` and `b`; any value above `limit` is returned as limit + 1."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                best = min(best, previous2[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[len(b)], limit + 1)
