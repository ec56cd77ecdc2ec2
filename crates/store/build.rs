// `sqlx::migrate!` embeds ../../migrations at compile time but cannot tell cargo to watch the
// folder on stable Rust: without this, a new migration file is left out until something else
// in the crate changes (the build script `sqlx migrate build-script` writes).
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
