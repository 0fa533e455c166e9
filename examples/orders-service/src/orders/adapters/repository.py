"""SQLite-backed order storage."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from orders.domain.model import Order


class OrderRepository:
    def __init__(self, path: str) -> None:
        self._db = sqlite3.connect(path)

    def get(self, reference: str) -> Order:
        from orders.domain.model import Order

        row = self._db.execute(
            "SELECT reference, customer_id FROM orders WHERE reference = ?", (reference,)
        ).fetchone()
        return Order(reference=row[0], customer_id=row[1])
