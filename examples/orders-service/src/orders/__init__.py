"""Orders: take, price and ship customer orders."""
