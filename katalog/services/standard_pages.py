"""Initial content of the site's plain pages. Created once; editors own them afterwards."""

ABOUT = (
    "om",
    "Om Felles inngangsdør",
    "Felles inngangsdør er én vei inn til kompetansesentrene som hjelper kommunalt barnevern.",
    """<p>Kommunale barneverntjenester kan få hjelp fra rundt sytten kompetansesentre: de fire regionale
kunnskapssentrene for barn og unge (RKBU Nord, RKBU Midt-Norge, RKBU Vest og RBUP Øst og Sør), NUBU,
de fem regionale ressurssentrene om vold, traumatisk stress og selvmordsforebygging (RVTS) og de sju
regionale kompetansesentrene på rusfeltet (KoRus). Hvert senter har egne nettsider og egne tilbud.
Mange ledere beskriver landskapet som en jungel.</p>
<h2>Hva du kan gjøre her</h2>
<ul>
<li><strong>Søke</strong> i alle sentrenes kurs, veiledning, implementeringsstøtte, læringsnettverk og videreutdanninger.</li>
<li><strong>Beskrive behovet</strong> med egne ord og få forslag til hvilke sentre som kan hjelpe, med begrunnelse – uansett region.</li>
<li><strong>Sende behovet</strong> til sentrene som passer, og få svar fra dem som kan hjelpe. Ingen henvendelse skal ende blindt.</li>
<li><strong>Se årsoversikten</strong> som Statsforvalteren i ditt fylke setter sammen tidlig i året.</li>
</ul>
<h2>Hjelp uansett region</h2>
<p>Sentrene har ulike profiler. Portalen viser hjemmesenteret deres som informasjon, men foreslår det
senteret som passer behovet best – også om det ligger i en annen region.</p>""",
)

PRIVACY = (
    "personvern",
    "Personvern",
    "Portalen tar bare imot behov på organisasjonsnivå. Ikke skriv noe som kan identifisere barn eller familier.",
    """<h2>Ingen personopplysninger i behov</h2>
<p>Barnevernet har streng taushetsplikt. Et behov beskriver en faglig utfordring i tjenesten, aldri en
enkeltsak som kan kjennes igjen. Portalen sjekker teksten før den lagres eller sendes videre, og stopper
fødselsnummer, D-nummer, saksnummer, telefonnummer, e-postadresser, adresser og navn sammen med alder.
Teksten du har skrevet blir liggende i utkastet, slik at du kan skrive den om.</p>
<h2>Hva vi lagrer</h2>
<ul>
<li>Behov tilhører barneverntjenesten, ikke den enkelte ansatte, slik at de ikke forsvinner ved utskifting.</li>
<li>Teksten i et behov sendes aldri til tredjepart. Språkmodellen som brukes til matching kjører på portalens egen server.</li>
<li>E-postvarsler inneholder bare en lenke, aldri teksten i behovet.</li>
<li>Statsforvalteren ser enkeltbehov bare når tjenesten selv har valgt det for det aktuelle behovet. Ellers ser Statsforvalteren og Bufdir bare tall der små antall er skjult.</li>
<li>Teksten i søk og matching lagres ikke; vi teller bare hvor ofte et tema ble etterspurt.</li>
</ul>
<h2>Innlogging</h2>
<p>Du logges ut etter 30 minutter uten aktivitet og senest etter 12 timer.</p>""",
)

ACCESSIBILITY = (
    "tilgjengelighetserklaering",
    "Tilgjengelighetserklæring",
    "Felles inngangsdør skal kunne brukes av alle, og følger kravene i WCAG 2.1 nivå AA.",
    """<h2>Status</h2>
<p>Nettstedet er laget for å oppfylle WCAG 2.1 på nivå A og AA, slik forskrift om universell utforming
av IKT-løsninger krever. Sidene testes automatisk med axe-core i en ekte nettleser for hver endring,
og skjemaet for å sende behov testes med bare tastatur.</p>
<h2>Hva vi har gjort</h2>
<ul>
<li>Alle sider har landemerker, en logisk overskriftsstruktur og en lenke for å hoppe til hovedinnholdet.</li>
<li>Alle skjemafelt har ledetekster, og feilmeldinger er knyttet til feltet de gjelder og samlet øverst.</li>
<li>Fargene har god nok kontrast, og fokus er tydelig markert ved tastaturnavigasjon.</li>
<li>Diagrammer har tallene også som tabell og som CSV.</li>
<li>Innhold på nynorsk er merket med språk, slik at skjermlesere uttaler det riktig.</li>
</ul>
<h2>Kjente avvik</h2>
<p>Tilbudstekster skrives av sentrene selv. Vi følger opp tekster som mangler alternativ tekst eller
har uklare lenker, men enkelte eldre tilbud kan ha slike mangler.</p>
<h2>Tilbakemelding</h2>
<p>Finner du noe som ikke fungerer for deg, vil vi gjerne vite det. Du kan også klage til
Tilsynet for universell utforming av IKT (uutilsynet.no).</p>
<p>Erklæringen publiseres også gjennom uutilsynet.no, slik regelverket krever.</p>""",
)

STANDARD_PAGES = [ABOUT, PRIVACY, ACCESSIBILITY]
