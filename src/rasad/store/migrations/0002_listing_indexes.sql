-- Indexes for paginated listings and admin/actor filters on large stores (API p95 target on 100k events):
-- listings are ordered by seq; place filters match place_id or any admin level; actor filters match ids.
CREATE INDEX canonical_events_seq ON canonical_events (seq);
CREATE INDEX canonical_events_admin1 ON canonical_events (admin1, seq);
CREATE INDEX canonical_events_admin2 ON canonical_events (admin2);
CREATE INDEX canonical_events_admin3 ON canonical_events (admin3);
CREATE INDEX canonical_events_actor1 ON canonical_events (actor1_id);
CREATE INDEX canonical_events_actor2 ON canonical_events (actor2_id);
CREATE INDEX events_admin3 ON events (admin3);
