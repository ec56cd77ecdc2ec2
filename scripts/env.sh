# Sourced by the scripts: one cargo target folder outside the clone, so a fresh
# clone (and CI) reuses earlier builds when the machine has them.
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/secretariat/target}"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
mkdir -p "$CARGO_TARGET_DIR"
