//! The command line's output on Windows. The release build there is a GUI program
//! (`windows_subsystem = "windows"` in `main.rs`, so no console window opens behind the app),
//! and a GUI program has no console: `secretariat status` typed in cmd or PowerShell would
//! print nothing. Attaching to the console of the program that started it gives the output
//! back. Started from the Start menu or Explorer there is no such console, and nothing
//! happens; output redirected to a file or a pipe is left as it is.

/// Writes from now on go to the starting program's console, if it has one (Windows only).
#[cfg(windows)]
#[allow(unsafe_code)]
pub fn attach_to_parent() {
    use windows_sys::Win32::System::Console::{ATTACH_PARENT_PROCESS, AttachConsole};
    // SAFETY: one Win32 call with an integer argument and no pointers. It fails, harmlessly,
    // when the parent has no console or this process already has one.
    let _ = unsafe { AttachConsole(ATTACH_PARENT_PROCESS) };
}

/// Elsewhere a program started from a terminal already writes to it.
#[cfg(not(windows))]
pub fn attach_to_parent() {}
