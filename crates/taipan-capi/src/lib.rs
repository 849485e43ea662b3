//! See Cargo.toml's description; this crate fills in as the issues that need it land.
