"""`hale fhir export` checked by an independent FHIR implementation (PyPI `fhir.resources`, whose
R4B models parse and validate each resource), plus the rules it does not enforce: document shape,
references resolving inside the bundle, required code bindings (status codes, gender, UCUM units,
LOINC on vital signs) and IPS sections."""
import json
import subprocess
from pathlib import Path

from fhir.resources.R4B.bundle import Bundle

ROOT = Path(__file__).resolve().parents[2]
HALE = ROOT / "target" / "native" / "hale"
NOW = "2026-11-21T09:00:00Z"


def hale(*args, stdin=None):
    out = subprocess.run([str(HALE), *args], input=stdin, capture_output=True, text=True, check=True)
    return out.stdout


def every_kind_record():
    persona = json.loads((ROOT / "core" / "tests" / "fixtures" / "sarah.json").read_text())
    record = persona["record"]
    record["profile"]["name"] = "Sarah Example <test>"
    record["profile"]["care_plan"] = {
        "what_matters": "Keep working; run a 5k",
        "contacts": [{"name": "Dr Patel", "role": "GP practice", "phone": "01632 960000"}],
    }
    extra = [
        {"kind": "heart_rate", "bpm": 72},
        {"kind": "spo2", "percent": 97, "on_oxygen": False},
        {"kind": "respiratory_rate", "per_min": 16},
        {"kind": "temperature", "celsius": 37.1},
        {"kind": "consciousness", "acvpu": "A"},
        {"kind": "weight", "kg": 71.668},
        {"kind": "waist", "cm": 84},
        {"kind": "glucose", "mmol_l": 6.2, "context": "before_meal"},
        {"kind": "hba1c", "mmol_mol": 52},
        {"kind": "cholesterol", "total_mmol_l": 5.1, "hdl_mmol_l": 1.3},
        {"kind": "peak_flow", "l_min": 400},
        {"kind": "ketones", "mmol_l": 0.2},
        {"kind": "steps", "count": 8000},
        {"kind": "sleep", "hours": 7.5},
        {"kind": "activity", "moderate_min_per_week": 120, "vigorous_min_per_week": 20},
        {"kind": "alcohol", "units_per_week": 6},
    ]
    for i, o in enumerate(extra):
        record["observations"].append({"id": f"x{i}", "at": f"2026-11-20T0{i % 10}:00:00Z", **o})
    record["questionnaires"] = [
        {"id": "q1", "at": "2026-11-19T20:00:00Z", "instrument": "phq9", "items": [1, 1, 1, 0, 0, 1, 0, 0, 0]},
        {"id": "q2", "at": "2026-11-19T20:05:00Z", "instrument": "gad7", "items": [1, 1, 0, 0, 1, 0, 0]},
    ]
    return record


def export(record):
    return json.loads(hale("fhir", "export", "--now", NOW, "-", stdin=json.dumps(record)))


def test_the_bundle_validates_with_an_independent_fhir_library():
    doc = export(every_kind_record())
    bundle = Bundle.model_validate(doc)  # raises on any invalid resource, type or cardinality
    assert bundle.type == "document"
    assert bundle.identifier.value.startswith("urn:uuid:")
    assert bundle.timestamp is not None
    first = bundle.entry[0].resource
    assert first.__resource_type__ == "Composition"
    assert [(c.system, c.code) for c in first.type.coding] == [("http://loinc.org", "60591-5")]


def test_every_reference_resolves_inside_the_bundle():
    doc = export(every_kind_record())
    urls = {e["fullUrl"] for e in doc["entry"]}
    assert len(urls) == len(doc["entry"]), "full URLs are unique"

    def refs(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == "reference":
                    yield v
                else:
                    yield from refs(v)
        elif isinstance(node, list):
            for v in node:
                yield from refs(v)

    found = list(refs(doc))
    assert found, "the document references its resources"
    for r in found:
        assert r in urls, f"{r} does not resolve inside the bundle"


def test_sections_and_required_bindings():
    record = every_kind_record()
    doc = export(record)
    comp = doc["entry"][0]["resource"]
    codes = {s["code"]["coding"][0]["code"]: s for s in comp["section"]}
    for required in ["11450-4", "10160-0", "48765-2", "8716-3", "30954-2", "18776-5"]:
        assert required in codes, f"section {required} missing"
    allergies = codes["48765-2"]
    assert "entry" not in allergies and allergies["emptyReason"]["coding"][0]["code"] == "notasked"
    assert len(codes["11450-4"]["entry"]) == len(record["profile"]["conditions"])
    for s in comp["section"]:
        assert s["text"]["div"].startswith('<div xmlns="http://www.w3.org/1999/xhtml">')
        assert "<test>" not in s["text"]["div"], "narrative is escaped"

    resources = [e["resource"] for e in doc["entry"]]
    patient = next(r for r in resources if r["resourceType"] == "Patient")
    assert patient["gender"] in {"male", "female", "other", "unknown"}
    assert patient["birthDate"] == record["profile"]["birth_date"]
    observations = [r for r in resources if r["resourceType"] == "Observation"]
    # Every reading, a total per questionnaire, and the profile's height, smoking and personal best.
    assert len(observations) == len(record["observations"]) + len(record["questionnaires"]) + 3
    for o in observations:
        assert o["status"] in {"registered", "preliminary", "final", "amended"}
        quantities = [o.get("valueQuantity")] + [c.get("valueQuantity") for c in o.get("component", [])]
        for q in filter(None, quantities):
            assert q["system"] == "http://unitsofmeasure.org" and q["code"], o["code"]
    bp = [o for o in observations if o["code"]["coding"][0]["code"] == "85354-9"]
    assert bp and all(o["category"][0]["coding"][0]["code"] == "vital-signs" for o in bp)
    for o in bp:
        comps = [c["code"]["coding"][0]["code"] for c in o["component"]]
        assert comps == ["8480-6", "8462-4"]
        assert all(c["valueQuantity"]["code"] == "mm[Hg]" for c in o["component"])
    by_loinc = {o["code"]["coding"][0]["code"]: o for o in observations}
    assert by_loinc["29463-7"]["valueQuantity"] == {"value": 71.668, "unit": "kg", "system": "http://unitsofmeasure.org", "code": "kg"}
    assert by_loinc["8310-5"]["valueQuantity"]["code"] == "Cel"
    assert by_loinc["8867-4"]["valueQuantity"]["code"] == "/min"
    assert by_loinc["59261-8"]["valueQuantity"]["code"] == "mmol/mol"
    assert by_loinc["44261-6"]["valueQuantity"]["value"] == 4
    assert by_loinc["70274-6"]["valueQuantity"]["value"] == 3
    for r in resources:
        if r["resourceType"] == "Condition":
            assert r["clinicalStatus"]["coding"][0]["code"] == "active"
        if r["resourceType"] == "MedicationStatement":
            assert r["status"] == "active"
        if r["resourceType"] == "QuestionnaireResponse":
            assert r["status"] == "completed"


def test_export_then_import_gives_back_the_record():
    record = every_kind_record()
    bundle = hale("fhir", "export", "--now", NOW, "-", stdin=json.dumps(record))
    back = json.loads(hale("fhir", "import", "-", stdin=bundle))
    assert back["issues"] == []
    normal = json.loads(hale("fhir", "import", "-", stdin=bundle))["record"]
    assert sorted(o["id"] for o in normal["observations"]) == sorted(o["id"] for o in record["observations"])
    a = json.loads(hale("assess", "--now", NOW, "-", stdin=json.dumps(record)))
    b = json.loads(hale("assess", "--now", NOW, "-", stdin=bundle))
    assert a == b


def test_the_same_record_and_time_give_the_same_document():
    record = every_kind_record()
    assert export(record) == export(record)
