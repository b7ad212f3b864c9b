"""Errors the need services raise, with their Norwegian messages as constants so tests can assert them.
Views turn them into form errors and messages; the API into 400, 403 and 409 responses."""

from __future__ import annotations

from collections.abc import Iterable

TRANSITION_NOT_ALLOWED = "Dette kan ikke gjøres nå. Behovet har status «{state}»."
ACTION_FORBIDDEN = "Du har ikke tilgang til å gjøre dette med behovet."
NOT_MUNICIPAL = "Bare ansatte i en barneverntjeneste kan opprette behov."
ONLY_DRAFT_EDITABLE = "Behovet kan bare endres mens det er et utkast."
CASE_NOT_ANONYMISED = (
    "En enkeltsak kan bare sendes som en anonymisert drøfting: bekreft at saken er anonymisert."
)
CASE_NOT_TO_ALL = "En enkeltsak sendes bare til ett senter som passer, ikke til alle sentrene."
TITLE_REQUIRED = "Skriv en kort tittel."
TITLE_TOO_LONG = "Tittelen kan være høyst {max} tegn (nå {length})."
DESCRIPTION_TOO_SHORT = "Beskriv behovet med minst {min} tegn."
DESCRIPTION_TOO_LONG = "Beskrivelsen kan være høyst {max} tegn (nå {length})."
MUNICIPALITY_NOT_COVERED = "Tjenesten dekker ikke {name}."
FORWARD_REQUIRED = "Velg hvor behovet skal videre: et annet senter eller en annen aktør."
FORWARD_ONE_ONLY = "Velg enten et senter eller en annen aktør, ikke begge."
FORWARD_TO_SELF = "Du kan ikke sende behovet videre til ditt eget senter."
FORWARD_ALREADY_ROUTED = "Behovet er allerede sendt til {name}."
AGREE_NEEDS_INTERESTS = "Velg minst ett senter som har meldt interesse."
AGREE_UNKNOWN_INTEREST = "Ett eller flere av de valgte sentrene har ikke meldt interesse for dette behovet."
CLARIFICATION_NEEDS_PROVIDER = "Velg hvilket interessert senter dere vil ha en avklaringssamtale med."
MESSAGE_REQUIRED = "Skriv en melding."
MESSAGE_NO_THREAD = "Du kan bare skrive til sentre behovet er sendt til, eller som har meldt interesse."
FOLLOW_UP_NOT_DUE = "Oppfølgingen kan gis når behovet er levert."
FEEDBACK_ALREADY_GIVEN = "Dere har allerede gitt denne tilbakemeldingen."
PERSONAL_DATA_BLOCKS = (
    "Teksten ser ut til å inneholde personopplysninger og kan ikke sendes før de er fjernet."
)


class NeedError(Exception):
    """Base class: ``message`` is a Norwegian sentence for the user."""

    status = 400

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NeedValidationError(NeedError):
    """Invalid input; ``errors`` maps field names (or ``"non_field_errors"``) to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        self.errors = errors
        first = next(iter(errors.values()), [""])
        super().__init__(first[0] if first else "")

    @classmethod
    def single(cls, field: str, message: str) -> NeedValidationError:
        return cls({field: [message]})


class PersonalDataError(NeedValidationError):
    """Blocking personal data found; ``errors`` name kind and position per field, never the text."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.message = PERSONAL_DATA_BLOCKS


class ActionForbidden(NeedError):
    status = 403

    def __init__(self, message: str = ACTION_FORBIDDEN):
        super().__init__(message)


class TransitionNotAllowed(NeedError):
    """The action is not possible in the need's current state (HTTP 409)."""

    status = 409

    def __init__(
        self, *, action: str, state: str, state_label: str, allowed: Iterable[str], message: str | None = None
    ):
        super().__init__(message or TRANSITION_NOT_ALLOWED.format(state=state_label))
        self.action = action
        self.state = state
        self.allowed = list(allowed)
