class ClauseError(ValueError):
    """A refused action on a need's social clause; the message is shown to the person (next to the
    field named by `field` when there is one)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.field = field
