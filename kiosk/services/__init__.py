"""Use cases: one method per user action, each in one unit of work, returning plain data."""
