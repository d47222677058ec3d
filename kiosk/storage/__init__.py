"""SQLAlchemy mapping, repositories, unit of work, engine set-up, migrations, change feed."""
