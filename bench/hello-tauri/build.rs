//! Declares the one command the page calls, as src-tauri's build script does.

fn main() {
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(&["startup_mark"])))
        .expect("tauri build script");
}
