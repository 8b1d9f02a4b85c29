-- Listing document events of one type (the API's /api/events?event_type=..., with or without q) on large
-- stores: an (event_type, doc_id, seq) index lets "WHERE event_type = ? ... ORDER BY doc_id, seq LIMIT n"
-- walk the index in listing order instead of sorting every event of that type (190 ms at 96,000 rows).
CREATE INDEX events_type_order ON events (event_type, doc_id, seq);
