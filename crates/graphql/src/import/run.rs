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

use super::columns::{self, Col, IfDuplicate, Kind, Mapped};
use super::message::{Msg, Problem};
use super::read::{self, column_letter, Cell, Row, Table};
use crate::error::ApiError;
use chrono::{Datelike, NaiveDate};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use sismic_domain::validation::{self as v, MAX_NAME, MAX_NOTE, MAX_PERSON_NAME, MAX_PROJECT_SUMMARY};
use sismic_domain::{self as domain, ProjectStatus, Role, Stage, MAX_FOLLOW_UP_SUMMARY};
use sismic_store::idempotency::{self as keys, Claim, KeyUse};
use sismic_store::participants::{Lookalike, ParticipantRow, ProfileChange};
use sismic_store::projects::{NewProject, ProjectRow};
use sismic_store::regions::CohortRow;
use sismic_store::{
    activities, audit, follow_ups, imports, participants, privacy, projects, regions, Scope, Store, StoreError, Tx,
};
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
    /// The user (an ADMIN or an AGENT): every write is theirs.
    pub user_id: Uuid,
    /// Their role.
    pub role: Role,
    /// Their region, for an agent.
    pub own_region: Option<Uuid>,
    /// The region imported into (an agent's own; an admin's choice).
    pub region_id: Uuid,
}

impl Importer {
    /// The storage scope acting for the importer (row-level security applies).
    pub fn scope(&self) -> Scope {
        Scope::User { user_id: self.user_id, role: self.role, region_id: self.own_region, partner_id: None }
    }
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

    let mut tx = store.begin(&who.scope()).await?;
    let region_visible = !regions::regions_by_ids(&mut tx, &[who.region_id]).await?.is_empty();
    let serves = who.role == Role::Admin || (who.role == Role::Agent && who.own_region == Some(who.region_id));
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
        let used = imports::used_key(&mut self.tx, self.who.user_id, key.operation, &key.key, self.retention).await?;
        match used {
            Some((digest, Some(id))) if digest == key.digest => Ok(Some(id)),
            Some((_, Some(_))) => Err(RowError::At(Col::Key, Msg::KeyReused)),
            _ => Ok(None),
        }
    }

    /// Claims the key of a row about to be created: `Some(id)` when a concurrent import of the
    /// same row created it meanwhile.
    async fn claim(&mut self, key: &RowKey) -> RowResult<Option<Uuid>> {
        let key_use =
            KeyUse { user_id: self.who.user_id, operation: key.operation, key: &key.key, request_sha256: &key.digest };
        match keys::claim(&mut self.tx, &key_use, self.retention).await {
            Ok(Claim::New) => Ok(None),
            Ok(Claim::Replay(id)) => Ok(Some(id)),
            Err(StoreError::Conflict(_)) => Err(RowError::At(Col::Key, Msg::KeyReused)),
            Err(other) => Err(other.into()),
        }
    }

    async fn complete(&mut self, key: &RowKey, id: Uuid) -> RowResult<()> {
        let key_use =
            KeyUse { user_id: self.who.user_id, operation: key.operation, key: &key.key, request_sha256: &key.digest };
        keys::complete(&mut self.tx, &key_use, id).await?;
        Ok(())
    }

    async fn audit(&mut self, entity: &str, id: Uuid, before: Option<Value>, after: Option<Value>) -> RowResult<()> {
        audit::record(
            &mut self.tx,
            &audit::NewEntry {
                user_id: Some(self.who.user_id),
                role: self.who.role.as_str(),
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

    async fn row(&mut self, kind: Kind, mapped: &Mapped, row: &Row, count: &mut Count) -> RowResult<Done> {
        match kind {
            Kind::Projects => self.project(mapped, row).await,
            Kind::Participants => self.participant(mapped, row, count).await,
            Kind::Activities => self.activity(mapped, row).await,
            Kind::Attendance => self.attendance(mapped, row).await,
            Kind::FollowUps => self.follow_up(mapped, row).await,
        }
    }

    async fn project(&mut self, m: &Mapped, row: &Row) -> RowResult<Done> {
        let cohort_name = required(m, row, Col::Cohort, MAX_NAME)?;
        let name = required(m, row, Col::ProjectName, MAX_NAME)?;
        let stage = match text_of(m, row, Col::Stage) {
            Some(s) => columns::stage(&s).map_err(|msg| RowError::At(Col::Stage, msg))?,
            None => Stage::Revelation,
        };
        let status = match text_of(m, row, Col::Status) {
            Some(s) => columns::status(&s).map_err(|msg| RowError::At(Col::Status, msg))?,
            None => ProjectStatus::Active,
        };
        if status == ProjectStatus::Launched {
            return Err(RowError::At(Col::Status, Msg::LaunchedNotImportable));
        }
        let note = optional(m, row, Col::StatusNote, MAX_NOTE)?;
        let sector = match text_of(m, row, Col::Sector) {
            Some(s) => Some(columns::sector(&s).map_err(|msg| RowError::At(Col::Sector, msg))?),
            None => None,
        };
        let mrc = optional(m, row, Col::Mrc, v::MAX_MRC)?;
        let summary = optional(m, row, Col::Summary, MAX_PROJECT_SUMMARY)?;
        let cohort = self.cohort(&cohort_name).await?;
        let origin = match text_of(m, row, Col::OriginPartner) {
            Some(p) => Some(self.partner(Col::OriginPartner, &p).await?),
            None => None,
        };
        let identity = (cohort.cohort_id, columns::fold(&name));
        self.once(Kind::Projects, format!("{}:{}", identity.0, identity.1), row.line)?;
        let content = json!({ "regionId": self.who.region_id, "cohortId": cohort.cohort_id, "name": name,
                              "originPartnerId": origin, "stage": stage.as_str(), "status": status.as_str(),
                              "note": note, "sector": sector.map(|s| s.as_str()), "mrc": mrc, "summary": summary });
        let key = self.row_key(Kind::Projects, "importProject", text_of(m, row, Col::Key), &content)?;
        // Already recorded (the same cohort and name): left as it is.
        if let Some(id) = imports::project_by_name(&mut self.tx, cohort.cohort_id, &name).await? {
            self.projects.insert(identity, (row.line, Ok(id)));
            return Ok(Done::Existing);
        }
        if let Some(id) = self.claim(&key).await? {
            self.projects.insert(identity, (row.line, Ok(id)));
            return Ok(Done::Existing);
        }
        let actor = Some(self.who.user_id);
        let mut project = projects::insert_project(
            &mut self.tx,
            &NewProject {
                cohort_id: cohort.cohort_id,
                name: &name,
                summary: summary.as_deref(),
                origin_partner_id: origin,
                stage,
                actor,
            },
        )
        .await?;
        if sector.is_some() || mrc.is_some() {
            project =
                projects::set_project_dimensions(&mut self.tx, project.project_id, Some(sector), Some(mrc.as_deref()))
                    .await?;
        }
        self.complete(&key, project.project_id).await?;
        self.audit("Project", project.project_id, None, Some(project_state(&project))).await?;
        if status != ProjectStatus::Active {
            let note = note.unwrap_or_else(|| "Statut importé d’un tableur".to_owned());
            let to = domain::set_status(project.state(), status, Some(&note))
                .map_err(|_| RowError::At(Col::Status, Msg::Refused))?;
            let after = projects::record_transition(&mut self.tx, &project, to, Some(&note), actor).await?;
            self.audit("Project", after.project_id, Some(project_state(&project)), Some(project_state(&after))).await?;
        }
        self.projects.insert(identity, (row.line, Ok(project.project_id)));
        Ok(Done::Created)
    }

    async fn participant(&mut self, m: &Mapped, row: &Row, count: &mut Count) -> RowResult<Done> {
        let first_name = required(m, row, Col::FirstName, MAX_PERSON_NAME)?;
        let last_name = required(m, row, Col::LastName, MAX_PERSON_NAME)?;
        let email = match text_of(m, row, Col::Email) {
            Some(e) => Some(v::email("email", &e).map_err(|_| RowError::At(Col::Email, Msg::BadEmail))?),
            None => None,
        };
        let gender = match text_of(m, row, Col::Gender) {
            Some(g) => Some(columns::gender(&g).map_err(|msg| RowError::At(Col::Gender, msg))?),
            None => None,
        };
        let year = self.today.year();
        let birth_year = match mapped_cell(m, row, Col::BirthYear) {
            Cell::Empty => None,
            cell => {
                let value =
                    columns::integer(cell).map_err(|_| RowError::At(Col::BirthYear, Msg::BadBirthYear(year)))?;
                let value = i32::try_from(value).map_err(|_| RowError::At(Col::BirthYear, Msg::BadBirthYear(year)))?;
                Some(v::birth_year(value, year).map_err(|_| RowError::At(Col::BirthYear, Msg::BadBirthYear(year)))?)
            }
        };
        let mrc = optional(m, row, Col::Mrc, v::MAX_MRC)?;
        let consent_on = match mapped_cell(m, row, Col::ConsentOn) {
            Cell::Empty => None,
            cell => {
                let on = columns::date(cell).map_err(|msg| RowError::At(Col::ConsentOn, msg))?;
                Some(
                    v::not_in_future("givenOn", on, self.today)
                        .map_err(|_| RowError::At(Col::ConsentOn, Msg::FutureDate))?,
                )
            }
        };
        let purposes = match text_of(m, row, Col::Purposes) {
            Some(p) => Some(columns::purposes(&p).map_err(|msg| RowError::At(Col::Purposes, msg))?),
            None => None,
        };
        let consent = match (consent_on, purposes) {
            (Some(on), Some(purposes)) => Some((on, purposes)),
            (None, None) => None,
            (None, Some(_)) => return Err(RowError::At(Col::ConsentOn, Msg::ConsentIncomplete)),
            (Some(_), None) => return Err(RowError::At(Col::Purposes, Msg::ConsentIncomplete)),
        };
        let if_duplicate = match text_of(m, row, Col::IfDuplicate) {
            Some(d) => columns::if_duplicate(&d).map_err(|msg| RowError::At(Col::IfDuplicate, msg))?,
            None => IfDuplicate::Report,
        };
        let identity =
            email.clone().unwrap_or_else(|| format!("{}|{:?}", name_key(&first_name, &last_name), birth_year));
        self.once(Kind::Participants, identity, row.line)?;
        let region_id = self.who.region_id;
        let content = json!({ "regionId": region_id, "firstName": first_name, "lastName": last_name, "email": email,
                              "gender": gender.map(|g| g.as_str()), "birthYear": birth_year, "mrc": mrc,
                              "consent": consent.as_ref().map(|(on, p)| json!({ "givenOn": on, "purposes": p })) });
        let key = self.row_key(Kind::Participants, "importParticipant", text_of(m, row, Col::Key), &content)?;

        // The same person, field for field, is already registered: nothing to create.
        let same =
            imports::participants_named(&mut self.tx, region_id, &first_name, &last_name, email.as_deref(), birth_year)
                .await?;
        let mut existing = same.first().copied();
        if existing.is_none() {
            existing = self.replayed(&key).await?;
        }
        if existing.is_none() {
            let person = Lookalike {
                region_id,
                first_name: &first_name,
                last_name: &last_name,
                email: email.as_deref(),
                birth_year,
            };
            let lookalikes = participants::likely_duplicates(&mut self.tx, &person).await?;
            if if_duplicate == IfDuplicate::Report {
                // Someone this very file registers: the file's own row is named, not a person
                // who (in a dry run) will never have been written.
                if let Some(line) = lookalikes.iter().find_map(|p| self.created_people.get(&p.participant_id)) {
                    return Err(RowError::Row(Msg::LikelyDuplicateInFile(*line)));
                }
            }
            let lookalikes: Vec<ParticipantRow> =
                lookalikes.into_iter().filter(|p| !self.created_people.contains_key(&p.participant_id)).collect();
            match (if_duplicate, lookalikes.len()) {
                (IfDuplicate::Existing, 1) => existing = Some(lookalikes[0].participant_id),
                (IfDuplicate::Existing, _) => return Err(RowError::At(Col::IfDuplicate, Msg::NoSingleExisting)),
                (IfDuplicate::Report, n) if n > 0 => return Err(RowError::Duplicate(lookalikes)),
                _ => {}
            }
        }
        if existing.is_none() {
            existing = self.claim(&key).await?;
        }
        let (id, done) = match existing {
            Some(id) => (id, Done::Existing),
            None => {
                let actor = Some(self.who.user_id);
                let mut person = participants::insert_participant(
                    &mut self.tx,
                    region_id,
                    &first_name,
                    &last_name,
                    email.as_deref(),
                    actor,
                )
                .await?;
                let profile = ProfileChange {
                    gender: gender.map(Some),
                    birth_year: birth_year.map(Some),
                    mrc: mrc.as_deref().map(Some),
                };
                if !profile.is_empty() {
                    person =
                        participants::set_participant_profile(&mut self.tx, person.participant_id, &profile).await?;
                }
                self.complete(&key, person.participant_id).await?;
                // Ids only: the audit trail holds no personal information.
                self.audit("Participant", person.participant_id, None, None).await?;
                self.created_people.insert(person.participant_id, row.line);
                (person.participant_id, Done::Created)
            }
        };
        if let Some((given_on, purposes)) = consent {
            if !privacy::consent_in_force(&mut self.tx, id, given_on, &purposes).await? {
                privacy::insert_consent(&mut self.tx, id, given_on, &purposes, Some(self.who.user_id)).await?;
                self.audit(
                    "Participant",
                    id,
                    None,
                    Some(json!({ "consent": { "givenOn": given_on, "purposes": purposes } })),
                )
                .await?;
                count.consents += 1;
            }
        }
        self.remember_person(m, row, Ok(id));
        Ok(done)
    }

    async fn activity(&mut self, m: &Mapped, row: &Row) -> RowResult<Done> {
        let cohort_name = required(m, row, Col::Cohort, MAX_NAME)?;
        let stage =
            columns::stage(&required(m, row, Col::Stage, MAX_NAME)?).map_err(|msg| RowError::At(Col::Stage, msg))?;
        let title = required(m, row, Col::Title, MAX_NAME)?;
        let held_on = columns::date(mapped_cell(m, row, Col::HeldOn)).map_err(|msg| RowError::At(Col::HeldOn, msg))?;
        let cohort = self.cohort(&cohort_name).await?;
        if held_on < cohort.starts_on || held_on > cohort.ends_on {
            return Err(RowError::At(Col::HeldOn, Msg::OutsideCohort));
        }
        let identity = (cohort.cohort_id, columns::fold(&title), held_on);
        self.once(Kind::Activities, format!("{}:{}:{}:{}", identity.0, stage.as_str(), identity.1, held_on), row.line)?;
        let content =
            json!({ "cohortId": cohort.cohort_id, "stage": stage.as_str(), "title": title, "heldOn": held_on });
        let key = self.row_key(Kind::Activities, "importActivity", text_of(m, row, Col::Key), &content)?;
        let mut existing = imports::activity_matching(&mut self.tx, cohort.cohort_id, Some(stage), &title, held_on)
            .await?
            .first()
            .copied();
        if existing.is_none() {
            existing = self.claim(&key).await?;
        }
        let (id, done) = match existing {
            Some(id) => (id, Done::Existing),
            None => {
                let activity = activities::insert_activity(
                    &mut self.tx,
                    cohort.cohort_id,
                    stage,
                    &title,
                    held_on,
                    Some(self.who.user_id),
                )
                .await?;
                self.complete(&key, activity.activity_id).await?;
                self.audit(
                    "Activity",
                    activity.activity_id,
                    None,
                    Some(json!({ "stage": activity.stage.as_str(), "title": activity.title, "heldOn": activity.held_on })),
                )
                .await?;
                (activity.activity_id, Done::Created)
            }
        };
        self.activities.entry(identity).or_default().push((row.line, stage, Ok(id)));
        Ok(done)
    }

    async fn attendance(&mut self, m: &Mapped, row: &Row) -> RowResult<Done> {
        let cohort_name = required(m, row, Col::Cohort, MAX_NAME)?;
        let title = required(m, row, Col::Activity, MAX_NAME)?;
        let held_on = columns::date(mapped_cell(m, row, Col::ActivityDate))
            .map_err(|msg| RowError::At(Col::ActivityDate, msg))?;
        let email = match text_of(m, row, Col::Email) {
            Some(e) => Some(v::email("email", &e).map_err(|_| RowError::At(Col::Email, Msg::BadEmail))?),
            None => None,
        };
        let names = (text_of(m, row, Col::FirstName), text_of(m, row, Col::LastName));
        if email.is_none() && (names.0.is_none() || names.1.is_none()) {
            let col = if m.has(Col::Email) { Col::Email } else { Col::FirstName };
            return Err(RowError::At(col, Msg::NoPerson));
        }
        let cohort = self.cohort(&cohort_name).await?;
        // The activity: one of the file's, else one already recorded.
        let activity_id = match self.activities.get(&(cohort.cohort_id, columns::fold(&title), held_on)) {
            Some(entries) if entries.len() > 1 => return Err(RowError::At(Col::Activity, Msg::AmbiguousActivity)),
            Some(entries) => match entries[0].2 {
                Ok(id) => id,
                Err(line) => return Err(RowError::At(Col::Activity, Msg::ActivityRowFailed(line))),
            },
            None => {
                let found = imports::activity_matching(&mut self.tx, cohort.cohort_id, None, &title, held_on).await?;
                match found.as_slice() {
                    [id] => *id,
                    [] => return Err(RowError::At(Col::Activity, Msg::UnknownActivity)),
                    _ => return Err(RowError::At(Col::Activity, Msg::AmbiguousActivity)),
                }
            }
        };
        // The person: one of the file's, else one already registered.
        let region_id = self.who.region_id;
        let person_col = if email.is_some() { Col::Email } else { Col::LastName };
        let in_file = match (&email, &names) {
            (Some(email), _) => self.people_by_email.get(email).map(|(_, named)| vec![*named]),
            (None, (Some(first), Some(last))) => {
                self.people_by_name.get(&name_key(first, last)).map(|entries| entries.iter().map(|(_, n)| *n).collect())
            }
            _ => None,
        };
        let participant_id = match in_file.as_deref() {
            Some([Ok(id)]) => *id,
            Some([Err(line)]) => return Err(RowError::At(person_col, Msg::PersonRowFailed(*line))),
            Some(_) => return Err(RowError::At(person_col, Msg::AmbiguousParticipant)),
            None => {
                let found = match (&email, &names) {
                    (Some(email), _) => imports::participants_by_email(&mut self.tx, region_id, email).await?,
                    (None, (Some(first), Some(last))) => {
                        imports::participants_named(&mut self.tx, region_id, first, last, None, None).await?
                    }
                    _ => Vec::new(),
                };
                match found.as_slice() {
                    [id] => *id,
                    [] => return Err(RowError::At(person_col, Msg::UnknownParticipant)),
                    _ => return Err(RowError::At(person_col, Msg::AmbiguousParticipant)),
                }
            }
        };
        let activity = activities::activities_by_ids(&mut self.tx, &[activity_id])
            .await?
            .into_iter()
            .next()
            .ok_or(RowError::At(Col::Activity, Msg::UnknownActivity))?;
        let added = activities::insert_attendance(&mut self.tx, &activity, &[participant_id]).await?;
        if added == 0 {
            return Ok(Done::Existing);
        }
        self.audit(
            "Activity",
            activity.activity_id,
            None,
            Some(json!({ "participantIds": [participant_id], "added": added })),
        )
        .await?;
        Ok(Done::Created)
    }

    async fn follow_up(&mut self, m: &Mapped, row: &Row) -> RowResult<Done> {
        let occurred_on =
            columns::date(mapped_cell(m, row, Col::OccurredOn)).map_err(|msg| RowError::At(Col::OccurredOn, msg))?;
        let occurred_on = v::not_in_future("occurredOn", occurred_on, self.today)
            .map_err(|_| RowError::At(Col::OccurredOn, Msg::FutureDate))?;
        let mode =
            columns::mode(&required(m, row, Col::Mode, MAX_NAME)?).map_err(|msg| RowError::At(Col::Mode, msg))?;
        let summary = required(m, row, Col::Summary, MAX_FOLLOW_UP_SUMMARY)?;
        let duration_minutes = match mapped_cell(m, row, Col::Duration) {
            Cell::Empty => None,
            cell => {
                let minutes = columns::integer(cell).map_err(|_| RowError::At(Col::Duration, Msg::BadDuration))?;
                let minutes = i32::try_from(minutes).map_err(|_| RowError::At(Col::Duration, Msg::BadDuration))?;
                v::duration_minutes(Some(minutes)).map_err(|_| RowError::At(Col::Duration, Msg::BadDuration))?
            }
        };
        let project_name = optional(m, row, Col::Project, MAX_NAME)?;
        let partner = match text_of(m, row, Col::Partner) {
            Some(p) => Some(self.partner(Col::Partner, &p).await?),
            None => None,
        };
        let project_id = match project_name {
            None => None,
            Some(name) => {
                let cohort_name =
                    text_of(m, row, Col::Cohort).ok_or(RowError::At(Col::Cohort, Msg::ProjectWithoutCohort))?;
                let cohort = self.cohort(&cohort_name).await?;
                match self.projects.get(&(cohort.cohort_id, columns::fold(&name))) {
                    Some((_, Ok(id))) => Some(*id),
                    Some((_, Err(line))) => return Err(RowError::At(Col::Project, Msg::ProjectRowFailed(*line))),
                    None => Some(
                        imports::project_by_name(&mut self.tx, cohort.cohort_id, &name)
                            .await?
                            .ok_or(RowError::At(Col::Project, Msg::UnknownProject))?,
                    ),
                }
            }
        };
        if project_id.is_none() && partner.is_none() {
            let col = if m.has(Col::Project) { Col::Project } else { Col::Partner };
            return Err(RowError::At(col, Msg::NoProjectNorPartner));
        }
        let region_id = self.who.region_id;
        let content = json!({ "regionId": region_id, "projectId": project_id, "partnerId": partner, "occurredOn": occurred_on,
                              "mode": mode, "summary": summary, "durationMinutes": duration_minutes });
        let key = self.row_key(Kind::FollowUps, "importFollowUp", text_of(m, row, Col::Key), &content)?;
        self.once(Kind::FollowUps, key.digest.clone(), row.line)?;
        let existing = imports::follow_up_matching(
            &mut self.tx,
            region_id,
            project_id,
            partner,
            occurred_on,
            mode,
            &summary,
            duration_minutes,
        )
        .await?;
        if existing.is_some() {
            return Ok(Done::Existing);
        }
        // A key this user gave a row before (within the keys' retention): the same follow-up
        // is left as it is, another one is a problem.
        if self.claim(&key).await?.is_some() {
            return Ok(Done::Existing);
        }
        let logged = follow_ups::insert_follow_up(
            &mut self.tx,
            &follow_ups::NewFollowUp {
                region_id,
                project_id,
                partner_id: partner,
                occurred_on,
                mode,
                summary: &summary,
                duration_minutes,
                created_by: self.who.user_id,
            },
        )
        .await?;
        self.complete(&key, logged.follow_up_id).await?;
        let f = &logged;
        self.audit(
            "FollowUp",
            f.follow_up_id,
            None,
            Some(json!({ "projectId": f.project_id, "partnerId": f.partner_id, "occurredOn": f.occurred_on, "mode": f.mode })),
        )
        .await?;
        Ok(Done::Created)
    }
}

fn mapped_cell<'r>(m: &Mapped, row: &'r Row, col: Col) -> &'r Cell {
    m.cell(&row.cells, col)
}

/// A required text cell: trimmed, 1 to `max` characters (the domain's rule).
fn required(m: &Mapped, row: &Row, col: Col, max: usize) -> RowResult<String> {
    let text = text_of(m, row, col).ok_or(RowError::At(col, Msg::Required))?;
    v::required_text("value", &text, max).map_err(|_| RowError::At(col, Msg::TooLong(max)))
}

/// An optional text cell: trimmed, at most `max` characters.
fn optional(m: &Mapped, row: &Row, col: Col, max: usize) -> RowResult<Option<String>> {
    match text_of(m, row, col) {
        None => Ok(None),
        Some(text) => v::optional_text("value", Some(&text), max).map_err(|_| RowError::At(col, Msg::TooLong(max))),
    }
}

/// What the audit log keeps of a project (as the mutations do): its state, no free text.
fn project_state(project: &ProjectRow) -> Value {
    json!({
        "name": project.name,
        "stage": project.stage.as_str(),
        "status": project.status.as_str(),
        "version": project.version,
        "cohortId": project.cohort_id,
        "originPartnerId": project.origin_partner_id,
    })
}
