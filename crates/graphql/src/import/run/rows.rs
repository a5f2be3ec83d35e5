//! The rows of each kind (projects, participants, activities, attendance, follow-ups): each
//! checked by the domain's rules and written by the store functions the mutations use.

use super::{name_key, text_of, Count, Done, RowError, RowResult, Run};
use crate::import::columns::{self, Col, IfDuplicate, Kind, Mapped};
use crate::import::message::Msg;
use crate::import::read::{Cell, Row};
use crate::mutation::projects::project_state;
use chrono::Datelike;
use serde_json::json;
use sismic_domain::validation::{self as v, MAX_NAME, MAX_NOTE, MAX_PERSON_NAME, MAX_PROJECT_SUMMARY};
use sismic_domain::{self as domain, ProjectStatus, Stage, MAX_FOLLOW_UP_SUMMARY};
use sismic_store::participants::{Lookalike, ParticipantRow, ProfileChange};
use sismic_store::projects::NewProject;
use sismic_store::{activities, follow_ups, imports, participants, privacy, projects};

impl Run {
    /// Checks and writes one row of `kind`, with the rules of its kind.
    pub(super) async fn row(&mut self, kind: Kind, mapped: &Mapped, row: &Row, count: &mut Count) -> RowResult<Done> {
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
        let actor = Some(self.who.user.user_id);
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
                let actor = Some(self.who.user.user_id);
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
                privacy::insert_consent(&mut self.tx, id, given_on, &purposes, Some(self.who.user.user_id)).await?;
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
                    Some(self.who.user.user_id),
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
                created_by: self.who.user.user_id,
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
