"""Nothing from the network can take the machine: a portal, a mirror or a linked site that
trickles, inflates, redirects forever or asks to wait a day is cut off, in one line."""

import time

import pytest

from opendata.portal.client import Portal, PortalError

from .hostile_http import HostileSite, ckan, inflating

KEY = "a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d"


def portal(site: HostileSite, key: str = "", seconds: float = 2) -> Portal:
    return Portal(site.url, key, retries=0, timeout=seconds)


def refused(call, code: str, within: float) -> PortalError:
    started = time.monotonic()
    with pytest.raises(PortalError) as caught:
        call()
    assert time.monotonic() - started < within
    assert caught.value.code == code, caught.value.message("en")
    assert "\n" not in caught.value.message("uk")
    return caught.value


@pytest.mark.parametrize("where", ["headers", "body"])
def test_an_answer_sent_a_byte_at_a_time_is_cut_at_the_deadline(where):
    answer = ckan({"ckan_version": "2.7.2"})
    behaviour = {**answer, "trickle": 0.2} if where == "headers" else {
        **answer, "body": answer["body"] + b" " * 200, "trickle": 0.05}
    with HostileSite(behaviour) as site:
        refused(portal(site).about, "portal-too-slow", within=6)


def test_a_gzip_bomb_is_refused_by_what_it_inflates_to(monkeypatch):
    monkeypatch.setattr("opendata.portal.client.ANSWER_LIMIT", 1 << 20)
    with HostileSite({"status": 200, "gzip": True, "body": inflating(64),
                      "headers": {"Content-Type": "application/json"}}) as site:
        refused(portal(site).about, "portal-too-large", within=10)


def test_an_endless_answer_is_refused_at_its_size(monkeypatch):
    monkeypatch.setattr("opendata.portal.client.ANSWER_LIMIT", 1 << 20)
    with HostileSite({"status": 200, "body": b'{"success": true, "result": "',
                      "endless": 1 << 30}) as site:
        refused(portal(site).about, "portal-too-large", within=10)


def test_a_day_of_retry_after_is_a_failure_not_a_sleep():
    with HostileSite({"status": 429, "headers": {"Retry-After": "86400"}}) as site:
        answer = Portal(site.url, "", retries=2, timeout=5)
        error = refused(answer.about, "portal-retry-after", within=5)
        assert error.params["seconds"] > 300


def test_an_action_answered_with_a_redirect_is_an_error_at_once_its_body_unread():
    with HostileSite({"redirect": "http://127.0.0.1:9/", "endless": 1 << 30}) as site:
        refused(portal(site, KEY).about, "portal-failed", within=5)


def test_a_download_follows_a_redirect_unread_and_never_takes_the_key_elsewhere(tmp_path):
    with HostileSite({"status": 200, "body": b"uid,name\n1,a\n"}) as elsewhere, \
            HostileSite({"redirect": f"{elsewhere.url}/file.csv", "endless": 1 << 30}) as site:
        started = time.monotonic()
        digest, size = portal(site, KEY).download(f"{site.url}/file.csv", tmp_path / "f.csv")
        assert time.monotonic() - started < 5
        assert (tmp_path / "f.csv").read_bytes() == b"uid,name\n1,a\n" and size == 13
        assert KEY not in str(elsewhere.requests) and KEY in str(site.requests)


def test_paging_stops_when_a_page_brings_nothing_new():
    page = {"count": 10 ** 9, "results": [{"id": "a", "name": "a"}, {"id": "b",
                                                                     "name": "b"}]}
    with HostileSite({"actions": {"package_search": ckan(page)}}) as site:
        listed = list(portal(site).datasets_of("org", page=2))
        assert [d["id"] for d in listed] == ["a", "b"]
        assert len(site.requests) == 2


def test_a_refusal_quoting_the_key_in_any_form_never_shows_it():
    import json

    refusal = {"success": False, "error": {"__type": "Validation Error", "name": [
        f"key {KEY} refused", json.dumps(KEY), repr(KEY)]}}
    with HostileSite({"status": 409, "body": json.dumps(refusal).encode(),
                      "headers": {"Content-Type": "application/json"}}) as site:
        error = refused(lambda: portal(site, KEY).call("package_create"),
                        "portal-validation", within=5)
        assert KEY not in error.message("uk") and KEY not in str(error.params)


def test_a_slow_upload_does_not_count_against_the_answers_deadline():
    """The deadline is the answer's: an upload that takes longer to send than the deadline
    (a council's slow line) is not cut, nor called too slow once its answer comes at once.
    Found reading the change again: the watchdog first started before the request was
    sent."""
    from opendata.portal.http import BoundedSession

    with HostileSite({**ckan({"id": "r1"}), "slow_read": 2}) as site:
        session = BoundedSession(1, 1 << 20, trusted=None)
        answer = session.post(f"{site.url}/api/3/action/resource_create",
                              data=b"x" * (32 << 20))
        assert answer.status_code == 200 and answer.json()["result"] == {"id": "r1"}


def test_a_download_cut_at_its_deadline_is_an_error_never_a_shorter_file(tmp_path):
    """A body with no length, sent until the connection closes: cut by the deadline, it
    ends as quietly as a whole one would. Found reading the change again."""
    with HostileSite({"status": 200, "body": b"uid,name\n" * 40, "trickle": 0.05,
                      "endless": 1}) as site:
        with pytest.raises(PortalError) as caught:
            portal(site).download(f"{site.url}/file.csv", tmp_path / "f.csv", deadline=1)
        assert caught.value.code in ("portal-too-slow", "portal-unreachable")
        assert not (tmp_path / "f.csv").exists()


def test_a_link_to_an_internal_address_is_dead_and_never_requested():
    """A link anyone can add to a dataset must not make a monitor's machine call into its
    own network: it is dead for the public, and not asked unless the monitor says so."""
    from opendata.audit.inventory import Audit, Throttle, link_is_dead
    from opendata.portal.http import BoundedSession

    with HostileSite({"status": 200, "body": b"secret"}) as inside:
        for trusted, dead in (([PUBLIC_PORTAL], True), (None, False)):
            session = BoundedSession(2, 1 << 20, trusted=trusted)
            assert link_is_dead(session, f"{inside.url}/admin", Throttle(100),
                                Audit(PUBLIC_PORTAL)) is dead
        assert len(inside.requests) == 1  # only when internal links were allowed


def test_a_download_redirected_into_the_internal_network_is_refused(tmp_path):
    """The portal's own host is trusted wherever it is; a redirect from it to another
    internal host is not followed, whatever name it uses."""
    with HostileSite({"status": 200, "body": b"uid\n1\n"}) as inside, \
            HostileSite({"redirect": inside.url.replace("127.0.0.1", "localhost")}) as site:
        refused(lambda: portal(site, KEY).download(f"{site.url}/x.csv", tmp_path / "x.csv"),
                "portal-internal-address", within=5)
        assert inside.requests == [] and not (tmp_path / "x.csv").exists()


PUBLIC_PORTAL = "https://data.gov.ua"
