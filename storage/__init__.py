"""Persistence: SQLModel tables, encrypted health fields, repositories and Alembic migrations."""
