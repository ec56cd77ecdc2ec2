//! The paper-checking child for tests: what `secretariat __check-paper` does in the app
//! (`PaperChecker`), in a small executable that the api's tests can name
//! (`CARGO_BIN_EXE_paper-check`), since a test binary cannot be the child. No part of
//! the app.

fn main() {
    std::process::exit(secretariat_api::serve_paper_check());
}
