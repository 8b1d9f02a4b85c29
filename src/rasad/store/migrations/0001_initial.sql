-- Initial schema, shared by SQLite and PostgreSQL.
-- Tokens replaced per dialect: @JSON@ (TEXT / JSONB), @SERIAL_PK@ (auto-increment integer key).
-- Dates and datetimes are ISO-8601 text so that range comparisons are portable and lexicographic.

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    outlet TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    published_precision TEXT,
    lang TEXT,
    source_path TEXT,
    source_format TEXT,
    encoding TEXT,
    text TEXT NOT NULL,
    meta @JSON@,
    data @JSON@,
    n_events INTEGER NOT NULL DEFAULT 0,
    stored_at TEXT
);
CREATE INDEX documents_outlet ON documents (outlet);
CREATE INDEX documents_lang ON documents (lang);
CREATE INDEX documents_published ON documents (published);

CREATE TABLE sentences (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    start_off INTEGER NOT NULL,
    end_off INTEGER NOT NULL,
    lang TEXT,
    PRIMARY KEY (doc_id, seq)
);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    start_off INTEGER NOT NULL,
    end_off INTEGER NOT NULL,
    text TEXT,
    kind TEXT NOT NULL,
    canonical_id TEXT,
    sentence INTEGER,
    lang TEXT,
    source TEXT,
    attrs @JSON@,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX mentions_kind_canonical ON mentions (kind, canonical_id);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event_type TEXT,
    sub_event_type TEXT,
    place_id TEXT,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    admin3 TEXT,
    date_start TEXT,
    date_end TEXT,
    actor1_id TEXT,
    actor2_id TEXT,
    actor_words TEXT,
    polarity TEXT,
    lang TEXT,
    evidence_text TEXT,
    data @JSON@ NOT NULL
);
CREATE INDEX events_doc ON events (doc_id, seq);
CREATE INDEX events_type ON events (event_type, sub_event_type);
CREATE INDEX events_place ON events (place_id);
CREATE INDEX events_admin1 ON events (admin1);
CREATE INDEX events_admin2 ON events (admin2);
CREATE INDEX events_dates ON events (date_start, date_end);
CREATE INDEX events_actor1 ON events (actor1_id);
CREATE INDEX events_actor2 ON events (actor2_id);
CREATE INDEX events_polarity ON events (polarity);
CREATE INDEX events_lang ON events (lang);

CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    event_id TEXT,
    subject TEXT,
    predicate TEXT,
    polarity TEXT,
    lang TEXT,
    data @JSON@ NOT NULL
);
CREATE INDEX claims_doc ON claims (doc_id, seq);
CREATE INDEX claims_event ON claims (event_id);
CREATE INDEX claims_subject ON claims (subject, predicate);

CREATE TABLE canonical_events (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    event_type TEXT,
    sub_event_type TEXT,
    place_id TEXT,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    admin3 TEXT,
    date_start TEXT,
    date_end TEXT,
    actor1_id TEXT,
    actor2_id TEXT,
    actor_words TEXT,
    story_id TEXT,
    n_sources INTEGER,
    data @JSON@ NOT NULL
);
CREATE INDEX canonical_events_type ON canonical_events (event_type, sub_event_type);
CREATE INDEX canonical_events_place ON canonical_events (place_id);
CREATE INDEX canonical_events_dates ON canonical_events (date_start, date_end);
CREATE INDEX canonical_events_story ON canonical_events (story_id);

CREATE TABLE canonical_reports (
    canonical_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    PRIMARY KEY (canonical_id, event_id)
);
CREATE INDEX canonical_reports_doc ON canonical_reports (doc_id);
CREATE INDEX canonical_reports_event ON canonical_reports (event_id);

CREATE TABLE stories (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    title TEXT,
    date_start TEXT,
    date_end TEXT,
    data @JSON@ NOT NULL
);

CREATE TABLE story_docs (
    story_id TEXT NOT NULL,
    doc_id TEXT NOT NULL,
    PRIMARY KEY (story_id, doc_id)
);
CREATE INDEX story_docs_doc ON story_docs (doc_id);

CREATE TABLE runs (
    id @SERIAL_PK@,
    command TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    stats @JSON@
);

CREATE TABLE rejections (
    id @SERIAL_PK@,
    run_id INTEGER,
    source TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX rejections_run ON rejections (run_id);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    source TEXT,
    name TEXT,
    feature TEXT,
    country TEXT,
    admin1 TEXT,
    admin2 TEXT,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    data @JSON@ NOT NULL
);
CREATE INDEX places_country_admin1 ON places (country, admin1);
