-- The (kind, canonical_id) index that 0001_initial made on mentions serves no query: the one read of
-- mentions (documents with their children, SQLStore._documents_from_rows) selects by doc_id and writes
-- ``kind || ''`` so that SQLite does not pick this index (which made it scan every place mention of the
-- store for each page of documents).  Keeping it up to date was a third B-tree insert for each of the
-- ~54 mentions of a document: ~0.05 ms per document of the 1k bench's saving (inserts and commit).
-- Same statement in both dialects; answers are unchanged, only writes get cheaper.
DROP INDEX IF EXISTS mentions_kind_canonical;
