//! End-to-end tests of the API over HTTP, one fresh database per test.

mod access;
mod activities;
mod auth;
mod fault_injection;
mod faults;
mod follow_ups;
mod fuzz;
mod idempotency;
mod ids_and_lists;
mod limits;
mod projects;
mod report;
mod rls;
mod privacy;
mod matrix;
mod report_extended;
mod schema;
mod server;
