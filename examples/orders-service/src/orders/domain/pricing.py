"""Prices and discounts."""

from __future__ import annotations

from decimal import Decimal

from orders.utils.money import to_major_units  # HK204: utils.money imports httpx


def discounted(total: Decimal, percent: int) -> Decimal:
    return to_major_units(total * (100 - percent)) / 100
