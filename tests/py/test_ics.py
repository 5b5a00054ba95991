"""The recheck plan's iCalendar export, read back by an independent parser (PyPI `icalendar`)."""
import json
import subprocess
from datetime import date
from pathlib import Path

import icalendar

ROOT = Path(__file__).resolve().parents[2]
HALE = ROOT / "target" / "native" / "hale"


def hale(*args, stdin=None):
    # Bytes, not text mode: text mode would turn the CRLF line ends RFC 5545 requires into LF.
    out = subprocess.run([str(HALE), *args], input=stdin.encode() if stdin else None, capture_output=True, check=True)
    return out.stdout.decode("utf-8")


def record_with_rechecks():
    obs = [
        {"id": f"b{d}", "at": f"2026-11-{d}T08:00:00Z", "kind": "blood_pressure", "systolic_mmhg": 142, "diastolic_mmhg": 88}
        for d in range(14, 21)
    ]
    qs = [{"id": "p", "at": "2026-11-19T20:00:00Z", "instrument": "phq9", "items": [2, 2, 1, 1, 1, 1, 1, 1, 0]}]
    return json.dumps({"format": "hale.record/1", "observations": obs, "questionnaires": qs})


def test_one_event_per_recheck_with_a_reminder():
    now = "2026-11-20T09:00:00Z"
    record = record_with_rechecks()
    plan = json.loads(hale("assess", "--now", now, "-", stdin=record))["plan"]
    assert [p["advice_id"] for p in plan] == ["mood.talking_therapies", "bp.home.lifestyle"]
    cal = icalendar.Calendar.from_ical(hale("ics", "--now", now, "-", stdin=record))
    events = list(cal.walk("VEVENT"))
    assert len(events) == len(plan)
    for event, item in zip(events, plan):
        assert event.decoded("DTSTART") == date.fromisoformat(item["due"])
        assert event.decoded("DTEND") == date.fromordinal(date.fromisoformat(item["due"]).toordinal() + 1)
        assert str(event["SUMMARY"]) == "Hale recheck: " + item["title"]
        assert str(event["UID"]).endswith("@hale.local")
        alarms = list(event.walk("VALARM"))
        assert len(alarms) == 1 and str(alarms[0]["ACTION"]) == "DISPLAY"
    assert str(cal["VERSION"]) == "2.0"
    assert date.fromisoformat(plan[1]["due"]) == date(2027, 1, 15)


def test_escaped_and_folded_lines_read_back_exactly():
    now = "2026-11-20T09:00:00Z"
    text = hale("ics", "--now", now, "-", stdin=record_with_rechecks())
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    cal = icalendar.Calendar.from_ical(text)
    desc = str(next(iter(cal.walk("VEVENT")))["DESCRIPTION"])
    assert desc.startswith("Fill in the questionnaire again in Hale.")
    assert '"NHS Talking Therapies can help"' in desc


def test_an_empty_plan_is_a_valid_empty_calendar():
    text = hale("ics", "--now", "2026-11-20T09:00:00Z", "-", stdin='{"format": "hale.record/1"}')
    cal = icalendar.Calendar.from_ical(text)
    assert list(cal.walk("VEVENT")) == []
