"""Pages of the pilot testing programme (SPEC C6)."""
