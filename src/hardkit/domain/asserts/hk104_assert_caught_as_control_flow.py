"""HK104: an ``assert`` whose ``AssertionError`` is caught to pick another path."""

from __future__ import annotations

from collections.abc import Iterable

from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.sources import PythonFile
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

    from hardkit.domain.config import Config
    from hardkit.domain.findings import Finding


def message(line: int) -> str:
    return (
        f"assert caught by `except AssertionError` at line {line}; "
        "python -O removes the assert and the handler never runs"
    )


class AssertCaughtAsControlFlow(Rule[PythonFile]):
    code = "HK104"
    name = "assert-caught-as-control-flow"
    summary = "An assert's AssertionError is caught to take another path, which python -O removes"
    kind = FileKind.PYTHON
    fixable = True
    doc = RuleDoc(
        what_it_does=(
            "Finds `assert` statements in non-test code inside the body of a `try` whose "
            "handler catches `AssertionError` by name (`except AssertionError:`, or in a "
            "tuple: `except (ValueError, AssertionError):`), when HK101 does not already "
            "report them as security checks. The `try` must be in the same function: an "
            "assert in a function merely called from the `try` is not counted. "
            "`except Exception:` is not counted either: it does not name the assert."
        ),
        why_is_this_bad=(
            "The program uses the assert as an `if`: a failed condition takes the "
            "handler's path (a fallback, a different error, a default value). `python -O` "
            "removes the assert, so the condition is never tested, the handler never runs, "
            "and the code carries on as if the condition held — with an invalid value, an "
            "unsupported library version, a wrong default. Tests, which run without `-O`, "
            "never see it."
        ),
        example=(
            "```python\n"
            "def plugin_ref(ref):\n"
            "    try:\n"
            '        package, entry = ref.split(":")\n'
            "        assert package and entry\n"
            "    except (ValueError, AssertionError):\n"
            '        raise ValueError(f"Not a plugin reference: {ref!r}")\n'
            "    return package, entry\n"
            "```"
        ),
        use_instead=(
            "```python\n"
            "def plugin_ref(ref):\n"
            "    try:\n"
            '        package, entry = ref.split(":")\n'
            "        if not (package and entry):\n"
            "            raise AssertionError\n"
            "    except (ValueError, AssertionError):\n"
            '        raise ValueError(f"Not a plugin reference: {ref!r}")\n'
            "    return package, entry\n"
            "```\n\n"
            "or better, test the condition with an `if` and take the other path there."
        ),
        fix_safety=(
            "The fix is safe and the same as HK101's: `assert COND, MSG` becomes `if not "
            "COND:` followed by `raise AssertionError(MSG)`. Without `-O` the code behaves "
            "exactly as before (the same exception reaches the same handler); with `-O` it "
            "now behaves the same way too. Comments, indentation and line endings are kept; "
            "`assert-fix-exception` is not used here, since the handler catches "
            "`AssertionError`."
        ),
        options="- `test-paths` (list of globs): files where asserts are tests, never reported.",
        references=(
            "- hardkit's hardening checklist, [A.6 Deployment hardening]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a6-deployment-hardening): never rely on `assert` at run time\n"
            "- HK101 `assert-used-for-security`, for asserts whose failure refuses a request\n"
            "- Python reference, [The assert statement]"
            "(https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid("def f(x):\n    try:\n        assert x > 0\n    except ValueError:\n        pass\n"),
        valid("def f(x):\n    try:\n        assert x > 0\n    except Exception:\n        pass\n"),
        valid(
            "def f(x):\n"
            "    try:\n"
            "        pass\n"
            "    except AssertionError:\n"
            "        assert x > 0\n"
            "    else:\n"
            "        assert x < 9\n"
        ),
        valid(
            "def f(x):\n"
            "    try:\n"
            "        def g():\n"
            "            assert x > 0\n"
            "        return g\n"
            "    except AssertionError:\n"
            "        return None\n"
        ),
        valid(
            "def f(x):\n    try:\n        assert x > 0\n    except AssertionError:\n        pass\n",
            path="tests/test_f.py",
        ),
        # a security check refused with a 403: HK101 reports it, not HK104
        valid(
            "def edit(request, post):\n"
            "    try:\n"
            "        assert post.author == request.user\n"
            "    except AssertionError:\n"
            "        return HttpResponseForbidden()\n"
        ),
        valid(
            "def f(x):\n"
            "    try:\n"
            "        assert x > 0  # noqa: HK104\n"
            "    except AssertionError:\n"
            "        x = 1\n"
        ),
        invalid(
            "def plugin_ref(ref):\n"
            "    try:\n"
            "        package, entry = ref.split(':')\n"
            "        assert package and entry\n"
            "    except (ValueError, AssertionError):\n"
            "        raise ValueError(ref)\n"
            "    return package, entry\n",
            line=4,
            column=9,
            fixed=(
                "def plugin_ref(ref):\n"
                "    try:\n"
                "        package, entry = ref.split(':')\n"
                "        if not (package and entry):\n"
                "            raise AssertionError\n"
                "    except (ValueError, AssertionError):\n"
                "        raise ValueError(ref)\n"
                "    return package, entry\n"
            ),
        ),
        invalid(
            "try:\n"
            "    from fastyaml import __version__\n"
            "    assert __version__ >= '2.1', 'too old'\n"
            "except (ImportError, AssertionError):\n"
            "    __version__ = None\n",
            line=3,
            column=5,
            fixed=(
                "try:\n"
                "    from fastyaml import __version__\n"
                "    if not __version__ >= '2.1':\n"
                "        raise AssertionError('too old')\n"
                "except (ImportError, AssertionError):\n"
                "    __version__ = None\n"
            ),
        ),
        invalid(
            "def pick(headers):\n"
            "    try:\n"
            "        try:\n"
            "            assert headers['Signature-Input']\n"
            "        finally:\n"
            "            log(headers)\n"
            "    except (KeyError, builtins.AssertionError):\n"
            "        return 'legacy'\n",
            line=4,
            column=13,
        ),
        invalid(
            "def load(task_list):\n"
            "    try:\n"
            "        assert task_list; selected = task_list.selected\n"
            "        assert isinstance(selected, Task)\n"
            "        return selected\n"
            "    except AssertionError as exc:\n"
            "        return fallback(exc)\n",
            line=3,
            column=9,
            more=[(4, 9)],
            fixed=(
                "def load(task_list):\n"
                "    try:\n"
                "        if not task_list:\n"
                "            raise AssertionError\n"
                "        selected = task_list.selected\n"
                "        if not isinstance(selected, Task):\n"
                "            raise AssertionError\n"
                "        return selected\n"
                "    except AssertionError as exc:\n"
                "        return fallback(exc)\n"
            ),
        ),
    )

    def prefilter(self, text: str, config: Config) -> bool:
        return "AssertionError" in text and "assert" in text

    def check(self, file: PythonFile) -> Iterable[Finding]:
        if file.is_test:
            return ()
        from hardkit.domain.asserts.assert_findings import assert_findings
        from hardkit.domain.asserts.decision import caught_asserts
        from hardkit.domain.asserts.security_words import vocabulary

        vocab = vocabulary(file.config.security_names)
        found = caught_asserts(file.ast, file.path, vocab)
        if not found:
            return ()
        return assert_findings(file, self.code, [(n, message(line)) for n, line in found])
