"""The fair programme: events, rooms, sessions (workshops, round tables...), registrations, agendas."""
