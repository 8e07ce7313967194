"""Every sentence the tool says to people, in Ukrainian (default) and English.

Findings and errors carry a code and parameters; they become sentences only here, so that
JSON output stays stable while the wording can improve. Counts are written as
``label: N`` to avoid Ukrainian plural forms.
"""

LANGUAGES = ("uk", "en")

CATALOG: dict[str, dict[str, str]] = {
    # --- reading files -----------------------------------------------------------------
    "remote-name-unsafe": {
        "uk": "{source} називає файл «{name}», що вказує за межі своєї теки; нічого не "
        "записано. Перевірте джерело: воно пошкоджене або недобросовісне.",
        "en": "{source} names a file '{name}' that points outside its folder; nothing was "
        "written. Check the source: it is damaged or not to be trusted.",
    },
    "file-not-found": {
        "uk": "{path}: файл не знайдено.",
        "en": "{path}: file not found.",
    },
    "file-unreadable": {
        "uk": "{path}: файл не відкрити ({reason}). Якщо його відкрито в Excel — закрийте "
        "й запустіть знову; інакше перевірте дозволи на читання.",
        "en": "{path}: the file cannot be opened ({reason}). If it is open in Excel, close it "
        "and run again; else check the read permission.",
    },
    "file-empty": {
        "uk": "{path}: файл порожній.",
        "en": "{path}: the file is empty.",
    },
    "file-unsupported": {
        "uk": "{path}: формат «{extension}» не читається; підтримуються xlsx, xls, ods і csv "
        "(в Excel: Файл → Зберегти як → Книга Excel (.xlsx)).",
        "en": "{path}: the format '{extension}' is not read; xlsx, xls, ods and csv are "
        "(in Excel: File → Save As → Excel Workbook (.xlsx)).",
    },
    "file-encrypted": {
        "uk": "{path}: книгу захищено паролем, її не прочитати. Відкрийте її в Excel, зніміть "
        "пароль (Файл → Відомості → Захистити книгу) і збережіть як звичайну xlsx.",
        "en": "{path}: the workbook is password-protected and cannot be read. Open it in Excel, "
        "remove the password (File → Info → Protect Workbook) and save it as a plain xlsx.",
    },
    "file-not-workbook": {
        "uk": "{path}: це не книга {kind}, хоча так названий файл (пошкоджений або "
        "з хибним розширенням).",
        "en": "{path}: this is not a {kind} workbook, although it is named so (corrupt or "
        "wrongly named).",
    },
    "file-looks-like-csv": {
        "uk": "{path}: це не книга {kind}, а текстовий файл (схоже на CSV); змініть "
        "розширення на .csv.",
        "en": "{path}: this is not a {kind} workbook but a text file (it looks like CSV); "
        "rename it to .csv.",
    },
    "file-corrupt": {
        "uk": "{path}: файл пошкоджений і не читається ({reason}).",
        "en": "{path}: the file is corrupt and cannot be read ({reason}).",
    },
    "file-not-text": {
        "uk": "{path}: це не текстовий файл CSV (у ньому двійкові дані).",
        "en": "{path}: this is not a CSV text file (it holds binary data).",
    },
    "limit-sheet-cells": {
        "uk": "{path}, аркуш «{sheet}»: аркуш сягає клітинки {last} ({cells} клітинок), "
        "більше за межу {limit} ([limits] {key} в opendata.toml). Видаліть зайве далеко "
        "праворуч чи внизу аркуша.",
        "en": "{path}, sheet '{sheet}': the sheet reaches cell {last} ({cells} cells), more "
        "than the limit {limit} ([limits] {key} in opendata.toml). Delete what lies far to "
        "the right or below.",
    },
    "limit-zip-ratio": {
        "uk": "{path}: частина {part} розпаковується в {ratio} разів більшою за стиснену "
        "(межа {limit}, [limits] {key}); схоже на zip-бомбу, файл не читано.",
        "en": "{path}: part {part} unpacks to {ratio} times its packed size (limit {limit}, "
        "[limits] {key}); it looks like a zip bomb and was not read.",
    },
    "limit-unzipped": {
        "uk": "{path}: книга розпаковується в {size} МБ, більше за межу {limit} МБ "
        "([limits] {key}).",
        "en": "{path}: the workbook unpacks to {size} MB, more than the limit {limit} MB "
        "([limits] {key}).",
    },
    "limit-sheet-cells-many": {
        "uk": "{path}, аркуш «{sheet}»: від першої до останньої заповненої клітинки їх понад "
        "{limit} — більше, ніж можна прочитати ([limits] max_cells в opendata.toml). Видаліть "
        "зайве далеко праворуч чи внизу аркуша або розділіть таблицю на кілька файлів.",
        "en": "{path}, sheet '{sheet}': there are more than {limit} cells from the first filled "
        "one to the last, more than can be read ([limits] max_cells in opendata.toml). Delete "
        "what lies far to the right or below, or split the table into several files.",
    },
    "limit-workbook-cells-many": {
        "uk": "{path}: в одному з аркушів від першої до останньої заповненої клітинки їх понад "
        "{limit} — більше, ніж можна прочитати. Видаліть зайве далеко праворуч чи внизу "
        "аркуша або розділіть таблицю на кілька файлів.",
        "en": "{path}: a sheet has more than {limit} cells from the first filled one to the "
        "last, more than can be read. Delete what lies far to the right or below, or split the "
        "table into several files.",
    },
    "limit-reader": {
        "uk": "{path}: читання книги потребувало понад {megabytes} МБ пам’яті або {seconds} с "
        "([limits] reader_megabytes, reader_seconds); файл пошкоджений або завеликий.",
        "en": "{path}: reading the workbook needed over {megabytes} MB of memory or "
        "{seconds} s ([limits] reader_megabytes, reader_seconds); the file is corrupt or too "
        "large.",
    },
    "sheet-not-found": {
        "uk": "{path}: аркуша «{sheet}» немає; є аркуші: {available}. Якщо його "
        "перейменовано, змініть sheet: у datapackage.yaml набору (або --sheet).",
        "en": "{path}: there is no sheet '{sheet}'; the sheets are: {available}. If it was "
        "renamed, change sheet: in the dataset's datapackage.yaml (or --sheet).",
    },
    "sheet-empty": {
        "uk": "{path}: аркуш «{sheet}» порожній.",
        "en": "{path}: sheet '{sheet}' is empty.",
    },
    # --- project, definitions, schemas -------------------------------------------------
    "init-exists": {
        "uk": "{path} уже є: тут уже проєкт, його не перезаписано.",
        "en": "{path} already exists: this is a project already; it was not overwritten.",
    },
    "init-organization-name": {
        "uk": "«{name}» — не назва організації на порталі (малі латинські літери, цифри, - і _, "
        "як в адресі data.gov.ua/organization/…).",
        "en": "'{name}' is not an organization name on the portal (lowercase Latin letters, "
        "digits, - and _, as in data.gov.ua/organization/…).",
    },
    "init-edrpou": {
        "uk": "Код ЄДРПОУ «{edrpou}» має складатися з 8 цифр (з нулями на початку).",
        "en": "EDRPOU code '{edrpou}' must be 8 digits (with its leading zeros).",
    },
    "organization-unknown": {
        "uk": "Портал {portal} не знає організації «{name}»; найближчі назви: {closest}.",
        "en": "Portal {portal} has no organization '{name}'; the closest names: {closest}.",
    },
    "init-written": {"uk": "Створено проєкт: {path}", "en": "Project created: {path}"},
    "init-completed": {
        "uk": "{path}: проєкт уже є; доповнено те, що лишалося позначеним TODO.",
        "en": "{path}: the project exists; what was left as TODO was filled in.",
    },
    "init-checked": {
        "uk": "Організацію знайдено на порталі: {title}.",
        "en": "The organization was found on the portal: {title}.",
    },
    "init-unchecked": {
        "uk": "Портал не відповів: назву організації «{title}» не перевірено, її назву в "
        "opendata.toml позначено TODO. Коли портал відповідатиме, запустіть ту саму команду "
        "opendata init ще раз — вона допише назву.",
        "en": "The portal did not answer: the organization name '{title}' was not checked, and "
        "its title in opendata.toml is marked TODO. When the portal answers, run the same "
        "opendata init again: it fills the title in.",
    },
    "init-next": {
        "uk": "Далі:\n  cd {folder}\n  opendata new НАЗВА-НАБОРУ --from таблиця.xlsx\n"
        "  opendata validate",
        "en": "Next:\n  cd {folder}\n  opendata new DATASET-NAME --from spreadsheet.xlsx\n"
        "  opendata validate",
    },
    "audit-progress": {
        "uk": "Перевірено наборів: {done} з {total}",
        "en": "Datasets audited: {done} of {total}",
    },
    "audit-summary": {
        "uk": "{portal}: наборів {datasets}; прострочених {overdue}; з неповним паспортом "
        "{incomplete}; з не машиночитними ресурсами {not_machine_readable}; не за "
        "стандартом {not_to_standard}",
        "en": "{portal}: {datasets} datasets; {overdue} overdue; {incomplete} with an "
        "incomplete passport; {not_machine_readable} with formats machines cannot read; "
        "{not_to_standard} not to standard",
    },
    "audit-overdue": {
        "uk": "прострочено (днів: {days}): мав оновитися до {due} ({frequency}; востаннє {last})",
        "en": "overdue by {days} days: due by {due} ({frequency}; last updated {last})",
    },
    "audit-passport": {
        "uk": "паспорт неповний: {fields}",
        "en": "incomplete passport: {fields}",
    },
    "audit-not-machine-readable": {
        "uk": "не машиночитні: {names}",
        "en": "not machine-readable: {names}",
    },
    "audit-dead-links": {
        "uk": "посилання не відповідають: {names}",
        "en": "dead links: {names}",
    },
    "audit-file-invalid": {
        "uk": "{name}: не відповідає стандарту {standard} (помилок: {errors})",
        "en": "{name}: does not follow the standard {standard} (errors: {errors})",
    },
    "audit-sheet": {"uk": "Аудит", "en": "Audit"},
    "adopt-what": {
        "uk": "Назвіть набори (назви, id або адреси сторінок) або --organization, одне з двох.",
        "en": "Name the datasets (names, ids or page URLs) or --organization, one of the two.",
    },
    "adopt-url-invalid": {
        "uk": "{url} — не сторінка набору даних (очікується …/dataset/назва).",
        "en": "{url} is not a dataset page (expected …/dataset/name).",
    },
    "adopt-not-found": {
        "uk": "Набору «{dataset}» немає на порталі {portal}.",
        "en": "The dataset «{dataset}» is not on the portal {portal}.",
    },
    "adopt-exists": {
        "uk": "{path} уже існує: цей набір уже є в проєкті.",
        "en": "{path} already exists: the project already has this dataset.",
    },
    "adopt-no-files": {
        "uk": "Набір «{dataset}» на {portal} не має завантажених таблиць (CSV, XLSX, XLS, ODS): "
        "вести його з файлів немає чого.",
        "en": "The dataset «{dataset}» on {portal} has no uploaded tables (CSV, XLSX, XLS, ODS): "
        "there is nothing to keep in files.",
    },
    "adopt-done": {
        "uk": "Прийнято {dataset}: {definition}",
        "en": "Adopted {dataset}: {definition}",
    },
    "adopt-file-standard": {
        "uk": "  {path}: стандарт 835 {standard} ({schema})",
        "en": "  {path}: the 835 standard {standard} ({schema})",
    },
    "adopt-file-inferred": {
        "uk": "  {path}: структуру виведено з таблиці ({schema})",
        "en": "  {path}: structure inferred from the table ({schema})",
    },
    "adopt-portal-only": {
        "uk": "  лише на порталі: {name}",
        "en": "  portal-only: {name}",
    },
    "adopt-gaps": {
        "uk": "  у паспорті бракує: {fields} — заповніть у datapackage.yaml",
        "en": "  the passport lacks: {fields} — fill them in datapackage.yaml",
    },
    "adopt-private": {
        "uk": "  набір приватний на порталі: публікуйте його з --private, щоб таким і лишився",
        "en": "  the dataset is private on the portal: publish it with --private to keep it so",
    },
    "adopt-skipped": {
        "uk": "Пропущено {dataset}: {reason}",
        "en": "Skipped {dataset}: {reason}",
    },
    "adopt-none": {
        "uk": "На порталі немає наборів цієї організації: приймати нічого.",
        "en": "The portal has no datasets of this organization: nothing to adopt.",
    },
    "adopt-next": {
        "uk": "Далі: opendata validate, потім opendata publish --dry-run (без змін на порталі, "
        "доки не змінено файли чи паспорт).",
        "en": "Next: opendata validate, then opendata publish --dry-run (no changes on the "
        "portal until a file or the passport changes).",
    },
    "new-standard": {
        "uk": "Таблиця відповідає стандарту 835 {standard}: його структуру записано в {schema} "
        "(щоб вивести власну: --infer).",
        "en": "The spreadsheet follows the 835 standard {standard}: its structure was written "
        "to {schema} (to infer one instead: --infer).",
    },
    "standards-missing": {
        "uk": "Стандартів 835 ще немає на цьому комп’ютері: завантажте їх командою "
        "opendata standards update.",
        "en": "The 835 standards are not on this computer yet: fetch them with "
        "opendata standards update.",
    },
    "standard-unknown": {
        "uk": "Стандарту «{name}» немає; перелік: opendata standards list.",
        "en": "There is no standard '{name}'; see opendata standards list.",
    },
    "standards-source": {
        "uk": "Не вдалося взяти стандарти з {source} ({reason}).",
        "en": "Could not fetch the standards from {source} ({reason}).",
    },
    "standards-offline": {
        "uk": "{source} не відповідає ({hint}): стандарти не оновлено, попередні лишилися. "
        "Перевірте з’єднання й повторіть або візьміть їх із теки: opendata standards update "
        "--source ТЕКА",
        "en": "{source} does not answer ({hint}): the standards were not updated, the ones "
        "before stay. Check the connection and try again, or take them from a folder: "
        "opendata standards update --source FOLDER",
    },
    "net-no-connection": {"uk": "немає з’єднання", "en": "no connection"},
    "net-too-slow": {"uk": "не відповів вчасно", "en": "no answer in time"},
    "net-failed": {"uk": "відповідь не прийшла цілою", "en": "the answer did not come whole"},
    "standards-updated": {
        "uk": "Стандартів завантажено: {count} ({path}).",
        "en": "Standards fetched: {count} ({path}).",
    },
    "standards-none-fits": {
        "uk": "Жоден стандарт не підходить: заголовок таблиці не називає достатньо стовпців "
        "жодного стандарту 835. Найближчі (лише для довідки):",
        "en": "No standard fits: the table's header does not name enough columns of any 835 "
        "standard. The closest (for reference only):",
    },
    "standards-sheet": {
        "uk": "Аркуш «{sheet}»:",
        "en": "Sheet '{sheet}':",
    },
    "standards-match": {
        "uk": "{name} «{title}»: стовпців {matched} з {total}; бракує: {missing}; зайві: "
        "{extra}",
        "en": "{name} '{title}': {matched} of {total} columns; missing: {missing}; extra: "
        "{extra}",
    },
    "project-not-found": {
        "uk": "Не знайдено opendata.toml у {path} чи вище: запустіть команду в теці проєкту "
        "або створіть проєкт: opendata init --organization НАЗВА.",
        "en": "No opendata.toml in {path} or above: run the command in the project folder, "
        "or start one: opendata init --organization NAME.",
    },
    "project-invalid": {
        "uk": "{path}: {reason}",
        "en": "{path}: {reason}",
    },
    "portal-unknown": {
        "uk": "Портал «{name}» не описано в opendata.toml; є: {available}. Можна вказати й "
        "адресу: --portal https://…",
        "en": "Portal '{name}' is not in opendata.toml; there are: {available}. A URL works "
        "too: --portal https://…",
    },
    "api-key-invalid": {
        "uk": "Ключ API у {where} містить пробіл, перенесення рядка чи керівний символ: "
        "скопіюйте його з профілю на порталі ще раз, одним словом.",
        "en": "The API key in {where} holds a space, a line break or a control character: "
        "copy it from your profile on the portal again, as one word.",
    },
    "portal-max-upload-invalid": {
        "uk": "opendata.toml, [portals.{name}]: max_upload_mb = {value} — має бути додатне "
        "число мегабайтів, наприклад max_upload_mb = 10.",
        "en": "opendata.toml, [portals.{name}]: max_upload_mb = {value} — must be a positive "
        "number of megabytes, e.g. max_upload_mb = 10.",
    },
    "api-key-missing": {
        "uk": "Немає ключа API для {portal}. Ключ — у профілі користувача на порталі. Задайте "
        "його змінною середовища {variable}: у Windows — setx {variable} \"ключ\" (і відкрийте "
        "нове вікно), у Linux чи macOS — export {variable}=ключ. {hint}",
        "en": "No API key for {portal}. The key is in your user profile on the portal. Set it "
        "as the environment variable {variable}: on Windows, setx {variable} \"key\" (then open "
        "a new window); on Linux or macOS, export {variable}=key. {hint}",
    },
    "api-key-keyring": {
        "uk": "Або збережіть його у сховищі паролів системи: keyring set opendata {portal}",
        "en": "Or keep it in the system's password store: keyring set opendata {portal}",
    },
    "api-key-no-keyring": {
        "uk": "(Щоб тримати ключ у сховищі паролів системи: pip install keyring.)",
        "en": "(To keep the key in the system's password store: pip install keyring.)",
    },
    "portal-not-authorized": {
        "uk": "Портал {portal} відмовив ({action}): ключ API неправильний, застарів або не має "
        "прав на цю організацію. Візьміть новий ключ у профілі користувача на порталі.",
        "en": "Portal {portal} refused ({action}): the API key is wrong, expired or has no "
        "rights on this organization. Take a new key from your user profile on the portal.",
    },
    "portal-key-refused": {
        "uk": "Портал {portal} не прийняв ключ API: він неправильний або застарів. Скопіюйте "
        "ключ заново з профілю користувача на порталі (внизу лівої колонки сторінки «Мої "
        "набори даних») і перевірте: opendata portal check",
        "en": "Portal {portal} did not accept the API key: it is wrong or outdated. Copy the "
        "key again from your user profile on the portal and check: opendata portal check",
    },
    "portal-no-rights": {
        "uk": "Ключ API не дає права публікувати в організації «{organization}» на {portal}; "
        "з цим ключем можна публікувати в: {allowed}. Попросіть адміністратора організації "
        "на порталі додати вас редактором або перевірте organization у opendata.toml.",
        "en": "The API key may not publish to the organization '{organization}' on {portal}; "
        "with this key you may publish to: {allowed}. Ask the organization's administrator "
        "on the portal to make you an editor, or check organization in opendata.toml.",
    },
    "portal-upload-too-large": {
        "uk": "Портал {portal} відмовився прийняти файл: він більший, ніж портал дозволяє "
        "завантажити. Розділіть таблицю на кілька файлів (наприклад, за роками) або "
        "опублікуйте посилання на місце, де файл уже розміщено; межу задає max_upload_mb "
        "профілю порталу в opendata.toml.",
        "en": "Portal {portal} refused the file: it is larger than the portal accepts. Split "
        "the table into several files (by year, say) or publish a link to where the file "
        "is already served; the limit is max_upload_mb of the portal's profile in "
        "opendata.toml.",
    },
    "portal-upload-refused": {
        "uk": "Портал {portal} не прийняв файл ({reason}). Найчастіше файл більший за межу "
        "порталу: розділіть таблицю на кілька файлів або опублікуйте посилання на нього.",
        "en": "Portal {portal} refused the file ({reason}). Most often the file is over the "
        "portal's limit: split the table into several files or publish a link to it.",
    },
    "plan-upload-too-large": {
        "uk": "{file}: {size} МБ, а портал приймає файли до {limit} МБ (max_upload_mb у "
        "opendata.toml). Набір не надіслано: розділіть таблицю на кілька файлів (наприклад, "
        "за роками) або опублікуйте посилання на місце, де файл уже розміщено.",
        "en": "{file}: {size} MB, and the portal accepts files up to {limit} MB (max_upload_mb "
        "in opendata.toml). The dataset was not sent: split the table into several files "
        "(by year, say) or publish a link to where the file is already served.",
    },
    "portal-unreachable": {
        "uk": "Портал {portal} не відповідає ({reason}). Перевірте з’єднання й адресу та "
        "повторіть пізніше.",
        "en": "Portal {portal} does not answer ({reason}). Check the connection and the "
        "address and try again later.",
    },
    "portal-too-slow": {
        "uk": "Портал {portal} не дав повної відповіді ({action}) за {seconds} с; відповідь "
        "перервано. Повторіть пізніше (довше чекати: змінна OPENDATA_TIMEOUT).",
        "en": "Portal {portal} gave no whole answer ({action}) in {seconds} s; it was cut off. "
        "Try again later (to wait longer: the OPENDATA_TIMEOUT variable).",
    },
    "portal-internal-address": {
        "uk": "Адреса {url} веде у внутрішню мережу (чи на цей комп’ютер), а не на портал; її "
        "не запитано.",
        "en": "{url} leads into an internal network (or to this machine), not to the portal; it "
        "was not requested.",
    },
    "portal-too-large": {
        "uk": "Портал {portal} відповів ({action}) більш ніж {limit} МБ даних; відповідь не "
        "прочитано. Так портал не відповідає: перевірте адресу порталу.",
        "en": "Portal {portal} answered ({action}) with more than {limit} MB; the answer was not "
        "read. A portal does not answer so: check the portal's address.",
    },
    "portal-retry-after": {
        "uk": "Портал {portal} просить повернутися через {seconds} с ({action}) — довше, ніж "
        "варто чекати; нічого не зроблено. Повторіть пізніше.",
        "en": "Portal {portal} asks to come back in {seconds} s ({action}) — longer than is "
        "worth waiting; nothing was done. Try again later.",
    },
    "portal-not-found": {
        "uk": "Портал {portal} не знайшов того, що змінюють ({action}): його щойно видалили? "
        "Запустіть публікацію ще раз — план складеться заново.",
        "en": "Portal {portal} did not find what was being changed ({action}): deleted just "
        "now? Publish again: the plan is made afresh.",
    },
    "adopt-download-short": {
        "uk": "{url}: завантажено {size} байт, а портал каже, що файл має {expected}; файл не "
        "взято (обірване завантаження не стане таблицею). Спробуйте пізніше.",
        "en": "{url}: {size} bytes came, and the portal says the file has {expected}; it was "
        "not taken (a cut download never becomes a table). Try again later.",
    },
    "portal-download-too-large": {
        "uk": "{url}: файл більший за {limit} МБ; його не завантажено для перевірки.",
        "en": "{url}: the file is larger than {limit} MB; it was not downloaded to check.",
    },
    "plan-duplicate-resources": {
        "uk": "На порталі кілька ресурсів претендують на файл {file} (ідентифікатори {ids}). "
        "Набір не змінено: видаліть зайві ресурси на порталі й опублікуйте знову.",
        "en": "Several resources on the portal claim the file {file} (ids {ids}). The dataset "
        "was not changed: delete the extra resources on the portal and publish again.",
    },
    "portal-failed": {
        "uk": "Портал {portal} повернув помилку: {reason}",
        "en": "Portal {portal} answered with an error: {reason}",
    },
    "portal-validation": {
        "uk": "Портал не прийняв набір даних: {details}",
        "en": "The portal refused the dataset: {details}",
    },
    "log-unreadable": {
        "uk": "{path}: це не журнал публікацій opendata, або його не відкрити ({reason}). "
        "Перевірте [log] path в opendata.toml.",
        "en": "{path}: not an opendata publication log, or it cannot be opened ({reason}). "
        "Check [log] path in opendata.toml.",
    },
    "log-postgres-missing": {
        "uk": "Журнал публікацій налаштовано на PostgreSQL, але бібліотеку psycopg не "
        "встановлено: pip install 'opendata[postgres]'.",
        "en": "The publication log is set to PostgreSQL, but psycopg is not installed: "
        "pip install 'opendata[postgres]'.",
    },
    "log-unreachable": {
        "uk": "Журнал публікацій {location} недоступний ({reason}).",
        "en": "The publication log {location} cannot be reached ({reason}).",
    },
    "target-split": {
        "uk": "Схоже, це одна назва файлу з пробілами: візьміть її в лапки — \"{name}\".",
        "en": "This looks like one file name with spaces: put it in quotes — \"{name}\".",
    },
    "dataset-not-found": {
        "uk": "Набору даних «{name}» немає; є: {available}.",
        "en": "There is no dataset '{name}'; the datasets are: {available}.",
    },
    "definition-unreadable": {
        "uk": "{path}: не читається як YAML ({reason}).",
        "en": "{path}: cannot be read as YAML ({reason}).",
    },
    "definition-yaml": {
        "uk": "{path}, рядок {line}: {hint}",
        "en": "{path}, line {line}: {hint}",
    },
    "yaml-hint-colon": {
        "uk": "значення з двокрапкою «:» чи знаком «#» візьміть у лапки, наприклад "
        "title: \"Бюджет: проєкти 2024\"",
        "en": "put a value holding a colon ':' or '#' in quotes, e.g. title: \"Budget: "
        "projects 2024\"",
    },
    "yaml-hint-tab": {
        "uk": "відступ зроблено табуляцією; замініть її пробілами",
        "en": "the indentation is a tab; use spaces instead",
    },
    "yaml-hint-twice": {
        "uk": "поле записано двічі; залиште одне",
        "en": "a field is written twice; keep one",
    },
    "yaml-hint-indent": {
        "uk": "відступи не збігаються: поля одного рівня мають починатися з тієї самої "
        "позиції, кожне ключове слово — окремим рядком «- слово»",
        "en": "the indentation does not line up: fields of one level start at the same "
        "column, each keyword on a line of its own, '- word'",
    },
    "yaml-hint-general": {
        "uk": "тут запис не читається як YAML; перевірте відступи й візьміть значення з "
        "«:» чи «#» у лапки",
        "en": "the text cannot be read as YAML here; check the indentation and put values "
        "with ':' or '#' in quotes",
    },
    "definition-invalid": {
        "uk": "{path}: {reason}",
        "en": "{path}: {reason}",
    },
    "resource-source-missing": {
        "uk": "{path}: ресурс «{resource}» посилається на файл {source}, якого немає.",
        "en": "{path}: resource '{resource}' points at {source}, which does not exist.",
    },
    "dataset-exists": {
        "uk": "{path} уже існує; оберіть іншу назву набору.",
        "en": "{path} already exists; choose another dataset name.",
    },
    "dataset-name-invalid": {
        "uk": "Назва набору «{name}» не підходить порталу: 2–100 символів, лише малі латинські "
        "літери, цифри, «-» і «_» (наприклад, nizhyn-petitions).",
        "en": "Dataset name '{name}' does not suit the portal: 2–100 characters, only "
        "lowercase Latin letters, digits, '-' and '_' (e.g. nizhyn-petitions).",
    },
    "header-cell-empty": {
        "uk": "{path}: у стовпця {cell} немає заголовка, хоча в ньому є значення (наприклад, "
        "«{value}»). Впишіть назву стовпця в клітинку {cell} і запустіть команду знову: за "
        "назвою люди читатимуть ці дані.",
        "en": "{path}: the column at {cell} has values (such as '{value}') but no header. "
        "Type the column's name into cell {cell} and run the command again: people will "
        "read the data by that name.",
    },
    "header-not-inferred": {
        "uk": "{path}: не знайдено рядок заголовків (рядок із кількох текстових назв стовпців).",
        "en": "{path}: no header row found (a row of several text column names).",
    },
    "resource-name-invalid": {
        "uk": "{path}: назва ресурсу «{name}» має складатися з малих латинських літер, цифр і "
        "знаків - _ . (наприклад, «{suggestion}»); назву для людей пишіть у title.",
        "en": "{path}: resource name '{name}' must be lowercase Latin letters, digits and "
        "- _ . (e.g. '{suggestion}'); write the name for people in title.",
    },
    "limits-unknown": {
        "uk": "opendata.toml: невідомі межі в [limits]: {keys} (відомі: {known}).",
        "en": "opendata.toml: unknown limits in [limits]: {keys} (known: {known}).",
    },
    "limits-invalid": {
        "uk": "opendata.toml: межа [limits] {key} має бути цілим додатним числом.",
        "en": "opendata.toml: limit [limits] {key} must be a positive whole number.",
    },
    "limits-too-large": {
        "uk": "opendata.toml: межа [limits] {key} може бути щонайбільше {most}.",
        "en": "opendata.toml: limit [limits] {key} may be at most {most}.",
    },
    "limit-descriptor-size": {
        "uk": "{path}: файл завеликий ({size} МБ; межа {limit} МБ, [limits] {key} в "
        "opendata.toml).",
        "en": "{path}: the file is too large ({size} MB; the limit is {limit} MB, [limits] "
        "{key} in opendata.toml).",
    },
    "resource-outside-project": {
        "uk": "{path}: {key} «{target}» веде за межі проєкту ({root}); тримайте таблиці й "
        "схеми в теці проєкту.",
        "en": "{path}: {key} '{target}' points outside the project ({root}); keep "
        "spreadsheets and schemas inside the project folder.",
    },
    "dataset-duplicate": {
        "uk": "Набір даних «{name}» визначено кілька разів (теки: {folders}); назви наборів "
        "мають бути різні.",
        "en": "Dataset '{name}' is defined more than once (folders: {folders}); dataset "
        "names must differ.",
    },
    "output-disk-full": {
        "uk": "{path}: на диску не лишилося місця; звільніть місце й повторіть (нічого "
        "недописаного не залишено).",
        "en": "{path}: the disk is full; free some space and try again (nothing half-written "
        "was left).",
    },
    "output-read-only": {
        "uk": "{path}: не записати. Якщо файл відкрито в Excel — закрийте його й запустіть "
        "знову; інакше тека лише для читання.",
        "en": "{path}: cannot be written. If the file is open in Excel, close it and run "
        "again; else the folder is read-only.",
    },
    "output-not-folder": {
        "uk": "{path}: тут має бути тека, а є файл; перейменуйте або видаліть його.",
        "en": "{path}: a folder should be here, but it is a file; rename or remove it.",
    },
    "output-failed": {
        "uk": "{path}: не вдалося записати ({reason}).",
        "en": "{path}: could not be written ({reason}).",
    },
    "schema-not-found": {
        "uk": "{path}: файл схеми не знайдено.",
        "en": "{path}: schema file not found.",
    },
    "schema-unreadable": {
        "uk": "{path}: схема не читається ({reason}).",
        "en": "{path}: the schema cannot be read ({reason}).",
    },
    "schema-invalid": {
        "uk": "{path}: схема неправильна: {reason}",
        "en": "{path}: the schema is invalid: {reason}",
    },
    "schema-required": {
        "uk": "{path}: щоб перевірити окремий файл, вкажіть схему: --schema ФАЙЛ.",
        "en": "{path}: to check a single file, give its schema: --schema FILE.",
    },
    "header-row-invalid": {
        "uk": "{path}: рядок заголовків {row} поза межами аркуша (рядків: {last}).",
        "en": "{path}: header row {row} is outside the sheet (rows: {last}).",
    },
    # --- changes made when importing a CSVW standard -----------------------------------
    "import-name-cleaned": {
        "uk": "назву поля {old} виправлено на «{new}» (зайві пробіли, табуляції чи "
        "невидимі символи)",
        "en": "field name {old} cleaned to '{new}' (stray spaces, tabs or invisible characters)",
    },
    "import-name-latin": {
        "uk": "у назві поля «{old}» кириличні літери замінено латинськими: «{new}»",
        "en": "Cyrillic letters in field name '{old}' replaced with Latin ones: '{new}'",
    },
    "import-name-duplicate": {
        "uk": "поле «{old}» повторюється; друге перейменовано на «{new}»",
        "en": "field '{old}' appears twice; the second is renamed '{new}'",
    },
    "import-datatype": {
        "uk": "поле «{field}»: тип {old} записано як {new}",
        "en": "field '{field}': datatype {old} written as {new}",
    },
    "import-primary-key-case": {
        "uk": "первинний ключ «{old}» знайдено як поле «{new}»",
        "en": "primary key '{old}' matched to field '{new}'",
    },
    "import-primary-key-missing": {
        "uk": "первинного ключа «{old}» немає серед полів; ключ не задано",
        "en": "primary key '{old}' is not a field; no key is set",
    },
    "import-primary-key-reference": {
        "uk": "первинний ключ «{old}» — це посилання на запис іншої таблиці, він "
        "повторюється в рядках; ключ не задано",
        "en": "primary key '{old}' refers to a record of another table and repeats across "
        "rows; no key is set",
    },
    "import-code-pattern": {
        "uk": "{field}: це код {kind} — додано шаблон {pattern}, тож код без нулів на "
        "початку чи з зайвою цифрою буде знайдено",
        "en": "{field}: a {kind} code — the pattern {pattern} was added, so a code that lost "
        "its leading zeros or has a digit too many is found",
    },
    "import-missing-values": {
        "uk": "значення «null» вважається відсутнім (як і порожня клітинка)",
        "en": "the literal 'null' counts as a missing value (as does an empty cell)",
    },
    # --- findings in tables ------------------------------------------------------------
    "header-not-found": {
        "uk": "Не знайдено рядок заголовків: жоден із перших {rows} рядків не містить назв "
        "стовпців зі схеми (наприклад, «{example}»).",
        "en": "No header row found: none of the first {rows} rows holds column names from "
        "the schema (such as '{example}').",
    },
    "missing-column": {
        "uk": "Немає стовпця «{title}» ({field}).",
        "en": "Column '{title}' ({field}) is missing.",
    },
    "misspelled-column": {
        "uk": "Заголовок «{value}» схожий на «{title}» ({field}), але не збігається; "
        "виправте написання.",
        "en": "Header '{value}' looks like '{title}' ({field}) but does not match; "
        "fix the spelling.",
    },
    "extra-column": {
        "uk": "Зайвий стовпець «{value}»: його немає в схемі.",
        "en": "Extra column '{value}': it is not in the schema.",
    },
    "duplicate-column": {
        "uk": "Стовпець «{value}» повторюється (уже є в {first}).",
        "en": "Column '{value}' appears twice (already in {first}).",
    },
    "missing-cell": {
        "uk": "У рядку бракує значень: менше клітинок, ніж заголовків (чи не зайвий "
        "роздільник у сусідньому значенні?).",
        "en": "The row is short of values: fewer cells than headers (a stray delimiter in "
        "a nearby value?).",
    },
    "xlsx-groups": {"uk": "Що виправити", "en": "What to fix"},
    "xlsx-group-count": {"uk": "К-сть", "en": "Count"},
    "xlsx-group-file": {"uk": "Файл", "en": "File"},
    "xlsx-group-sheet": {"uk": "Аркуш", "en": "Sheet"},
    "xlsx-group-column": {"uk": "Стовпець", "en": "Column"},
    "xlsx-group-kind": {"uk": "Що не так", "en": "What is wrong"},
    "xlsx-group-rows": {"uk": "Рядки", "en": "Rows"},
    "xlsx-group-action": {"uk": "Що зробити", "en": "What to do"},
    "html-grid-empty": {
        "uk": "Не показано стовпці, порожні в усіх показаних рядках: {columns}.",
        "en": "Not shown: columns empty in every row shown ({columns}).",
    },
    "fix-note": {"uk": "Виправлено: було «{before}»", "en": "Fixed: it was «{before}»"},
    "fix-written": {
        "uk": "Записано виправлену копію {output} ({source} не змінено).",
        "en": "Wrote the fixed copy {output} ({source} is unchanged).",
    },
    "fix-fixed": {"uk": "Виправлено клітинок: {count} ({kinds}):",
                  "en": "Cells fixed: {count} ({kinds}):"},
    "fix-none": {"uk": "Виправляти автоматично нічого: усе, що лишилося, треба виправити вручну.",
                 "en": "Nothing to fix automatically: what is left needs a person."},
    "fix-kind-leading-zeros": {"uk": "коди з нулями на початку", "en": "codes' leading zeros"},
    "fix-kind-number": {"uk": "числа", "en": "numbers"},
    "fix-kind-date": {"uk": "дати", "en": "dates"},
    "fix-kind-whitespace": {"uk": "зайві пробіли", "en": "whitespace"},
    "fix-kind-apostrophe": {"uk": "апострофи на початку", "en": "leading apostrophes"},
    "fix-all-done": {"uk": "Копія правильна: знахідок не лишилося.",
                     "en": "The copy is valid: no findings are left."},
    "fix-left": {"uk": "Лишилося помилок: {count} — їх треба виправити вручну:",
                 "en": "Errors left: {count} — they need a person:"},
    "fix-check-copy": {"uk": "Перевірити копію: opendata validate \"{output}\" --schema {schema}",
                       "en": "Check the copy: opendata validate \"{output}\" --schema {schema}"},
    "fix-format": {
        "uk": "{path}: opendata fix виправляє копії книг .xlsx і файлів CSV. Збережіть файл як "
        ".xlsx (Файл → Зберегти як) і запустіть команду знову.",
        "en": "{path}: opendata fix fixes copies of .xlsx workbooks and CSV files. Save the file "
        "as .xlsx (File → Save As) and run the command again.",
    },
    "fix-output-format": {
        "uk": "{path}: копія має бути того самого формату, що й оригінал: {wanted}.",
        "en": "{path}: the copy must be of the source's own format: {wanted}.",
    },
    "fix-over-source": {
        "uk": "{path}: оригінал не перезаписується — вкажіть у -o інший файл для копії.",
        "en": "{path}: the source is never overwritten — give -o another file for the copy.",
    },
    "fix-mixed-encoding": {
        "uk": "{path}: частину клітинок збережено в іншому кодуванні; збережіть файл наново в "
        "UTF-8 і запустіть команду знову.",
        "en": "{path}: some cells were saved in another encoding; save the file again as UTF-8 "
        "and run the command again.",
    },
    "fix-which-resource": {
        "uk": "У наборі {name} кілька таблиць ({resources}): назвіть одну — --resource НАЗВА.",
        "en": "Dataset {name} has several tables ({resources}): name one with --resource NAME.",
    },
    "desk-nav": {
        "uk": 'Розділи',
        "en": 'Sections',
    },
    "desk-nav-home": {
        "uk": 'Набори',
        "en": 'Datasets',
    },
    "desk-nav-new": {
        "uk": 'Новий набір',
        "en": 'New dataset',
    },
    "desk-nav-publish": {
        "uk": 'Оприлюднити',
        "en": 'Publish',
    },
    "desk-nav-log": {
        "uk": 'Журнал',
        "en": 'Log',
    },
    "desk-refused-title": {
        "uk": 'Доступ закрито',
        "en": 'Access refused',
    },
    "desk-refused": {
        "uk": 'Відкрийте стіл за адресою, яку показала команда opendata serve (з токеном): інші запити не приймаються.',
        "en": 'Open the desk at the address opendata serve printed (with its token): other requests are refused.',
    },
    "desk-error-title": {
        "uk": 'Не вдалося',
        "en": 'That did not work',
    },
    "desk-home-title": {
        "uk": 'Набори даних',
        "en": 'Datasets',
    },
    "desk-home-portal": {
        "uk": 'Портал: {portal}',
        "en": 'Portal: {portal}',
    },
    "desk-check-all": {
        "uk": 'Перевірити все',
        "en": 'Check everything',
    },
    "desk-publish-dots": {
        "uk": 'Опублікувати…',
        "en": 'Publish…',
    },
    "desk-audit": {
        "uk": 'Аудит організації',
        "en": 'Audit the organization',
    },
    "desk-verify": {
        "uk": 'Перевірити портал',
        "en": 'Check the portal',
    },
    "desk-col-dataset": {
        "uk": 'Набір',
        "en": 'Dataset',
    },
    "desk-col-check": {
        "uk": 'Перевірка',
        "en": 'Check',
    },
    "desk-col-published": {
        "uk": 'Оприлюднено',
        "en": 'Published',
    },
    "desk-col-due": {
        "uk": 'Оновити до',
        "en": 'Update by',
    },
    "desk-col-state": {
        "uk": 'Стан',
        "en": 'State',
    },
    "desk-col-file": {
        "uk": 'Файл',
        "en": 'File',
    },
    "desk-col-files": {
        "uk": 'Файли',
        "en": 'Files',
    },
    "desk-col-problem": {
        "uk": 'Що не так',
        "en": 'Problem',
    },
    "desk-col-action": {
        "uk": 'Дія',
        "en": 'Action',
    },
    "desk-col-outcome": {
        "uk": 'Результат',
        "en": 'Outcome',
    },
    "desk-col-time": {
        "uk": 'Коли (UTC)',
        "en": 'When (UTC)',
    },
    "desk-col-who": {
        "uk": 'Хто',
        "en": 'Who',
    },
    "desk-not-checked": {
        "uk": 'ще не перевірено',
        "en": 'not checked yet',
    },
    "desk-valid": {
        "uk": 'без помилок',
        "en": 'valid',
    },
    "desk-errors": {
        "uk": 'помилок у таблицях: {tables}; незаповнених полів паспорта: {passport}',
        "en": 'errors in tables: {tables}; passport fields to fill in: {passport}',
    },
    "desk-up-to-date": {
        "uk": 'оприлюднено, змін немає',
        "en": 'published, no changes',
    },
    "desk-original-changed": {
        "uk": 'оригінал таблиці змінено після копіювання',
        "en": 'the original workbook changed after the copy',
    },
    "desk-job-running": {
        "uk": 'Перевірка ще триває — подивитися',
        "en": 'The check is still running — see it',
    },
    "desk-job-check": {
        "uk": 'Перевірка всіх наборів',
        "en": 'Checking every dataset',
    },
    "desk-job-plan": {
        "uk": 'План оприлюднення',
        "en": 'The publication plan',
    },
    "desk-job-publish": {
        "uk": 'Оприлюднення',
        "en": 'Publishing',
    },
    "desk-job-verify": {
        "uk": 'Перевірка порталу',
        "en": 'Checking the portal',
    },
    "desk-job-audit": {
        "uk": 'Аудит організації',
        "en": 'Auditing the organization',
    },
    "desk-job-wait": {
        "uk": 'Триває… сторінка оновлюється сама.',
        "en": 'Working… the page refreshes itself.',
    },
    "desk-job-done": {
        "uk": 'Готово.',
        "en": 'Done.',
    },
    "desk-checking": {
        "uk": 'Перевіряю {name}…',
        "en": 'Checking {name}…',
    },
    "desk-checked": {
        "uk": 'Перевірено наборів: {count}.',
        "en": 'Datasets checked: {count}.',
    },
    "desk-verifying": {
        "uk": 'Звіряю журнал із порталом {portal}…',
        "en": 'Comparing the log with {portal}…',
    },
    "desk-verify-ok": {
        "uk": 'На порталі все так, як записано в журналі.',
        "en": 'The portal holds what the log says.',
    },
    "desk-auditing": {
        "uk": 'Аудит {organization} на {portal}…',
        "en": 'Auditing {organization} on {portal}…',
    },
    "desk-audited": {
        "uk": 'Переглянуто наборів: {done} з {total}',
        "en": 'Datasets looked at: {done} of {total}',
    },
    "desk-portal-check": {
        "uk": 'Перевіряю портал {portal}…',
        "en": 'Checking portal {portal}…',
    },
    "desk-portal-checked": {
        "uk": 'Портал {portal}',
        "en": 'Portal {portal}',
    },
    "desk-planning": {
        "uk": 'Перевіряю й збираю набори, складаю план…',
        "en": 'Checking and building the datasets, making the plan…',
    },
    "desk-uploaded": {
        "uk": 'Надіслано: {file}',
        "en": 'Sent: {file}',
    },
    "desk-plan-title": {
        "uk": 'Що буде зроблено',
        "en": 'What will be done',
    },
    "desk-published-title": {
        "uk": 'Що зроблено',
        "en": 'What was done',
    },
    "desk-publish-now": {
        "uk": 'Оприлюднити за цим планом',
        "en": 'Publish as planned',
    },
    "desk-action-create": {
        "uk": 'створити набір',
        "en": 'create the dataset',
    },
    "desk-action-update": {
        "uk": 'оновити',
        "en": 'update',
    },
    "desk-action-unchanged": {
        "uk": 'без змін',
        "en": 'unchanged',
    },
    "desk-action-invalid": {
        "uk": 'є помилки — не надсилається',
        "en": 'has errors — not sent',
    },
    "desk-step-create": {
        "uk": 'новий файл',
        "en": 'new file',
    },
    "desk-step-update": {
        "uk": 'оновити файл',
        "en": 'update the file',
    },
    "desk-step-skip": {
        "uk": 'без змін',
        "en": 'unchanged',
    },
    "desk-step-delete": {
        "uk": 'видалити',
        "en": 'delete',
    },
    "desk-step-keep": {
        "uk": 'лишити, як є',
        "en": 'keep as it is',
    },
    "desk-too-large": {
        "uk": 'завеликий для порталу',
        "en": 'too large for the portal',
    },
    "desk-outcome-ok": {
        "uk": 'гаразд',
        "en": 'ok',
    },
    "desk-outcome-failed": {
        "uk": 'не вдалося',
        "en": 'failed',
    },
    "desk-outcome-unchanged": {
        "uk": 'без змін',
        "en": 'unchanged',
    },
    "desk-outcome-invalid": {
        "uk": 'є помилки',
        "en": 'invalid',
    },
    "desk-outcome-planned": {
        "uk": 'заплановано',
        "en": 'planned',
    },
    "desk-moderation": {
        "uk": 'чекає на модерацію',
        "en": 'awaiting moderation',
    },
    "desk-publish-title": {
        "uk": 'Оприлюднити на {portal}',
        "en": 'Publish on {portal}',
    },
    "desk-key-label": {
        "uk": 'Ключ API з вашого профілю на порталі',
        "en": 'The API key from your profile on the portal',
    },
    "desk-key-help": {
        "uk": 'Ключ зберігається у сховищі паролів системи (або лише доки працює цей стіл) і ніде не показується.',
        "en": "The key is kept in the system's password store (or only while this desk runs) and is never shown.",
    },
    "desk-key-where": {
        "uk": "полі на сторінці «Оприлюднити»",
        "en": "the field of the Publish page",
    },
    "desk-key-save": {
        "uk": 'Зберегти ключ',
        "en": 'Keep the key',
    },
    "desk-key-present": {
        "uk": 'Ключ API є.',
        "en": 'An API key is set.',
    },
    "desk-key-empty": {
        "uk": 'Ключ порожній: вставте його з профілю на порталі.',
        "en": 'The key is empty: paste it from your profile on the portal.',
    },
    "desk-show-plan": {
        "uk": 'Показати план (нічого не змінюючи)',
        "en": 'Show the plan (changing nothing)',
    },
    "desk-tables": {
        "uk": 'Таблиці',
        "en": 'Tables',
    },
    "desk-upload-new": {
        "uk": 'Нова версія таблиці ({file})',
        "en": 'A new version of the table ({file})',
    },
    "desk-upload": {
        "uk": 'Завантажити',
        "en": 'Upload',
    },
    "desk-undo": {
        "uk": 'Повернути попередню версію',
        "en": 'Bring back the previous version',
    },
    "desk-fix": {
        "uk": 'Виправити (копія)',
        "en": 'Fix (a copy)',
    },
    "desk-fixed": {
        "uk": 'виправлено',
        "en": 'fixed',
    },
    "desk-report": {
        "uk": 'Звіт перевірки',
        "en": "The check's report",
    },
    "desk-report-file": {
        "uk": 'перевірка',
        "en": 'check',
    },
    "desk-report-xlsx": {
        "uk": 'Звіт у книзі Excel',
        "en": 'The report as a workbook',
    },
    "desk-replaced": {
        "uk": 'Таблицю {resource} замінено й перевірено нижче; попередню версію збережено в {kept}.',
        "en": 'Table {resource} replaced and checked below; the previous version is kept in {kept}.',
    },
    "desk-nothing-to-undo": {
        "uk": 'Попередньої версії таблиці {name} немає.',
        "en": 'Table {name} has no previous version.',
    },
    "desk-upload-none": {
        "uk": 'Файл не вибрано.',
        "en": 'No file was chosen.',
    },
    "desk-upload-format": {
        "uk": '{file}: потрібен файл {wanted}.',
        "en": '{file}: a {wanted} file is needed.',
    },
    "desk-passport": {
        "uk": 'Паспорт набору',
        "en": "The dataset's passport",
    },
    "desk-keywords-help": {
        "uk": 'Кожне ключове слово — в окреме поле; порожні поля не зберігаються.',
        "en": 'One keyword a field; empty fields are not saved.',
    },
    "desk-keyword-new": {
        "uk": 'Нове ключове слово',
        "en": 'New keyword',
    },
    "desk-language-uk": {
        "uk": 'українська',
        "en": 'Ukrainian',
    },
    "desk-language-en": {
        "uk": 'англійська',
        "en": 'English',
    },
    "desk-language-ru": {
        "uk": 'російська',
        "en": 'Russian',
    },
    "desk-license": {
        "uk": 'Ліцензія',
        "en": 'Licence',
    },
    "desk-save": {
        "uk": 'Зберегти',
        "en": 'Save',
    },
    "desk-saved": {
        "uk": 'Збережено: {fields}.',
        "en": 'Saved: {fields}.',
    },
    "desk-new-title": {
        "uk": 'Новий набір із таблиці',
        "en": 'A new dataset from a workbook',
    },
    "desk-new-file": {
        "uk": 'Таблиця (xlsx, xls, ods чи CSV)',
        "en": 'The workbook (xlsx, xls, ods or CSV)',
    },
    "desk-standard-fits": {
        "uk": 'Таблиця відповідає стандарту 835 {standard} («{title}»): збіглося стовпців {matched} з {total}.',
        "en": "The table follows 835 standard {standard} ('{title}'): {matched} of {total} columns matched.",
    },
    "desk-standard-missing": {
        "uk": 'Бракує стовпців стандарту: {columns}.',
        "en": "The standard's columns missing: {columns}.",
    },
    "desk-standard-none": {
        "uk": 'Жоден стандарт 835 не підходить: структуру буде виведено з таблиці.',
        "en": 'No 835 standard fits: the structure will be inferred from the table.',
    },
    "desk-new-name": {
        "uk": 'Назва набору латиницею (як в адресі на порталі)',
        "en": "The dataset's name in Latin letters (as in its portal address)",
    },
    "desk-new-name-help": {
        "uk": 'Малі латинські літери, цифри, «-» і «_», від 2 символів: наприклад, nizhyn-petitions.',
        "en": "Lower-case Latin letters, digits, '-' and '_', 2 characters at least: e.g. nizhyn-petitions.",
    },
    "desk-new-infer": {
        "uk": 'Не брати стандарт — вивести структуру з таблиці',
        "en": 'Do not take the standard — infer the structure',
    },
    "desk-new-create": {
        "uk": 'Створити набір',
        "en": 'Create the dataset',
    },
    "desk-all": {
        "uk": 'усі',
        "en": 'all',
    },
    "desk-filter": {
        "uk": 'Показати',
        "en": 'Show',
    },
    "serve-open": {
        "uk": "Стіл відкрито: {address}\nЯкщо браузер не відкрився, скопіюйте цю адресу в нього. Зупинити — Ctrl+C.",
        "en": "The desk is open: {address}\nIf no browser opened, copy this address into one. Stop it with Ctrl+C.",
    },
    "serve-stopped": {"uk": "Стіл зупинено.", "en": "The desk has stopped."},
    "serve-port": {
        "uk": "Порт {port} зайнятий чи недоступний ({reason}): спробуйте інший, наприклад --port 0.",
        "en": "Port {port} is taken or not allowed ({reason}): try another, e.g. --port 0.",
    },
    "help-serve": {
        "uk": "Стіл працівника в браузері для проєкту тут: усі набори з їхнім станом, паспорт як форма, нова версія таблиці, перевірена одразу (і повернена назад), новий набір із таблиці, оприлюднення з планом перед очима, журнал, перевірка порталу й аудит.\n\nПрацює лише на 127.0.0.1 і відкривається одноразовою адресою (з токеном); зупинити — Ctrl+C.",
    },
    "help-option-port": {"uk": "Порт на 127.0.0.1 (0 — будь-який вільний)."},
    "help-option-no_browser": {"uk": "Лише показати адресу, не відкривати браузер."},
    "examples-serve": {
        "uk": "opendata serve\nopendata serve --port 8080 --no-browser",
        "en": "opendata serve\nopendata serve --port 8080 --no-browser",
    },
    "group-row": {"uk": "рядок {row}", "en": "row {row}"},
    "group-rows": {"uk": "рядки {rows}", "en": "rows {rows}"},
    "group-rows-except": {"uk": "рядки {first}–{last}, крім {gaps}",
                          "en": "rows {first}–{last} except {gaps}"},
    "group-more": {"uk": "… і ще {count} такі самі", "en": "… and {count} more of the same"},
    "group-heading": {"uk": "{kind} × {count}: {rows}.", "en": "{kind} × {count}: {rows}."},
    "group-action-leading-zeros-lost": {
        "uk": "Задайте стовпцю {column} текстовий формат і введіть коди повністю — або "
        "opendata fix відновить нулі сам.",
        "en": "Give column {column} the Text format and type the codes in full — or let "
        "opendata fix restore the zeros.",
    },
    "group-action-type-error-hint": {
        "uk": "Виправте, як підказано (→), — або opendata fix зробить це сам.",
        "en": "Correct them as suggested (→) — or let opendata fix do it.",
    },
    "group-action-type-error": {
        "uk": "Значення стовпця {column} мають бути такі: {expected}.",
        "en": "The values of column {column} must be: {expected}.",
    },
    "group-action-required": {
        "uk": "Заповніть порожні клітинки стовпця {column}.",
        "en": "Fill in the empty cells of column {column}.",
    },
    "group-action-unique": {
        "uk": "Значення стовпця {column} не мають повторюватися: лишіть по одному.",
        "en": "The values of column {column} must not repeat: keep one of each.",
    },
    "group-action-checksum": {
        "uk": "Звірте ці коди стовпця {column} з документами: у кожному, мабуть, одну цифру "
        "введено з помилкою.",
        "en": "Check these codes of column {column} against the papers: each likely has one "
        "digit mistyped.",
    },
    "group-action-formula-error": {
        "uk": "Виправте формули стовпця {column} в Excel: їхні помилки не публікуються.",
        "en": "Mend the formulas of column {column} in Excel: their errors are never "
        "published.",
    },
    "group-action-enum": {
        "uk": "Виберіть для стовпця {column} значення з дозволених.",
        "en": "Pick the values of column {column} from the allowed ones.",
    },
    "column-without-header": {
        "uk": "Стовпець {header} має {count} значень (перше — {first}), але не має заголовка. "
        "Впишіть назву стовпця в клітинку {header}{row} або видаліть ці значення.",
        "en": "Column {header} holds {count} values (the first in {first}) but has no header. "
        "Write the column's name in cell {header}{row}, or delete these values.",
    },
    "extra-cell": {
        "uk": "Значення поза таблицею: праворуч від останнього заголовка.",
        "en": "A value outside the table: right of the last header.",
    },
    "mixed-encoding": {
        "uk": "Клітинку збережено в іншому кодуванні ({other}), ніж решту файлу ({base}): як "
        "UTF-8 — «{as_utf8}», як cp1251 — «{as_cp1251}». Збережіть увесь файл в одному "
        "кодуванні (UTF-8).",
        "en": "The cell was saved in another encoding ({other}) than the rest of the file "
        "({base}): as UTF-8 it reads '{as_utf8}', as cp1251 '{as_cp1251}'. Save the whole "
        "file in one encoding (UTF-8).",
    },
    "control-character": {
        "uk": "У значенні є керівний символ (␀ чи подібний), якого не видно: видаліть його.",
        "en": "The value holds an invisible control character (␀ or alike): remove it.",
    },
    "limit-columns": {
        "uk": "{path}: у рядку {row} стовпців {columns}, більше за межу {limit} ([limits] "
        "{key} в opendata.toml).",
        "en": "{path}: row {row} has {columns} columns, more than the limit {limit} ([limits] "
        "{key} in opendata.toml).",
    },
    "limit-cell": {
        "uk": "{path}: у рядку {row} клітинка довша за {limit} символів ([limits] {key} в "
        "opendata.toml); чи не бракує лапки, що закриває значення?",
        "en": "{path}: a cell in line {row} is longer than {limit} characters ([limits] {key} "
        "in opendata.toml); is a closing quote missing?",
    },
    "formula-like-value": {
        "uk": "Значення починається як формула Excel: хто відкриє опублікований CSV в Excel, "
        "отримає її виконаною. Якщо це текст, додайте на початку апостроф або пробіл.",
        "en": "The value starts like an Excel formula: whoever opens the published CSV in "
        "Excel gets it run. If it is text, start it with an apostrophe or a space.",
    },
    "checksum": {
        "uk": "Контрольна цифра коду {kind} не збігається: мабуть, одну цифру введено з "
        "помилкою. Звірте код із документом.",
        "en": "The check digit of the {kind} code does not match: a digit was probably "
        "mistyped. Compare the code with the document.",
    },
    "formula-error": {
        "uk": "Формула в клітинці дає помилку {excel_error}: виправте формулу або впишіть значення.",
        "en": "The cell's formula gives the error {excel_error}: fix the formula or type the value.",
    },
    "file-extension-mismatch": {
        "uk": "Файл насправді у форматі {kind}, хоча розширення інше; прочитано як {kind}. "
        "Збережіть його з правильним розширенням.",
        "en": "The file is really {kind}, whatever its extension says; it was read as {kind}. "
        "Save it with the right extension.",
    },
    "hidden-rows": {
        "uk": "В Excel приховано рядки {rows}: їх прочитано й буде опубліковано, хоч на аркуші їх "
        "не видно. Покажіть їх і перевірте, або видаліть зайві.",
        "en": "Rows {rows} are hidden in Excel: they were read and will be published, though "
        "the sheet does not show them. Unhide and check them, or delete what is not data.",
    },
    "hidden-rows-skipped": {
        "uk": "Приховані в Excel рядки {rows} пропущено (hidden_rows: skip у визначенні): їх не "
        "перевірено й не буде опубліковано.",
        "en": "Rows {rows} hidden in Excel were left out (hidden_rows: skip in the definition): "
        "they are neither checked nor published.",
    },
    "hidden-columns": {
        "uk": "В Excel приховано стовпці {columns}: їх прочитано й буде опубліковано, хоч на "
        "аркуші їх не видно. Покажіть їх і перевірте, або видаліть зайві.",
        "en": "Columns {columns} are hidden in Excel: they were read and will be published, "
        "though the sheet does not show them. Unhide and check them, or delete what is not "
        "data.",
    },
    "sheet-other-used": {
        "uk": "На першому аркуші «{first}» таблиці не знайдено; перевірено аркуш «{sheet}» "
        "(інший: --sheet або sheet у визначенні).",
        "en": "No table on the first sheet '{first}'; sheet '{sheet}' was checked (another: "
        "--sheet, or sheet in the definition).",
    },
    "hidden-sheets-skipped": {
        "uk": "Приховані аркуші {sheets} пропущено; перевірено перший видимий — «{sheet}» "
        "(інший аркуш: --sheet або sheet у визначенні).",
        "en": "Hidden sheets {sheets} were skipped; the first visible one, '{sheet}', was "
        "checked (another sheet: --sheet, or sheet in the definition).",
    },
    "blank-row": {
        "uk": "Порожній рядок усередині таблиці (пропускається).",
        "en": "Blank row inside the table (skipped).",
    },
    "totals-row": {
        "uk": "Рядок підсумків («{value}») — не запис даних; видаліть його.",
        "en": "A totals row ('{value}') is not a record; remove it.",
    },
    "subtotal-row": {
        "uk": "Рядок проміжних підсумків («{value}») усередині таблиці — не запис даних, його "
        "не буде опубліковано; видаліть його (підсумки порахує кожен, хто візьме дані).",
        "en": "A subtotal row ('{value}') inside the table is not a record and will not be "
        "published; remove it (anyone who takes the data can sum it).",
    },
    "section-row": {
        "uk": "Рядок лише з одним значенням («{value}») — схоже на заголовок розділу, не запис "
        "даних; його не буде опубліковано. Перенесіть це значення в окремий стовпець кожного "
        "запису розділу й видаліть рядок.",
        "en": "A row with one value only ('{value}') looks like a section heading, not a "
        "record, and will not be published. Move that value into a column of each record "
        "of the section and remove the row.",
    },
    "type-error": {
        "uk": "Неправильне значення: очікується {expected}.",
        "en": "Wrong value: expected {expected}.",
    },
    "type-error-hint": {
        "uk": "Неправильне значення: очікується {expected}; мабуть, «{suggestion}».",
        "en": "Wrong value: expected {expected}; perhaps '{suggestion}'.",
    },
    "required": {
        "uk": "Обов’язкове значення відсутнє.",
        "en": "A required value is missing.",
    },
    "unique": {
        "uk": "Значення повторюється (уже є в рядку {first_row}); має бути унікальним.",
        "en": "The value repeats (already in row {first_row}); it must be unique.",
    },
    "primary-key": {
        "uk": "Ідентифікатор повторюється (уже є в рядку {first_row}); має бути унікальним.",
        "en": "The identifier repeats (already in row {first_row}); it must be unique.",
    },
    "enum": {
        "uk": "Недопустиме значення; допустимі: {allowed}.",
        "en": "Value not allowed; allowed values: {allowed}.",
    },
    "minimum": {
        "uk": "Значення менше за мінімум {limit}.",
        "en": "The value is below the minimum {limit}.",
    },
    "maximum": {
        "uk": "Значення більше за максимум {limit}.",
        "en": "The value is above the maximum {limit}.",
    },
    "pattern": {
        "uk": "Значення не відповідає шаблону {pattern}.",
        "en": "The value does not match the pattern {pattern}.",
    },
    "min-length": {
        "uk": "Занадто коротке значення: символів {length}, потрібно щонайменше {limit}.",
        "en": "Too short: {length} characters, at least {limit} expected.",
    },
    "max-length": {
        "uk": "Занадто довге значення: символів {length}, дозволено щонайбільше {limit}.",
        "en": "Too long: {length} characters, at most {limit} allowed.",
    },
    "leading-zeros-lost": {
        "uk": "Excel прибрав нулі на початку коду: має бути «{suggestion}». Задайте "
        "стовпцю текстовий формат і введіть код повністю.",
        "en": "Excel dropped the code's leading zeros: it should be '{suggestion}'. Format "
        "the column as text and type the full code.",
    },
    # what a type expects, used inside type-error
    "expect-integer": {"uk": "ціле число, наприклад 250", "en": "a whole number, e.g. 250"},
    "expect-number": {
        "uk": "число з крапкою як десятковим знаком, наприклад 98765.40",
        "en": "a number with a dot as the decimal mark, e.g. 98765.40",
    },
    "expect-date": {
        "uk": "дата у форматі рррр-мм-дд, наприклад 2022-05-30",
        "en": "a date as yyyy-mm-dd, e.g. 2022-05-30",
    },
    "expect-date-dots": {
        "uk": "дата як дд.мм.рррр, наприклад 30.05.2022",
        "en": "a date as dd.mm.yyyy, e.g. 30.05.2022",
    },
    "expect-date-slashes": {
        "uk": "дата як дд/мм/рррр, наприклад 30/05/2022",
        "en": "a date as dd/mm/yyyy, e.g. 30/05/2022",
    },
    "expect-number-comma": {
        "uk": "число з комою як десятковим знаком, наприклад 1234,5",
        "en": "a number with a decimal comma, e.g. 1234,5",
    },
    "expect-datetime": {
        "uk": "дата й час у форматі рррр-мм-ддTгг:хх:сс, наприклад 2022-05-30T14:00:00",
        "en": "a date and time as yyyy-mm-ddThh:mm:ss, e.g. 2022-05-30T14:00:00",
    },
    "expect-time": {
        "uk": "час у форматі гг:хх:сс, наприклад 14:00:00",
        "en": "a time as hh:mm:ss, e.g. 14:00:00",
    },
    "expect-year": {"uk": "рік, наприклад 2022", "en": "a year, e.g. 2022"},
    "expect-boolean": {"uk": "true або false", "en": "true or false"},
    "expect-email": {
        "uk": "адреса електронної пошти, наприклад opendata@example.gov.ua",
        "en": "an email address, e.g. opendata@example.gov.ua",
    },
    "expect-uri": {
        "uk": "посилання, що починається з https:// або http://",
        "en": "a link starting with https:// or http://",
    },
    "expect-string": {"uk": "текст", "en": "text"},
    # --- findings in dataset metadata (the portal's passport) --------------------------
    "metadata-required": {
        "uk": "Не заповнено обов’язкове поле паспорта «{label}».",
        "en": "Required passport field '{label}' is empty.",
    },
    "metadata-placeholder": {
        "uk": "Поле паспорта «{label}» містить заготовку «{value}»: замініть її справжнім "
        "значенням.",
        "en": "Passport field '{label}' still holds the placeholder '{value}': replace it.",
    },
    "metadata-too-long": {
        "uk": "Поле «{label}» задовге: символів {length}, портал дозволяє {limit}.",
        "en": "Field '{label}' is too long: {length} characters, the portal allows {limit}.",
    },
    "metadata-frequency": {
        "uk": "Невідома частота оновлення «{value}»; портал приймає: {allowed}.",
        "en": "Unknown update frequency '{value}'; the portal accepts: {allowed}.",
    },
    "metadata-language": {
        "uk": "Невідома мова «{value}»; портал приймає: {allowed}.",
        "en": "Unknown language '{value}'; the portal accepts: {allowed}.",
    },
    "metadata-keyword": {
        "uk": "Ключове слово «{value}» портал не прийме: дозволено 2–100 символів — "
        "літери, цифри, пробіл, дефіс, крапка, підкреслення (без апострофів і лапок).",
        "en": "The portal will refuse keyword '{value}': 2–100 characters of letters, "
        "digits, space, hyphen, dot and underscore (no apostrophes or quotes).",
    },
    "metadata-email": {
        "uk": "«{value}» — не адреса електронної пошти.",
        "en": "'{value}' is not an email address.",
    },
    "metadata-name": {
        "uk": "Ідентифікатор набору «{value}» не підходить порталу: 2–100 символів, лише "
        "малі латинські літери, цифри, «-» і «_».",
        "en": "Dataset name '{value}' does not suit the portal: 2–100 characters, only "
        "lowercase Latin letters, digits, '-' and '_'.",
    },
    "metadata-license": {
        "uk": "Невідома ліцензія «{value}»; відомі: {allowed}.",
        "en": "Unknown license '{value}'; known: {allowed}.",
    },
    "metadata-datastore-column": {
        "uk": "Назва стовпця «{value}» задовга для сховища DataStore порталу (байтів у "
        "UTF-8: {length}, можна 63): таблицю не буде показано на порталі. Скоротіть назву.",
        "en": "Column name '{value}' is too long for the portal's DataStore ({length} UTF-8 "
        "bytes, 63 allowed): the table will not be previewed. Shorten the name.",
    },
    # passport fields as the portal's form names them
    "field-name": {"uk": "Ідентифікатор набору", "en": "Dataset identifier"},
    "field-title": {"uk": "Назва", "en": "Title"},
    "field-description": {"uk": "Опис", "en": "Description"},
    "field-keywords": {"uk": "Ключові слова", "en": "Keywords"},
    "field-organization": {"uk": "Розпорядник (організація)", "en": "Publisher (organization)"},
    "field-purpose": {"uk": "Підстава та призначення збору інформації", "en": "Legal basis and purpose of collection"},
    "field-update_frequency": {"uk": "Частота оновлення", "en": "Update frequency"},
    "field-language": {"uk": "Мова", "en": "Language"},
    "field-maintainer.name": {"uk": "Відповідальна особа", "en": "Responsible person"},
    "field-maintainer.email": {"uk": "Email відповідальної особи", "en": "Responsible person's email"},
    "field-license": {"uk": "Ліцензія", "en": "License"},
    "internal-error": {
        "uk": "Внутрішня помилка opendata ({reason}). Повідомте розробникам; подробиці "
        "покаже запуск з OPENDATA_DEBUG=1.",
        "en": "Internal error in opendata ({reason}). Please report it; run with "
        "OPENDATA_DEBUG=1 for details.",
    },
    # --- text report ---------------------------------------------------------------------
    "report-dataset": {"uk": "Набір даних {name}", "en": "Dataset {name}"},
    "report-table": {
        "uk": "{source}{sheet} — рядок заголовків: {header_row}, рядків даних: {rows}",
        "en": "{source}{sheet} — header row: {header_row}, data rows: {rows}",
    },
    "report-sheet": {"uk": ", аркуш «{sheet}»", "en": ", sheet '{sheet}'"},
    "html-verdict-valid": {"uk": "Помилок немає", "en": "No errors"},
    "html-verdict-invalid": {
        "uk": "Помилок у таблицях: {errors} (таблиць із помилками: {tables})",
        "en": "Errors in tables: {errors} (tables with errors: {tables})",
    },
    "html-verdict-passport": {
        "uk": "незаповнених полів паспорта: {gaps}",
        "en": "passport fields to fill in: {gaps}",
    },
    "html-passport": {"uk": "Паспорт набору даних", "en": "The dataset's passport"},
    "html-table": {
        "uk": "Рядків даних: {rows}; помилок: {errors}.",
        "en": "Data rows: {rows}; errors: {errors}.",
    },
    "html-more": {"uk": "…і ще {count}", "en": "…and {count} more"},
    "html-grid-more": {
        "uk": "Показано перші {shown} з {total} рядків із зауваженнями; решту див. у списку "
        "вище або у звіті xlsx.",
        "en": "The first {shown} of {total} rows with findings are shown; see the list above "
        "or the xlsx report for the rest.",
    },
    "report-written": {"uk": "Звіт записано: {path}", "en": "Report written: {path}"},
    "report-format": {
        "uk": "{path}: звіт може бути .xlsx або .html.",
        "en": "{path}: a report is .xlsx or .html.",
    },
    "xlsx-column-number": {"uk": "№", "en": "No."},
    "xlsx-column-file": {"uk": "Файл", "en": "File"},
    "xlsx-column-sheet": {"uk": "Аркуш", "en": "Sheet"},
    "xlsx-column-cell": {"uk": "Клітинка", "en": "Cell"},
    "xlsx-column-column": {"uk": "Стовпець / поле", "en": "Column / field"},
    "xlsx-column-value": {"uk": "Значення", "en": "Value"},
    "xlsx-column-message": {"uk": "Що не так", "en": "What is wrong"},
    "xlsx-column-fix": {"uk": "Як виправити", "en": "Fix"},
    "report-row": {"uk": "{sheet}, рядок {row}", "en": "{sheet}, row {row}"},
    "report-no-header": {"uk": "не знайдено", "en": "not found"},
    "report-ok": {"uk": "  усе гаразд", "en": "  all good"},
    "report-warning": {"uk": "попередження", "en": "warning"},
    "report-more": {
        "uk": "  … і ще {count} (показано перші {shown}; усі: --max-errors 0)",
        "en": "  … and {count} more (the first {shown} shown; all: --max-errors 0)",
    },
    "report-summary-valid": {
        "uk": "Перевірено таблиць: {tables}. Помилок немає.",
        "en": "Tables checked: {tables}. No errors.",
    },
    "report-summary-invalid": {
        "uk": "Перевірено таблиць: {tables}. Помилок: {errors}. Виправте їх і перевірте знову.",
        "en": "Tables checked: {tables}. Errors: {errors}. Fix them and check again.",
    },
    "report-warnings": {"uk": "Попереджень: {warnings}.", "en": "Warnings: {warnings}."},
    "output-format": {
        "uk": "{path}: невідомий формат результату; вкажіть файл .csv або .json.",
        "en": "{path}: unknown output format; name a .csv or .json file.",
    },
    "converted": {
        "uk": "Записано {path} (рядків даних: {rows}).",
        "en": "Wrote {path} ({rows} data rows).",
    },
    "convert-refused": {
        "uk": "Файл {path} не записано: спершу виправте помилки (або додайте --force).",
        "en": "{path} was not written: fix the errors first (or add --force).",
    },
    "built": {
        "uk": "Зібрано {folder}: {files}",
        "en": "Built {folder}: {files}",
    },
    "build-refused": {
        "uk": "Набір {name} не зібрано: виправте помилки вище.",
        "en": "Dataset {name} was not built: fix the errors above.",
    },
    "new-written": {
        "uk": "Створено {definition} (схема: {schema}).",
        "en": "Created {definition} (schema: {schema}).",
    },
    "new-schema-inferred": {
        "uk": "Схему виведено з таблиці й записано в {schema}: перевірте типи й обмеження.",
        "en": "The schema was inferred from the table and written to {schema}: check the "
        "types and constraints.",
    },
    "new-from-missing": {
        "uk": "Вкажіть таблицю, з якої почати набір: opendata new {name} --from таблиця.xlsx "
        "(або --update, щоб узяти нову версію вже взятої).",
        "en": "Name the table to start the dataset from: opendata new {name} --from table.xlsx "
        "(or --update to take a new version of the one taken).",
    },
    "new-copied": {
        "uk": "Таблицю скопійовано в {copy}: відтепер редагуйте саме цей файл (оригінал {original} "
        "не змінюватиметься; якщо таки зміните його — opendata new {name} --update).",
        "en": "The table was copied to {copy}: from now on edit that file (the original "
        "{original} stays as it is; if you do edit it — opendata new {name} --update).",
    },
    "new-updated": {
        "uk": "Узято нову версію {original} у {copy}.",
        "en": "Took the new version of {original} into {copy}.",
    },
    "origin-changed": {
        "uk": "Оригінал {original} змінено після того, як його скопійовано в {copy}: "
        "перевіряється й публікується копія. Узяти нову версію: opendata new {name} --update",
        "en": "The original {original} was changed after it was copied to {copy}: the copy is "
        "checked and published. To take the new version: opendata new {name} --update",
    },
    "origin-missing": {
        "uk": "Оригіналу {original} немає: нічого не оновлено. Перенесіть файл у набір {name} "
        "вручну.",
        "en": "The original {original} is not there: nothing was updated. Copy the file into "
        "the dataset {name} by hand.",
    },
    "origin-none": {
        "uk": "Набір {name} не пам’ятає, звідки взято його таблиці (origin): оновлювати нема "
        "з чого.",
        "en": "The dataset {name} does not remember where its tables came from (origin): "
        "there is nothing to update from.",
    },
    "status-original-changed": {
        "uk": "оригінал таблиці змінено після копіювання — opendata new {name} --update",
        "en": "the table's original changed after the copy — opendata new {name} --update",
    },
    "new-fill": {
        "uk": "Заповніть у паспорті поля з «TODO»: {fields}. Потім: opendata validate {name}",
        "en": "Fill the passport fields marked TODO: {fields}. Then: opendata validate {name}",
    },
    "new-mismatch": {
        "uk": "Таблиця не зовсім відповідає схемі:",
        "en": "The table does not quite fit the schema:",
    },
    "check-version": {
        "uk": "Портал працює на CKAN {version}; розширення: {extensions}",
        "en": "The portal runs CKAN {version}; extensions: {extensions}",
    },
    "check-key-missing": {
        "uk": "Ключа API немає: без нього можна лише читати. Задайте змінну середовища "
        "OPENDATA_API_KEY (ключ — у профілі користувача на порталі).",
        "en": "There is no API key: without one you can only read. Set the environment "
        "variable OPENDATA_API_KEY (the key is in your user profile on the portal).",
    },
    "check-key-refused": {
        "uk": "Портал не прийняв ключ API: він неправильний або застарів. Скопіюйте ключ "
        "заново з профілю користувача на порталі.",
        "en": "The portal did not accept the API key: it is wrong or outdated. Copy the key "
        "again from your user profile on the portal.",
    },
    "check-key-accepted": {
        "uk": "Ключ API прийнято: користувач {user}",
        "en": "The API key is accepted: user {user}",
    },
    "check-key-accepted-unnamed": {
        "uk": "Ключ API прийнято (портал цієї версії не називає користувача; у журналі — "
        "відбиток ключа {fingerprint})",
        "en": "The API key is accepted (a portal of this version does not name the user; "
        "the log keeps the key's fingerprint {fingerprint})",
    },
    "check-organizations": {
        "uk": "З цим ключем можна публікувати в організаціях: {names}",
        "en": "With this key you may publish to the organizations: {names}",
    },
    "check-organization-ok": {
        "uk": "Організація проєкту «{organization}» серед них",
        "en": "The project's organization '{organization}' is among them",
    },
    "check-organization-refused": {
        "uk": "Організації проєкту «{organization}» серед них немає: попросіть адміністратора "
        "організації на порталі додати вас редактором або перевірте organization у "
        "opendata.toml.",
        "en": "The project's organization '{organization}' is not among them: ask the "
        "organization's administrator on the portal to make you an editor, or check "
        "organization in opendata.toml.",
    },
    "check-licenses-ok": {
        "uk": "Портал знає ліцензії наборів: {licenses}",
        "en": "The portal knows the datasets' licences: {licenses}",
    },
    "check-licenses-unknown": {
        "uk": "Портал не знає ліцензій {licenses}: змініть licenses у паспортах на одну з "
        "ліцензій порталу (наприклад, cc-by).",
        "en": "The portal does not know the licences {licenses}: change licenses in the "
        "passports to one of the portal's (cc-by, say).",
    },
    "check-upload-limit": {
        "uk": "Файли більші за {limit} МБ не надсилаються (max_upload_mb профілю порталу в "
        "opendata.toml)",
        "en": "Files over {limit} MB are not sent (max_upload_mb of the portal's profile in "
        "opendata.toml)",
    },
    "check-package-revise": {
        "uk": "Зміни паспорта надсилаються через package_revise",
        "en": "Passport changes are sent with package_revise",
    },
    "check-package-patch": {
        "uk": "package_revise на порталі немає: зміни паспорта надсилаються через "
        "package_patch (ресурси зберігаються)",
        "en": "The portal has no package_revise: passport changes are sent with "
        "package_patch (resources are kept)",
    },
    "check-ready": {
        "uk": "Публікувати можна.",
        "en": "Publishing can work.",
    },
    "check-blocked": {
        "uk": "Публікація не вдасться, доки не виправлено позначене ✗.",
        "en": "Publishing will fail until what is marked ✗ is fixed.",
    },
    "publish-portal": {
        "uk": "Портал: {portal}, CKAN {version} (користувач {user})",
        "en": "Portal: {portal}, CKAN {version} (user {user})",
    },
    "publish-moderation-pending": {
        "uk": "чекає на модерацію: портал тримає набір приватним, доки модератор його не "
        "схвалить; тоді його побачать усі (повторно надсилати не треба)",
        "en": "waiting for moderation: the portal keeps the dataset private until a moderator "
        "approves it; then everyone sees it (no need to send it again)",
    },
    "publish-invalid": {
        "uk": "Набір {name} не опубліковано: виправте помилки вище.",
        "en": "Dataset {name} was not published: fix the errors above.",
    },
    "plan-dataset-create": {"uk": "{name}: створити набір даних", "en": "{name}: create the dataset"},
    "plan-dataset-update": {"uk": "{name}: оновити", "en": "{name}: update"},
    "plan-dataset-unchanged": {"uk": "{name}: без змін", "en": "{name}: unchanged"},
    "plan-dataset-create-done": {"uk": "{name}: створено", "en": "{name}: created"},
    "plan-dataset-update-done": {"uk": "{name}: оновлено", "en": "{name}: updated"},
    "plan-field": {
        "uk": "~ поле {field}: «{old}» → «{new}»",
        "en": "~ field {field}: '{old}' → '{new}'",
    },
    "plan-create-new": {"uk": "завантажити (новий)", "en": "upload (new)"},
    "plan-update-content-changed": {
        "uk": "завантажити на той самий ресурс (зміст змінився: {old}… → {new}…)",
        "en": "upload onto the same resource (content changed: {old}… → {new}…)",
    },
    "plan-update-metadata-changed": {
        "uk": "оновити назву чи формат (зміст той самий)",
        "en": "update the name or format (same content)",
    },
    "plan-skip-unchanged": {"uk": "без змін", "en": "unchanged"},
    "plan-keep-removed": {
        "uk": "є на порталі, але немає у визначенні — залишено (прибрати: --prune)",
        "en": "on the portal but not in the definition — kept (remove: --prune)",
    },
    "plan-keep-portal-only": {
        "uk": "лише на порталі (посилання чи документ) — не змінюється",
        "en": "portal-only (a link or a document) — left as it is",
    },
    "plan-delete-removed": {
        "uk": "немає у визначенні — видалити з порталу",
        "en": "not in the definition — remove from the portal",
    },
    "publish-dataset-url": {"uk": "  {url}", "en": "  {url}"},
    "publish-dataset-planned": {"uk": "  (план; нічого не змінено)", "en": "  (plan; nothing changed)"},
    "publish-dataset-failed": {
        "uk": "Не завершено: {error}",
        "en": "Not finished: {error}",
    },
    "publish-uploading": {"uk": "Завантаження", "en": "Uploading"},
    "publish-dry-run": {
        "uk": "Це план (--dry-run): на порталі нічого не змінено.",
        "en": "This is the plan (--dry-run): nothing was changed on the portal.",
    },
    "publish-done": {"uk": "Готово.", "en": "Done."},
    "publish-failed": {
        "uk": "Не все опубліковано: дивіться помилки вище. Наступний запуск надішле лише те, "
        "що ще відрізняється.",
        "en": "Not everything was published: see the errors above. The next run sends only "
        "what still differs.",
    },
    "log-action-create-dataset": {"uk": "створення набору", "en": "create the dataset"},
    "log-action-update-dataset": {"uk": "оновлення паспорта", "en": "update the passport"},
    "log-action-adopt-dataset": {"uk": "взято набір з порталу", "en": "adopt the dataset"},
    "log-action-create-resource": {"uk": "новий файл", "en": "upload a new file"},
    "log-action-update-resource": {"uk": "оновлення файлу", "en": "update a file"},
    "log-action-delete-resource": {"uk": "вилучення файлу", "en": "remove a file"},
    "log-action-skip-resource": {"uk": "файл без змін", "en": "file unchanged"},
    "log-action-keep-resource": {"uk": "файл лишено на порталі", "en": "file kept on the portal"},
    "log-action-adopt-resource": {"uk": "взято файл з порталу", "en": "adopt a file"},
    "log-action-validate": {"uk": "перевірка", "en": "validation"},
    "log-action-portal-status": {"uk": "портал", "en": "the portal"},
    "log-outcome-ok": {"uk": "гаразд", "en": "ok"},
    "log-outcome-failed": {"uk": "НЕ ВДАЛОСЯ", "en": "FAILED"},
    "log-outcome-started": {"uk": "розпочато", "en": "started"},
    "log-outcome-skipped": {"uk": "пропущено", "en": "skipped"},
    "log-empty": {"uk": "Журнал порожній.", "en": "The log is empty."},
    "log-portal": {
        "uk": "Журнал публікацій на {portal} (усі портали — --portal all):",
        "en": "Publication log for {portal} (every portal: --portal all):",
    },
    "log-all-portals": {"uk": "Журнал публікацій на всіх порталах:",
                        "en": "Publication log for every portal:"},
    "status-portal": {"uk": "Стан наборів на {portal}:", "en": "Datasets on {portal}:"},
    "status-overdue": {
        "uk": "ПРОСТРОЧЕНО на {days} дн. — оновіть і опублікуйте",
        "en": "OVERDUE by {days} days — update and publish",
    },
    "status-never": {"uk": "ще не опубліковано", "en": "never published"},
    "status-changed": {
        "uk": "є неопубліковані зміни — opendata publish",
        "en": "has unpublished changes — opendata publish",
    },
    "status-source-missing": {
        "uk": "немає файлу {path}",
        "en": "file {path} is missing",
    },
    "status-fine": {"uk": "гаразд", "en": "fine"},
    "status-dates": {
        "uk": "останнє оновлення на порталі: {last}; наступне до: {due} ({frequency})",
        "en": "last changed on the portal: {last}; next due: {due} ({frequency})",
    },
    "verify-ok": {
        "uk": "На {portal} усе так, як записано в журналі; журнал цілий.",
        "en": "{portal} holds what the log says was published; the log is intact.",
    },
    "verify-differences": {
        "uk": "Розбіжностей: {count} ({portal}):",
        "en": "{count} differences ({portal}):",
    },
    "verify-log-edited": {
        "uk": "запис журналу {found} змінено після того, як його зроблено",
        "en": "log entry {found} was changed after it was written",
    },
    "verify-log-gap": {
        "uk": "перед записом журналу {found} бракує запису (видалено?)",
        "en": "an entry before log entry {found} is missing (deleted?)",
    },
    "verify-dataset-missing": {
        "uk": "набору немає на порталі (видалено?)",
        "en": "the dataset is not on the portal (deleted?)",
    },
    "verify-passport-differs": {
        "uk": "поля паспорта на порталі змінено не через opendata",
        "en": "the passport fields on the portal were changed outside opendata",
    },
    "verify-resource-missing": {
        "uk": "ресурсу немає на порталі",
        "en": "the resource is not on the portal",
    },
    "verify-hash-differs": {
        "uk": "поле hash на порталі «{found}», опубліковано «{expected}»",
        "en": "the portal's hash field is '{found}', published '{expected}'",
    },
    "verify-size-differs": {
        "uk": "розмір файлу на порталі {found} байт, опубліковано {expected} — файл "
        "замінено не через opendata",
        "en": "the file on the portal is {found} bytes, {expected} were published — it was "
        "replaced outside opendata",
    },
    "verify-hash-unexplained": {
        "uk": "на порталі файл (sha256 {found}), якого журнал не пам’ятає: його змінено поза "
        "opendata, або з журналу зникли записи",
        "en": "the portal holds a file (sha256 {found}) the log does not know: changed outside "
        "opendata, or the log lost entries",
    },
    "verify-content-differs": {
        "uk": "вміст файлу на порталі відрізняється від опублікованого (sha256 {found})",
        "en": "the file on the portal differs from what was published (sha256 {found})",
    },
    "register-written": {
        "uk": "Записано {path} (наборів: {rows}).",
        "en": "Wrote {path} ({rows} datasets).",
    },
    "schema-imported": {
        "uk": "Записано {path} (полів: {fields}).",
        "en": "Wrote {path} ({fields} fields).",
    },
    "schema-changes": {
        "uk": "Виправлено в стандарті:",
        "en": "Fixed in the standard:",
    },
    "audit-column-name": {"uk": "Набір", "en": "Dataset"},
    "audit-column-organization": {"uk": "Організація", "en": "Organization"},
    "audit-column-title": {"uk": "Назва", "en": "Title"},
    "audit-column-update_frequency": {"uk": "Частота оновлення", "en": "Update frequency"},
    "audit-column-last_updated": {"uk": "Останнє оновлення", "en": "Last updated"},
    "audit-column-next_due": {"uk": "Оновити до", "en": "Due by"},
    "audit-column-overdue": {"uk": "Прострочено", "en": "Overdue"},
    "audit-column-overdue_days": {"uk": "Днів прострочення", "en": "Days overdue"},
    "audit-column-passport_gaps": {"uk": "Бракує в паспорті", "en": "Passport gaps"},
    "audit-column-not_machine_readable": {"uk": "Не машинозчитувані", "en": "Not machine-readable"},
    "audit-column-dead_links": {"uk": "Мертві посилання", "en": "Dead links"},
    "audit-column-files": {"uk": "Таблиці", "en": "Tables"},
    "audit-yes": {"uk": "так", "en": "yes"},
    "audit-no": {"uk": "ні", "en": "no"},
    "audit-file": {"uk": "{name}: стандарт {standard}, відповідає: {verdict}",
                   "en": "{name}: standard {standard}, follows it: {verdict}"},
    # --- the command line's help (help.py) -------------------------------------------
    "help-examples": {
        "uk": "Приклади",
        "en": "Examples",
    },
    "help-usage": {"uk": "Як запускати:", "en": "Usage:"},
    "help-argument-targets": {"uk": "ЦІЛІ"},
    "help-argument-target": {"uk": "ЦІЛЬ"},
    "help-argument-source": {"uk": "ДЖЕРЕЛО"},
    "help-argument-datasets": {"uk": "НАБОРИ"},
    "help-argument-name": {"uk": "НАЗВА"},
    "help-argument-folder": {"uk": "ТЕКА"},
    "help-argument-words": {"uk": "СЛОВА"},
    "help-argument-file": {"uk": "ФАЙЛ"},
    "help-argument-csvw": {"uk": "SCHEMA.JSON"},
    "help-argument-command": {"uk": "КОМАНДА"},
    "help-options": {"uk": "Параметри", "en": "Options"},
    "help-commands": {"uk": "Команди", "en": "Commands"},
    "help-metavar-options": {"uk": "[ПАРАМЕТРИ]", "en": "[OPTIONS]"},
    "help-metavar-command": {"uk": "КОМАНДА [АРГУМЕНТИ]...", "en": "COMMAND [ARGS]..."},
    "help-metavar-integer": {"uk": "ЧИСЛО", "en": "INTEGER"},
    "help-metavar-number": {"uk": "ЧИСЛО", "en": "FLOAT"},
    "help-metavar-text": {"uk": "ТЕКСТ", "en": "TEXT"},
    "help-metavar-file": {"uk": "ФАЙЛ", "en": "FILE"},
    "help-metavar-folder": {"uk": "ТЕКА", "en": "DIRECTORY"},
    "help-metavar-path": {"uk": "ШЛЯХ", "en": "PATH"},
    "help-added-default": {"uk": "[типово: ", "en": "[default: "},
    "help-added-and-default": {"uk": "; типово: ", "en": "; default: "},
    "help-added-required": {"uk": "[обов’язково]", "en": "[required]"},
    "usage-no-command": {
        "uk": "Немає команди «{name}»; можливо, {closest}? Перелік команд: opendata help",
        "en": "There is no command '{name}'; perhaps {closest}? The commands: opendata help",
    },
    "usage-no-option": {
        "uk": "{command}: немає параметра {option}. Які є: {command} --help",
        "en": "{command}: there is no option {option}. The options: {command} --help",
    },
    "usage-missing": {
        "uk": "{command}: бракує {name}. Як це задати: {command} --help",
        "en": "{command}: {name} is missing. How to give it: {command} --help",
    },
    "usage-extra": {
        "uk": "{command}: зайве «{extra}». Назву файлу чи теки з пробілами беріть у лапки: \"{extra}\"",
        "en": "{command}: '{extra}' is too much. A file or folder name with spaces goes in quotes: \"{extra}\"",
    },
    "usage-bad-value": {
        "uk": "{command}: {reason} Як правильно: {command} --help",
        "en": "{command}: {reason} How to: {command} --help",
    },
    "usage-other": {
        "uk": "{command}: {reason} Як правильно: {command} --help",
        "en": "{command}: {reason} How to: {command} --help",
    },
    "help-opendata": {
        "uk": "Перевірка, перетворення й оприлюднення відкритих даних ради на data.gov.ua.\n\nЗапускайте команди в теці проєкту (там, де opendata.toml). Довідка про команду: opendata help КОМАНДА.",
    },
    "help-validate": {
        "uk": "Перевірити набори даних чи таблиці перед оприлюдненням.\n\nЦІЛІ — назви наборів чи їхні теки (типово — усі набори проєкту) або файли таблиць і CSV, для яких потрібна --schema. Кожна помилка називає клітинку так, як її показує Excel (Проєкти!N3). Код завершення 0 — усе гаразд, 1 — є помилки, 2 — перевірку не запустити.",
    },
    "help-fix": {
        "uk": "Записати виправлену копію книги чи CSV: кожну знахідку, яку можна виправити лише одним безпечним способом, виправлено — нулі на початку кодів повернуто (стовпцю задано текстовий формат), десяткові коми й пробіли між тисячами стали числами, дати, записані текстом, — датами Excel у тому самому вигляді, зайві пробіли й апостроф на початку прибрано; у примітці кожної виправленої клітинки — що там було. Неоднозначне не вгадується (03/04/2021 лишається зі своєю знахідкою).\n\nЦІЛЬ — таблиця чи CSV (з --schema) або набір даних. Оригінал ніколи не змінюється. Код 0 — копія правильна, 1 — лишилися знахідки (перевірте копію, щоб їх побачити), 2 — не запустити.",
    },
    "help-option-resource_name": {
        "uk": "Для набору з кількох таблиць: яку саме (її name у datapackage.yaml).",
    },
    "help-option-fix-output": {
        "uk": "Виправлена копія: .xlsx для книги, .csv для CSV (у кодуванні й з роздільником оригіналу).",
    },
    "help-option-fix-schema_path": {
        "uk": "Для окремого файлу: схема таблиці (YAML/JSON), schema.json стандарту 835 або назва завантаженого стандарту (annex-35/projects).",
    },
    "help-convert": {
        "uk": "Перетворити одну таблицю чи CSV на чистий CSV у UTF-8 або JSON.\n\nЗначення записано так, як їх визначає схема (дати ISO, крапка в числах, коди з нулями на початку). Таблицю з помилками не перетворено (код 1), хіба що з --force.",
    },
    "help-build": {
        "uk": "Перевірити набори й записати файли для порталу в build/<набір>/.\n\nДля кожної таблиці — CSV (і JSON, якщо визначення просить) та файл структури; для набору — datapackage.json і manifest.json. Набір із помилками не збирається (код 1).",
    },
    "help-publish": {
        "uk": "Перевірити, зібрати й оприлюднити набори (типово — усі): лише те, що змінилося.\n\nПлан порівнює збірку з порталом: створити набір, оновити змінені поля паспорта, завантажити змінені файли на ті самі ресурси (ідентифікатори й адреси лишаються), решту не чіпати. Набори з помилками не надсилаються. Кожен крок записано в журнал публікацій. Ключ API — зі змінної OPENDATA_API_KEY (або сховища паролів); його ніде не показано. Код 0 — усе оприлюднено чи без змін, 1 — набір із помилками чи не вдалося, 2 — не запустити (немає ключа, ключ не прийнято, невідомий портал).",
    },
    "help-log": {
        "uk": "Що оприлюднено: коли, ким і з якого файлу — найновіше вгорі. Показує типовий портал, як status і verify, і каже який; --portal all — усі портали.",
    },
    "help-option-log-portal_name": {
        "uk": "Профіль порталу з opendata.toml чи адреса; типово — default_portal, як у status і verify; all — усі портали.",
    },
    "help-status": {
        "uk": "Що потребує уваги: прострочені набори, неоприлюднені зміни, ще не оприлюднені.\n\nНаступне оновлення припадає за частотою оновлення після останнього оприлюднення, що щось змінило на порталі (1, 7, 31, 91, 182 чи 364 дні).",
    },
    "help-verify": {
        "uk": "Перевірити, що портал досі має те, що за журналом оприлюднено, і що журнал не змінювали. Код 0 — усе збігається, 1 — є розбіжності (їх перелічено).",
    },
    "help-register": {
        "uk": "Реєстр наборів даних (постанова 835, додаток 7) з визначень, у форматі CSV.\n\nПосилання ведуть на портал register_portal з opendata.toml (або --portal).",
    },
    "help-new": {
        "uk": "Почати набір НАЗВА (наприклад, nizhyn-petitions) з таблиці, яку вже ведуть.\n\nЗаписує datasets/НАЗВА/datapackage.yaml і копію таблиці поруч (далі редагуйте саме копію), а також schemas/НАЗВА.schema.yaml: структуру стандарту 835, якому таблиця відповідає (коли стандарти завантажено), або виведену з таблиці (--infer — завжди виводити). Поля паспорта, яких не вгадати, позначено TODO.",
    },
    "help-adopt": {
        "uk": "Взяти в проєкт набори, вже оприлюднені на порталі вручну: НАБОРИ — назви, ідентифікатори чи адреси сторінок, або --organization для всієї організації.\n\nЗаписує паспорт із порталу, завантажує таблиці поруч, а посилання й документи позначає як лише портальні. Ідентифікатори порталу йдуть у журнал, тож наступна публікація оновлює ті самі ресурси. На порталі нічого не змінюється; для відкритих наборів ключ не потрібен.",
    },
    "help-audit": {
        "uk": "Що організації справді мають на порталі, хоч би хто оприлюднив: для кожного набору — останнє оновлення проти заявленої частоти, прогалини паспорта, формати, які машини не прочитають, мертві посилання; з --files — чи відповідає кожна таблиця своєму стандарту 835. Лише читає; для відкритих даних ключ не потрібен. Посилання на внутрішню адресу (приватну мережу, цей комп’ютер) для людей мертве, і його не запитують.\n\nКод 0 — усе гаразд, 1 — є прострочені чи неповні, 2 — не запустити.",
    },
    "help-init": {
        "uk": "Почати проєкт у ТЕЦІ (типово — тут): opendata.toml, datasets/, schemas/.\n\nОрганізацію шукають на порталі, коли він відповідає; невідому назву відхилено з найближчими. Наявний проєкт ніколи не перезаписується.",
    },
    "help-portal": {
        "uk": "Сам портал: що на ньому працює і що дозволяє ключ.",
    },
    "help-portal-check": {
        "uk": "Перевірити (лише читаючи), чи вийде оприлюднити: версію CKAN порталу, чи прийнято ключ і чий він, у які організації з ним можна публікувати (чи є серед них організація проєкту), чи знає портал ліцензії визначень, межу розміру файлів і як надсилаються зміни паспорта.\n\nЗапускайте перед першим оприлюдненням і щоразу, коли воно не вдалося. Код 0 — можна публікувати, 1 — щось завадить (кожне ✗ каже, що робити), 2 — портал не відповідає.",
    },
    "help-standards": {
        "uk": "Стандарти структури 835: завантажити, переглянути, розпізнати стандарт таблиці.\n\nЗавантажений стандарт можна називати замість схеми: --schema annex-35/projects.",
    },
    "help-standards-update": {
        "uk": "Завантажити стандарти в кеш цього комп’ютера.",
    },
    "help-standards-list": {
        "uk": "Стандарти в кеші; СЛОВА відбирають за назвою.",
    },
    "help-standards-detect": {
        "uk": "Якому стандарту відповідає ФАЙЛ, найкращі вгорі; або прямо сказати, що жоден.\n\nБез --sheet — перший видимий аркуш, або наступний, якщо на першому заголовка жодного стандарту немає (книга, що починається з інструкції).",
    },
    "help-schema": {
        "uk": "Схеми таблиць і офіційні стандарти структури 835.",
    },
    "help-schema-import": {
        "uk": "Перетворити schema.json стандарту 835 (CSVW) на схему таблиці, виправивши його вади.\n\nПробіли, табуляції й U+2028 у назвах, кириличні літери в латинських назвах, anyURL, повторені стовпці й ключі, що не можуть бути унікальними, виправлено, і кожну зміну названо; стовпцям кодів (ЄДРПОУ, РНОКПП…) додано шаблон.",
    },
    "help-help": {
        "uk": "Довідка про команду: opendata help validate (без назви — перелік команд).",
    },
    "help-option-lang": {
        "uk": "Мова повідомлень: uk (українська) чи en (англійська).",
    },
    "help-option-output_format": {
        "uk": "text — для людей; json (чи csv) — для програм.",
    },
    "help-option-report_path": {
        "uk": "Ще й звіт для людей: ФАЙЛ.xlsx (ваша книга з позначками й аркушем «Перевірка») чи ФАЙЛ.html (сторінка для браузера).",
    },
    "help-option-totals_rows": {
        "uk": "Чи рядок «Разом» (а також проміжні підсумки й заголовки розділів) — не запис даних, а знахідка.",
    },
    "help-option-schema_path": {
        "uk": "Схема таблиці (YAML/JSON), schema.json стандарту 835 або назва завантаженого стандарту (annex-35/projects).",
    },
    "help-option-sheet": {
        "uk": "Назва аркуша (типово — перший видимий аркуш із таблицею).",
    },
    "help-option-header_row": {
        "uk": "Номер рядка заголовків, якщо його не знайти за схемою.",
    },
    "help-option-max_errors": {
        "uk": "Скільки знахідок показати на таблицю; 0 — усі.",
    },
    "help-option-output": {
        "uk": "Куди записати (файл).",
    },
    "help-option-force": {
        "uk": "Записати файл, навіть якщо в таблиці є помилки.",
    },
    "help-option-portal_name": {
        "uk": "Профіль порталу з opendata.toml (prod, test, local…) чи адреса; типово — default_portal.",
    },
    "help-option-dry_run": {
        "uk": "Показати план; нічого не змінювати.",
    },
    "help-option-private": {
        "uk": "Оприлюднити як приватні, щоб переглянути перед відкриттям.",
    },
    "help-option-prune": {
        "uk": "Вилучити з порталу ресурси, яких визначення вже не має.",
    },
    "help-option-dataset": {
        "uk": "Лише цей набір.",
    },
    "help-option-since": {
        "uk": "Від цього дня (рррр-мм-дд).",
    },
    "help-option-until": {
        "uk": "До цього дня включно.",
    },
    "help-option-outcome": {
        "uk": "Лише кроки, що так завершилися.",
    },
    "help-option-deep": {
        "uk": "Ще й завантажити кожен файл і порівняти sha256.",
    },
    "help-option-spreadsheet": {
        "uk": "Таблиця чи CSV, у якій ведуть набір.",
    },
    "help-option-update": {
        "uk": "Узяти нову версію таблиці з того місця, звідки new її скопіював.",
    },
    "help-option-infer": {
        "uk": "Вивести схему з таблиці, навіть якщо вона відповідає стандарту 835.",
    },
    "help-option-organization": {
        "uk": "Назва організації на порталі (як в адресі data.gov.ua/organization/…).",
    },
    "help-option-organizations": {
        "uk": "Назва організації на порталі; повторіть для кількох.",
    },
    "help-option-files": {
        "uk": "Ще й завантажити таблиці (кеш їх зберігає), розпізнати їхній стандарт 835 і перевірити.",
    },
    "help-option-jobs": {
        "uk": "Скільки запитів водночас (перевірка посилань, завантаження).",
    },
    "help-option-rate": {
        "uk": "Найбільше запитів на секунду до одного сервера (порталу, кожного сайту з посиланням).",
    },
    "help-option-internal_links": {
        "uk": "Перевіряти й посилання на внутрішні адреси (приватну мережу, цей комп’ютер); без цього вони мертві й не запитуються.",
    },
    "help-option-edrpou": {
        "uk": "Код ЄДРПОУ організації (8 цифр), для реєстру.",
    },
    "help-option-source": {
        "uk": "Звідки взяти стандарти (index.csv поруч); типово — їхній відкритий репозиторій.",
    },
    "help-option-annex": {
        "uk": "Лише цей додаток постанови.",
    },
    "help-option-version": {
        "uk": "Показати версію.",
    },
    "help-option-help": {
        "uk": "Показати цю довідку.",
    },
    "examples-opendata": {
        "uk": "opendata validate\nopendata publish --dry-run\nopendata help publish",
        "en": "opendata validate\nopendata publish --dry-run\nopendata help publish",
    },
    "examples-validate": {
        "uk": "opendata validate\nopendata validate мій-файл.xlsx --schema annex-35/projects --report перевірка.xlsx",
        "en": "opendata validate\nopendata validate мій-файл.xlsx --schema annex-35/projects --report перевірка.xlsx",
    },
    "examples-fix": {
        "uk": "opendata fix nizhyn-public-budget-projects -o виправлено.xlsx\nopendata fix \"проєкти 2024.xlsx\" --schema annex-35/projects -o \"проєкти 2024 виправлено.xlsx\"",
        "en": "opendata fix nizhyn-public-budget-projects -o fixed.xlsx\nopendata fix \"проєкти 2024.xlsx\" --schema annex-35/projects -o \"проєкти 2024 fixed.xlsx\"",
    },
    "examples-convert": {
        "uk": "opendata convert \"проєкти 2024.xlsx\" --schema schemas/projects.schema.yaml -o проєкти.csv",
        "en": "opendata convert \"проєкти 2024.xlsx\" --schema schemas/projects.schema.yaml -o проєкти.csv",
    },
    "examples-build": {
        "uk": "opendata build\nopendata build nizhyn-petitions --report збірка.html",
        "en": "opendata build\nopendata build nizhyn-petitions --report збірка.html",
    },
    "examples-publish": {
        "uk": "opendata portal check\nopendata publish --dry-run\nopendata publish",
        "en": "opendata portal check\nopendata publish --dry-run\nopendata publish",
    },
    "examples-log": {
        "uk": "opendata log\nopendata log --dataset nizhyn-petitions --since 2024-01-01",
        "en": "opendata log\nopendata log --dataset nizhyn-petitions --since 2024-01-01",
    },
    "examples-status": {
        "uk": "opendata status",
        "en": "opendata status",
    },
    "examples-verify": {
        "uk": "opendata verify\nopendata verify --deep",
        "en": "opendata verify\nopendata verify --deep",
    },
    "examples-register": {
        "uk": "opendata register -o datasets/nizhyn-datasets-register/register.csv",
        "en": "opendata register -o datasets/nizhyn-datasets-register/register.csv",
    },
    "examples-new": {
        "uk": "opendata new nizhyn-petitions --from петиції.xlsx\nopendata new nizhyn-petitions --update",
        "en": "opendata new nizhyn-petitions --from петиції.xlsx\nopendata new nizhyn-petitions --update",
    },
    "examples-adopt": {
        "uk": "opendata adopt --organization nizhynska-miska-rada\nopendata adopt https://data.gov.ua/dataset/nazva-naboru",
        "en": "opendata adopt --organization nizhynska-miska-rada\nopendata adopt https://data.gov.ua/dataset/nazva-naboru",
    },
    "examples-audit": {
        "uk": "opendata audit --organization nizhynska-miska-rada --report аудит.xlsx",
        "en": "opendata audit --organization nizhynska-miska-rada --report аудит.xlsx",
    },
    "examples-init": {
        "uk": "opendata init rada --organization nizhynska-miska-rada --edrpou 04061783",
        "en": "opendata init rada --organization nizhynska-miska-rada --edrpou 04061783",
    },
    "examples-portal": {
        "uk": "opendata portal check",
        "en": "opendata portal check",
    },
    "examples-portal-check": {
        "uk": "opendata portal check\nopendata portal check --portal prod --format json",
        "en": "opendata portal check\nopendata portal check --portal prod --format json",
    },
    "examples-standards": {
        "uk": "opendata standards update\nopendata standards detect проєкти.xlsx",
        "en": "opendata standards update\nopendata standards detect проєкти.xlsx",
    },
    "examples-standards-update": {
        "uk": "opendata standards update",
        "en": "opendata standards update",
    },
    "examples-standards-list": {
        "uk": "opendata standards list бюджет",
        "en": "opendata standards list бюджет",
    },
    "examples-standards-detect": {
        "uk": "opendata standards detect \"проєкти 2024.xlsx\"",
        "en": "opendata standards detect \"проєкти 2024.xlsx\"",
    },
    "examples-schema": {
        "uk": "opendata schema import annex-35/projects -o schemas/projects.schema.yaml",
        "en": "opendata schema import annex-35/projects -o schemas/projects.schema.yaml",
    },
    "examples-schema-import": {
        "uk": "opendata schema import annex-35/projects -o schemas/projects.schema.yaml",
        "en": "opendata schema import annex-35/projects -o schemas/projects.schema.yaml",
    },
    "examples-help": {
        "uk": "opendata help\nopendata help publish",
        "en": "opendata help\nopendata help publish",
    },

}


# what a parameter from outside (a cell, a portal's words) may not bring into a sentence:
# control characters (a line break, a terminal's ESC), shown as their pictures instead
PICTURES = {code: chr(0x2400 + code) for code in range(0x20)} | {0x7F: "\u2421"}


def render(code: str, lang: str = "uk", **params) -> str:
    """The sentence for ``code`` in ``lang``, with ``params`` filled in: one line, whatever
    the parameters hold."""
    texts = CATALOG[code]
    shown = {key: value.translate(PICTURES) if isinstance(value, str) else value
             for key, value in params.items()}
    return texts.get(lang, texts["uk"]).format(**shown)
