"""The store's migrations (Alembic): each brings a store written by an older eventwire one
version on. See store/migrate.py for how they run; a new store is made by running them all."""
