//! A bare Tauri window, for `scripts/bench`: the same window size as Secretariat's, one static
//! page, one command. The page calls `startup_mark` once it is loaded and painted; only when
//! `SECRETARIAT_STARTUP_MARK` names a file is anything written (exactly as Secretariat does, so
//! the harness times both apps the same way).

use std::sync::Once;

// Secretariat's own WebKit settings, the same file (src-tauri/src/webkit.rs): the comparison is
// between two apps that show their pages the same way.
#[cfg(target_os = "linux")]
#[path = "../../../src-tauri/src/webkit.rs"]
mod webkit;
use tauri::{WebviewUrl, WebviewWindowBuilder};

static MARKED: Once = Once::new();

#[tauri::command]
fn startup_mark() {
    MARKED.call_once(|| {
        if let Some(path) = std::env::var_os("SECRETARIAT_STARTUP_MARK") {
            let path = std::path::Path::new(&path);
            let temp = path.with_extension("partial");
            if let Err(error) = std::fs::write(&temp, "hello\n").and_then(|()| std::fs::rename(&temp, path)) {
                eprintln!("hello-tauri: the start-up mark {} could not be written: {error}", path.display());
            }
        }
    });
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![startup_mark])
        .setup(|app| {
            let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into())).title("Hello").inner_size(1200.0, 800.0).build()?;
            #[cfg(target_os = "linux")]
            window.with_webview(webkit::configure)?;
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("the hello window could not start");
}
