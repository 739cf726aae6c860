class RequestError(ValueError):
    """A request that cannot be filed, verified or changed: the message is for the user."""
