from .overview import (
    ActivityKind,
    ItemSource,
    OverviewFolderPage,
    OverviewIndexPage,
    OverviewItem,
    OverviewOfferingState,
    RegionalActivity,
    YearlyOverviewPage,
)
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
    "ActivityKind",
    "FormOfHelp",
    "Format",
    "ItemSource",
    "OfferingPage",
    "OfferingSession",
    "OverviewFolderPage",
    "OverviewIndexPage",
    "OverviewItem",
    "OverviewOfferingState",
    "ProviderContact",
    "ProviderIndexPage",
    "ProviderPage",
    "RegionalActivity",
    "TargetGroup",
    "Theme",
    "ThemeIndexPage",
    "YearlyOverviewPage",
    "offering_is_stale",
]
