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
            "coding cookie says otherwise), NUL bytes, or a Dockerfile BuildKit rejects.\n\n"
            "**Valid code is never HK001.** A pre-commit hook often runs an older Python "
            "than the project it checks (Ubuntu 22.04 ships 3.10). A file the running "
            "Python refuses is read again with LibCST's grammar, which knows the syntax of "
            "Python 3.11 to 3.14: `except*` and starred subscripts (3.11), type-parameter "
            "lists and `type` statements (PEP 695) and f-strings with nested quotes, "
            "backslashes or comments (PEP 701, 3.12), type-parameter defaults (PEP 696, "
            "3.13), `except A, B:` without parentheses (PEP 758) and t-strings (PEP 750, "
            "3.14). Such a file is checked like any other: every rule runs on it, its "
            "findings have their lines and columns, and `--fix` rewrites it in place. "
            "Only a file that no grammar accepts is HK001, with the running Python's own "
            "message and position (where a file has newer syntax and an error too, that "
            "is where the running Python stopped reading it).\n\n"
            "How: the rules see the `ast` tree of the file with each newer construct "
            "rewritten, in place and without moving anything, into one the running "
            "Python knows (a type-parameter list blanked, a t-string read as an f-string, "
            "`except A, B:` read as `except A| B:` and given back its tuple). What is "
            "blanked (a type parameter's bound, the literal text of a PEP 701 f-string) "
            "is not looked at; it cannot hold a statement. One valid layout is still "
            "refused on Python 3.10 and 3.11: a type-parameter list of a function, or of "
            "a class with bases, that has an empty line inside it.\n\n"
            "**Scope: the files hardkit parses.** Like ruff, hardkit does not parse a file "
            "that holds nothing any selected rule looks at: a cheap screen of each file's "
            "text comes first, and only a file some rule may report on is parsed (for the "
            "default rules: text holding `assert`, `__debug__`, `PYTHONHASHSEED` or "
            "`AssertionError`, or any file of a layered package, outside the test "
            "paths; gunicorn's configuration modules for HK309). A syntax error in "
            "any other file is not reported here: the file gives none of hardkit's rules "
            "anything to check, and the compiler, ruff or pyright report it anyway (they "
            "parse every file). On the files it parses, HK001 is exact: the running "
            "Python's own verdict, message and position. Select HK001 alone "
            "(`--select HK001`) to have every Python file parsed. A file that cannot be "
            "decoded is HK001 whatever its text; a Dockerfile or configuration file is "
            "always parsed."
        ),
        why_is_this_bad=(
            "A file hardkit cannot parse is a file none of its rules has checked. The "
            "finding makes that visible instead of letting the file pass silently; every "
            "other file in the run is still checked."
        ),
        example="```python\ndef handler(request:\n    assert request.user.is_staff\n```",
        use_instead="```python\ndef handler(request):\n    assert request.user.is_staff\n```",
        references="- Python language reference, [Encoding declarations](https://docs.python.org/3/reference/lexical_analysis.html#encoding-declarations)",
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("x = 1\n"),
        valid("# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n"),
        valid("class Box[T]:\n    item: T\n\ntype Pair[K, V = int] = tuple[K, V]\n"),
        valid(
            "try:\n    import tomllib\nexcept ImportError, AttributeError:\n    tomllib = None\n"
        ),
        valid('greeting = t\'Hello {user.name}\'\nlabel = f"{user["name"]}"\n'),
        invalid("def handler(request:\n    assert request.user.is_staff\n", line=1, column=12),
        invalid("assert x\ny = (\n", line=2, column=5),
        invalid(
            "def handler(request:\n    assert request.user.is_staff\n\nclass Box[T]:\n    pass\n",
            line=1,
            column=12,
        ),
    )
