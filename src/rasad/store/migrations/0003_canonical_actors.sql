-- Listing merged events by actor or type on large stores: an (actor_id, seq) table and (type, seq)
-- indexes let "WHERE ... ORDER BY seq LIMIT n" walk an index in order instead of sorting every match.
CREATE TABLE canonical_actors (
    actor_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    PRIMARY KEY (actor_id, seq)
);
INSERT INTO canonical_actors (actor_id, seq)
    SELECT actor1_id, seq FROM canonical_events WHERE actor1_id IS NOT NULL
    UNION
    SELECT actor2_id, seq FROM canonical_events WHERE actor2_id IS NOT NULL;
CREATE INDEX canonical_events_type_seq ON canonical_events (event_type, seq);
CREATE INDEX canonical_events_subtype_seq ON canonical_events (sub_event_type, seq);
CREATE INDEX canonical_events_admin1_type ON canonical_events (admin1, event_type, seq);
