"""Buyers' needs: upcoming purchases published early, with lots, reservations and clauses."""
