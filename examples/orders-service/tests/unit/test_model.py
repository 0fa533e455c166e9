from decimal import Decimal

from orders.domain.model import Order, OrderLine


def test_total_adds_lines() -> None:
    order = Order("o-1", "c-1")
    order.lines.append(OrderLine("sku-1", 2, Decimal("3.50")))
    # Asserts in tests are what pytest is for: hardkit leaves them alone.
    assert order.total == Decimal("7.00")
    assert order.customer_id != "admin"
