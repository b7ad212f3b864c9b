"""Fixed vocabularies of the catalogue. Codes match ``data/taxonomy.yaml``; labels are shown to users."""

from django.db import models


class Level(models.TextChoices):
    SYSTEM = "systemniva", "Systemnivå"
    INDIVIDUAL = "individniva", "Individnivå (enkeltsak)"


class FormatCode(models.TextChoices):
    IN_PERSON = "fysisk", "Fysisk"
    LIVE_DIGITAL = "digitalt_direkte", "Digitalt direkte"
    ON_DEMAND = "opptak", "Opptak og e-læring"
    HYBRID = "hybrid", "Hybrid"
    AT_WORKPLACE = "pa_arbeidsplassen", "På arbeidsplassen"


class AccessMode(models.TextChoices):
    OPEN = "apen_pamelding", "Åpen påmelding"
    ON_REQUEST = "pa_foresporsel", "På forespørsel"
    BUFDIR = "tildelt_bufdir", "Tildelt av Bufdir"
    STATSFORVALTER = "tildelt_statsforvalter", "Tildelt av Statsforvalteren"
    AGREEMENT = "etter_avtale", "Etter avtale"
    APPLICATION = "soknad_opptak", "Søknad og opptak"


class Capacity(models.TextChoices):
    OPEN = "open", "Ledige plasser"
    FEW = "few", "Få plasser igjen"
    FULL = "full", "Fullt"
    WAITLIST = "waitlist", "Venteliste"


class Status(models.TextChoices):
    ACTIVE = "active", "Aktivt"
    PAUSED = "paused", "Pause"
    CANCELLED = "cancelled", "Avlyst"
    ENDED = "ended", "Avsluttet"


class Cost(models.TextChoices):
    FREE = "free", "Gratis"
    FEE = "fee", "Med kostnad"


class Counts2031(models.TextChoices):
    YES = "ja", "Ja"
    NO = "nei", "Nei"
    UNRESOLVED = "uavklart", "Uavklart"


class Language(models.TextChoices):
    BOKMAL = "nb", "Bokmål"
    NYNORSK = "nn", "Nynorsk"
    SAMI = "se", "Samisk"
    ENGLISH = "en", "Engelsk"


class EvidenceLevel(models.TextChoices):
    DOCUMENTED_EFFECT = "documented_effect", "Dokumentert effekt"
    RESEARCH_BASED = "research_based", "Forskningsbasert"
    PRACTICE_BASED = "practice_based", "Erfaringsbasert"
    NOT_ASSESSED = "not_assessed", "Ikke vurdert"


class SessionStatus(models.TextChoices):
    OPEN = "open", "Åpen for påmelding"
    FULL = "full", "Fullt"
    CANCELLED = "cancelled", "Avlyst"


# Offerings not confirmed by their provider within this many days are marked as unconfirmed.
STALE_AFTER_DAYS = 365
DIGITAL_PLACE = "Digitalt"
