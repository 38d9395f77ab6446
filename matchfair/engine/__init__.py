"""Pure-Python engines and reference-data helpers: no Flask or SQLAlchemy import here."""
