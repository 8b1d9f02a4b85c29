-- Each document's copy-detection signature (rasad.merge.copies: 128 MinHash values of its word 3-grams,
-- uint32 little-endian, 512 bytes; NULL when the text is too short to compare), computed when the
-- document is saved, from the normalized text the stages already made.  The merge reads it instead of
-- re-reading and re-hashing every text (~0.25 ms per document on every merge).  ``scheme`` names how
-- it was computed: a row of another scheme is ignored and the merge hashes that text itself.
-- Documents stored before this migration have no row and are hashed by the merge as before.
CREATE TABLE copy_signatures (
    doc_id TEXT PRIMARY KEY,
    scheme TEXT NOT NULL,
    hashes @BLOB@
);
