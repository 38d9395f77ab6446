"""The public board of published needs, with filters and an Atom feed."""
