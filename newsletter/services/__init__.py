"""Writes of the newsletter: subscriptions (double opt-in, unsubscribe) and sending."""
