"""The ledger: transfer records from many articles merged into entries an analyst can rely on."""
from lading.ledger.build import StoredRecord, build_ledger, entry_id, select
from lading.ledger.sanctions import flag_transfer, flags_for

__all__ = ["StoredRecord", "build_ledger", "entry_id", "flag_transfer", "flags_for", "select"]
