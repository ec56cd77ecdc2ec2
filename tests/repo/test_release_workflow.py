"""The release workflow (.github/workflows/release.yml) is valid YAML that builds every platform's
installers with Tauri's official action, and takes the app's identity from the Tauri config.

Windows and macOS packages cannot be built on the project's Linux machines, so this check is
what the project can know about them before a release tag runs the workflow on GitHub.

Run by scripts/test: python3 -m unittest discover -s tests/repo
"""

import json
import re
import unittest
from pathlib import Path

try:
    import yaml
except ImportError as missing:  # scripts/setup installs Debian's python3-yaml
    raise ImportError("PyYAML is needed: apt-get install python3-yaml (scripts/setup does), or pip install pyyaml") from missing

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github/workflows/release.yml"
CONFIG = ROOT / "src-tauri/tauri.conf.json"


def load():
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    # YAML 1.1 reads the key `on` as the boolean true.
    workflow["on"] = workflow.pop(True, workflow.get("on"))
    return workflow


def tauri_step(job):
    steps = [s for s in job["steps"] if str(s.get("uses", "")).startswith("tauri-apps/tauri-action@")]
    assert len(steps) == 1, "one tauri-action step"
    return steps[0]


class ReleaseWorkflow(unittest.TestCase):
    def setUp(self):
        self.workflow = load()
        self.jobs = self.workflow["jobs"]
        self.matrix = [entry for job in self.jobs.values() for entry in job.get("strategy", {}).get("matrix", {}).get("include", [])]

    def bundles_on(self, runner_prefix):
        return {b for e in self.matrix if e["platform"].startswith(runner_prefix) for b in e["bundles"].split(",")}

    def test_it_is_a_workflow_run_on_a_version_tag_or_by_hand(self):
        self.assertEqual(self.workflow["name"], "release")
        self.assertEqual(self.workflow["on"]["push"]["tags"], ["v*"])
        self.assertIn("workflow_dispatch", self.workflow["on"])
        self.assertEqual(self.workflow["permissions"]["contents"], "write", "the action attaches installers to a release")

    def test_each_platform_builds_its_own_bundles_with_tauris_action(self):
        self.assertEqual(self.bundles_on("windows-"), {"msi", "nsis"})
        self.assertEqual(self.bundles_on("macos-"), {"dmg"})
        self.assertEqual(self.bundles_on("ubuntu-"), {"deb", "rpm", "appimage"})
        macs = [e for e in self.matrix if e["platform"].startswith("macos-")]
        self.assertEqual({e["rust-target"] for e in macs}, {"aarch64-apple-darwin", "x86_64-apple-darwin"}, "Apple silicon and Intel")
        for job in self.jobs.values():
            step = tauri_step(job)
            self.assertIn("${{ matrix.bundles }}", step["with"]["args"])
            self.assertIn("--target aarch64-apple-darwin", [e["args"] for e in macs])

    def test_the_action_runs_the_projects_own_tauri_cli_from_the_root(self):
        for job in self.jobs.values():
            script = tauri_step(job)["with"]["tauriScript"]
            program, cli = script.split(" ")
            self.assertEqual(program, "node")
            package = json.loads((ROOT / "ui/package.json").read_text())
            self.assertIn("@tauri-apps/cli", package["devDependencies"])
            self.assertEqual(cli, "ui/node_modules/@tauri-apps/cli/tauri.js")

    def test_the_ui_is_built_before_the_app_that_embeds_it(self):
        config = json.loads(CONFIG.read_text())
        self.assertEqual(config["build"]["frontendDist"], "../ui/dist")
        self.assertNotIn("beforeBuildCommand", config["build"], "else the workflow's UI step would be redundant")
        for job in self.jobs.values():
            names = [s.get("name", "") for s in job["steps"]]
            runs = [s.get("run", "") for s in job["steps"]]
            ui = next(i for i, r in enumerate(runs) if "npm --prefix ui run build" in r)
            tauri = next(i for i, s in enumerate(job["steps"]) if "tauri-action" in str(s.get("uses", "")))
            self.assertLess(ui, tauri, names)

    def test_identity_version_and_icons_come_from_the_tauri_config(self):
        text = WORKFLOW.read_text(encoding="utf-8")
        config = json.loads(CONFIG.read_text())
        self.assertNotIn(config["identifier"], text)
        self.assertNotIn(config["version"], text, "the action reads the version (__VERSION__) from the config")
        self.assertIn("__VERSION__", text)
        icons = config["bundle"]["icon"]
        for kind in (".ico", ".icns", ".png"):
            self.assertTrue(any(i.endswith(kind) for i in icons), f"an {kind} icon for its platform")
        for icon in icons:
            path = (CONFIG.parent / icon).resolve()
            self.assertTrue(path.is_file(), icon)
            self.assertEqual(path.parent, ROOT / "icons", "icons live in the top-level icons/")

    def test_linux_runner_gets_the_build_packages_scripts_setup_installs(self):
        setup = (ROOT / "scripts/setup").read_text()
        wanted = set(re.findall(r"\blib[\w.-]+-dev\b", setup))
        self.assertTrue(wanted)
        linux_steps = [s.get("run", "") for job in self.jobs.values() for s in job["steps"] if "Linux" in str(s.get("if", ""))]
        installed = set(re.findall(r"\blib[\w.-]+-dev\b", "\n".join(linux_steps)))
        self.assertEqual(wanted - installed, set())

    def test_installers_are_kept_with_the_run(self):
        for job in self.jobs.values():
            upload = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload-artifact@"))
            paths = upload["with"]["path"]
            for pattern in ("*.msi", "nsis/*.exe", "*.dmg", "*.deb", "*.rpm", "*.AppImage"):
                self.assertIn(pattern, paths)


class OnlyTheDocumentedPlacesAllowUnsafeCode(unittest.TestCase):
    def test_unsafe_code_is_only_where_cargo_toml_says(self):
        allowed = []
        for path in ROOT.glob("**/*.rs"):
            if "node_modules" in path.parts or "target" in path.parts:
                continue
            if re.search(r"allow\(unsafe_code\)|\bunsafe\s*\{", path.read_text(encoding="utf-8", errors="replace")):
                allowed.append(path.relative_to(ROOT).as_posix())
        # The passphrase out of the environment, `_exit`, the Windows console attach.
        self.assertEqual(sorted(allowed), ["crates/api/src/process.rs", "crates/store/src/process.rs", "src-tauri/src/console.rs"])


if __name__ == "__main__":
    unittest.main()
