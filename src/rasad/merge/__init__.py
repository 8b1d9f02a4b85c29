"""Merging across sources: event coreference, stories and copies, field-by-field comparison.

``merge_documents(docs)`` works in memory; ``merge_store(store)`` reads and writes a store.
"""

from rasad.merge.core import MergeResult, merge_documents, merge_store

__all__ = ["MergeResult", "merge_documents", "merge_store"]
