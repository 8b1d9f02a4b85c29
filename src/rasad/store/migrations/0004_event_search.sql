-- Text search (EventFilter.text, the API's q): each event's evidence, trigger, actor and place wordings,
-- folded like rasad.text.normalize folds (rasad.store.search.search_fold), so that what users type matches
-- whatever hamza, letter forms, tashkeel, tatweel or ZWNJ the outlet used.
-- The text is computed in Python, so the backfill of existing rows and the dialect's index (SQLite: FTS5
-- trigram table events_search with triggers; PostgreSQL: pg_trgm GIN index when available) are made by
-- SQLStore._after_migration right after this statement, in the same transaction.
ALTER TABLE events ADD COLUMN search_text TEXT;
