"""Pricing an order: products, order lines, quotes, and the catalog port.

The example the template starts with; replace it with your own domain. Prices are
whole cents, so sums are exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

BULK_QUANTITY = 10  # a line of this many units or more ...
BULK_DISCOUNT_PERCENT = 10  # ... costs this much less


class PricingError(ValueError):
    """An order that cannot be priced; the message says why, for the caller's user."""


@dataclass(frozen=True, slots=True)
class Product:
    sku: str
    name: str
    unit_price_cents: int


@dataclass(frozen=True, slots=True)
class Line:
    """What the customer asks for: a product by its SKU, and how many."""

    sku: str
    quantity: int


@dataclass(frozen=True, slots=True)
class QuotedLine:
    product: Product
    quantity: int

    @property
    def list_price_cents(self) -> int:
        return self.product.unit_price_cents * self.quantity

    @property
    def discount_cents(self) -> int:
        if self.quantity < BULK_QUANTITY:
            return 0
        return self.list_price_cents * BULK_DISCOUNT_PERCENT // 100

    @property
    def total_cents(self) -> int:
        return self.list_price_cents - self.discount_cents


@dataclass(frozen=True, slots=True)
class Quote:
    lines: tuple[QuotedLine, ...]

    @property
    def total_cents(self) -> int:
        return sum(line.total_cents for line in self.lines)


class Catalog(Protocol):
    """The port through which the domain finds products. An adapter implements it
    (``adapters.json_catalog``); the tests pass a fake."""

    def find(self, sku: str) -> Product | None: ...


def price(lines: Iterable[Line], catalog: Catalog) -> Quote:
    """The quote for ``lines``; ``PricingError`` for an unknown SKU or a bad quantity."""
    quoted: list[QuotedLine] = []
    for line in lines:
        if line.quantity < 1:
            raise PricingError(f"{line.sku}: the quantity must be at least 1")
        product = catalog.find(line.sku)
        if product is None:
            raise PricingError(f"{line.sku}: no such product")
        quoted.append(QuotedLine(product, line.quantity))
    if not quoted:
        raise PricingError("an order needs at least one line")
    return Quote(tuple(quoted))
