"""The evaluation metrics (eval/README.md) and the evaluate_matching command."""

from __future__ import annotations

import json

from django.core.management import CommandError, call_command

import pytest

from matching.evaluation import Case, EvaluationDataError, Prediction, load_cases, metrics

FAMILIES = {
    "rkbu-nord": "rkbu-rbup",
    "rkbu-midt": "rkbu-rbup",
    "nubu": "nubu",
    "rvts-nord": "rvts",
    "korus-nord": "korus",
}


def case(id_, primary=(), also=(), specific=(), no_fit=False):
    return Case(
        id=id_,
        text="x" * 20,
        primary=tuple(primary),
        also=tuple(also),
        specific=tuple(specific),
        no_fit=no_fit,
    )


def test_family_metrics_by_hand():
    cases = [
        case("a", primary=["rvts"]),  # hit at 1
        case("b", primary=["nubu"]),  # found at rank 3
        case("c", primary=["korus", "nubu"]),  # only nubu in top 3 -> recall 0.5
        case("d", also=["rkbu-rbup"]),  # empty primary: scored against also
        case("e", no_fit=True),
        case("f", primary=["rkbu-rbup"], specific=["rkbu-midt"]),
    ]
    predictions = [
        Prediction(["rvts-nord", "nubu"], False),
        Prediction(["rkbu-nord", "rvts-nord", "nubu"], False),
        Prediction(["nubu", "rkbu-nord", "rvts-nord", "korus-nord"], False),
        Prediction(["rkbu-midt"], True),  # a false no-fit, but the ranking still counts
        Prediction(["nubu"], True),
        Prediction(["rkbu-nord", "nubu", "rkbu-midt"], False),
    ]
    report = metrics(cases, predictions, FAMILIES)
    assert report["n"] == 6 and report["n_ranked"] == 5 and report["n_empty_primary"] == 1
    assert report["hit_at_1"] == pytest.approx((1 + 0 + 1 + 1 + 1) / 5)
    assert report["mrr"] == pytest.approx((1 + 1 / 3 + 1 + 1 + 1) / 5)
    assert report["recall_at_3"] == pytest.approx((1 + 1 + 0.5 + 1 + 1) / 5)
    assert report["no_fit_precision"] == pytest.approx(1 / 2)
    assert report["no_fit_recall"] == pytest.approx(1.0)
    assert report["no_fit_accuracy"] == pytest.approx(5 / 6)
    assert report["specific_hit_at_3"] == pytest.approx(1.0)
    # Macro Hit@1: mean over target families of their Hit@1 (case c counts for korus and nubu).
    per_family = {"rvts": 1.0, "nubu": (0 + 1) / 2, "korus": 1.0, "rkbu-rbup": 1.0}
    assert report["macro_hit_at_1"] == pytest.approx(sum(per_family.values()) / 4)
    assert report["by_family"]["nubu"]["n"] == 2


def test_malformed_file_names_the_line(tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(
        '{"id": "1", "text": "abc", "primary": [], "also": [], "specific": [], "no_fit": true}\n{"id": 2\n'
    )
    with pytest.raises(EvaluationDataError, match="linje 2"):
        load_cases(path)
    path.write_text(
        '{"id": "1", "text": "abc", "primary": "rvts", "also": [], "specific": [], "no_fit": false}\n'
    )
    with pytest.raises(EvaluationDataError, match="«primary»"):
        load_cases(path)


@pytest.mark.django_db
def test_command_prints_one_json_object_for_any_file_with_the_schema(tmp_path, capsys):
    rows = [
        {
            "id": "t1",
            "text": "Vi vil lære PMTO og sertifisere terapeuter for familier med atferdsvansker.",
            "primary": ["nubu"],
            "also": [],
            "specific": [],
            "no_fit": False,
            "source": "t",
            "tags": [],
        },
        {
            "id": "t2",
            "text": "Ungdom som ruser seg på hasj, vi trenger tidlig intervensjon ved rusbruk.",
            "primary": ["korus"],
            "also": [],
            "specific": [],
            "no_fit": False,
            "source": "t",
            "tags": [],
        },
        {
            "id": "t3",
            "text": "Vi får ikke rekruttert folk og stillingene står ledige.",
            "primary": [],
            "also": [],
            "specific": [],
            "no_fit": True,
            "source": "t",
            "tags": [],
        },
    ]
    path = tmp_path / "mine.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    call_command("evaluate_matching", str(path), "--json")
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {
        "n",
        "hit_at_1",
        "recall_at_3",
        "mrr",
        "macro_hit_at_1",
        "no_fit_precision",
        "no_fit_recall",
        "no_fit_accuracy",
        "specific_hit_at_3",
        "by_family",
    }
    assert report["n"] == 3
    assert report["hit_at_1"] == 1.0 and report["no_fit_recall"] == 1.0


@pytest.mark.django_db
def test_command_table_and_missing_file(tmp_path, capsys):
    with pytest.raises(CommandError, match="Fant ikke"):
        call_command("evaluate_matching", str(tmp_path / "nope.jsonl"))
