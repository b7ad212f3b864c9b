"""load_reference_data: the counts, each municipality's home centres, idempotence, and clear errors."""

from __future__ import annotations

import shutil
from pathlib import Path

from django.core.management import CommandError, call_command

import pytest

from katalog.models import FormOfHelp, Theme
from katalog.services.taxonomy import TAXONOMY_PATH, taxonomy_load
from portal.organisations.models import County, Embete, Municipality, Provider, ProviderFamily
from portal.organisations.reference_files import DATA_DIR, ReferenceDataError
from portal.organisations.services import reference_data_load

pytestmark = pytest.mark.django_db


def test_counts():
    assert Municipality.objects.count() == 357
    assert County.objects.count() == 15
    assert Embete.objects.count() == 10
    assert Provider.objects.count() == 17
    assert Provider.objects.filter(family=ProviderFamily.NUBU, national=True).count() == 1


def test_every_municipality_resolves_to_its_three_home_centres():
    families = {ProviderFamily.RKBU_RBUP, ProviderFamily.RVTS, ProviderFamily.KORUS}
    for municipality in Municipality.objects.select_related("home_rkbu", "home_rvts", "home_korus"):
        homes = municipality.home_providers()
        assert set(homes) == families
        assert all(homes[family].family == family for family in families), municipality


@pytest.mark.parametrize(
    ("name", "rkbu", "rvts", "korus", "embete"),
    [
        ("Hammerfest", "rkbu-nord", "rvts-nord", "korus-nord", "troms-og-finnmark"),
        ("Oslo", "rbup-ost-sor", "rvts-ost", "korus-oslo", "ostfold-buskerud-oslo-og-akershus"),
        ("Bergen", "rkbu-vest", "rvts-vest", "korus-vest-bergen", "vestland"),
        ("Stavanger", "rkbu-vest", "rvts-vest", "korus-vest-stavanger", "rogaland"),
        ("Drammen", "rbup-ost-sor", "rvts-sor", "korus-sor", "ostfold-buskerud-oslo-og-akershus"),
        ("Ørsta", "rkbu-midt", "rvts-midt", "korus-midt", "more-og-romsdal"),
    ],
)
def test_known_municipalities(name, rkbu, rvts, korus, embete):
    m = Municipality.objects.get(name_norwegian=name)
    assert (m.home_rkbu.slug, m.home_rvts.slug, m.home_korus.slug, m.embete.slug) == (
        rkbu,
        rvts,
        korus,
        embete,
    )


def test_provider_catchments():
    assert set(Provider.objects.get(slug="rkbu-nord").catchment.values_list("number", flat=True)) == {
        "18",
        "55",
        "56",
    }
    nubu = Provider.objects.get(slug="nubu")
    assert nubu.national and nubu.catchment.count() == 0


def test_rerunning_changes_nothing():
    before = list(Municipality.objects.order_by("number").values())
    report = reference_data_load()
    report.merge(taxonomy_load())
    assert not report.changed, report.summary()
    assert list(Municipality.objects.order_by("number").values()) == before


def test_command_is_idempotent(capsys):
    call_command("load_reference_data")
    assert "Ingen endringer" in capsys.readouterr().out


def test_taxonomy_is_loaded_as_snippets():
    import yaml

    in_file = yaml.safe_load(TAXONOMY_PATH.read_text(encoding="utf-8"))["themes"]
    assert set(Theme.objects.values_list("code", flat=True)) == {t["code"] for t in in_file}
    t18 = Theme.objects.get(code="T18")
    assert "traumebevisst omsorg" in t18.synonym_list
    assert t18.families == ["rvts", "rkbu-rbup"]
    assert set(Theme.objects.get(code="T36").refer.values_list("slug", flat=True)) == {"ks", "peer", "bufdir"}
    assert Theme.objects.get(code="T36").no_fit
    assert FormOfHelp.objects.filter(code="VIDUT").exists()


def test_taxonomy_load_keeps_editor_changes():
    theme = Theme.objects.get(code="T26")
    theme.synonyms += "\nforeldre i krig"
    theme.save()
    theme.save_revision()  # what an edit in the admin does
    taxonomy_load()
    assert "foreldre i krig" in Theme.objects.get(code="T26").synonym_list
    taxonomy_load(force=True)
    assert "foreldre i krig" not in Theme.objects.get(code="T26").synonym_list


@pytest.fixture
def data_copy(tmp_path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _replace_line(path: Path, line_number: int, new: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[line_number - 1] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_malformed_municipality_number_names_file_and_line(data_copy):
    path = data_copy / "kommuner.csv"
    row = path.read_text(encoding="utf-8").splitlines()[9]
    _replace_line(path, 10, "12A4" + row[4:])
    with pytest.raises(ReferenceDataError) as excinfo:
        reference_data_load(data_dir=data_copy)
    assert str(excinfo.value).startswith("kommuner.csv, linje 10:")
    assert "12A4" in str(excinfo.value)


def test_unknown_home_centre_names_column(data_copy):
    path = data_copy / "kommuner.csv"
    row = path.read_text(encoding="utf-8").splitlines()[4]
    _replace_line(path, 5, row.replace("rvts-vest", "rvts-atlantis"))
    with pytest.raises(
        ReferenceDataError, match=r"kommuner\.csv, linje 5: ukjent senter «rvts-atlantis» i kolonnen «rvts»"
    ):
        reference_data_load(data_dir=data_copy)


def test_short_row_is_reported(data_copy):
    path = data_copy / "fylker.csv"
    _replace_line(path, 3, "11,Rogaland")
    with pytest.raises(ReferenceDataError, match=r"fylker\.csv, linje 3"):
        reference_data_load(data_dir=data_copy)


def test_broken_yaml_names_line(data_copy):
    path = data_copy / "providers.yaml"
    _replace_line(path, 8, "  short_name: [RKBU Nord")
    with pytest.raises(ReferenceDataError, match=r"providers\.yaml, linje \d+: ugyldig YAML"):
        reference_data_load(data_dir=data_copy)


def test_missing_yaml_field_names_line(data_copy):
    path = data_copy / "providers.yaml"
    text = path.read_text(encoding="utf-8").replace("  short_name: RKBU Vest\n", "")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"providers\.yaml, linje \d+: feltet «short_name» mangler"):
        reference_data_load(data_dir=data_copy)


def test_malformed_input_saves_nothing(data_copy):
    Provider.objects.filter(slug="rkbu-vest").update(city="Endret")
    path = data_copy / "kommuner.csv"
    _replace_line(path, 3, "9999,X,X,99,X,Statsforvalteren i X,vest,rkbu-vest,rvts-vest,korus-vest-stavanger")
    with pytest.raises(ReferenceDataError):
        reference_data_load(data_dir=data_copy)
    assert Provider.objects.get(slug="rkbu-vest").city == "Endret"  # the provider update was rolled back too


def test_command_reports_malformed_file_as_command_error(data_copy):
    _replace_line(data_copy / "fylker.csv", 1, "nummer,navn")
    with pytest.raises(CommandError, match=r"fylker\.csv, linje 1: mangler kolonne"):
        call_command("load_reference_data", data_dir=data_copy)


def test_malformed_taxonomy_names_file_and_line(tmp_path):
    path = tmp_path / "taxonomy.yaml"
    text = TAXONOMY_PATH.read_text(encoding="utf-8").replace(
        "  families: [rkbu-rbup]\n", "  families: [barnehage]\n", 1
    )
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ReferenceDataError, match=r"taxonomy\.yaml, linje \d+: ukjent familie barnehage"):
        taxonomy_load(path=path)


def test_themes_removed_from_the_file_are_removed_unless_in_use(tmp_path):
    from katalog.models import OfferingPage

    unused = Theme.objects.create(code="T99", label="Utgått tema")
    used = Theme.objects.create(code="T98", label="Tema i bruk")
    page = OfferingPage.objects.live().first()
    page.themes.add(used)
    page.save()  # parental many-to-many relations are written on save
    report = taxonomy_load()
    assert not Theme.objects.filter(code="T99").exists()
    assert Theme.objects.filter(code="T98").exists()
    assert report.changed
    assert unused.pk
