"""The window's commands come from one list, and nothing names a command outside it.

The contract (crates/api/src/contract.rs, `for_each_command!`) is the one list: the shell
registers it (a compile-time check binds each entry to its function's request and reply),
build.rs reads its names for the permissions, and ui/src/lib/commands.ts is generated from it
(the api crate's `bindings` test fails when that file is stale or when capabilities/main.json
grants anything else). What the compiler cannot see is a `#[tauri::command]` written in the
shell and left out of the list, or api.ts calling a command through anything but its typed
`call`: this check fails on both.

Run by scripts/test: python3 -m unittest discover -s tests/repo
"""

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


def contract():
    """The names in the contract's one list, `module::command(Request) -> Reply;` per line."""
    text = (ROOT / "crates" / "api" / "src" / "contract.rs").read_text()
    body = text.split("macro_rules! for_each_command", 1)[1]
    return re.findall(r"^\s*[a-z_]+::([a-z_0-9]+)\(", body, re.M)


class CommandListTest(unittest.TestCase):
    def test_every_shell_command_is_in_the_contract_once(self):
        listed = contract()
        self.assertGreater(len(listed), 50, "the contract's list was not found: has crates/api/src/contract.rs moved?")
        self.assertEqual(len(listed), len(set(listed)), "a command is listed twice")
        self.assertEqual(sorted(defined() - set(listed)), [], "commands in src-tauri/src/commands missing from the contract")
        self.assertEqual(sorted(set(listed) - defined()), [], "the contract lists commands the shell does not define")

    def test_the_ui_calls_rust_only_through_the_typed_call(self):
        api = (ROOT / "ui" / "src" / "lib" / "api.ts").read_text()
        self.assertEqual(api.count("invoke"), api.count("invoke<Commands[K]['reply']>") + 1, "api.ts invokes a command outside `call`")
        others = [p for p in (ROOT / "ui" / "src").rglob("*") if p.suffix in (".ts", ".svelte") and p.name != "api.ts"]
        for path in others:
            with self.subTest(path=str(path.relative_to(ROOT))):
                self.assertNotIn("@tauri-apps/api/core", path.read_text(), "only api.ts talks to Rust")


if __name__ == "__main__":
    unittest.main()
