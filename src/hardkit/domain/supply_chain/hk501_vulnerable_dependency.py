from __future__ import annotations

from collections.abc import Iterator, Sequence

from hardkit.domain.rule import Example, FileKind, Rule, RuleDoc, invalid, valid
from hardkit.domain.supply_chain.audit import AuditedLock
from hardkit.domain.values import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import ClassVar

if TYPE_CHECKING:  # only `hardkit audit` needs them; `hardkit check` loads this module too
    from hardkit.domain.findings import Finding
    from hardkit.domain.supply_chain.audit import Advisory, Pin

# Examples hold what pip-audit reported about the example's lock as this file (pip-audit's
# `--format json` output); the example runner hands it to `hardkit audit` in place of
# running pip-audit, so the examples run offline through the real service.
PIP_AUDIT_OUTPUT = "pip-audit.json"

_REGISTRY = 'source = { registry = "https://mirror.example.invalid/simple" }'


def _uv_lock(*packages: tuple[str, str]) -> str:
    head = 'version = 1\nrevision = 3\nrequires-python = ">=3.12"\n\n'
    project = '[[package]]\nname = "orders"\nversion = "0.3.0"\nsource = { virtual = "." }\n'
    entries = [f'[[package]]\nname = "{n}"\nversion = "{v}"\n{_REGISTRY}\n' for n, v in packages]
    return head + "\n".join([project, *entries])


def _strings(values: Sequence[str]) -> str:
    return "[" + ", ".join(f'"{v}"' for v in values) + "]"


def _vuln(id_: str, fixed: Sequence[str], aliases: Sequence[str]) -> str:
    return f'{{"id": "{id_}", "fix_versions": {_strings(fixed)}, "aliases": {_strings(aliases)}}}'


def _pip_audit(*packages: tuple[str, str, Sequence[str]]) -> str:
    """pip-audit's ``--format json`` output (written without importing json: this module
    loads on every ``hardkit check``)."""
    deps = [
        f'{{"name": "{n}", "version": "{v}", "vulns": [{", ".join(vulns)}]}}'
        for n, v, vulns in packages
    ]
    return f'{{"dependencies": [{", ".join(deps)}], "fixes": []}}\n'


_REQUESTS_CVE = _vuln("PYSEC-2018-28", ["2.20.0"], ["CVE-2018-18074", "GHSA-x84v-xcm2-53pg"])
_JINJA_SANDBOX = _vuln("PYSEC-2019-217", ["2.10.1"], ["CVE-2019-10906"])
_JINJA_REDOS = _vuln("PYSEC-2021-66", ["2.11.3"], ["CVE-2020-28493"])


def advisory_message(pin: Pin, advisory: Advisory) -> str:
    also = f" (also {', '.join(advisory.aliases)})" if advisory.aliases else ""
    fixed = (
        f"fixed in {', '.join(advisory.fix_versions)}"
        if advisory.fix_versions
        else "no fixed release yet"
    )
    return f"{pin.name} {pin.version} has a known vulnerability {advisory.id}{also}; {fixed}"


class VulnerableDependency(Rule[AuditedLock]):
    code = "HK501"
    name = "vulnerable-dependency"
    summary = "A pinned dependency has a known vulnerability"
    kind = FileKind.LOCK
    doc = RuleDoc(
        what_it_does=(
            "`hardkit audit` hands exactly the versions pinned in `uv.lock` (or "
            "`pylock.toml`, or a pinned `requirements*.txt`) to "
            "[pip-audit](https://github.com/pypa/pip-audit), with no resolution of its "
            "own, and reports every known vulnerability on that package's entry in the "
            "lock file: the advisory id, the other ids it is known by (CVE, GHSA) and the "
            "releases that fix it. One finding per advisory.\n\n"
            "Only `hardkit audit` produces HK501, and it is the only hardkit command that "
            "uses the network: `hardkit check` never reads lock files."
        ),
        why_is_this_bad=(
            "The lock file is what production installs. A release with a published "
            "advisory is a known way in, and it stays in the lock until someone upgrades "
            "it: an audit of what is *locked* (not of what the resolver would pick today) "
            "is the one that matches the deployed service."
        ),
        example=(
            "A `uv.lock` pinning `requests` 2.19.1, which sends the `Authorization` header "
            "on a redirect from https to http (PYSEC-2018-28, CVE-2018-18074):\n\n"
            "```toml\n"
            '[[package]]\nname = "requests"\nversion = "2.19.1"\n'
            "```\n\n"
            "In the examples below, `pip-audit.json` is pip-audit's report on the lock "
            "(`--format json`): the examples run offline, with that report in place of a "
            "pip-audit run."
        ),
        use_instead=(
            "Upgrade to a fixed release and lock again: `uv lock --upgrade-package "
            "requests` (or `uv add 'requests>=2.20'`), then commit the new `uv.lock`."
        ),
        options=(
            '`per-file-ignores = {"uv.lock" = ["HK501"]}` or `ignore = ["HK501"]` '
            "turn the rule off; pip-audit's own `PIP_AUDIT_VULNERABILITY_SERVICE=osv` "
            "(in the environment) picks the vulnerability service. When the service "
            "cannot be reached, `hardkit audit` says so in one line and exits 2."
        ),
        references=(
            "- hardkit's hardening checklist, [A.2 Tooling stack]"
            "(https://github.com/hardkit/hardkit/blob/main/docs/checklist.md"
            "#a2-tooling-stack): pip-audit over the locked dependencies\n"
            "- [pip-audit](https://github.com/pypa/pip-audit) and the "
            "[Python Packaging Advisory Database](https://github.com/pypa/advisory-database)"
        ),
    )
    examples: ClassVar[tuple[Example, ...]] = (
        valid(
            _uv_lock(("requests", "2.32.4")),
            path="uv.lock",
            files={PIP_AUDIT_OUTPUT: _pip_audit(("requests", "2.32.4", []))},
        ),
        valid(
            "requests==2.32.4\njinja2==3.1.6\n",
            path="requirements.txt",
            files={
                PIP_AUDIT_OUTPUT: _pip_audit(("requests", "2.32.4", []), ("jinja2", "3.1.6", []))
            },
        ),
        valid(
            _uv_lock(("requests", "2.19.1")),
            path="uv.lock",
            files={PIP_AUDIT_OUTPUT: _pip_audit(("requests", "2.19.1", [_REQUESTS_CVE]))},
            config={"per-file-ignores": {"uv.lock": ["HK501"]}},
        ),
        invalid(
            _uv_lock(("certifi", "2026.1.4"), ("requests", "2.19.1")),
            path="uv.lock",
            line=16,
            column=1,
            files={
                PIP_AUDIT_OUTPUT: _pip_audit(
                    ("certifi", "2026.1.4", []), ("requests", "2.19.1", [_REQUESTS_CVE])
                )
            },
        ),
        invalid(
            "# uv pip compile requirements.in -o requirements.txt\nJinja2==2.10\n",
            path="requirements.txt",
            line=2,
            column=1,
            more=((2, 1),),
            files={
                PIP_AUDIT_OUTPUT: _pip_audit(("jinja2", "2.10", [_JINJA_SANDBOX, _JINJA_REDOS]))
            },
        ),
        invalid(
            'lock-version = "1.0"\ncreated-by = "uv"\n\n'
            '[[packages]]\nname = "jinja2"\nversion = "2.10"\n',
            path="pylock.toml",
            line=5,
            column=1,
            files={PIP_AUDIT_OUTPUT: _pip_audit(("jinja2", "2.10", [_JINJA_SANDBOX]))},
        ),
    )

    def check(self, file: AuditedLock) -> Iterator[Finding]:
        for package in file.report.packages:
            pin = file.pin_for(package)
            if pin is None:
                continue
            for advisory in package.advisories:
                yield file.finding(self.code, pin, advisory_message(pin, advisory))
