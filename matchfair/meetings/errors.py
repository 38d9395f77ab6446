"""Refused meeting actions: the message says why, in the user's language, and views flash it."""


class MeetingError(Exception):
    """An action on meetings that cannot be done; str(error) is the message to show."""


class SlotTaken(MeetingError):
    """The database refused a booking: one side or the table is already taken in that slot."""
