"""Organisations: SSE companies, buyers and organisers, their profiles and their members."""
