"""The order aggregate. Domain code must stay pure: no I/O, no outer layers."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import requests  # HK202: an HTTP client inside domain/

from orders.adapters.repository import OrderRepository  # HK201: domain -> adapters


@dataclass
class OrderLine:
    sku: str
    quantity: int
    unit_price: Decimal


@dataclass
class Order:
    reference: str
    customer_id: str
    lines: list[OrderLine] = field(default_factory=list)

    def add(self, line: OrderLine) -> None:
        assert line.quantity > 0, "quantity must be positive"  # fine: an invariant
        self.lines.append(line)
        print(f"added {line.sku} to {self.reference}")  # HK203: I/O in the domain

    @property
    def total(self) -> Decimal:
        return sum((line.unit_price * line.quantity for line in self.lines), Decimal(0))


def load(reference: str, repository: OrderRepository) -> Order:
    return repository.get(reference)


def exchange_rate(currency: str) -> Decimal:
    response = requests.get(f"https://rates.invalid/{currency}", timeout=5)
    return Decimal(response.text)
