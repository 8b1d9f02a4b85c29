-- Text search (q) on merged events, rebuilt as covering indexes (same names, one more column each, so
-- writing a merge keeps the same number of index entries):
-- canonical_reports_event (event_id) -> (event_id, canonical_id): a capped count streaming the FTS5
-- matches maps each matching telling to its merged event from the index alone (no table row);
-- canonical_events_type_seq (event_type, seq) -> (event_type, seq, id): a capped count of a common word
-- with a type filter walks the type's events in listing order and joins their reports by id, also from
-- the index alone.  Khalidiya + Battles on the 100k bench store: 30 -> 23 ms.
DROP INDEX canonical_reports_event;
CREATE INDEX canonical_reports_event ON canonical_reports (event_id, canonical_id);
DROP INDEX canonical_events_type_seq;
CREATE INDEX canonical_events_type_seq ON canonical_events (event_type, seq, id);
