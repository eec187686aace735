"""What a reader typed, as terms both databases search for: only its words (letters and
digits), so operators, SQL and NUL bytes never reach the search syntax. Words in double
quotes are a phrase, rebuilt from its words as a phrase query on each database."""

import re

from . import conf

WORD = re.compile(r"\w+")
# A quoted part (its closing quote optional), or a run of text outside quotes.
PART = re.compile(r'"([^"]*)(?:"|$)|([^"]+)')
MAX_QUERY_CHARS = 500
MAX_TERM_CHARS = 40


def search_terms(raw):
    """What a reader typed as terms: a word is a str, a quoted phrase a tuple of words.

    At most a dozen words in all, none absurdly long.
    """
    text = (raw or "")[:MAX_QUERY_CHARS].replace("\x00", " ")
    terms, budget = [], conf.SEARCH_MAX_TERMS
    for quoted, loose in PART.findall(text):
        words = [word[:MAX_TERM_CHARS] for word in WORD.findall(quoted or loose)][:budget]
        budget -= len(words)
        if quoted and len(words) > 1:
            terms.append(tuple(words))
        else:
            terms.extend(words)
    return terms


def term_words(term):
    """The words of one term, a single word or a phrase alike."""
    return [term] if isinstance(term, str) else list(term)
