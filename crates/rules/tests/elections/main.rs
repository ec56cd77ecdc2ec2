//! Integration tests of the election counts (`secretariat_rules::elections`).
//!
//! - `scottish_reference` — the Scottish STV count against 28 reference counts by the
//!   independent counter Droop, stage by stage.
//! - `properties` — proptest: STV with one seat is IRV; constraints always hold; the block
//!   vote equals a brute-force search; ballot order does not matter; BLT round-trips.

mod properties;
mod scottish_reference;
