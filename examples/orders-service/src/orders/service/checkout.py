"""Checkout: price an order and take payment."""

from __future__ import annotations

from decimal import Decimal

from orders.domain.model import Order
from orders.domain.pricing import discounted


def checkout(order: Order, payment_token: str | None, percent_off: int) -> Decimal:
    # HK101: checking a payment token with assert; python -O removes it.
    assert payment_token is not None, "payment token required"
    if __debug__:
        # HK102: the whole block disappears under python -O.
        if percent_off > 50:
            raise PermissionError("discount needs a manager's approval")
    return discounted(order.total, percent_off)
