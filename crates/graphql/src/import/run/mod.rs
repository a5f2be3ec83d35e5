//! Running an import: every row through the same rules and store functions as the mutations
//! (validation from the domain crate, the importer's scope and row-level security, idempotency
//! keys, audit entries), in ONE transaction.
//!
//! Each row runs inside a savepoint: a row that breaks a rule is rolled back alone and
//! reported, and the import goes on checking the next rows, so one run reports every bad row.
//! At the end the transaction commits only when it is a real run with no problem and no
//! likely duplicate left to decide; otherwise it rolls back and nothing at all is written. A
//! dry run is exactly the same run, always rolled back: what it reports is what a real run
//! would do.
//!
//! Re-importing a file changes nothing: a row whose project, person, activity, presence or
//! follow-up is already recorded (the same cohort and name, the same person, the same facts) is
//! counted as existing and left as it is; and each created row keeps an idempotency key (the
//! row's « Clé » column, or a digest of its content) like the creating mutations' keys.

mod rows;
use super::columns::{self, Col, Kind, Mapped};
use super::message::{Msg, Problem};
use super::read::{self, column_letter, Row, Table};
use crate::auth::Viewer;
use crate::error::ApiError;
use chrono::NaiveDate;
use serde_json::Value;
use sha2::{Digest, Sha256};
use sismic_domain::validation::{self as v};
use sismic_domain::Stage;
use sismic_store::idempotency::{self as keys, Claim, KeyUse};
use sismic_store::participants::ParticipantRow;
use sismic_store::regions::CohortRow;
use sismic_store::{audit, imports, regions, Store, StoreError, Tx};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// The operation the audit trail names for every write of an import.
pub const OPERATION: &str = "importSpreadsheet";

/// A file to import.
#[derive(Debug, Clone)]
pub struct Upload {
    /// Its name (the extension tells CSV from a workbook).
    pub name: String,
    /// Its content.
    pub bytes: Vec<u8>,
}

/// Who imports, into which region.
#[derive(Debug, Clone, Copy)]
pub struct Importer {
    /// The user (an ADMIN or an AGENT): every write is theirs, and reads and writes act as
    /// them (row-level security applies).
    pub user: Viewer,
    /// The region imported into (an agent's own; an admin's choice).
    pub region_id: Uuid,
}

/// One table the import read.
#[derive(Debug, Clone)]
pub struct TableSummary {
    /// File.
    pub file: String,
    /// Sheet, for a workbook.
    pub sheet: Option<String>,
    /// What its rows are.
    pub kind: Kind,
    /// Its data rows.
    pub rows: usize,
}

/// What an import did (or would do) with one kind of row.
#[derive(Debug, Clone, Copy, Default)]
pub struct Count {
    /// Data rows read.
    pub rows: usize,
    /// Rows that create something (in a dry run, or a run that rolled back: would create).
    pub created: usize,
    /// Rows already recorded (a re-import): left as they are.
    pub existing: usize,
    /// Rows with a problem or a likely duplicate.
    pub failed: usize,
    /// Consents recorded (participants only).
    pub consents: usize,
}

/// A participant row that looks like someone already registered.
#[derive(Debug, Clone)]
pub struct Duplicate {
    /// Where the row is (its message is [`Msg::LikelyDuplicate`]).
    pub place: Problem,
    /// The registered people it looks like, best match first.
    pub matches: Vec<ParticipantRow>,
}

/// What an import did, or would do.
#[derive(Debug, Clone)]
pub struct Report {
    /// Whether this was a dry run.
    pub dry_run: bool,
    /// Whether the writes were committed (a real run without any problem or duplicate).
    pub committed: bool,
    /// The tables read.
    pub tables: Vec<TableSummary>,
    /// Per kind, in import order.
    pub counts: Vec<(Kind, Count)>,
    /// Every problem: files, columns, rows. Any problem means nothing is written.
    pub problems: Vec<Problem>,
    /// Warnings (unknown columns, ignored): they do not stop an import.
    pub warnings: Vec<Problem>,
    /// Likely duplicates of registered participants: nothing is written while one is left.
    pub duplicates: Vec<Duplicate>,
}

impl Report {
    /// The count of a kind.
    pub fn count(&self, kind: Kind) -> Count {
        self.counts.iter().find(|(k, _)| *k == kind).map(|(_, c)| *c).unwrap_or_default()
    }
}

/// Why a row is not imported.
enum RowError {
    /// A cell breaks a rule.
    At(Col, Msg),
    /// The row as a whole.
    Row(Msg),
    /// A likely duplicate of registered people.
    Duplicate(Vec<ParticipantRow>),
    /// The service failed: the import stops, nothing is written.
    Fatal(ApiError),
}

impl From<StoreError> for RowError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::NotFound
            | StoreError::MissingReference(_)
            | StoreError::Rejected(_)
            | StoreError::Conflict(_) => RowError::Row(Msg::Refused),
            error if error.is_rule_violation() => {
                // A rule of the database (a CHECK, a foreign key): the row's fault, not the
                // service's. Only the constraint's name is logged (no value).
                tracing::info!(constraint = error.constraint().unwrap_or_default(), "an imported row was refused");
                RowError::Row(Msg::Refused)
            }
            other => RowError::Fatal(other.into()),
        }
    }
}

impl From<ApiError> for RowError {
    fn from(error: ApiError) -> Self {
        RowError::Fatal(error)
    }
}

type RowResult<T> = Result<T, RowError>;

/// How a row ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Done {
    Created,
    Existing,
}

/// What a row of the file stands for, for the rows that name it: the object, or the line of
/// the row that failed.
type Named = Result<Uuid, u32>;

/// How a row names an activity: its cohort, folded title and date.
type ActivityName = (Uuid, String, NaiveDate);

/// Reads the files, checks every row and, for a real run without problems, writes them all in
/// one transaction acting for the importer.
pub async fn import(store: &Store, who: Importer, uploads: &[Upload], dry_run: bool) -> Result<Report, ApiError> {
    let mut report = Report {
        dry_run,
        committed: false,
        tables: Vec::new(),
        counts: Kind::ALL.iter().map(|k| (*k, Count::default())).collect(),
        problems: Vec::new(),
        warnings: Vec::new(),
        duplicates: Vec::new(),
    };
    let mut by_kind: Vec<(Kind, Table, Mapped)> = Vec::new();
    for upload in uploads {
        let tables = match read::read_file(&upload.name, &upload.bytes) {
            Ok(tables) => tables,
            Err(problem) => {
                report.problems.push(problem);
                continue;
            }
        };
        for table in tables {
            match columns::recognise(&table) {
                Err(problem) => report.problems.push(problem),
                Ok((mapped, problems, warnings)) => {
                    report.warnings.extend(warnings);
                    let kind = mapped.kind;
                    if by_kind.iter().any(|(k, _, _)| *k == kind) {
                        let mut problem = Problem::file(&table.file, Msg::TableTwice);
                        problem.sheet = table.sheet.clone();
                        report.problems.push(problem);
                        continue;
                    }
                    report.tables.push(TableSummary {
                        file: table.file.clone(),
                        sheet: table.sheet.clone(),
                        kind,
                        rows: table.rows.len(),
                    });
                    if !problems.is_empty() {
                        // Without its required columns a table's rows cannot be checked.
                        report.problems.extend(problems);
                        continue;
                    }
                    by_kind.push((kind, table, mapped));
                }
            }
        }
    }
    by_kind.sort_by_key(|(kind, _, _)| *kind);

    let mut tx = store.begin(&who.user.scope()).await?;
    let region_visible = !regions::regions_by_ids(&mut tx, &[who.region_id]).await?.is_empty();
    let serves = who.user.serves_region(who.region_id);
    if !region_visible || !serves {
        return Err(ApiError::NotFound("regionId: region not found".into()));
    }
    let mut run = Run {
        tx,
        who,
        today: chrono::Utc::now().date_naive(),
        retention: store.idempotency_retention(),
        cohorts: HashMap::new(),
        partners: HashMap::new(),
        projects: HashMap::new(),
        people_by_email: HashMap::new(),
        people_by_name: HashMap::new(),
        activities: HashMap::new(),
        keys: HashSet::new(),
        created_people: HashMap::new(),
        seen: HashMap::new(),
    };
    for (kind, table, mapped) in &by_kind {
        for row in &table.rows {
            let count = &mut report.counts.iter_mut().find(|(k, _)| k == kind).expect("every kind is counted").1;
            count.rows += 1;
            imports::savepoint(&mut run.tx).await?;
            let result = run.row(*kind, mapped, row, count).await;
            match result {
                Ok(done) => {
                    imports::release_savepoint(&mut run.tx).await?;
                    match done {
                        Done::Created => count.created += 1,
                        Done::Existing => count.existing += 1,
                    }
                }
                Err(RowError::Fatal(error)) => return Err(error),
                Err(error) => {
                    imports::rollback_to_savepoint(&mut run.tx).await?;
                    count.failed += 1;
                    run.failed(*kind, mapped, row);
                    let place = |col: Option<Col>, msg: Msg| {
                        let mut problem = Problem::at(&table.file, table.sheet.as_deref(), row.line, msg);
                        if let Some(index) = col.and_then(|c| mapped.position(c)) {
                            problem.column = Some(column_letter(table.first_column + index));
                            problem.column_name = table.headers.get(index).cloned();
                        }
                        problem
                    };
                    match error {
                        RowError::At(col, msg) => report.problems.push(place(Some(col), msg)),
                        RowError::Row(msg) => report.problems.push(place(None, msg)),
                        RowError::Duplicate(matches) => {
                            report.duplicates.push(Duplicate { place: place(None, Msg::LikelyDuplicate), matches });
                        }
                        RowError::Fatal(_) => unreachable!("handled above"),
                    }
                }
            }
        }
    }
    if !dry_run && report.problems.is_empty() && report.duplicates.is_empty() {
        sismic_store::commit(run.tx).await?;
        report.committed = true;
    } else {
        // A dry run, or a real run with something to fix: nothing is written.
        drop(run.tx);
    }
    let counts: Vec<String> = report
        .counts
        .iter()
        .map(|(k, c)| {
            format!("{k:?}: {} rows, {} new, {} existing, {} failed", c.rows, c.created, c.existing, c.failed)
        })
        .collect();
    tracing::info!(
        dry_run,
        committed = report.committed,
        problems = report.problems.len(),
        duplicates = report.duplicates.len(),
        counts = ?counts,
        "spreadsheet import"
    );
    Ok(report)
}

/// SHA-256 in lowercase hexadecimal.
fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A row's idempotency key and the digest of its content.
struct RowKey {
    operation: &'static str,
    key: String,
    digest: String,
}

/// An import's state while it runs.
struct Run {
    tx: Tx,
    who: Importer,
    today: NaiveDate,
    retention: chrono::Duration,
    cohorts: HashMap<String, Option<CohortRow>>,
    partners: HashMap<String, Option<Uuid>>,
    /// Projects of the file by (cohort, folded name).
    projects: HashMap<(Uuid, String), (u32, Named)>,
    /// People of the file by email (lower case).
    people_by_email: HashMap<String, (u32, Named)>,
    /// People of the file by folded first and last name.
    people_by_name: HashMap<String, Vec<(u32, Named)>>,
    /// Activities of the file by (cohort, folded title, date).
    activities: HashMap<ActivityName, Vec<(u32, Stage, Named)>>,
    /// Explicit keys already met, per kind.
    keys: HashSet<(Kind, String)>,
    /// People this import creates, with their row's line.
    created_people: HashMap<Uuid, u32>,
    /// Rows already met, by kind and identity: their line.
    seen: HashMap<(Kind, String), u32>,
}

/// The text of a cell, if any.
fn text_of(mapped: &Mapped, row: &Row, col: Col) -> Option<String> {
    mapped.cell(&row.cells, col).as_text()
}

fn name_key(first: &str, last: &str) -> String {
    format!("{} {}", columns::fold(first), columns::fold(last))
}

impl Run {
    async fn cohort(&mut self, name: &str) -> RowResult<CohortRow> {
        let folded = columns::fold(name);
        if !self.cohorts.contains_key(&folded) {
            let found = match imports::cohort_by_name(&mut self.tx, self.who.region_id, name).await? {
                Some(id) => regions::cohorts_by_ids(&mut self.tx, &[id]).await?.into_iter().next(),
                None => None,
            };
            self.cohorts.insert(folded.clone(), found);
        }
        self.cohorts[&folded].clone().ok_or(RowError::At(Col::Cohort, Msg::UnknownCohort))
    }

    async fn partner(&mut self, col: Col, name: &str) -> RowResult<Uuid> {
        let folded = columns::fold(name);
        if !self.partners.contains_key(&folded) {
            let found = imports::partners_by_name(&mut self.tx, name).await?;
            self.partners.insert(folded.clone(), (found.len() == 1).then(|| found[0]));
        }
        self.partners[&folded].ok_or(RowError::At(col, Msg::UnknownPartner))
    }

    /// Checks a key (the « Clé » column, else a digest of the row) and claims it: `Some(id)`
    /// when the same row was imported by this user before (within the keys' retention).
    fn row_key(
        &mut self,
        kind: Kind,
        operation: &'static str,
        explicit: Option<String>,
        content: &Value,
    ) -> RowResult<RowKey> {
        let digest = sha256_hex(&content.to_string());
        let key = match explicit {
            Some(key) => {
                v::idempotency_key(Some(&key)).map_err(|_| RowError::At(Col::Key, Msg::TooLong(255)))?;
                if !self.keys.insert((kind, key.clone())) {
                    return Err(RowError::At(Col::Key, Msg::KeyTwice));
                }
                key
            }
            None => format!("import:{}", sha256_hex(&format!("{operation}:{content}"))),
        };
        Ok(RowKey { operation, key, digest })
    }

    /// The object an earlier import of the same row by this user created (within the keys'
    /// retention), read without claiming the key. The same key with other content: a problem.
    async fn replayed(&mut self, key: &RowKey) -> RowResult<Option<Uuid>> {
        let used =
            imports::used_key(&mut self.tx, self.who.user.user_id, key.operation, &key.key, self.retention).await?;
        match used {
            Some((digest, Some(id))) if digest == key.digest => Ok(Some(id)),
            Some((_, Some(_))) => Err(RowError::At(Col::Key, Msg::KeyReused)),
            _ => Ok(None),
        }
    }

    /// Claims the key of a row about to be created: `Some(id)` when a concurrent import of the
    /// same row created it meanwhile.
    async fn claim(&mut self, key: &RowKey) -> RowResult<Option<Uuid>> {
        let key_use = KeyUse {
            user_id: self.who.user.user_id,
            operation: key.operation,
            key: &key.key,
            request_sha256: &key.digest,
        };
        match keys::claim(&mut self.tx, &key_use, self.retention).await {
            Ok(Claim::New) => Ok(None),
            Ok(Claim::Replay(id)) => Ok(Some(id)),
            Err(StoreError::Conflict(_)) => Err(RowError::At(Col::Key, Msg::KeyReused)),
            Err(other) => Err(other.into()),
        }
    }

    async fn complete(&mut self, key: &RowKey, id: Uuid) -> RowResult<()> {
        let key_use = KeyUse {
            user_id: self.who.user.user_id,
            operation: key.operation,
            key: &key.key,
            request_sha256: &key.digest,
        };
        keys::complete(&mut self.tx, &key_use, id).await?;
        Ok(())
    }

    async fn audit(&mut self, entity: &str, id: Uuid, before: Option<Value>, after: Option<Value>) -> RowResult<()> {
        audit::record(
            &mut self.tx,
            &audit::NewEntry {
                user_id: Some(self.who.user.user_id),
                role: self.who.user.role.as_str(),
                operation: OPERATION,
                entity_type: entity,
                entity_id: Some(id),
                region_id: Some(self.who.region_id),
                before,
                after,
            },
        )
        .await?;
        Ok(())
    }

    /// Remembers a row met once: a second row with the same identity is reported.
    fn once(&mut self, kind: Kind, identity: String, line: u32) -> RowResult<()> {
        match self.seen.get(&(kind, identity.clone())) {
            Some(first) => Err(RowError::Row(Msg::SameRowTwice(*first))),
            None => {
                self.seen.insert((kind, identity), line);
                Ok(())
            }
        }
    }

    /// Records that a row failed, for the rows of other kinds that name it.
    fn failed(&mut self, kind: Kind, mapped: &Mapped, row: &Row) {
        let line = row.line;
        match kind {
            Kind::Projects => {
                let cohort = text_of(mapped, row, Col::Cohort).map(|c| columns::fold(&c));
                let cohort = cohort.and_then(|c| self.cohorts.get(&c).cloned().flatten());
                if let (Some(cohort), Some(name)) = (cohort, text_of(mapped, row, Col::ProjectName)) {
                    self.projects.entry((cohort.cohort_id, columns::fold(&name))).or_insert((line, Err(line)));
                }
            }
            Kind::Participants => self.remember_person(mapped, row, Err(line)),
            Kind::Activities => {
                let cohort = text_of(mapped, row, Col::Cohort).map(|c| columns::fold(&c));
                let cohort = cohort.and_then(|c| self.cohorts.get(&c).cloned().flatten());
                let title = text_of(mapped, row, Col::Title);
                let held_on = columns::date(mapped.cell(&row.cells, Col::HeldOn)).ok();
                let stage = text_of(mapped, row, Col::Stage).and_then(|s| columns::stage(&s).ok());
                if let (Some(cohort), Some(title), Some(held_on), Some(stage)) = (cohort, title, held_on, stage) {
                    self.activities.entry((cohort.cohort_id, columns::fold(&title), held_on)).or_default().push((
                        line,
                        stage,
                        Err(line),
                    ));
                }
            }
            Kind::Attendance | Kind::FollowUps => {}
        }
    }

    fn remember_person(&mut self, mapped: &Mapped, row: &Row, named: Named) {
        if let Some(email) = text_of(mapped, row, Col::Email) {
            self.people_by_email.entry(email.to_lowercase()).or_insert((row.line, named));
        }
        if let (Some(first), Some(last)) = (text_of(mapped, row, Col::FirstName), text_of(mapped, row, Col::LastName)) {
            let entries = self.people_by_name.entry(name_key(&first, &last)).or_default();
            // A failed row of someone already met (the same person twice) hides nobody.
            let known = entries.iter().any(|(line, n)| *line == row.line || (named.is_err() && n.is_ok()));
            if !known {
                entries.push((row.line, named));
            }
        }
    }
}
