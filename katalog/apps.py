from django.apps import AppConfig


class KatalogConfig(AppConfig):
    name = "katalog"
    verbose_name = "Katalog"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from wagtail.models import PageViewRestriction
        from wagtail.signals import page_published, page_unpublished

        from katalog.models import OfferingPage, Theme
        from katalog.selectors import forget_theme_counts

        # Cached theme counts (home page, /tema/) follow what is published.
        receivers = [
            (page_published, OfferingPage, "published"),
            (page_unpublished, OfferingPage, "unpublished"),
            (post_delete, OfferingPage, "offering-deleted"),
            (post_save, Theme, "theme-saved"),
            (post_delete, Theme, "theme-deleted"),
            # Privacy settings decide which live offerings are public.
            (post_save, PageViewRestriction, "restriction-saved"),
            (post_delete, PageViewRestriction, "restriction-deleted"),
        ]
        for signal, sender, name in receivers:
            signal.connect(forget_theme_counts, sender=sender, dispatch_uid=f"theme-counts-{name}")
