//! How WebKitGTK shows Secretariat's page. The bench's bare window (`bench/hello-tauri`)
//! includes this very file, so that start-up and memory are compared like for like, with every
//! setting the app makes (issue #21): change a setting here and both follow.

/// WebKitGTK draws our page without accelerated compositing (issue #9). Forms and tables
/// gain nothing from the GPU path, and where there is no GPU (Xvfb, VMs, remote desktops) it
/// costs GL buffers drawn in software: measured with `bench/startup.py`, the web process held
/// ~255 MB with it and ~119 MB without, and the first screen came ~1.1 s sooner. It also
/// avoids the blank windows some GPU drivers give WebKitGTK's compositing mode.
///
/// And the page's language is British English whatever the process's locale (issue #14):
/// WebKitGTK lays out a date field in the order of its preferred language, not the page's
/// `lang`, so on a US or a C locale "11/12/2026" would be 12 November. The group's dates
/// are day-month-year, as everywhere else in the app.
pub fn configure(webview: tauri::webview::PlatformWebview) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebContextExt, WebViewExt};
    if let Some(settings) = webview.inner().settings() {
        settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
    }
    if let Some(context) = webview.inner().context() {
        context.set_preferred_languages(&["en-GB"]);
    }
}
