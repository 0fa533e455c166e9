from __future__ import annotations

from hardkit.domain.rule import Example, Rule, RuleDoc, invalid, valid
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar


class ParseError(Rule[object]):
    """Produced by the engine when a file cannot be decoded or parsed."""

    code = "HK001"
    name = "parse-error"
    summary = "The file could not be decoded or parsed"
    doc = RuleDoc(
        what_it_does=(
            "Reports a file hardkit could not read as source: a Python syntax error, bytes "
            "that are not valid in the file's declared encoding (UTF-8 unless a PEP 263 "
            "coding cookie says otherwise), NUL bytes, or a Dockerfile BuildKit rejects."
        ),
        why_is_this_bad=(
            "A file hardkit cannot parse is a file none of its rules has checked. The "
            "finding makes that visible instead of letting the file pass silently; every "
            "other file in the run is still checked."
        ),
        example="```python\ndef handler(request:\n    ...\n```",
        use_instead="```python\ndef handler(request):\n    ...\n```",
        references="- Python language reference, [Encoding declarations](https://docs.python.org/3/reference/lexical_analysis.html#encoding-declarations)",
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("x = 1\n"),
        valid("# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n"),
        invalid("def handler(request:\n    pass\n", line=1, column=12),
        invalid("x = 1\ny = (\n", line=2, column=5),
    )
