"""Bad input through the command: one clear line naming the input, exit status 1, no
traceback, and the other articles of the run still extracted."""

from __future__ import annotations

import json
import socket

import pytest

GOOD = (
    "Gunmen killed four police officers at a checkpoint outside Kano on Monday, a police "
    "spokesman said. No group has claimed responsibility for the attack."
)
FRENCH = (
    "Des hommes armés ont tué quatre policiers lundi à un poste de contrôle près de Kano, a "
    "déclaré un porte-parole de la police. Aucun groupe n'a revendiqué l'attaque."
)


def failed_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("failed: ")]


def assert_fails_alone(cli, tmp_path, bad: str, message: str):
    """Run the bad input with a good file: the good one is extracted, the bad one named."""
    good = tmp_path / "good.txt"
    good.write_text(GOOD, encoding="utf-8")
    result = cli("extract", bad, good)
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = failed_lines(result)
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"failed: {bad}: "), lines
    assert message in lines[0]
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(reports) == 1 and reports[0]["article"]["text"] == GOOD
    assert "1 extracted, 1 failed" in result.stderr


def test_bad_input_empty_file(cli, tmp_path):
    (tmp_path / "empty.txt").write_text("\n  \n", encoding="utf-8")
    assert_fails_alone(cli, tmp_path, str(tmp_path / "empty.txt"), "empty text")


def test_bad_input_binary_file(cli, tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(range(256)) * 8)
    assert_fails_alone(cli, tmp_path, str(path), "not a text file: looks like a JPEG image")


def test_bad_input_binary_file_named_html(cli, tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(b"\x1f\x8b\x08\x00" + bytes(range(256)) * 4)
    assert_fails_alone(cli, tmp_path, str(path), "looks like a gzip archive")


def test_bad_input_random_bytes(cli, tmp_path):
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes((i * 7919) % 256 for i in range(4000)))
    assert_fails_alone(cli, tmp_path, str(path), "not a text file")


def test_bad_input_undecodable_bytes(cli, tmp_path):
    path = tmp_path / "odd.txt"
    path.write_bytes(GOOD.encode("utf-8")[:40] + b"\x81\x8d\x90\x9d" + b" more words here.")
    assert_fails_alone(cli, tmp_path, str(path), "not UTF-8 text")


def test_bad_input_windows_1252_is_read_with_a_note(cli, tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes(("Café owners said " + GOOD).encode("cp1252"))
    result = cli("extract", path)
    assert result.exit_code == 0, result.output
    assert f"note: {path}: not UTF-8" in result.stderr
    assert json.loads(result.stdout)["article"]["text"].startswith("Café owners")


def test_bad_input_file_over_the_size_cap_is_not_read(cli, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:  # a sparse 50 MB file: refused on its size, before reading
        f.truncate(50_000_000)
    assert_fails_alone(cli, tmp_path, str(path), "50.0 MB is larger than the size cap")


def test_bad_input_size_cap_is_configurable(cli, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(GOOD, encoding="utf-8")
    result = cli("extract", path, "--max-bytes", 50)
    assert result.exit_code == 1 and "larger than the size cap of 50 bytes" in result.stderr
    assert cli("extract", path, "--max-bytes", 10_000).exit_code == 0


def test_bad_input_stdin_over_the_size_cap(cli):
    result = cli("extract", "-", "--max-bytes", 100, input=GOOD * 3)
    assert result.exit_code == 1
    assert failed_lines(result)[0].startswith("failed: <stdin>: ")


def test_bad_input_non_english(cli, tmp_path):
    (tmp_path / "fr.txt").write_text(FRENCH, encoding="utf-8")
    assert_fails_alone(cli, tmp_path, str(tmp_path / "fr.txt"), "not English (looks like 'fr'")


def test_bad_input_malformed_html(cli, tmp_path):
    path = tmp_path / "broken.html"
    path.write_text("<html><head><title>x</title></head><body><div><<<>>></div", encoding="utf-8")
    assert_fails_alone(cli, tmp_path, str(path), "no article text found in the HTML")


def test_bad_input_missing_file_and_directory(cli, tmp_path):
    assert_fails_alone(cli, tmp_path, str(tmp_path / "nope.txt"), "no such file")


def test_bad_input_unreachable_url(cli, tmp_path, loopback_allowed):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert_fails_alone(cli, tmp_path, f"http://127.0.0.1:{port}/a", "cannot connect")


def test_bad_input_url_not_found(cli, tmp_path, http_server, loopback_allowed):
    assert_fails_alone(cli, tmp_path, f"{http_server}/gone.html", "HTTP 404")


def test_bad_input_url_scheme_other_than_http(cli, tmp_path):
    assert_fails_alone(cli, tmp_path, "file:///etc/hostname", "only http and https")


def test_bad_input_malformed_jsonl_lines_in_a_batch(cli, tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"text": GOOD, "date_publish": "2025-03-04 09:00:00"}),
        '{"text": "unterminated',
        json.dumps({"title": "no text at all"}),
        json.dumps({"maintext": GOOD.replace("four", "five"), "published": "2025-03-05"}),
        json.dumps({"text": GOOD, "published": "next week"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("extract", "--batch", path)
    assert result.exit_code == 1
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["published"] for r in reports] == ["2025-03-04", "2025-03-05"]
    lines = failed_lines(result)
    assert [line.split(": ")[1] for line in lines] == [f"{path}:2", f"{path}:3", f"{path}:5"]
    assert "malformed JSON" in lines[0] and "no 'text' or 'maintext'" in lines[1]
    assert "cannot read the publication date 'next week'" in lines[2]
    assert "2 extracted, 3 failed" in result.stderr
    assert "Traceback" not in result.output


def test_bad_input_lone_surrogate_is_replaced_and_the_batch_goes_on(cli, tmp_path):
    # JSON can spell a lone surrogate; UTF-8 cannot encode it: it was a UnicodeEncodeError
    # traceback that stopped the whole batch (0 extracted) and an ingest that stored nothing
    path = tmp_path / "batch.jsonl"
    bad = '{"text": "Rebels attacked Kano \\ud800 killing 12 people on Monday, police said."}'
    path.write_text(bad + "\n" + json.dumps({"text": GOOD}) + "\n", encoding="utf-8")
    result = cli("extract", "--batch", path)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    reports = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["article"]["text"] for r in reports] == [
        "Rebels attacked Kano \ufffd killing 12 people on Monday, police said.",
        GOOD,
    ]
    assert f"note: {path}:1: 1 character(s) that are not valid Unicode" in result.stderr
    assert "2 extracted, 0 failed" in result.stderr
    db = tmp_path / "events.db"
    stored = cli("ingest", path, "--db", db)
    assert stored.exit_code == 0, stored.output
    assert "\n2 stored, 0 already in" in stored.stderr


def test_bad_input_jsonl_empty_text_is_called_empty(cli, tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text('{"text": ""}\n{"maintext": null}\n{"title": "x"}\n', encoding="utf-8")
    result = cli("extract", "--batch", path)
    lines = failed_lines(result)
    assert "empty text" in lines[0] and "empty text" in lines[1], lines
    assert "no 'text' or 'maintext' field" in lines[2]


def test_bad_input_missing_batch_file(cli, tmp_path):
    result = cli("extract", "--batch", tmp_path / "none.jsonl")
    assert result.exit_code == 1
    assert failed_lines(result) == [f"failed: {tmp_path / 'none.jsonl'}: [E001] no such file"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract"], "give at least one SOURCE"),
        (["extract", "x.txt", "--published", "04/01/2024"], "not a date like 2024-01-04"),
        (["extract", "x.txt", "--format", "xml"], "xml"),
    ],
)
def test_bad_input_usage_errors(cli, args, message):
    result = cli(*args)
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output


def test_bad_input_store_that_is_not_a_database(cli, tmp_path):
    (tmp_path / "good.txt").write_text(GOOD, encoding="utf-8")
    db = tmp_path / "notes.db"
    db.write_text("this is not a database\n" * 100, encoding="utf-8")
    result = cli("extract", tmp_path / "good.txt", "--db", db)
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and str(db) in result.stderr
    assert "Traceback" not in result.output
