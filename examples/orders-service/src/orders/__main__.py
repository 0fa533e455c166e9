from orders.entrypoints.api import serve

serve()
