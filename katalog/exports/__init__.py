"""Exports of the whole catalogue: Open Referral HSDS 3.0 as JSON (``hsds``) and CSV for spreadsheets
(``spreadsheet``).

Both are built from the public selectors, so they hold exactly the live, public offerings: never
drafts, unpublished or private pages.
"""

from .hsds import HSDS_DESCRIPTION, HSDS_VERSION, hsds_export_build
from .spreadsheet import CSV_COLUMNS, CSV_DESCRIPTION, CSV_HEADERS, offerings_csv_build

__all__ = [
    "CSV_COLUMNS",
    "CSV_DESCRIPTION",
    "CSV_HEADERS",
    "HSDS_DESCRIPTION",
    "HSDS_VERSION",
    "hsds_export_build",
    "offerings_csv_build",
]
