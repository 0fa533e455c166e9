"""HK101 on its labelled set, per kind (``make hk101-score``).

    uv run python -m perf.hk101_score [-v]

Prints precision and recall overall, a table per kind of assert (recall for the security
kinds, the share wrongly reported for the benign ones) and the precision of each reason
HK101 gives; ``-v`` lists every security assert missed and every benign one reported.
The data and the scoring live in ``tests/hk101_labelled.py``, which the test suite holds
to precision and recall >= 0.90.
"""

from __future__ import annotations

import sys

from tests.hk101_labelled import report, score


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    print(report(score(), verbose="-v" in args or "--verbose" in args))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
