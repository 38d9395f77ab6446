"""The demo fair: one command loads a realistic Occitanie-like fair."""
