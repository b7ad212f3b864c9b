"""Stored embeddings of catalogue pages, so vectors are computed once per text and model."""

from __future__ import annotations

from django.db import models

import numpy as np


class PageEmbedding(models.Model):
    """The vector of one page's text under one model. ``content_hash`` tells whether the text
    changed since, so publishing an unchanged page does not re-run the model."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="embeddings")
    model_name = models.CharField(max_length=200)
    content_hash = models.CharField(max_length=64)
    dimension = models.PositiveSmallIntegerField()
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "embedding"
        constraints = [models.UniqueConstraint(fields=["page", "model_name"], name="unique_page_embedding")]

    def __str__(self) -> str:
        return f"{self.page_id} ({self.model_name})"

    def as_array(self) -> np.ndarray:
        return np.frombuffer(bytes(self.vector), dtype=np.float32)


class DemandSignal(models.Model):
    """That a search or a match was made, on which themes, and whether it found a good match — never
    the text itself. Feeds the Statsforvalter's and Bufdir's gap view (demand against supply)."""

    class Kind(models.TextChoices):
        SEARCH = "search", "Søk"
        MATCH = "match", "Matching"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    themes = models.JSONField(default=list)
    good_match = models.BooleanField()
    no_fit = models.BooleanField(default=False)
    municipality = models.ForeignKey(
        "organisations.Municipality", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    embete = models.ForeignKey(
        "organisations.Embete", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "etterspørselssignal"
        verbose_name_plural = "etterspørselssignaler"

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d}"
