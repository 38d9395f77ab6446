"""Reference data: CPV codes (imported) and the territory (shipped in engine/territory.py)."""
