//! Who sees which rows, in SQL the planner can use: the same conditions as the row-level
//! security policies (`migrations/*_fast_row_level_security.sql`), which stay the authority.
//!
//! A query states its scope's condition too, so that PostgreSQL reads the scope's rows from an
//! index (a partner's projects from `project_partner_list_idx`, an agent's from
//! `project_list_idx`) instead of filtering every row through the policies. Every setting is
//! read through a sub-select such as `(select sismic_region())`, which PostgreSQL evaluates
//! once per statement (an InitPlan): compared with a column, it is an index condition.
//!
//! The conditions are macros expanding to string literals, so that queries stay `&'static str`
//! built with `concat!`. A list read in key order comes in one branch per way of seeing rows
//! ([`gated_list!`]): each branch is an index scan in that order, and only the scope's branch
//! runs (its condition on the role is decided once, before any row is read).

/// The row's region (`$region`, a column) is visible: administrators, the system, reports and
/// the region's agents (as `sismic_sees_region`).
#[macro_export]
macro_rules! sees_region {
    ($region:literal) => {
        concat!(
            "((select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT') or (",
            $region,
            " = (select sismic_region()) and (select sismic_role()) = 'AGENT'))"
        )
    };
}

/// The row's region may be changed: administrators, the system and the region's agents (as
/// `sismic_writes_region`).
#[macro_export]
macro_rules! writes_region {
    ($region:literal) => {
        concat!(
            "((select sismic_role()) in ('ADMIN', 'SYSTEM') or (",
            $region,
            " = (select sismic_region()) and (select sismic_role()) = 'AGENT'))"
        )
    };
}

/// A project (its `$region` and `$partner` columns) is visible: as its region, plus the
/// partner it came from (as `sismic_sees_project`).
#[macro_export]
macro_rules! sees_project {
    ($region:literal, $partner:literal) => {
        concat!(
            "((select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT') or (",
            $region,
            " = (select sismic_region()) and (select sismic_role()) = 'AGENT') or (",
            $partner,
            " = (select sismic_partner()) and (select sismic_role()) = 'PARTNER'))"
        )
    };
}

/// Branch of a [`gated_list!`]: the scope sees every row (administrators, the system, reports).
#[macro_export]
macro_rules! all_rows {
    () => {
        "(select sismic_role()) in ('ADMIN', 'SYSTEM', 'REPORT')"
    };
}

/// Branch of a [`gated_list!`]: an agent, the rows of their region (`$region`, a column).
#[macro_export]
macro_rules! agent_rows {
    ($region:literal) => {
        concat!("(select sismic_role()) = 'AGENT' and ", $region, " = (select sismic_region())")
    };
}

/// Branch of a [`gated_list!`]: a partner account, the projects that came from its partner
/// (`$partner`, a column).
#[macro_export]
macro_rules! partner_rows {
    ($partner:literal) => {
        concat!("(select sismic_role()) = 'PARTNER' and ", $partner, " = (select sismic_partner())")
    };
}

/// A keyset page of a list in one branch per way of seeing it: `gated_list!(select, from,
/// [condition, …], filters, order, limit)` reads `select from from where condition and filters
/// order by order limit limit` for each condition, and keeps the first `limit` rows in order.
/// Each condition starts with the role it is for, so all branches but the scope's are skipped
/// before reading anything.
#[macro_export]
macro_rules! gated_list {
    ($select:literal, $from:literal, [$($condition:expr),+ $(,)?], $filters:literal, $order:literal, $limit:literal) => {
        concat!(
            "select * from (",
            $crate::gated_list!(@branches $select, $from, $filters, $order, $limit; $($condition),+),
            ") page order by ", $order, " limit ", $limit
        )
    };
    (@branches $select:literal, $from:literal, $filters:literal, $order:literal, $limit:literal; $first:expr $(, $rest:expr)*) => {
        concat!(
            "(select ", $select, " from ", $from, " where ", $first, " and ", $filters,
            " order by ", $order, " limit ", $limit, ")"
            $(, " union all (select ", $select, " from ", $from, " where ", $rest, " and ", $filters,
              " order by ", $order, " limit ", $limit, ")")*
        )
    };
}

/// [`gated_list!`] for a select list known only at run time (a `const` of the module): the same
/// statement, built once.
pub(crate) fn gated(select: &str, from: &str, branches: &[&str], filters: &str, order: &str, limit: &str) -> String {
    let branches: Vec<String> = branches
        .iter()
        .map(|condition| {
            format!("(select {select} from {from} where {condition} and {filters} order by {order} limit {limit})")
        })
        .collect();
    format!("select * from ({}) page order by {order} limit {limit}", branches.join(" union all "))
}
