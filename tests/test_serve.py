"""opendata serve: the staff's desk, driven in a real headless Chromium (Debian's, through
Playwright; nothing downloads a browser) with real clicks, typing and file uploads,
asserting what a person sees, a screenshot a scenario. Publishing and looking back run
against the local portals; the rest needs none."""

import difflib
import hashlib
import shutil
import threading

import openpyxl
import pytest
import requests

from .conftest import ROOT, run

BUDGET = "nizhyn-public-budget-projects"
WORKBOOK = f"datasets/{BUDGET}/projects-2022.xlsx"
CHROMIUM = "/usr/bin/chromium"


class Desk:
    """The desk of the project in ``root``, served on a free port of 127.0.0.1."""

    def __init__(self, root):
        from opendata.web.app import create_app, desk_server

        self.token = "t0k3n-" + hashlib.sha256(str(root).encode()).hexdigest()[:20]
        self.server = desk_server(create_app(root, self.token), 0)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()


@pytest.fixture
def desk(project):
    opened = Desk(project)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    from .test_reports import tools

    tools()
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture
def page(browser, desk, tmp_path):
    """A fresh browser tab on the desk, opened by its one-time address; every response
    body it receives is kept (``page.bodies``) for what must never be in one."""
    context = browser.new_context(locale="uk-UA", viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    tab.bodies = []

    def keep(response):
        try:
            tab.bodies.append(response.body())
        except Exception:  # a redirect has no body to keep
            pass

    tab.on("response", keep)
    tab.goto(f"{desk.url}/?token={desk.token}")
    yield tab
    context.close()


def until_done(page, timeout=120_000):
    """A job's page refreshes itself until the job is done."""
    page.wait_for_selector("p.good, p.bad, table.list, iframe.report", timeout=timeout)
    page.wait_for_function("!document.querySelector('meta[http-equiv=refresh]')",
                           timeout=timeout)


def test_home_shows_every_dataset_and_checks_them_all(page, tmp_path):
    assert page.title().startswith("Набори даних")
    rows = page.locator("table.list tbody tr")
    assert rows.count() == 3
    assert "ще не перевірено" in rows.first.inner_text()
    page.get_by_role("button", name="Перевірити все").click()
    until_done(page)
    assert "Перевірено наборів: 3" in page.inner_text("main")
    page.get_by_role("link", name="Набори").first.click()
    text = page.inner_text("table.list")
    assert "✓ без помилок" in text and "ще не опубліковано" in text
    page.screenshot(path=tmp_path / "home.png", full_page=True)


def test_the_passport_form_changes_only_the_edited_lines(page, project, tmp_path):
    definition = project / f"datasets/{BUDGET}/datapackage.yaml"
    before = definition.read_text(encoding="utf-8")
    page.get_by_role("link", name="Громадський бюджет").click()
    page.get_by_label("Назва", exact=True).fill("TODO: нова назва")
    page.get_by_label("Нове ключове слово 1").fill("громада")
    page.get_by_role("button", name="Зберегти").click()
    assert "Збережено: Назва, Ключові слова." in page.inner_text("main")
    # the rule validate applies is said next to the field
    assert "заготовку" in page.inner_text("#finding-title")
    after = definition.read_text(encoding="utf-8")
    changed = [line for line in difflib.unified_diff(before.splitlines(), after.splitlines(),
                                                     lineterm="", n=0)
               if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed == [
        "-title: Громадський бюджет Ніжинської міської територіальної громади — проєкти",
        "+title: 'TODO: нова назва'",
        "-keywords: [громадський бюджет, бюджет участі, проєкти]",
        "+keywords: [громадський бюджет, бюджет участі, проєкти, громада]"]
    page.screenshot(path=tmp_path / "passport.png", full_page=True)


def test_a_new_workbook_with_a_lost_zero_shows_the_cell_and_its_fix_and_can_be_undone(
        page, project, tmp_path):
    source = project / WORKBOOK
    original = hashlib.sha256(source.read_bytes()).hexdigest()
    upload = tmp_path / "projects-2022.xlsx"
    shutil.copy(source, upload)
    book = openpyxl.load_workbook(upload)
    book["Проєкти"]["I6"] = 4061783  # Excel ate the zero
    book.save(upload)
    page.get_by_role("link", name="Громадський бюджет").click()
    page.set_input_files("#file-projects", upload)
    page.get_by_role("button", name="Завантажити").first.click()
    said = page.inner_text("main")
    assert "замінено" in said and ".opendata/previous/" in said
    report = page.frame_locator("iframe.report")
    report.locator("text=04061783").first.wait_for()
    assert "I6" in report.locator("body").inner_text()
    page.screenshot(path=tmp_path / "upload.png", full_page=True)
    with page.expect_download() as download:  # «Виправити»: the fixed copy, to keep
        page.get_by_role("button", name="Виправити (копія)").click()
    assert download.value.suggested_filename == "projects-2022 (виправлено).xlsx"
    download.value.save_as(tmp_path / "fixed.xlsx")
    fixed = openpyxl.load_workbook(tmp_path / "fixed.xlsx")["Проєкти"]
    assert fixed["I6"].value == "04061783" and "Виправлено" in fixed["I6"].comment.text
    page.get_by_role("button", name="Повернути попередню версію").click()
    assert hashlib.sha256(source.read_bytes()).hexdigest() == original


def test_a_new_dataset_starts_from_a_workbook(page, project, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENDATA_CACHE", str(tmp_path / "cache"))
    assert run("standards", "update", "--source",
               ROOT / "tests/data/standards/835").exit_code == 0
    page.get_by_role("link", name="Новий набір").click()
    page.set_input_files("#file", ROOT / "tests/data/standards/835/annex-09/legalActs/"
                         "example.xlsx")
    page.get_by_role("button", name="Завантажити").click()
    assert "annex-09/legalActs" in page.inner_text("main")
    page.get_by_label("Назва набору латиницею").fill("nizhyn-acts")
    page.get_by_role("button", name="Створити набір").click()
    assert (project / "datasets/nizhyn-acts/datapackage.yaml").is_file()
    assert page.get_by_role("heading", name="Паспорт набору").is_visible()
    page.screenshot(path=tmp_path / "new.png", full_page=True)


def test_the_desk_refuses_what_does_not_come_from_its_own_page(desk):
    """A request without the token, a foreign Origin, a missing CSRF token and a foreign
    Host (DNS rebinding) are each refused."""
    assert requests.get(desk.url + "/", timeout=10).status_code == 403
    session = requests.Session()
    opened = session.get(f"{desk.url}/?token={desk.token}", timeout=10)
    assert opened.status_code == 200 and "Набори даних" in opened.text
    post = f"{desk.url}/dataset/{BUDGET}/passport"
    assert session.post(post, data={"title": "x"}, timeout=10).status_code == 403
    page = session.get(f"{desk.url}/dataset/{BUDGET}", timeout=10).text
    csrf = page.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    assert session.post(post, data={"title": "x", "csrf": csrf},
                        headers={"Origin": "http://evil.example"}, timeout=10
                        ).status_code == 403
    assert session.get(desk.url + "/", headers={"Host": f"evil.example:{desk.url[-5:]}"},
                       timeout=10).status_code == 403
    assert session.post(post, data={"title": "Назва", "csrf": csrf}, timeout=10,
                        allow_redirects=False).status_code == 302  # its own form: taken
    # a key pasted with a space is refused in the staff's words, and never shown back
    refused = session.post(f"{desk.url}/key", data={"key": "1b2c3d4e 5f6a", "csrf": csrf},
                           timeout=10)
    assert refused.status_code == 400 and "1b2c3d4e" not in refused.text
    assert "Ключ API у полі на сторінці «Оприлюднити» містить пробіл" in refused.text


@pytest.mark.portal
def test_publish_with_the_plan_in_view_then_look_back(project, clean_portal, browser,
                                                      tmp_path, monkeypatch):
    """The key typed once never appears in any response; the plan is publish --dry-run's;
    publishing ends with the portal's links; the log, the portal check and the audit
    follow."""
    monkeypatch.delenv("OPENDATA_API_KEY", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    config = project / "opendata.toml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'default_portal = "local"', f'default_portal = "{clean_portal.url}"'),
        encoding="utf-8")
    desk = Desk(project)
    try:
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        page = context.new_page()
        bodies = []
        page.on("response", lambda r: bodies.append(r.body()) if r.status < 300 else None)
        page.goto(f"{desk.url}/?token={desk.token}")
        page.get_by_role("link", name="Оприлюднити").first.click()
        page.get_by_label("Ключ API").fill(clean_portal.key)
        page.get_by_role("button", name="Зберегти ключ").click()
        assert "Ключ API є." in page.inner_text("main")
        page.get_by_role("button", name="Показати план").click()
        until_done(page)
        plan = page.inner_text("main")
        assert "створити набір" in plan and BUDGET in plan
        assert "✓" in plan  # the portal check went first
        page.screenshot(path=tmp_path / "plan.png", full_page=True)
        page.get_by_role("button", name="Оприлюднити за цим планом").click()
        until_done(page)
        clean_portal.moderate()
        done = page.inner_text("main")
        assert "Що зроблено" in done and "гаразд" in done
        link = page.get_by_role("link", name=BUDGET)
        assert link.get_attribute("href").startswith(clean_portal.url)
        page.get_by_role("link", name="Журнал").click()
        assert "новий файл" in page.inner_text("table.list")
        page.get_by_label("Набір").select_option(BUDGET)
        page.get_by_role("button", name="Показати").click()
        shown = page.locator("table.list tbody tr")
        assert shown.count() > 0 and all(
            BUDGET in shown.nth(n).inner_text() for n in range(shown.count()))
        page.get_by_role("link", name="Набори").first.click()
        page.get_by_role("button", name="Перевірити портал").click()
        until_done(page)
        assert "На порталі все так" in page.inner_text("main")
        page.get_by_role("link", name="Набори").first.click()
        page.get_by_role("button", name="Аудит організації").click()
        until_done(page)
        audit = page.frame_locator("iframe.report")
        audit.locator("h1").wait_for()
        assert BUDGET in audit.locator("body").inner_text()
        page.screenshot(path=tmp_path / "audit.png", full_page=True)
        assert not any(clean_portal.key.encode() in body for body in bodies)
        context.close()
    finally:
        desk.close()


def test_the_desk_reads_at_200_percent_zoom_without_sideways_scrolling(browser, desk):
    """At 200% zoom a 1280-pixel screen is 640 CSS pixels wide: the pages reflow."""
    context = browser.new_context(viewport={"width": 640, "height": 900},
                                  device_scale_factor=2)
    tab = context.new_page()
    tab.goto(f"{desk.url}/?token={desk.token}")
    for path in ("/", f"/dataset/{BUDGET}", "/new", "/publish", "/log"):
        tab.goto(desk.url + path)
        assert tab.evaluate("document.documentElement.scrollWidth") <= 640, path
    tab.keyboard.press("Tab")  # the first stop is the navigation, shown with a focus ring
    assert tab.evaluate("document.activeElement.textContent") == "Набори"
    context.close()
