//! The commands the window may call, grouped by area. Each makes one call on the
//! [`Session`](secretariat_api::Session) (the document commands then save or open what
//! was made); errors cross as `ApiError` (`{kind, message, field?}`).
//!
//! Which commands there are, and what each takes and answers, is the contract's one list
//! (`secretariat_api::for_each_command!`, in `crates/api/src/contract.rs`): expanded here into
//! the handler, with a compile-time check that each command takes the request the list names
//! (after the app handle and the session, where it uses them) and answers its reply.

/// What every command answers: its value, or an `ApiError` the window shows where it belongs.
type Reply<T> = Result<T, secretariat_api::ApiError>;

mod backups;
mod documents;
mod elections;
mod groups;
pub(crate) mod measure;
mod meetings;
mod members;
mod minutes;
mod privacy;
mod retention;
mod setup;
mod subgroups;
mod tor;
mod work;

use secretariat_api::contract::wire::*;

/// Registers every command of the contract, and fails to compile when one of them does not
/// take and answer what the contract says.
macro_rules! register {
    ($($module:ident :: $name:ident ( $($request:ty)? ) -> $reply:ty ;)*) => {
        pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$name),*]
        }

        #[allow(dead_code)]
        fn signatures() {
            $( check!($module::$name, ($($request)?) -> $reply); )*
        }
    };
}

macro_rules! check {
    ($command:path, () -> $reply:ty) => {
        signature::takes0::<_, $reply>($command)
    };
    ($command:path, ($request:ty) -> $reply:ty) => {
        signature::takes::<_, $request, $reply>($command)
    };
}

secretariat_api::for_each_command!(register);

/// The shapes a command may have: the app handle and the session where it uses them, then
/// the request, answering a `Reply` (the marker type `M` tells the shapes apart).
mod signature {
    use super::Reply;
    use secretariat_api::Session;
    use std::future::Future;
    use tauri::{AppHandle, State};

    pub trait Takes<M, R, T> {}
    pub struct WithSession;
    pub struct WithAppAndSession;
    impl<F, Fut, R, T> Takes<WithSession, R, T> for F
    where
        F: Fn(State<'static, Session>, R) -> Fut,
        Fut: Future<Output = Reply<T>>,
    {
    }
    impl<F, Fut, R, T> Takes<WithAppAndSession, R, T> for F
    where
        F: Fn(AppHandle, State<'static, Session>, R) -> Fut,
        Fut: Future<Output = Reply<T>>,
    {
    }

    pub trait Takes0<M, T> {}
    pub struct Nothing;
    impl<F, Fut, T> Takes0<WithSession, T> for F
    where
        F: Fn(State<'static, Session>) -> Fut,
        Fut: Future<Output = Reply<T>>,
    {
    }
    impl<F, Fut, T> Takes0<WithAppAndSession, T> for F
    where
        F: Fn(AppHandle, State<'static, Session>) -> Fut,
        Fut: Future<Output = Reply<T>>,
    {
    }
    /// `startup_mark`: answers nothing, at once.
    impl<F> Takes0<Nothing, ()> for F where F: Fn() {}

    pub fn takes<M, R, T>(_: impl Takes<M, R, T>) {}
    pub fn takes0<M, T>(_: impl Takes0<M, T>) {}
}
