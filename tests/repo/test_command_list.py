"""The window's commands are listed by hand in four places, and they must agree.

Until the contract is generated from one declaration (issue #16), a command added, renamed or
removed in one place and not the others fails only when the window calls it. This check fails
first: every `#[tauri::command]` in src-tauri/src/commands is registered in `generate_handler!`
(commands/mod.rs), declared in build.rs (which gives it its `allow-…` permission), granted in
capabilities/main.json, and called from ui/src/lib/api.ts — and none of the four names a command
the others lack.

Run by scripts/test: python3 -m unittest discover -s tests/repo
"""

import json
import re
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHELL = ROOT / "src-tauri"
def defined():
    """Every function marked #[tauri::command] under src-tauri/src/commands."""
    names = set()
    for path in sorted((SHELL / "src" / "commands").glob("*.rs")):
        names |= set(re.findall(r"#\[tauri::command\]\s*(?:#\[[^\]]*\]\s*)*pub(?:\(crate\))?\s+(?:async\s+)?fn\s+(\w+)", path.read_text()))
    return names


def registered():
    text = (SHELL / "src" / "commands" / "mod.rs").read_text()
    body = re.search(r"generate_handler!\[(.*?)\]", text, re.S).group(1)
    return {entry.strip().split("::")[-1] for entry in body.split(",") if entry.strip() and not entry.strip().startswith("//")}


def declared():
    text = (SHELL / "build.rs").read_text()
    body = re.search(r"const COMMANDS: &\[&str\] = &\[(.*?)\];", text, re.S).group(1)
    return set(re.findall(r'"(\w+)"', body))


def granted():
    permissions = json.loads((SHELL / "capabilities" / "main.json").read_text())["permissions"]
    own = [p for p in permissions if isinstance(p, str) and p.startswith("allow-")]
    return {p.removeprefix("allow-").replace("-", "_") for p in own}


def called():
    text = (ROOT / "ui" / "src" / "lib" / "api.ts").read_text()
    return set(re.findall(r"call<[^(]*?>\(\s*'(\w+)'", text)) | set(re.findall(r"call\(\s*'(\w+)'", text))


class CommandListTest(unittest.TestCase):
    def test_the_four_lists_name_the_same_commands(self):
        commands = defined()
        self.assertGreater(len(commands), 50, "the commands were not found: has src-tauri/src/commands moved?")
        for name, found in [
            ("generate_handler! in src-tauri/src/commands/mod.rs", registered()),
            ("COMMANDS in src-tauri/build.rs", declared()),
            ("src-tauri/capabilities/main.json", granted()),
        ]:
            with self.subTest(place=name):
                self.assertEqual(sorted(commands - found), [], f"commands missing from {name}")
                self.assertEqual(sorted(found - commands), [], f"{name} names commands that do not exist")
        with self.subTest(place="ui/src/lib/api.ts"):
            from_ui = called()
            self.assertEqual(sorted(commands - from_ui), [], "commands api.ts never calls")
            self.assertEqual(sorted(from_ui - commands), [], "api.ts calls commands that do not exist")


if __name__ == "__main__":
    unittest.main()
