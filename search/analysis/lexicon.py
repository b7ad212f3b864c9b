"""Built-in list of frequent child-welfare and social-services words, used to split compounds.

Why a hand-made list: the compound splitter only splits into *known* parts, and the taxonomy alone
does not contain every everyday part ("foster", "gruppe", "møte"). Three-letter words are allowed as
compound parts only if they are listed here, because short parts cause false splits; keep that
section small and check new entries against words they could hide inside.
"""

from __future__ import annotations

# Three-letter parts: each one was checked for harmful splits ("rus" is handled by the taxonomy's
# abbreviation entry; "sak", "mål", "tid" …).
SHORT_WORDS = "sak mål tid råd lov dom hus nav rom års små ung syk hjem fag"

BUILTIN_WORDS = (
    """
barn barne barnevern barneverntjeneste barnevernstjeneste barnehage barnehus barndom
foreldre forelder mor far fosterforeldre foster fosterhjem familie familier slekt søsken besteforeldre
ungdom ungdommer unge jente gutt spedbarn småbarn gravid gravide baby elev elever student
voksen voksne voksenliv person personer menneske menneskerettighet
veiledning veileder veilede ledelse leder lede ledergruppe lederteam mellomleder
tjeneste tjenester tjenesten kommune kommuner stat fylke region bydel etat direktorat nemnd
støtte hjelp bistand tiltak hjelpetiltak plan planer planlegging arbeid arbeidet sak saker samtale
samtaler omsorg omsorgssvikt vold overgrep traume traumer rus rusmiddel rusmidler alkohol narkotika
kurs program nettverk opplæring kompetanse utvikling utdanning videreutdanning skole skolen
undervisning seminar konferanse samling samlinger gruppe grupper team møte møter dag uke måned
behandling terapi terapeut psykolog psykiater psykiatri helse helsevern sykdom lidelse lidelser angst
depresjon stress belastning traumebevisst atferd vansker problem problemer problematikk
risiko beskyttelse sikkerhet trygghet tilknytning samspill relasjon relasjoner kommunikasjon
vurdering vurderinger undersøkelse melding meldinger bekymring bekymringsmelding vedtak beslutning
dokumentasjon journal rutine rutiner kvalitet forbedring kontroll internkontroll tilsyn avvik
system systemer organisasjon organisering struktur rolle roller ansvar oppgave oppgaver
ansatte ansatt medarbeider medarbeidere personale personal bemanning rekruttering lønn arbeidsmiljø
fravær skolefravær sykefravær vegring skolevegring
prosjekt prosjekter evaluering forskning kunnskap metode metoder modell modeller verktøy
implementering innføring praksis endring endringer prosess prosesser oppfølging etterarbeid
samarbeid samhandling koordinering koordinator kontakt kontaktperson avtale avtaler
forebygging innsats tidlig intervensjon plassering flytting tilbakeføring samvær ettervern
institusjon bolig hybel bosetting flyktning flyktninger migrasjon innvandrer minoritet kultur
språk tolk samisk urfolk
rett rettigheter lov loven juss forvaltning saksbehandling saksbehandler frist frister klage
økonomi budsjett midler tilskudd søknad rapport rapportering statistikk data
digital digitale nett skjerm spill gaming dataspill pengespill avhengighet
seksuell seksualitet krenkelse krenkelser trusler hets mobbing konflikt konflikter høykonflikt
skilsmisse samlivsbrudd barnevernvakt vakt beredskap akutt krise
funksjonsnedsettelse utviklingshemming autisme habilitering avlastning
utsatt utsatte sårbar sårbare risikoutsatt kriminalitet aggresjon utagering
selvmord selvskading suicid sorg
medvirkning brukermedvirkning bruker brukere stemme
observasjon kartlegging analyse utredning diagnose
faglig tverrfaglig kommunal interkommunal statlig regional nasjonal lokal
fagdag fagnettverk læring læringsnettverk refleksjon
grense grenser mål målgruppe målgrupper behov tilbud ressurs ressurser kapasitet
sted kontor hjemme besøk hjemmebesøk utflytting overgang overganger
"""
    + SHORT_WORDS
)
