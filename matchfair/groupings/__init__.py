"""Groupings (consortia) of SSE companies that answer a need together."""
