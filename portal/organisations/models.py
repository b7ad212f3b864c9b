"""Organisations and reference data: counties, Statsforvalter offices, municipalities, the competence
centres (providers), referral actors and the municipal child welfare services.

A *barneverntjeneste* is not a municipality: an interkommunal service serves several municipalities,
and each Oslo bydel has its own. Coverage therefore has validity dates, because mergers and new or
dissolved partnerships change the structure (domain.md §2).
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class ProviderFamily(models.TextChoices):
    RKBU_RBUP = "rkbu-rbup", "RKBU/RBUP"
    NUBU = "nubu", "NUBU"
    RVTS = "rvts", "RVTS"
    KORUS = "korus", "KoRus"


class BufetatRegion(models.TextChoices):
    NORD = "nord", "Region nord"
    MIDT_NORGE = "midt-norge", "Region Midt-Norge"
    VEST = "vest", "Region vest"
    SOR = "sor", "Region sør"
    OST = "ost", "Region øst"


class Embete(models.Model):
    """One of the ten Statsforvalter offices (embeter)."""

    slug = models.SlugField(unique=True)
    name = models.CharField("navn", max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "statsforvalterembete"
        verbose_name_plural = "statsforvalterembeter"

    def __str__(self) -> str:
        return self.name


class Provider(models.Model):
    """A competence centre that publishes offerings and answers needs (the 17 centres)."""

    slug = models.SlugField(unique=True)
    family = models.CharField("familie", max_length=20, choices=ProviderFamily.choices)
    short_name = models.CharField("kortnavn", max_length=60)
    name = models.CharField("navn", max_length=200)
    host = models.CharField("vertsinstitusjon", max_length=200, blank=True)
    city = models.CharField("sted", max_length=80, blank=True)
    national = models.BooleanField("nasjonalt nedslagsfelt", default=False)
    catchment = models.ManyToManyField("County", blank=True, related_name="providers", verbose_name="region")
    profile = models.TextField("profil", blank=True)
    # Codes from the taxonomy (katalog.Theme / katalog.FormOfHelp); kept as codes so reference data
    # loads before the catalogue and the two apps do not depend on each other's migrations.
    profile_themes = models.JSONField("profiltema", default=list, blank=True)
    profile_forms = models.JSONField("bistandsformer", default=list, blank=True)
    known_programmes = models.JSONField("kjente program", default=list, blank=True)
    website = models.CharField("nettsted", max_length=200, blank=True)
    to_verify = models.JSONField("bør bekreftes", default=list, blank=True)

    class Meta:
        ordering = ["family", "short_name"]
        verbose_name = "kompetansesenter"
        verbose_name_plural = "kompetansesentre"

    def __str__(self) -> str:
        return self.short_name

    @property
    def website_url(self) -> str:
        if not self.website:
            return ""
        return self.website if self.website.startswith("http") else f"https://{self.website}"

    def serves_county(self, county_number: str) -> bool:
        return self.national or self.catchment.filter(number=county_number).exists()


class County(models.Model):
    """A county (fylke), 2024 structure, with its Statsforvalter, Bufetat region and home centres."""

    number = models.CharField("fylkesnummer", max_length=2, unique=True)
    name = models.CharField("navn", max_length=80)
    embete = models.ForeignKey(Embete, on_delete=models.PROTECT, related_name="counties")
    bufetat_region = models.CharField("Bufetat-region", max_length=20, choices=BufetatRegion.choices)
    home_rkbu = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="+", verbose_name="RKBU/RBUP"
    )
    home_rvts = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+", verbose_name="RVTS")
    home_korus = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+", verbose_name="KoRus")
    valid_from = models.DateField("gyldig fra", null=True, blank=True)
    valid_to = models.DateField("gyldig til", null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "fylke"
        verbose_name_plural = "fylker"

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    """A municipality (kommune), 2024 structure. Home centres are per municipality because a county's
    KoRus can differ by municipality (Oslo vs the rest of the east)."""

    number = models.CharField("kommunenummer", max_length=4, unique=True)
    name = models.CharField("offisielt navn", max_length=120)
    name_norwegian = models.CharField("norsk navn", max_length=120)
    county = models.ForeignKey(County, on_delete=models.PROTECT, related_name="municipalities")
    embete = models.ForeignKey(Embete, on_delete=models.PROTECT, related_name="municipalities")
    bufetat_region = models.CharField("Bufetat-region", max_length=20, choices=BufetatRegion.choices)
    home_rkbu = models.ForeignKey(
        Provider, on_delete=models.PROTECT, related_name="+", verbose_name="RKBU/RBUP"
    )
    home_rvts = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+", verbose_name="RVTS")
    home_korus = models.ForeignKey(Provider, on_delete=models.PROTECT, related_name="+", verbose_name="KoRus")
    population = models.PositiveIntegerField("innbyggertall", null=True, blank=True)
    valid_from = models.DateField("gyldig fra", null=True, blank=True)
    valid_to = models.DateField("gyldig til", null=True, blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = "kommune"
        verbose_name_plural = "kommuner"

    def __str__(self) -> str:
        return self.label_for(self.name, self.name_norwegian)

    @staticmethod
    def label_for(name: str, name_norwegian: str) -> str:
        """The name users see: the Norwegian name, with the official (e.g. Sámi) one after it."""
        if name != name_norwegian:
            return f"{name_norwegian} ({name})"
        return name

    @property
    def display_name(self) -> str:
        return str(self)

    def home_providers(self) -> dict[str, Provider]:
        """The municipality's home centre per family (NUBU is national, so it has no home)."""
        return {
            ProviderFamily.RKBU_RBUP: self.home_rkbu,
            ProviderFamily.RVTS: self.home_rvts,
            ProviderFamily.KORUS: self.home_korus,
        }


class ReferralActor(models.Model):
    """Actors that are not competence centres but are the right door for some needs
    (Bufdir, the Statsforvalter, Bufetat, universities, KS, peers, others)."""

    slug = models.SlugField(unique=True)
    name = models.CharField("navn", max_length=200)
    when_to_refer = models.TextField("når de er rett adresse")
    url = models.URLField("nettsted", blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "henvisningsaktør"
        verbose_name_plural = "henvisningsaktører"

    def __str__(self) -> str:
        return self.name


class ServiceKind(models.TextChoices):
    KOMMUNAL = "kommunal", "Kommunal tjeneste"
    INTERKOMMUNAL = "interkommunal", "Interkommunal tjeneste (vertskommune)"
    BYDEL = "bydel", "Bydel"


class ChildWelfareService(models.Model):
    """A barneverntjeneste: the organisational unit a municipal user belongs to. Needs belong to the
    service, not to a person, so they survive staff turnover."""

    name = models.CharField("navn", max_length=160, unique=True)
    slug = models.SlugField(unique=True, max_length=160)
    kind = models.CharField("type", max_length=20, choices=ServiceKind.choices, default=ServiceKind.KOMMUNAL)
    host_municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="hosted_services", verbose_name="vertskommune"
    )
    municipalities = models.ManyToManyField(
        Municipality, through="ServiceCoverage", related_name="services", verbose_name="kommuner"
    )
    staff_count = models.PositiveIntegerField("antall årsverk", null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = "barneverntjeneste"
        verbose_name_plural = "barneverntjenester"

    def __str__(self) -> str:
        return self.name

    @property
    def embete(self) -> Embete:
        return self.host_municipality.embete

    def current_municipalities(self, on=None) -> models.QuerySet[Municipality]:
        on = on or timezone.localdate()
        return self.municipalities.filter(
            models.Q(servicecoverage__valid_from__isnull=True)
            | models.Q(servicecoverage__valid_from__lte=on),
            models.Q(servicecoverage__valid_to__isnull=True) | models.Q(servicecoverage__valid_to__gte=on),
        ).distinct()


class ServiceCoverage(models.Model):
    """Which municipalities a service covers, and when (many-to-many with validity dates)."""

    service = models.ForeignKey(ChildWelfareService, on_delete=models.CASCADE)
    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT)
    valid_from = models.DateField("gyldig fra", null=True, blank=True)
    valid_to = models.DateField("gyldig til", null=True, blank=True)

    class Meta:
        verbose_name = "dekning"
        verbose_name_plural = "dekning"
        constraints = [
            models.UniqueConstraint(
                fields=["service", "municipality", "valid_from"], name="unique_service_coverage"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} – {self.municipality}"
