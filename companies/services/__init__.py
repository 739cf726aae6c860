"""Every write of the employer's side: call through the modules (services.ads.order_ad(...))."""
