"""The bench's bare window is Secretariat's window without Secretariat (issue #21).

Start-up and memory are compared with a bare Tauri window (bench/hello-tauri). The comparison
means something only if both show their page the same way: WebKit settings such as the
hardware-acceleration policy change both figures more than the app's own code does. So the
bare window includes the app's own settings file, src-tauri/src/webkit.rs, and applies it as
the app does; this check fails if either stops doing so, or if the app sets WebKit settings
anywhere else.

Run by scripts/test: python3 -m unittest discover -s tests/repo
"""

import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "src-tauri" / "src" / "webkit.rs"
HELLO = ROOT / "bench" / "hello-tauri" / "src" / "main.rs"


def rust_files(folder):
    return [p for p in folder.rglob("*.rs") if "target" not in p.parts]


class BareWindowLikeForLike(unittest.TestCase):
    def test_the_bare_window_includes_and_applies_the_apps_webkit_settings(self):
        hello = HELLO.read_text(encoding="utf-8")
        included = re.search(r'#\[path = "([^"]+)"\]\s*mod webkit;', hello)
        self.assertIsNotNone(included, "bench/hello-tauri does not include the app's webkit.rs")
        self.assertEqual((HELLO.parent / included.group(1)).resolve(), SETTINGS.resolve())
        self.assertIn("with_webview(webkit::configure)", hello)

    def test_the_app_sets_webkit_settings_only_in_that_file(self):
        app = (ROOT / "src-tauri" / "src" / "app.rs").read_text(encoding="utf-8")
        self.assertIn("with_webview(crate::webkit::configure)", app)
        elsewhere = [
            p.relative_to(ROOT).as_posix()
            for p in rust_files(ROOT / "src-tauri" / "src")
            if p != SETTINGS and re.search(r"\bwebkit2gtk::", p.read_text(encoding="utf-8"))
        ]
        self.assertEqual(elsewhere, [], "WebKit settings made outside src-tauri/src/webkit.rs are not in the bench's bare window")


if __name__ == "__main__":
    unittest.main()
