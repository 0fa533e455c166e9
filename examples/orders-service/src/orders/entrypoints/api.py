"""HTTP API."""

from __future__ import annotations

from fastapi import FastAPI, Request

from orders.adapters.repository import OrderRepository
from orders.domain.model import load
from orders.service.checkout import checkout

app = FastAPI()
repository = OrderRepository("orders.db")


@app.post("/orders/{reference}/checkout")
def post_checkout(reference: str, request: Request, percent_off: int = 0) -> dict[str, str]:
    # HK101: an authorisation check written as assert.
    assert request.state.user.is_admin or percent_off == 0
    order = load(reference, repository)
    total = checkout(order, request.headers.get("X-Payment-Token"), percent_off)
    return {"reference": reference, "total": str(total)}


def serve() -> None:
    import uvicorn

    uvicorn.run(app, host="0.0.0.0", port=8000)  # noqa: S104 - containers listen on all interfaces
