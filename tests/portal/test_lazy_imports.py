"""Management commands and settings must not pay for torch / sentence-transformers (5–7 s, 420 MB)."""

from __future__ import annotations

import os
import subprocess
import sys

from portal.settings.env import BASE_DIR

HEAVY = ("torch", "sentence_transformers", "transformers")
REPORT = f"print('HEAVY=' + ','.join(m for m in {HEAVY!r} if m in sys.modules))"


def _heavy_modules_after(code: str) -> str:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    line = [ln for ln in result.stdout.splitlines() if ln.startswith("HEAVY=")][-1]
    return line.removeprefix("HEAVY=")


def test_manage_py_help_does_not_import_torch():
    code = (
        "import sys\n"
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(['manage.py', 'help'])\n" + REPORT
    )
    assert _heavy_modules_after(code) == ""


def test_shell_importing_settings_does_not_import_torch():
    code = (
        "import sys\n"
        "from django.core.management import execute_from_command_line\n"
        "execute_from_command_line(['manage.py', 'shell', '-c', 'import portal.settings'])\n" + REPORT
    )
    assert _heavy_modules_after(code) == ""


def test_app_registry_and_url_conf_do_not_import_torch():
    code = "import sys, django\ndjango.setup()\nimport portal.urls\n" + REPORT
    assert _heavy_modules_after(code) == ""
