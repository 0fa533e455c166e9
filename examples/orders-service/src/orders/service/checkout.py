"""Checkout: price an order and take payment."""

from __future__ import annotations

import hashlib
import hmac
import os
from decimal import Decimal

# HK205: the service speaks HTTP; a CLI or a worker cannot call it without FastAPI.
from fastapi import HTTPException

from orders.domain.model import Order
from orders.domain.pricing import discounted

PAYMENT_KEY = os.environ.get("PAYMENT_KEY", "").encode()


def checkout(order: Order, payment_token: str | None, percent_off: int) -> Decimal:
    # Narrowing for the type checker, not a security check: HK101 leaves it alone.
    assert payment_token is not None, "payment token required"
    expected = hmac.new(PAYMENT_KEY, order.reference.encode(), hashlib.sha256).hexdigest()
    # HK101: the payment token verified by assert; python -O removes it.
    assert hmac.compare_digest(payment_token, expected), "payment token does not match"
    if __debug__:
        # HK102: the whole block disappears under python -O.
        if percent_off > 50:
            raise PermissionError("discount needs a manager's approval")
    if not order.lines:
        raise HTTPException(status_code=422, detail="empty order")
    return discounted(order.total, percent_off)
