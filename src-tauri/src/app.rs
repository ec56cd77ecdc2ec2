//! The window: builder, plugins, state and the navigation guard. No business logic.

use crate::commands;
use crate::commands::measure::{self, stage};
use secretariat_api::{Session, SessionConfig, backups};
use std::path::PathBuf;
use tauri::{Manager, Url, WebviewUrl, WebviewWindowBuilder};

pub fn run(data_dir: Option<PathBuf>) {
    measure::start_clock();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("SECRETARIAT_LOG").unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn,secretariat=info")),
        )
        .with_writer(std::io::stderr)
        .init();

    let config = match SessionConfig::from_env(data_dir) {
        Ok(config) => config,
        Err(error) => {
            eprintln!("secretariat: {}", error.message);
            std::process::exit(1);
        }
    };

    let session = Session::new(config);

    tauri::Builder::default()
        // First, so a second start only focuses the window that is already open.
        .plugin(tauri_plugin_single_instance::init(|app, _args, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        // Used from Rust only (Save as…, Open in viewer); the window is granted none of their commands.
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(session)
        .invoke_handler(commands::handler())
        .setup(|app| {
            stage("setup");
            // Documents an earlier run left for the viewer (after a crash, say) go first.
            clear_viewer_folder();
            // Open the database while the window and its page load, so the store is ready
            // (or being opened: `app_state` waits for it) when the page first asks.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<Session>().open_ahead().await;
                stage("store opened ahead");
            });
            // The window takes a backup in the background when the newest is a day old: first
            // once its first screen is up, then hourly while it stays open for days.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move { handle.state::<Session>().keep_backing_up(backups::FIRST_BACKUP_CHECK_AFTER).await });
            let window = WebviewWindowBuilder::new(app, "main", WebviewUrl::App("index.html".into()))
                .title("Secretariat")
                .inner_size(1200.0, 800.0)
                .min_inner_size(860.0, 560.0)
                .on_navigation(is_app_url)
                .on_page_load(|_, payload| match payload.event() {
                    tauri::webview::PageLoadEvent::Started => stage("page load started"),
                    tauri::webview::PageLoadEvent::Finished => stage("page loaded"),
                })
                .build()?;
            #[cfg(target_os = "linux")]
            window.with_webview(crate::webkit::configure)?;
            stage("window built");
            Ok(())
        })
        .build(tauri::generate_context!())
        .expect("the Secretariat window could not start")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                // Shut the database's connections before the process tears down SQLCipher's crypto library.
                tauri::async_runtime::block_on(app.state::<Session>().close());
                clear_viewer_folder();
            }
        });
}

/// Removes the documents written for the viewer (`secretariat_api::viewer`).
fn clear_viewer_folder() {
    if let Err(error) = secretariat_api::viewer::ViewerFolder::for_this_user().clear() {
        tracing::warn!(%error, "the documents written for the viewer could not be removed");
    }
}

/// The window only ever shows the app itself; any other address is refused.
fn is_app_url(url: &Url) -> bool {
    let host = url.host_str().unwrap_or_default();
    match url.scheme() {
        "tauri" => host == "localhost",
        "http" | "https" => host == "tauri.localhost",
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_origin_may_be_shown() {
        let ok = |u: &str| is_app_url(&Url::parse(u).unwrap());
        assert!(ok("tauri://localhost/index.html"));
        assert!(ok("http://tauri.localhost/"));
        assert!(!ok("https://example.com/"));
        assert!(!ok("tauri://evil.example/"));
        assert!(!ok("file:///etc/passwd"));
        assert!(!ok("javascript:alert(1)"));
    }
}
