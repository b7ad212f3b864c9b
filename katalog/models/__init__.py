from .pages import (
    OfferingPage,
    OfferingSession,
    ProviderContact,
    ProviderIndexPage,
    ProviderPage,
    ThemeIndexPage,
    offering_is_stale,
)
from .taxonomy import Abbreviation, Format, FormOfHelp, TargetGroup, Theme

__all__ = [
    "Abbreviation",
    "FormOfHelp",
    "Format",
    "OfferingPage",
    "OfferingSession",
    "ProviderContact",
    "ProviderIndexPage",
    "ProviderPage",
    "TargetGroup",
    "Theme",
    "ThemeIndexPage",
    "offering_is_stale",
]
