"""The rules of the queue: entities, value objects and pure functions.

Standard library only (no Qt, no SQLAlchemy), so every rule here can be tested in
microseconds and reused by any front end.
"""
