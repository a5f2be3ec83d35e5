//! End-to-end tests of the API over HTTP, one fresh database per test.

mod access;
mod activities;
mod auth;
mod clients;
mod erasure;
mod fault_injection;
mod faults;
mod follow_ups;
mod fuzz;
mod idempotency;
mod ids_and_lists;
mod limits;
mod matrix;
mod noop_audit;
mod participant_search;
mod privacy;
mod projects;
mod report;
mod report_extended;
mod rls;
mod rls_depth;
mod schema;
mod security;
mod server;
mod session;
mod small_cells;
