//! `sismic import FILE… --as EMAIL [--region CODE] [--dry-run]`: the spreadsheet import of the
//! API (`importSpreadsheet`), from the command line, acting as one user (an agent, or an admin
//! naming the region): the same rules, row-level security and audit trail as through the API.
//!
//! The report goes to standard output, French first then English. It names rows by file, line
//! and column, and registered people by their id only: no cell's value, no name, no email, so
//! that it can be kept in a log.

use anyhow::{bail, Context as _};
use sismic_domain::Role;
use sismic_graphql::ids::{self, Kind as IdKind};
use sismic_graphql::import::columns::Kind;
use sismic_graphql::import::{self, Importer, Report, Upload};
use sismic_store::{regions, users, Scope, Store};
use std::path::PathBuf;

/// What `sismic import` was asked.
#[derive(Debug, Clone)]
pub struct Request {
    /// The importing user's sign-in email.
    pub as_email: String,
    /// The region's code (required for an admin; an agent's own otherwise).
    pub region: Option<String>,
    /// The files.
    pub files: Vec<PathBuf>,
    /// Check only.
    pub dry_run: bool,
}

/// Runs an import; returns the report and its text. Fails (nothing written) when the user is
/// unknown, inactive or neither an agent nor an admin, or the region is not theirs.
pub async fn run(store: &Store, request: &Request) -> anyhow::Result<(Report, String)> {
    let email = request.as_email.trim().to_lowercase();
    let mut tx = store.begin(&Scope::System).await?;
    let user = users::credentials_by_email(&mut tx, &email).await?.map(|c| c.user);
    let region = match &request.region {
        Some(code) => Some(
            regions::region_by_code(&mut tx, &code.trim().to_uppercase())
                .await
                .map_err(|_| anyhow::anyhow!("--region: no region with code {code}"))?
                .region_id,
        ),
        None => None,
    };
    sismic_store::commit(tx).await?;
    let Some(user) = user.filter(|u| u.active) else { bail!("--as: no active account with this email") };
    if !matches!(user.role, Role::Admin | Role::Agent) {
        bail!("FORBIDDEN: only administrators and agents may import (this account is {})", user.role.as_str());
    }
    let region_id = match (region, user.region_id) {
        (Some(region), _) => region,
        (None, Some(own)) => own,
        (None, None) => bail!("--region: required for an administrator (the code of the region imported into)"),
    };
    let mut uploads = Vec::with_capacity(request.files.len());
    for path in &request.files {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let name = path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned());
        uploads.push(Upload { name, bytes });
    }
    let importer = Importer { user: sismic_graphql::auth::Viewer::from(&user), region_id };
    let report = import::import(store, importer, &uploads, request.dry_run)
        .await
        .map_err(|e| anyhow::anyhow!("{}: {}", e.code(), e.message()))?;
    let text = render(&report);
    Ok((report, text))
}

fn kind_fr(kind: Kind) -> &'static str {
    match kind {
        Kind::Projects => "projets",
        Kind::Participants => "participants",
        Kind::Activities => "activités",
        Kind::Attendance => "présences",
        Kind::FollowUps => "suivis",
    }
}

fn kind_en(kind: Kind) -> &'static str {
    match kind {
        Kind::Projects => "projects",
        Kind::Participants => "participants",
        Kind::Activities => "activities",
        Kind::Attendance => "attendance",
        Kind::FollowUps => "follow-ups",
    }
}

/// The report as text, French then English.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let outcome_fr = if report.committed {
        "Importation enregistrée."
    } else if report.dry_run {
        "Essai à blanc : rien n’est enregistré."
    } else {
        "Rien n’est enregistré : corrigez les problèmes ci-dessous, puis importez de nouveau."
    };
    let outcome_en = if report.committed {
        "Import saved."
    } else if report.dry_run {
        "Dry run: nothing is saved."
    } else {
        "Nothing is saved: fix the problems below, then import again."
    };
    out.push_str(&format!("{outcome_fr}\n{outcome_en}\n\n"));
    for table in &report.tables {
        let sheet = table.sheet.as_deref().map(|s| format!(" [{s}]")).unwrap_or_default();
        out.push_str(&format!(
            "{}{sheet} : {} ligne(s) de {} / {} row(s) of {}\n",
            table.file,
            table.rows,
            kind_fr(table.kind),
            table.rows,
            kind_en(table.kind)
        ));
    }
    out.push('\n');
    let verb_fr = if report.committed { "créés" } else { "à créer" };
    let verb_en = if report.committed { "created" } else { "to create" };
    for (kind, count) in report.counts.iter().filter(|(_, c)| c.rows > 0) {
        out.push_str(&format!(
            "{} : {} {verb_fr}, {} déjà enregistrés, {} en erreur{} / {}: {} {verb_en}, {} already recorded, {} failed{}\n",
            kind_fr(*kind),
            count.created,
            count.existing,
            count.failed,
            if *kind == Kind::Participants { format!(", {} consentement(s)", count.consents) } else { String::new() },
            kind_en(*kind),
            count.created,
            count.existing,
            count.failed,
            if *kind == Kind::Participants { format!(", {} consent(s)", count.consents) } else { String::new() },
        ));
    }
    if !report.problems.is_empty() {
        out.push_str(&format!("\nProblèmes / Problems ({}):\n", report.problems.len()));
        for p in &report.problems {
            out.push_str(&format!("- {} : {}\n  {}: {}\n", p.place_fr(), p.msg.fr(), p.place_en(), p.msg.en()));
        }
    }
    if !report.duplicates.is_empty() {
        out.push_str(&format!("\nDoublons probables / Likely duplicates ({}):\n", report.duplicates.len()));
        for d in &report.duplicates {
            let ids: Vec<String> =
                d.matches.iter().map(|p| ids::encode(IdKind::Participant, p.participant_id).to_string()).collect();
            out.push_str(&format!(
                "- {} : {}\n  {}: {}\n  déjà inscrits / already registered: {}\n",
                d.place.place_fr(),
                d.place.msg.fr(),
                d.place.place_en(),
                d.place.msg.en(),
                ids.join(", ")
            ));
        }
    }
    if !report.warnings.is_empty() {
        out.push_str(&format!("\nAvertissements / Warnings ({}):\n", report.warnings.len()));
        for p in &report.warnings {
            out.push_str(&format!("- {} : {} / {}\n", p.place_fr(), p.msg.fr(), p.msg.en()));
        }
    }
    out
}
