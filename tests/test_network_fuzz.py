"""The network fuzzer: a fake portal whose every answer hypothesis chooses (status,
headers, trickle, size, encoding, redirects, page counts, shapes of JSON), audited and
adopted from. Whatever it does: the run ends in bounded time, exits 0, 1 or 2 with one line
on failure and no traceback, and the key appears in no output and no log row.

A few examples in CI; `make fuzz` runs many (NETWORK_EXAMPLES)."""

import json
import os
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opendata.portal.client import Portal

from .conftest import run
from .hostile_http import HostileSite, inflating

KEY = "5e0f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
EXAMPLES = int(os.environ.get("NETWORK_EXAMPLES", "8"))

DATASET = {"id": "d1", "name": "dataset-one", "title": "=HYPERLINK(\"x\")\x1b[2J",
           "update_frequency": "once a month", "metadata_modified": "2020-01-01T00:00:00",
           "resources": [{"id": "r1", "name": "Таблиця", "format": "CSV", "url_type": "upload",
                          "url": "PORTAL/file.csv", "size": 12},
                         {"id": "r2", "name": "../../evil", "format": "../../x",
                          "url": "file:///etc/passwd"}]}


def result(value) -> bytes:
    return json.dumps({"success": True, "result": value}).encode()


bodies = st.sampled_from([
    result({"id": "org", "name": "org"}), result("a string"), result([1, 2]),
    result({"count": 10 ** 9, "results": [DATASET]}), result({"count": "many"}),
    json.dumps({"success": False, "error": {"__type": "Validation Error",
                                            "name": [f"key {KEY} refused"]}}).encode(),
    b"<html>Service Unavailable</html>", b"\x00\xff" * 100, b"[" * 5000 + b"]" * 5000,
    json.dumps(f"Bad request - {KEY}").encode(), b""])


@st.composite
def answers(draw):
    how = {"status": draw(st.sampled_from([200, 200, 200, 302, 404, 409, 429, 500])),
           "body": draw(bodies), "headers": {"Content-Type": "application/json"}}
    if how["status"] == 302:
        how["redirect"] = draw(st.sampled_from(["/api/3/action/status_show",
                                                "http://127.0.0.1:9/", "file:///etc/passwd"]))
    if how["status"] == 429:
        how["headers"]["Retry-After"] = draw(st.sampled_from(["1", "86400", "Fri, 31 Dec 2099 "
                                                              "23:59:59 GMT", "soon"]))
    if draw(st.integers(0, 5)) == 0:
        how["trickle"] = 0.3
    if draw(st.integers(0, 5)) == 0:
        how["endless"] = 256 << 20
    if draw(st.integers(0, 7)) == 0:
        how.update(gzip=True, body=inflating(128))
    return how


@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(portal_answer=answers(), search_answer=answers(), file_answer=answers())
def test_a_hostile_portal_never_hangs_leaks_or_crashes(tmp_path_factory, monkeypatch,
                                                       portal_answer, search_answer,
                                                       file_answer):
    folder = tmp_path_factory.mktemp("net")
    monkeypatch.setenv("OPENDATA_CACHE", str(folder / "cache"))
    monkeypatch.setenv("OPENDATA_API_KEY", KEY)
    monkeypatch.setenv("OPENDATA_TIMEOUT", "2")
    monkeypatch.setattr(Portal.__init__, "__defaults__", (0, 0.0, None))  # no retries
    monkeypatch.chdir(folder)
    with HostileSite() as site:
        search_answer = {**search_answer,
                         "body": search_answer["body"].replace(b"PORTAL", site.url.encode())}
        site.behaviour = {**portal_answer, "actions": {
            "package_search": search_answer, "file.csv": file_answer,
            "status_show": {"status": 200, "body": result({"ckan_version": "2.7.2"})}}}
        started = time.monotonic()
        outputs = []
        for command in (["audit", "--organization", "org", "--portal", site.url,
                         "--format", "json", "--rate", "100"],
                        ["init", "p", "--organization", "org", "--portal", site.url]):
            result_ = run(*command)
            assert result_.exit_code in (0, 1, 2), result_.output
            if result_.exit_code == 2:
                assert len(result_.stderr.strip().splitlines()) == 1, result_.stderr
            outputs.append(result_.output)
        if (folder / "p").is_dir():
            monkeypatch.chdir(folder / "p")
            adopted = run("adopt", "--organization", "org", "--portal", site.url)
            assert adopted.exit_code in (0, 1, 2), adopted.output
            outputs.append(adopted.output)
            log = folder / "p/.opendata/log.sqlite"
            if log.exists():
                outputs.append(log.read_bytes().decode("utf-8", "replace"))
        assert time.monotonic() - started < 90
    for text in outputs:
        assert KEY not in text and "\x1b[2J" not in text
    assert not list(folder.rglob("evil")) and not (folder.parent / "x").exists()
