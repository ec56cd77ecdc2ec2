//! One module per paragraph (or pair of paragraphs) of the Terms of Reference.
//! Each has a `check(day, findings)` that appends what it finds, reading every
//! number from the group's settings, and table-driven tests named after it.

pub mod s08_s09_roles;
pub mod s10_size;
pub mod s12_s16_elections;
pub mod s12_supplier_members;
pub mod s13_sme;
pub mod s14_terms_and_companies;
pub mod s15_employer_change;
pub mod s17_attendance;
pub mod s18_subgroups;
pub mod s21_s24_decisions;

#[cfg(test)]
pub(crate) mod fixture;
