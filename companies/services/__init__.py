"""Every write of the employer's side: call through the modules (services.orders.order_ad(...))."""
