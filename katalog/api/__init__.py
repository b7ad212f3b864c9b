"""The public, read-only catalogue API (/api/v1/offerings/, /providers/, /taxonomy/, /export/)."""
