"""HK101 says why, with the kinds issue 15's held-out set asked for: each message names the
reason kind, in the form the other kinds use (``assert checks `…` (kind); python -O …``)."""

from __future__ import annotations

import pytest

from hardkit.adapters.libcst_parser import parse_cst
from hardkit.domain.config import config_from_table
from hardkit.domain.registry import rules_by_code
from hardkit.domain.sources import PythonFile

CASES = [
    (
        "def install(url, expected):\n"
        "    blob = urlopen(url).read()\n"
        "    assert sha256(blob).hexdigest() == expected\n",
        "assert checks `sha256(blob).hexdigest() == expected` (an integrity check of received "
        "data); python -O removes it",
    ),
    (
        "def check_root(root):\n    assert root.fingerprint(SHA256()) in TRUSTED_ROOTS\n",
        "assert checks `root.fingerprint(SHA256()) in TRUSTED_ROOTS` (a credential check); "
        "python -O removes it",
    ),
    (
        "def withdraw(account, amount):\n    assert amount <= account.balance\n",
        "assert checks `amount <= account.balance` (a check on a payment); python -O removes it",
    ),
    (
        "def avatar(host):\n    assert not ip_address(host).is_private\n",
        "assert checks `ip_address(host).is_private` (a server-side request forgery guard); "
        "python -O removes it",
    ),
    (
        "def on_message(self, client, userdata, msg):\n"
        "    reading = json.loads(msg.payload)\n"
        "    assert reading['device'] in self.devices\n",
        "assert checks `reading['device'] in self.devices` (validation of untrusted input); "
        "python -O removes it",
    ),
    (
        "def purge(request):\n    assert getattr(request.user, 'is_superuser', False)\n",
        "assert checks `getattr(request.user, 'is_superuser', False)` (a permission check); "
        "python -O removes it",
    ),
    (
        "def orders(request):\n"
        "    try:\n"
        "        assert request.user.is_authenticated\n"
        "    except Exception:\n"
        "        return HttpResponseForbidden()\n",
        "assert checks `request.user.is_authenticated` (an authentication check); "
        "python -O removes it",
    ),
]


@pytest.mark.parametrize(("source", "message"), CASES)
def test_the_message_names_the_kind(source: str, message: str) -> None:
    config = config_from_table({}, "reasons")
    file = PythonFile("shop/services.py", source, config, is_test=False, cst_parser=parse_cst)
    findings = list(rules_by_code()["HK101"].check(file))
    line = source.splitlines().index(next(x for x in source.splitlines() if "assert" in x)) + 1
    assert [(f.line, f.message) for f in findings] == [(line, message)]


def test_an_internal_helper_given_the_request_without_a_refusal_is_not_an_entry_point() -> None:
    source = "def user_label(request):\n    assert request.user.is_authenticated\n"
    config = config_from_table({}, "reasons")
    file = PythonFile("shop/services.py", source, config, is_test=False, cst_parser=parse_cst)
    assert list(rules_by_code()["HK101"].check(file)) == []
