"""A set of patterns worked out once (``globs.Matcher``: plain names in a set, the globs
as two combined regular expressions) matches exactly the paths some single pattern of
the set matches (``globs.matches``), for any patterns and paths."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from hardkit.domain.globs import Matcher, matches

_SEGMENT = st.sampled_from(["a", "b", "ab", "*", "?", "a*", "*.py", "[ab]", "[!a]", "**", ".x"])
_PATTERN = st.builds(
    lambda parts, lead, trail: lead + "/".join(parts) + trail,
    st.lists(_SEGMENT, min_size=1, max_size=3),
    st.sampled_from(["", "/", "./", " "]),
    st.sampled_from(["", "/", " "]),
)
_PATH = st.lists(st.sampled_from(["a", "b", "ab", "x.py", ".x", "ba"]), min_size=1, max_size=4)


@given(st.lists(_PATTERN, max_size=4), _PATH)
def test_the_set_matches_what_one_of_its_patterns_matches(
    patterns: list[str], parts: list[str]
) -> None:
    path = "/".join(parts)
    assert Matcher(tuple(patterns))(path) == any(matches(p, path) for p in patterns)
