"""The record: the typed shapes that flow between stages (``types``), the ``presslens.record/1`` dict built
from a processed Doc (``build``), and its JSON Schema check at the boundary (``validate``,
``record.schema.json``)."""

from .build import error_record, record_id, to_record
from .validate import check_offsets, iter_spans, schema, schema_problem, validate

__all__ = ["check_offsets", "error_record", "iter_spans", "record_id", "schema", "schema_problem", "to_record", "validate"]
