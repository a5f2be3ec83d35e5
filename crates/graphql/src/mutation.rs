//! Write operations. Each runs in one transaction: it either does everything it says or, on
//! any error, writes nothing.

use crate::auth::{
    hash_password, verify_password, ClientAddress, PasswordHashing, Viewer, MAX_EMAIL_LENGTH, MAX_PASSWORD_LENGTH,
};
use crate::context::{found, ContextExt};
use crate::enums::{ConsentPurpose, FollowUpMode, Gender, LegalForm, PartnerKind, ProjectStatus, Role, Sector, Stage};
use crate::error::{ApiError, ApiResult};
use crate::idempotency::{self, IdempotencyKey};
use crate::ids::{self, Kind};
use crate::scalars::{Date, DateTime};
use crate::types::{Activity, Award, Cohort, FollowUp, Participant, Partner, Project, Region, User};
use async_graphql::{Context, InputObject, MaybeUndefined, Object, SimpleObject, ID};
use chrono::{Datelike, Utc};
use secrecy::{ExposeSecret, SecretString};
use serde_json::json;
use sismic_domain::validation::{self as v, MAX_NAME, MAX_NOTE, MAX_PERSON_NAME, MAX_PROJECT_SUMMARY};
use sismic_domain::{self as domain, ProjectState, TransitionError, MAX_FOLLOW_UP_SUMMARY};
use sismic_store::participants::ProfileChange;
use sismic_store::projects::{LaunchRow, NewProject, ProjectRow};
use sismic_store::{
    activities, audit, commit, follow_ups, participants, partners, privacy, projects, regions, users, Scope,
    StoreError, Tx,
};
use uuid::Uuid;

/// The root of every write.
#[derive(Default)]
pub struct Mutation;

/// A token for the API.
#[derive(SimpleObject)]
pub struct LoginPayload {
    /// Send it as `Authorization: Bearer <token>`.
    pub token: String,
    /// When it stops being accepted; sign in again then.
    pub expires_at: DateTime,
    /// The signed-in user.
    pub user: User,
    /// True when the password used is a one-time password an administrator set
    /// (`resetUserPassword`): call `changePassword` (with it as `currentPassword`) first. Until
    /// then every operation but `changePassword`, `me` and `logout` answers `FORBIDDEN` with
    /// `extensions.reason` `PASSWORD_CHANGE_REQUIRED`. The same as `user.mustChangePassword`.
    pub must_change_password: bool,
}

/// Result of `resetUserPassword`.
#[derive(SimpleObject)]
pub struct ResetUserPasswordPayload {
    /// The account, now with `mustChangePassword: true`.
    pub user: User,
    /// The one-time password (20 letters and digits in groups of five, about 99 bits of
    /// randomness). Given this once: the server keeps only its hash, and a new reset gives a
    /// new one. Pass it to the user by a channel of its own, never in a URL or a log.
    pub one_time_password: String,
    /// When it stops being accepted at sign-in (seven days); reset again after that.
    pub expires_at: DateTime,
}

/// Result of a mutation on a region.
#[derive(SimpleObject)]
pub struct RegionPayload {
    /// The region.
    pub region: Region,
}

/// Result of a mutation on a user.
#[derive(SimpleObject)]
pub struct UserPayload {
    /// The user.
    pub user: User,
}

/// Result of a mutation on a partner.
#[derive(SimpleObject)]
pub struct PartnerPayload {
    /// The partner.
    pub partner: Partner,
}

/// Result of a mutation on a cohort.
#[derive(SimpleObject)]
pub struct CohortPayload {
    /// The cohort.
    pub cohort: Cohort,
}

/// Result of a mutation on a project.
#[derive(SimpleObject)]
pub struct ProjectPayload {
    /// The project, as it is after the change.
    pub project: Project,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written. Always false for mutations without an idempotency key.
    pub replayed: bool,
}

/// Result of a mutation on a participant.
#[derive(SimpleObject)]
pub struct ParticipantPayload {
    /// The participant.
    pub participant: Participant,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written. Always false for mutations without an idempotency key.
    pub replayed: bool,
}

/// Result of a mutation on an activity.
#[derive(SimpleObject)]
pub struct ActivityPayload {
    /// The activity, with its attendance.
    pub activity: Activity,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written. Always false for mutations without an idempotency key.
    pub replayed: bool,
}

/// Result of logging a follow-up.
#[derive(SimpleObject)]
pub struct FollowUpPayload {
    /// The follow-up.
    pub follow_up: FollowUp,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written.
    pub replayed: bool,
}

/// Result of recording an award.
#[derive(SimpleObject)]
pub struct AwardPayload {
    /// The award.
    pub award: Award,
    /// True when this request replayed an earlier one with the same `idempotencyKey`: nothing
    /// new was written. Always false for mutations without an idempotency key.
    pub replayed: bool,
}

/// A new region (ADMIN).
#[derive(InputObject)]
pub struct CreateRegionInput {
    /// Short code, 2 to 16 letters, digits or dashes, e.g. `CQ` (stored in upper case).
    pub code: String,
    /// Name, e.g. `Centre-du-Québec`.
    pub name: String,
}

/// A new account (ADMIN).
#[derive(InputObject)]
pub struct CreateUserInput {
    /// Sign-in email (unique, case-insensitive).
    pub email: String,
    /// At least 10 characters.
    pub password: SecretString,
    /// Role.
    pub role: Role,
    /// Required for an AGENT; not allowed otherwise.
    pub region_id: Option<ID>,
    /// Required for a PARTNER; optional for a FUNDER (its funder partner); not allowed otherwise.
    pub partner_id: Option<ID>,
}

/// Changes to a region (ADMIN). An omitted field keeps its value.
#[derive(InputObject)]
pub struct UpdateRegionInput {
    /// Region.
    pub region_id: ID,
    /// New code, 2 to 16 letters, digits or dashes (stored in upper case); unique.
    pub code: Option<String>,
    /// New name.
    pub name: Option<String>,
}

/// Changes to a partner institution (ADMIN: partners are shared by every region). An omitted
/// field keeps its value.
#[derive(InputObject)]
pub struct UpdatePartnerInput {
    /// Partner.
    pub partner_id: ID,
    /// New name (unique, case-insensitive).
    pub name: Option<String>,
    /// New kind of institution.
    pub kind: Option<PartnerKind>,
}

/// Changes to a cohort (ADMIN; agents in their region). An omitted field keeps its value; its
/// region never changes.
#[derive(InputObject)]
pub struct UpdateCohortInput {
    /// Cohort.
    pub cohort_id: ID,
    /// New name, unique in the region.
    pub name: Option<String>,
    /// New first day; the cohort's activities must stay within its dates.
    pub starts_on: Option<Date>,
    /// New last day, not before the first.
    pub ends_on: Option<Date>,
}

/// A new partner institution (ADMIN and agents).
#[derive(InputObject)]
pub struct CreatePartnerInput {
    /// Name (unique, case-insensitive).
    pub name: String,
    /// Kind of institution.
    pub kind: PartnerKind,
}

/// A new cohort (ADMIN; agents in their region).
#[derive(InputObject)]
pub struct CreateCohortInput {
    /// Region.
    pub region_id: ID,
    /// Name, unique in the region, e.g. `2020-2021`.
    pub name: String,
    /// First day.
    pub starts_on: Date,
    /// Last day, not before `startsOn`.
    pub ends_on: Date,
}

/// A new project (ADMIN; agents in their region).
#[derive(InputObject)]
pub struct CreateProjectInput {
    /// Cohort; the project belongs to its region.
    pub cohort_id: ID,
    /// Name, unique in the cohort.
    pub name: String,
    /// The partner institution the project came from.
    pub origin_partner_id: Option<ID>,
    /// Starting stage; REVELATION when omitted.
    pub stage: Option<Stage>,
    /// What the project is about (up to 5,000 characters).
    pub summary: Option<String>,
    /// Sector of activity (for reports).
    pub sector: Option<Sector>,
    /// MRC (regional county municipality) the project is based in, e.g. "Drummond" (up to 100
    /// characters).
    pub mrc: Option<String>,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Changes to a project's description (not its stage or status).
#[derive(InputObject)]
pub struct UpdateProjectInput {
    /// Project.
    pub project_id: ID,
    /// New name, if changing.
    pub name: Option<String>,
    /// New summary; null clears it; omitted keeps it.
    pub summary: MaybeUndefined<String>,
    /// New origin partner; null clears it; omitted keeps it.
    pub origin_partner_id: MaybeUndefined<ID>,
    /// New sector of activity; null clears it; omitted keeps it.
    pub sector: MaybeUndefined<Sector>,
    /// New MRC; null clears it; omitted keeps it.
    pub mrc: MaybeUndefined<String>,
}

/// Move a project one stage forward.
#[derive(InputObject)]
pub struct AdvanceProjectStageInput {
    /// Project.
    pub project_id: ID,
    /// The `version` the change is based on.
    pub expected_version: i32,
    /// Optional note.
    pub note: Option<String>,
}

/// Move a project one stage forward, or back any number of stages with a note.
#[derive(InputObject)]
pub struct MoveProjectStageInput {
    /// Project.
    pub project_id: ID,
    /// Target stage.
    pub to_stage: Stage,
    /// The `version` the change is based on.
    pub expected_version: i32,
    /// Why; required (not only white space) when moving back.
    pub note: Option<String>,
}

/// Change a project's status.
#[derive(InputObject)]
pub struct SetProjectStatusInput {
    /// Project.
    pub project_id: ID,
    /// ACTIVE, ON_HOLD, ABANDONED or REFERRED_OUT (LAUNCHED comes from `recordEnterpriseLaunch`).
    pub status: ProjectStatus,
    /// The `version` the change is based on.
    pub expected_version: i32,
    /// Why; required, not only white space.
    pub note: Option<String>,
}

/// Record the collective enterprise a project became.
#[derive(InputObject)]
pub struct RecordEnterpriseLaunchInput {
    /// Project, ACTIVE and in PROTOTYPING.
    pub project_id: ID,
    /// The `version` the change is based on.
    pub expected_version: i32,
    /// Registered name.
    pub legal_name: String,
    /// Co-operative or non-profit.
    pub legal_form: LegalForm,
    /// Date of incorporation, not in the future.
    pub launched_on: Date,
    /// Quebec enterprise number (10 digits), if known.
    pub neq: Option<String>,
}

/// A new participant (ADMIN and agents).
#[derive(InputObject)]
pub struct RegisterParticipantInput {
    /// Region that serves them; an agent may omit it (their own region).
    pub region_id: Option<ID>,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Email, optional.
    pub email: Option<String>,
    /// Gender, as the person states it (personal information; reports only show aggregates).
    pub gender: Option<Gender>,
    /// Birth year, 1900 to this year (reports use it for age bands; no birth date is kept).
    pub birth_year: Option<i32>,
    /// MRC (regional county municipality) where they live, e.g. "Arthabaska" (up to 100 characters).
    pub mrc: Option<String>,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Corrections to a participant's identity.
#[derive(InputObject)]
pub struct UpdateParticipantInput {
    /// Participant.
    pub participant_id: ID,
    /// New first name, if changing.
    pub first_name: Option<String>,
    /// New last name, if changing.
    pub last_name: Option<String>,
    /// New email; null clears it; omitted keeps it.
    pub email: MaybeUndefined<String>,
    /// New gender; null clears it; omitted keeps it.
    pub gender: MaybeUndefined<Gender>,
    /// New birth year; null clears it; omitted keeps it.
    pub birth_year: MaybeUndefined<i32>,
    /// New MRC; null clears it; omitted keeps it.
    pub mrc: MaybeUndefined<String>,
}

/// A participant and a project, to join or leave its team.
#[derive(InputObject)]
pub struct ProjectMemberInput {
    /// Project.
    pub project_id: ID,
    /// Participant, of the project's region.
    pub participant_id: ID,
}

/// A consent given by a participant.
#[derive(InputObject)]
pub struct RecordConsentInput {
    /// Participant.
    pub participant_id: ID,
    /// Date the consent was given, not in the future.
    pub given_on: Date,
    /// What they consented to (at least one).
    pub purposes: Vec<ConsentPurpose>,
}

/// A new activity of the pathway.
#[derive(InputObject)]
pub struct CreateActivityInput {
    /// Cohort.
    pub cohort_id: ID,
    /// Stage it belongs to.
    pub stage: Stage,
    /// Title.
    pub title: String,
    /// Date held, within the cohort's dates.
    pub held_on: Date,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// Participants present at an activity.
#[derive(InputObject)]
pub struct RecordAttendanceInput {
    /// Activity.
    pub activity_id: ID,
    /// 1 to 500 participants of the activity's region; those already recorded are left as is.
    pub participant_ids: Vec<ID>,
}

/// A follow-up to log.
#[derive(InputObject)]
pub struct LogFollowUpInput {
    /// Project (a project follow-up). At least one of `projectId`, `partnerId`.
    pub project_id: Option<ID>,
    /// Partner met (a partner follow-up when there is no project).
    pub partner_id: Option<ID>,
    /// Region, required only from an ADMIN logging a follow-up without a project.
    pub region_id: Option<ID>,
    /// Date it happened, not in the future.
    pub occurred_on: Date,
    /// How it took place.
    pub mode: FollowUpMode,
    /// What was discussed, 1 to 2,000 characters.
    pub summary: String,
    /// Length, 1 to 1,440 minutes.
    pub duration_minutes: Option<i32>,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first follow-up and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

/// An award to a project.
#[derive(InputObject)]
pub struct RecordAwardInput {
    /// Project.
    pub project_id: ID,
    /// The funder, a partner of kind FUNDER.
    pub funder_partner_id: ID,
    /// Amount in cents, 1 to 100,000,000.
    pub amount_cents: i32,
    /// Date awarded.
    pub awarded_on: Date,
    /// 1 to 255 characters, scoped to the user: a retry with the same key and input returns the
    /// first object (`replayed: true`) and writes nothing; with another input it is `CONFLICT`.
    pub idempotency_key: Option<String>,
}

fn staff<'a>(ctx: &'a Context<'_>) -> ApiResult<&'a Viewer> {
    let viewer = ctx.viewer()?;
    viewer.require_staff()?;
    Ok(viewer)
}

fn today() -> chrono::NaiveDate {
    Utc::now().date_naive()
}

/// The bounded password hashing of the schema.
fn password_hashing<'c>(ctx: &Context<'c>) -> &'c PasswordHashing {
    ctx.data_unchecked::<PasswordHashing>()
}

/// Locks a project, checks the expected version, applies a domain rule and records the change.
/// Returns the open transaction so the caller can add to it before committing.
async fn transition(
    ctx: &Context<'_>,
    project_id: &ID,
    expected_version: i32,
    note: Option<&str>,
    rule: impl FnOnce(ProjectState) -> Result<ProjectState, TransitionError>,
) -> ApiResult<(Tx, ProjectRow, ProjectRow)> {
    let viewer = staff(ctx)?;
    let project_id = ids::decode("projectId", Kind::Project, project_id)?;
    let note = v::optional_text("note", note, MAX_NOTE)?;
    let mut tx = ctx.begin().await?;
    let current = projects::lock_project(&mut tx, project_id).await.map_err(ApiError::naming("project"))?;
    if current.version != expected_version {
        return Err(ApiError::Conflict(format!(
            "the project is at version {}, not {expected_version}: someone changed it meanwhile; reload it and retry",
            current.version
        )));
    }
    let to = rule(current.state())?;
    let updated = projects::record_transition(&mut tx, &current, to, note.as_deref(), Some(viewer.user_id)).await?;
    Ok((tx, current, updated))
}

/// What the audit log keeps of a project: its state, never free text about people.
fn project_state(project: &ProjectRow) -> serde_json::Value {
    serde_json::json!({
        "name": project.name,
        "stage": project.stage.as_str(),
        "status": project.status.as_str(),
        "version": project.version,
        "cohortId": project.cohort_id,
        "originPartnerId": project.origin_partner_id,
    })
}

/// Appends the audit entry of the mutation being resolved (its field name is the operation).
async fn audit(
    ctx: &Context<'_>,
    tx: &mut Tx,
    kind: Kind,
    id: Uuid,
    region_id: Option<Uuid>,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> ApiResult<()> {
    let viewer = ctx.viewer()?;
    audit::record(
        tx,
        &audit::NewEntry {
            user_id: Some(viewer.user_id),
            role: viewer.role.as_str(),
            operation: ctx.field().name(),
            entity_type: kind.name(),
            entity_id: Some(id),
            region_id,
            before,
            after,
        },
    )
    .await?;
    Ok(())
}

/// Audits a project change and commits it.
async fn finish_project(
    ctx: &Context<'_>,
    mut tx: Tx,
    before: Option<&ProjectRow>,
    project: ProjectRow,
) -> ApiResult<ProjectPayload> {
    audit(
        ctx,
        &mut tx,
        Kind::Project,
        project.project_id,
        Some(project.region_id),
        before.map(project_state),
        Some(project_state(&project)),
    )
    .await?;
    commit(tx).await?;
    Ok(ProjectPayload { project: Project(project), replayed: false })
}

/// A visible project in the viewer's transaction, or `NOT_FOUND`.
async fn visible_project(tx: &mut Tx, field: &str, id: Uuid) -> ApiResult<ProjectRow> {
    let rows = projects::projects_by_ids(tx, &[id]).await?;
    rows.into_iter().next().ok_or_else(|| ApiError::NotFound(format!("{field}: project not found")))
}

#[Object]
impl Mutation {
    /// Signs in. The same `UNAUTHENTICATED` answer for an unknown email, a wrong password and a
    /// deactivated account, so that nobody can probe which emails exist.
    ///
    /// Every attempt is counted before the password is checked, per email and per client
    /// address: past `SISMIC_LOGIN_MAX_FAILURES` attempts for an email (or
    /// `SISMIC_LOGIN_MAX_FAILURES_PER_ADDRESS` from one address) within the window, sign-ins
    /// are refused with `RATE_LIMITED` for a while, whether or not the account exists; a
    /// successful sign-in clears the email's count. One `login` per request, never in a batch.
    ///
    /// After `resetUserPassword`, the one-time password signs in (until its expiry) with
    /// `mustChangePassword: true`: change it first.
    async fn login(&self, ctx: &Context<'_>, email: String, password: SecretString) -> ApiResult<LoginPayload> {
        let refused = ApiError::Unauthenticated("invalid email or password");
        if email.chars().count() > MAX_EMAIL_LENGTH {
            return Err(ApiError::bad_input("email", &format!("must be at most {MAX_EMAIL_LENGTH} characters")));
        }
        if password.expose_secret().chars().count() > MAX_PASSWORD_LENGTH {
            return Err(refused);
        }
        let store = ctx.store().clone();
        let throttle = *ctx.data_unchecked::<users::Throttle>();
        let email_key = email.trim().to_lowercase();
        let email_throttle = users::email_throttle_key(&email_key);
        let address_throttle = ctx.data_opt::<ClientAddress>().map(|a| users::address_throttle_key(a.0));
        let now = Utc::now();
        // Count first, in its own transaction, committed before the (slow) password check:
        // concurrent attempts see each other's counts.
        let mut tx = store.begin(&Scope::System).await?;
        let by_email =
            users::count_login_attempt(&mut tx, &email_throttle, throttle.max_failures, now, &throttle).await?;
        let mut by_address = users::Attempt::Allowed;
        if let Some(key) = &address_throttle {
            by_address =
                users::count_login_attempt(&mut tx, key, throttle.max_failures_per_address, now, &throttle).await?;
        }
        let credentials = users::credentials_by_email(&mut tx, &email_key).await?;
        commit(tx).await?;
        if by_email == users::Attempt::Refused || by_address == users::Attempt::Refused {
            if let Some(metrics) = ctx.data_opt::<crate::metrics::Metrics>() {
                let limit = if by_address == users::Attempt::Refused {
                    crate::metrics::ThrottleLimit::Address
                } else {
                    crate::metrics::ThrottleLimit::Email
                };
                metrics.login_throttled(limit);
            }
            return Err(ApiError::RateLimited("too many failed sign-ins: wait a few minutes and retry"));
        }
        let hash = credentials.as_ref().map(|c| c.password_hash.clone());
        let valid = password_hashing(ctx)
            .run(store.deadline(), move || verify_password(password.expose_secret(), hash.as_deref()))
            .await?;
        // A one-time password past its expiry is refused like a wrong one.
        let expired = |c: &users::Credentials| c.user.password_expires_at.is_some_and(|at| at <= now);
        let Some(credentials) = credentials.filter(|c| valid && c.user.active && !expired(c)) else {
            return Err(refused);
        };
        let mut tx = store.begin(&Scope::System).await?;
        users::record_login_success(&mut tx, &email_throttle, address_throttle.as_deref()).await?;
        let user = credentials.user;
        audit::record(
            &mut tx,
            &audit::NewEntry {
                user_id: Some(user.user_id),
                role: user.role.as_str(),
                operation: "login",
                entity_type: "User",
                entity_id: Some(user.user_id),
                region_id: user.region_id,
                before: None,
                after: None,
            },
        )
        .await?;
        commit(tx).await?;
        let viewer = Viewer {
            user_id: user.user_id,
            role: user.role,
            region_id: user.region_id,
            partner_id: user.partner_id,
            token_version: user.token_version,
        };
        let (token, expires_at) = ctx.token_keys().issue(&viewer, now)?;
        let must_change_password = user.must_change_password;
        Ok(LoginPayload { token, expires_at: DateTime(expires_at), user: User(user), must_change_password })
    }

    /// Ends every session of the signed-in user: all their tokens, this one included, stop
    /// working.
    async fn logout(&self, ctx: &Context<'_>) -> ApiResult<bool> {
        let viewer = *ctx.viewer()?;
        let mut tx = ctx.begin().await?;
        users::revoke_tokens(&mut tx, viewer.user_id).await?;
        audit(ctx, &mut tx, Kind::User, viewer.user_id, viewer.region_id, None, None).await?;
        commit(tx).await?;
        Ok(true)
    }

    /// Changes the signed-in user's password; every earlier token stops working (sign in again
    /// with the new one). After a reset, `currentPassword` is the one-time password, and this
    /// ends the obligation to change it (`mustChangePassword` becomes false). The new password
    /// is at least 10 characters and differs from the current one.
    async fn change_password(
        &self,
        ctx: &Context<'_>,
        current_password: SecretString,
        new_password: SecretString,
    ) -> ApiResult<bool> {
        let viewer = *ctx.viewer()?;
        v::password(new_password.expose_secret()).map_err(|e| ApiError::bad_input("newPassword", &e.message))?;
        if new_password.expose_secret() == current_password.expose_secret() {
            return Err(ApiError::bad_input("newPassword", "must differ from the current password"));
        }
        let mut tx = ctx.begin().await?;
        let email: Option<String> =
            users::users_by_ids(&mut tx, &[viewer.user_id]).await?.into_iter().next().map(|u| u.email);
        let email = found(email, "user")?;
        let credentials = users::credentials_by_email(&mut tx, &email).await?;
        let hash = credentials.map(|c| c.password_hash);
        let hashing = password_hashing(ctx);
        let deadline = ctx.store().deadline();
        let valid =
            hashing.run(deadline, move || verify_password(current_password.expose_secret(), hash.as_deref())).await?;
        if !valid {
            return Err(ApiError::bad_input("currentPassword", "is not your current password"));
        }
        let new_hash = hashing.run(deadline, move || hash_password(new_password.expose_secret())).await??;
        users::set_password(&mut tx, viewer.user_id, &new_hash).await?;
        audit(ctx, &mut tx, Kind::User, viewer.user_id, viewer.region_id, None, None).await?;
        commit(tx).await?;
        Ok(true)
    }

    /// Deactivates or reactivates an account (ADMIN). Deactivation ends its sessions at once.
    /// Asking for the state the account is already in changes nothing.
    async fn set_user_active(&self, ctx: &Context<'_>, user_id: ID, active: bool) -> ApiResult<UserPayload> {
        ctx.viewer()?.require_admin()?;
        let id = ids::decode("userId", Kind::User, &user_id)?;
        let mut tx = ctx.begin().await?;
        let before = found(users::users_by_ids(&mut tx, &[id]).await?.into_iter().next(), "user")?;
        if before.active == active {
            // Already so: nothing changes (no revocation, no audit entry).
            commit(tx).await?;
            return Ok(UserPayload { user: User(before) });
        }
        let user = users::set_active(&mut tx, id, active).await?;
        audit(
            ctx,
            &mut tx,
            Kind::User,
            id,
            user.region_id,
            Some(serde_json::json!({ "active": before.active })),
            Some(serde_json::json!({ "active": user.active })),
        )
        .await?;
        commit(tx).await?;
        Ok(UserPayload { user: User(user) })
    }

    /// Resets a user's password (ADMIN): the answer carries a random one-time password, given
    /// this once, valid seven days, which the user must change at their next sign-in (until
    /// then they may only `changePassword`, read `me` and sign out). Every session of the user
    /// ends at once. An administrator changes their own password with `changePassword`.
    async fn reset_user_password(&self, ctx: &Context<'_>, user_id: ID) -> ApiResult<ResetUserPasswordPayload> {
        let viewer = *ctx.viewer()?;
        viewer.require_admin()?;
        let id = ids::decode("userId", Kind::User, &user_id)?;
        if id == viewer.user_id {
            return Err(ApiError::bad_input("userId", "is your own account: change your password with changePassword"));
        }
        let mut tx = ctx.begin().await?;
        let before = found(users::users_by_ids(&mut tx, &[id]).await?.into_iter().next(), "user")?;
        let password = crate::auth::one_time_password();
        let secret = password.clone();
        let hash = password_hashing(ctx).run(ctx.store().deadline(), move || hash_password(&secret)).await??;
        let expires_at = Utc::now() + chrono::Duration::days(crate::auth::ONE_TIME_PASSWORD_DAYS);
        let user = users::reset_password(&mut tx, id, &hash, expires_at).await?;
        // The audit trail says a reset happened, never the password.
        audit(
            ctx,
            &mut tx,
            Kind::User,
            id,
            user.region_id,
            Some(serde_json::json!({ "mustChangePassword": before.must_change_password })),
            Some(serde_json::json!({ "mustChangePassword": true, "passwordExpiresAt": expires_at })),
        )
        .await?;
        commit(tx).await?;
        Ok(ResetUserPasswordPayload { user: User(user), one_time_password: password, expires_at: DateTime(expires_at) })
    }

    /// Changes a region's code or name (ADMIN). Giving only the values it already has changes
    /// nothing (and audits nothing).
    async fn update_region(&self, ctx: &Context<'_>, input: UpdateRegionInput) -> ApiResult<RegionPayload> {
        ctx.viewer()?.require_admin()?;
        let id = ids::decode("regionId", Kind::Region, &input.region_id)?;
        let code = input.code.as_deref().map(v::region_code).transpose()?;
        let name = input.name.as_deref().map(|n| v::required_text("name", n, MAX_NAME)).transpose()?;
        let mut tx = ctx.begin().await?;
        let before = regions::regions_by_ids(&mut tx, &[id]).await?.into_iter().next();
        let before = before.ok_or_else(|| ApiError::NotFound("regionId: region not found".into()))?;
        let unchanged =
            code.as_ref().is_none_or(|c| *c == before.code) && name.as_ref().is_none_or(|n| *n == before.name);
        if unchanged {
            commit(tx).await?;
            return Ok(RegionPayload { region: Region(before) });
        }
        let region = regions::update_region(&mut tx, id, code.as_deref(), name.as_deref()).await?;
        audit(
            ctx,
            &mut tx,
            Kind::Region,
            id,
            Some(id),
            Some(serde_json::json!({ "code": before.code, "name": before.name })),
            Some(serde_json::json!({ "code": region.code, "name": region.name })),
        )
        .await?;
        commit(tx).await?;
        Ok(RegionPayload { region: Region(region) })
    }

    /// Renames a partner institution or changes its kind (ADMIN: partners are shared by every
    /// region). Giving only the values it already has changes nothing (and audits nothing).
    async fn update_partner(&self, ctx: &Context<'_>, input: UpdatePartnerInput) -> ApiResult<PartnerPayload> {
        ctx.viewer()?.require_admin()?;
        let id = ids::decode("partnerId", Kind::Partner, &input.partner_id)?;
        let name = input.name.as_deref().map(|n| v::required_text("name", n, MAX_NAME)).transpose()?;
        let kind = input.kind.map(domain::PartnerKind::from);
        let mut tx = ctx.begin().await?;
        let before = partners::partners_by_ids(&mut tx, &[id]).await?.into_iter().next();
        let before = before.ok_or_else(|| ApiError::NotFound("partnerId: partner not found".into()))?;
        if name.as_ref().is_none_or(|n| *n == before.name) && kind.is_none_or(|k| k == before.kind) {
            commit(tx).await?;
            return Ok(PartnerPayload { partner: Partner(before) });
        }
        let partner = partners::update_partner(&mut tx, id, name.as_deref(), kind).await?;
        audit(
            ctx,
            &mut tx,
            Kind::Partner,
            id,
            None,
            Some(serde_json::json!({ "name": before.name, "kind": before.kind })),
            Some(serde_json::json!({ "name": partner.name, "kind": partner.kind })),
        )
        .await?;
        commit(tx).await?;
        Ok(PartnerPayload { partner: Partner(partner) })
    }

    /// Renames a cohort or changes its dates (ADMIN; agents in their region). Its activities
    /// must stay within the new dates (`BAD_USER_INPUT` otherwise). Giving only the values it
    /// already has changes nothing (and audits nothing).
    async fn update_cohort(&self, ctx: &Context<'_>, input: UpdateCohortInput) -> ApiResult<CohortPayload> {
        staff(ctx)?;
        let id = ids::decode("cohortId", Kind::Cohort, &input.cohort_id)?;
        let name = input.name.as_deref().map(|n| v::required_text("name", n, MAX_NAME)).transpose()?;
        let mut tx = ctx.begin().await?;
        let before = regions::lock_cohort(&mut tx, id).await.map_err(|e| match e {
            StoreError::NotFound => ApiError::NotFound("cohortId: cohort not found".into()),
            other => other.into(),
        })?;
        let name = name.unwrap_or_else(|| before.name.clone());
        let starts_on = input.starts_on.map_or(before.starts_on, |d| d.0);
        let ends_on = input.ends_on.map_or(before.ends_on, |d| d.0);
        v::date_range(starts_on, ends_on)?;
        if (name.as_str(), starts_on, ends_on) == (before.name.as_str(), before.starts_on, before.ends_on) {
            commit(tx).await?;
            return Ok(CohortPayload { cohort: Cohort(before) });
        }
        let outside = regions::activities_outside(&mut tx, id, starts_on, ends_on).await?;
        if outside > 0 {
            let field = if starts_on > before.starts_on { "startsOn" } else { "endsOn" };
            let message = if outside == 1 {
                "an activity of the cohort is held outside these dates: move it first".to_owned()
            } else {
                format!("{outside} activities of the cohort are held outside these dates: move them first")
            };
            return Err(ApiError::bad_input(field, &message));
        }
        let cohort = regions::update_cohort(&mut tx, id, &name, starts_on, ends_on).await?;
        audit(
            ctx,
            &mut tx,
            Kind::Cohort,
            id,
            Some(cohort.region_id),
            Some(serde_json::json!({ "name": before.name, "startsOn": before.starts_on, "endsOn": before.ends_on })),
            Some(serde_json::json!({ "name": cohort.name, "startsOn": cohort.starts_on, "endsOn": cohort.ends_on })),
        )
        .await?;
        commit(tx).await?;
        Ok(CohortPayload { cohort: Cohort(cohort) })
    }

    /// Creates a region (ADMIN).
    async fn create_region(&self, ctx: &Context<'_>, input: CreateRegionInput) -> ApiResult<RegionPayload> {
        ctx.viewer()?.require_admin()?;
        let code = v::region_code(&input.code)?;
        let name = v::required_text("name", &input.name, MAX_NAME)?;
        let mut tx = ctx.begin().await?;
        let region = regions::insert_region(&mut tx, &code, &name).await?;
        audit(
            ctx,
            &mut tx,
            Kind::Region,
            region.region_id,
            Some(region.region_id),
            None,
            Some(serde_json::json!({ "code": region.code, "name": region.name })),
        )
        .await?;
        commit(tx).await?;
        Ok(RegionPayload { region: Region(region) })
    }

    /// Creates an account (ADMIN).
    async fn create_user(&self, ctx: &Context<'_>, input: CreateUserInput) -> ApiResult<UserPayload> {
        ctx.viewer()?.require_admin()?;
        let email = v::email("email", &input.email)?;
        v::password(input.password.expose_secret())?;
        let region_id = ids::decode_opt("regionId", Kind::Region, input.region_id.as_ref())?;
        let partner_id = ids::decode_opt("partnerId", Kind::Partner, input.partner_id.as_ref())?;
        let role: domain::Role = input.role.into();
        check_attachment(role, region_id, partner_id)?;
        let password = input.password;
        // No connection is held while waiting for a hashing slot.
        ctx.reads().release().await;
        let password_hash = password_hashing(ctx)
            .run(ctx.store().deadline(), move || hash_password(password.expose_secret()))
            .await??;
        let mut tx = ctx.begin().await?;
        let user = users::insert_user(
            &mut tx,
            &users::NewUser { email: &email, password_hash: &password_hash, role, region_id, partner_id },
        )
        .await?;
        audit(ctx, &mut tx, Kind::User, user.user_id, user.region_id, None, Some(serde_json::json!({ "role": user.role.as_str(), "regionId": user.region_id, "partnerId": user.partner_id }))).await?;
        commit(tx).await?;
        Ok(UserPayload { user: User(user) })
    }

    /// Creates a partner institution (ADMIN and agents).
    async fn create_partner(&self, ctx: &Context<'_>, input: CreatePartnerInput) -> ApiResult<PartnerPayload> {
        staff(ctx)?;
        let name = v::required_text("name", &input.name, MAX_NAME)?;
        let mut tx = ctx.begin().await?;
        let partner = partners::insert_partner(&mut tx, &name, input.kind.into()).await?;
        audit(
            ctx,
            &mut tx,
            Kind::Partner,
            partner.partner_id,
            None,
            None,
            Some(serde_json::json!({ "name": partner.name, "kind": partner.kind })),
        )
        .await?;
        commit(tx).await?;
        Ok(PartnerPayload { partner: Partner(partner) })
    }

    /// Creates a cohort (ADMIN; agents in their own region).
    async fn create_cohort(&self, ctx: &Context<'_>, input: CreateCohortInput) -> ApiResult<CohortPayload> {
        staff(ctx)?;
        let region_id = ids::decode("regionId", Kind::Region, &input.region_id)?;
        let name = v::required_text("name", &input.name, MAX_NAME)?;
        v::date_range(input.starts_on.0, input.ends_on.0)?;
        let mut tx = ctx.begin().await?;
        let cohort = regions::insert_cohort(&mut tx, region_id, &name, input.starts_on.0, input.ends_on.0)
            .await
            .map_err(|e| match e {
                StoreError::NotFound => ApiError::NotFound("regionId: region not found".into()),
                other => other.into(),
            })?;
        audit(
            ctx,
            &mut tx,
            Kind::Cohort,
            cohort.cohort_id,
            Some(cohort.region_id),
            None,
            Some(serde_json::json!({ "name": cohort.name, "startsOn": cohort.starts_on, "endsOn": cohort.ends_on })),
        )
        .await?;
        commit(tx).await?;
        Ok(CohortPayload { cohort: Cohort(cohort) })
    }

    /// Creates a project at version 1, with its first history entry (ADMIN; agents in their region).
    async fn create_project(&self, ctx: &Context<'_>, input: CreateProjectInput) -> ApiResult<ProjectPayload> {
        let viewer = staff(ctx)?;
        let cohort_id = ids::decode("cohortId", Kind::Cohort, &input.cohort_id)?;
        let origin_partner_id = ids::decode_opt("originPartnerId", Kind::Partner, input.origin_partner_id.as_ref())?;
        let name = v::required_text("name", &input.name, MAX_NAME)?;
        let summary = v::optional_text("summary", input.summary.as_deref(), MAX_PROJECT_SUMMARY)?;
        let mrc = v::optional_text("mrc", input.mrc.as_deref(), v::MAX_MRC)?;
        let stage = input.stage.unwrap_or(Stage::Revelation);
        let key = IdempotencyKey::new(
            viewer.user_id,
            "createProject",
            input.idempotency_key.as_deref(),
            json!({ "cohortId": cohort_id, "name": name, "originPartnerId": origin_partner_id, "stage": domain::Stage::from(stage).as_str(),
                    "summary": summary, "sector": input.sector, "mrc": mrc }),
        )?;
        let mut tx = ctx.begin().await?;
        if let Some(id) = idempotency::claim(ctx, &mut tx, key.as_ref()).await? {
            let project = visible_project(&mut tx, "projectId", id).await?;
            commit(tx).await?;
            return Ok(ProjectPayload { project: Project(project), replayed: true });
        }
        let project = projects::insert_project(
            &mut tx,
            &NewProject {
                cohort_id,
                name: &name,
                summary: summary.as_deref(),
                origin_partner_id,
                stage: stage.into(),
                actor: Some(viewer.user_id),
            },
        )
        .await?;
        let project = if input.sector.is_some() || mrc.is_some() {
            projects::set_project_dimensions(
                &mut tx,
                project.project_id,
                Some(input.sector.map(Into::into)),
                Some(mrc.as_deref()),
            )
            .await?
        } else {
            project
        };
        idempotency::complete(&mut tx, key.as_ref(), project.project_id).await?;
        finish_project(ctx, tx, None, project).await
    }

    /// Changes a project's name, summary or origin partner. These are not stage or status
    /// changes: the version stays the same. Giving only the values it already has changes
    /// nothing (and audits nothing).
    async fn update_project(&self, ctx: &Context<'_>, input: UpdateProjectInput) -> ApiResult<ProjectPayload> {
        staff(ctx)?;
        let project_id = ids::decode("projectId", Kind::Project, &input.project_id)?;
        let name = input.name.as_deref().map(|n| v::required_text("name", n, MAX_NAME)).transpose()?;
        let summary =
            input.summary.as_opt_deref().map(|s| v::optional_text("summary", s, MAX_PROJECT_SUMMARY)).transpose()?;
        let origin = input
            .origin_partner_id
            .as_opt_ref()
            .map(|id| id.map(|id| ids::decode("originPartnerId", Kind::Partner, id)).transpose())
            .transpose()?;
        let sector = maybe(&input.sector).map(|s| s.map(domain::Sector::from));
        let mrc = input.mrc.as_opt_deref().map(|m| v::optional_text("mrc", m, v::MAX_MRC)).transpose()?;
        let mut tx = ctx.begin().await?;
        let not_found = ApiError::naming("project");
        let before = projects::lock_project(&mut tx, project_id).await.map_err(&not_found)?;
        let unchanged = name.as_ref().is_none_or(|n| *n == before.name)
            && summary.as_ref().is_none_or(|s| *s == before.summary)
            && origin.is_none_or(|o| o == before.origin_partner_id)
            && sector.is_none_or(|s| s == before.sector.0)
            && mrc.as_ref().is_none_or(|m| *m == before.mrc);
        if unchanged {
            // Nothing to change: no write, no audit entry.
            commit(tx).await?;
            return Ok(ProjectPayload { project: Project(before), replayed: false });
        }
        let mut project = projects::update_project_details(
            &mut tx,
            project_id,
            name.as_deref(),
            summary.as_ref().map(|s| s.as_deref()),
            origin,
        )
        .await
        .map_err(&not_found)?;
        if sector.is_some() || mrc.is_some() {
            project = projects::set_project_dimensions(&mut tx, project_id, sector, mrc.as_ref().map(|m| m.as_deref()))
                .await
                .map_err(&not_found)?;
        }
        finish_project(ctx, tx, Some(&before), project).await
    }

    /// Moves an ACTIVE project exactly one stage forward. From PROTOTYPING: `INVALID_TRANSITION`.
    async fn advance_project_stage(
        &self,
        ctx: &Context<'_>,
        input: AdvanceProjectStageInput,
    ) -> ApiResult<ProjectPayload> {
        let (tx, before, project) =
            transition(ctx, &input.project_id, input.expected_version, input.note.as_deref(), domain::advance).await?;
        finish_project(ctx, tx, Some(&before), project).await
    }

    /// Moves an ACTIVE project one stage forward (as `advanceProjectStage`) or back any number
    /// of stages with a note. A forward skip or the same stage: `INVALID_TRANSITION`.
    async fn move_project_stage(&self, ctx: &Context<'_>, input: MoveProjectStageInput) -> ApiResult<ProjectPayload> {
        let to: domain::Stage = input.to_stage.into();
        let note = input.note.clone();
        let (tx, before, project) =
            transition(ctx, &input.project_id, input.expected_version, input.note.as_deref(), |state| {
                domain::move_stage(state, to, note.as_deref())
            })
            .await?;
        finish_project(ctx, tx, Some(&before), project).await
    }

    /// Sets ACTIVE, ON_HOLD, ABANDONED or REFERRED_OUT, with a note. LAUNCHED is
    /// `BAD_USER_INPUT` here; a LAUNCHED project is final.
    async fn set_project_status(&self, ctx: &Context<'_>, input: SetProjectStatusInput) -> ApiResult<ProjectPayload> {
        let to: domain::ProjectStatus = input.status.into();
        if to == domain::ProjectStatus::Launched {
            return Err(TransitionError::LaunchedNotSettable.into());
        }
        let note = input.note.clone();
        let (tx, before, project) =
            transition(ctx, &input.project_id, input.expected_version, input.note.as_deref(), |state| {
                domain::set_status(state, to, note.as_deref())
            })
            .await?;
        finish_project(ctx, tx, Some(&before), project).await
    }

    /// Records the collective enterprise an ACTIVE project in PROTOTYPING became; the project
    /// becomes LAUNCHED, for good.
    async fn record_enterprise_launch(
        &self,
        ctx: &Context<'_>,
        input: RecordEnterpriseLaunchInput,
    ) -> ApiResult<ProjectPayload> {
        let legal_name = v::required_text("legalName", &input.legal_name, MAX_NAME)?;
        let launched_on = v::not_in_future("launchedOn", input.launched_on.0, today())?;
        let neq = v::neq(input.neq.as_deref())?;
        let (mut tx, before, project) =
            transition(ctx, &input.project_id, input.expected_version, None, domain::launch).await?;
        projects::insert_launch(
            &mut tx,
            &LaunchRow {
                project_id: project.project_id,
                legal_name,
                legal_form: input.legal_form.into(),
                launched_on,
                neq,
            },
        )
        .await?;
        finish_project(ctx, tx, Some(&before), project).await
    }

    /// Registers a participant (ADMIN and agents).
    async fn register_participant(
        &self,
        ctx: &Context<'_>,
        input: RegisterParticipantInput,
    ) -> ApiResult<ParticipantPayload> {
        let viewer = staff(ctx)?;
        let region_id = match ids::decode_opt("regionId", Kind::Region, input.region_id.as_ref())? {
            Some(id) => id,
            None => {
                viewer.region_id.ok_or_else(|| ApiError::bad_input("regionId", "is required for an administrator"))?
            }
        };
        let first_name = v::required_text("firstName", &input.first_name, MAX_PERSON_NAME)?;
        let last_name = v::required_text("lastName", &input.last_name, MAX_PERSON_NAME)?;
        let email =
            input.email.as_deref().filter(|e| !e.trim().is_empty()).map(|e| v::email("email", e)).transpose()?;
        let birth_year = input.birth_year.map(|y| v::birth_year(y, today().year())).transpose()?;
        let mrc = v::optional_text("mrc", input.mrc.as_deref(), v::MAX_MRC)?;
        let profile = ProfileChange {
            gender: input.gender.map(|g| Some(g.into())),
            birth_year: birth_year.map(Some),
            mrc: mrc.as_deref().map(Some),
        };
        let key = IdempotencyKey::new(
            viewer.user_id,
            "registerParticipant",
            input.idempotency_key.as_deref(),
            json!({ "regionId": region_id, "firstName": first_name, "lastName": last_name, "email": email,
                    "gender": input.gender, "birthYear": birth_year, "mrc": mrc }),
        )?;
        let mut tx = ctx.begin().await?;
        if let Some(id) = idempotency::claim(ctx, &mut tx, key.as_ref()).await? {
            let participant = participants::participants_by_ids(&mut tx, &[id]).await?.into_iter().next();
            let participant = found(participant, "participant")?;
            commit(tx).await?;
            return Ok(ParticipantPayload { participant: Participant(participant), replayed: true });
        }
        let mut participant = participants::insert_participant(
            &mut tx,
            region_id,
            &first_name,
            &last_name,
            email.as_deref(),
            Some(viewer.user_id),
        )
        .await
        .map_err(|e| match e {
            StoreError::MissingReference(_) => ApiError::NotFound("regionId: region not found".into()),
            other => other.into(),
        })?;
        if !profile.is_empty() {
            participant = participants::set_participant_profile(&mut tx, participant.participant_id, &profile).await?;
        }
        idempotency::complete(&mut tx, key.as_ref(), participant.participant_id).await?;
        // Ids only: the audit trail holds no personal information.
        audit(ctx, &mut tx, Kind::Participant, participant.participant_id, Some(participant.region_id), None, None)
            .await?;
        commit(tx).await?;
        Ok(ParticipantPayload { participant: Participant(participant), replayed: false })
    }

    /// Corrects a participant's name or email (ADMIN and the region's agents). Giving only the
    /// values already recorded changes nothing (and audits nothing).
    async fn update_participant(
        &self,
        ctx: &Context<'_>,
        input: UpdateParticipantInput,
    ) -> ApiResult<ParticipantPayload> {
        staff(ctx)?;
        let participant_id = ids::decode("participantId", Kind::Participant, &input.participant_id)?;
        let first_name =
            input.first_name.as_deref().map(|n| v::required_text("firstName", n, MAX_PERSON_NAME)).transpose()?;
        let last_name =
            input.last_name.as_deref().map(|n| v::required_text("lastName", n, MAX_PERSON_NAME)).transpose()?;
        // An empty email clears it, as null does.
        let email = input
            .email
            .as_opt_deref()
            .map(|e| e.filter(|e| !e.trim().is_empty()).map(|e| v::email("email", e)).transpose())
            .transpose()?;
        let birth_year =
            maybe(&input.birth_year).map(|y| y.map(|y| v::birth_year(y, today().year())).transpose()).transpose()?;
        let mrc = input.mrc.as_opt_deref().map(|m| v::optional_text("mrc", m, v::MAX_MRC)).transpose()?;
        let profile = ProfileChange {
            gender: maybe(&input.gender).map(|g| g.map(Into::into)),
            birth_year,
            mrc: mrc.as_ref().map(|m| m.as_deref()),
        };
        let not_found = ApiError::naming("participant");
        let mut tx = ctx.begin().await?;
        let before = participants::participants_by_ids(&mut tx, &[participant_id]).await?.into_iter().next();
        let before = before.ok_or(StoreError::NotFound).map_err(&not_found)?;
        let unchanged = first_name.as_ref().is_none_or(|n| *n == before.first_name)
            && last_name.as_ref().is_none_or(|n| *n == before.last_name)
            && email.as_ref().is_none_or(|e| *e == before.email)
            && profile.gender.is_none_or(|g| g == before.gender.0)
            && profile.birth_year.is_none_or(|y| y == before.birth_year)
            && profile.mrc.is_none_or(|m| m == before.mrc.as_deref());
        if unchanged {
            // Nothing to rectify: no write, no audit entry.
            commit(tx).await?;
            return Ok(ParticipantPayload { participant: Participant(before), replayed: false });
        }
        let mut participant = participants::update_participant(
            &mut tx,
            participant_id,
            first_name.as_deref(),
            last_name.as_deref(),
            email.as_ref().map(|e| e.as_deref()),
        )
        .await
        .map_err(&not_found)?;
        if !profile.is_empty() {
            participant =
                participants::set_participant_profile(&mut tx, participant_id, &profile).await.map_err(&not_found)?;
        }
        let changed: Vec<&str> = [
            ("firstName", first_name.is_some()),
            ("lastName", last_name.is_some()),
            ("email", email.is_some()),
            ("gender", profile.gender.is_some()),
            ("birthYear", profile.birth_year.is_some()),
            ("mrc", profile.mrc.is_some()),
        ]
        .into_iter()
        .filter_map(|(field, changed)| changed.then_some(field))
        .collect();
        audit(
            ctx,
            &mut tx,
            Kind::Participant,
            participant.participant_id,
            Some(participant.region_id),
            None,
            Some(serde_json::json!({ "rectified": changed })),
        )
        .await?;
        commit(tx).await?;
        Ok(ParticipantPayload { participant: Participant(participant), replayed: false })
    }

    /// Adds a participant of the project's region to its team; adding a member again changes nothing.
    async fn add_project_member(&self, ctx: &Context<'_>, input: ProjectMemberInput) -> ApiResult<ProjectPayload> {
        staff(ctx)?;
        let (mut tx, project, participant_id) = member_pair(ctx, &input).await?;
        if !participants::add_member(&mut tx, project.project_id, participant_id, project.region_id).await? {
            // Already a member: nothing changed, so nothing is audited either.
            commit(tx).await?;
            return Ok(ProjectPayload { project: Project(project), replayed: false });
        }
        audit(
            ctx,
            &mut tx,
            Kind::Participant,
            participant_id,
            Some(project.region_id),
            None,
            Some(serde_json::json!({ "projectId": project.project_id })),
        )
        .await?;
        let after = visible_project(&mut tx, "projectId", project.project_id).await?;
        finish_project(ctx, tx, Some(&project), after).await
    }

    /// Removes a participant from a project's team; removing a non-member changes nothing.
    async fn remove_project_member(&self, ctx: &Context<'_>, input: ProjectMemberInput) -> ApiResult<ProjectPayload> {
        staff(ctx)?;
        let (mut tx, project, participant_id) = member_pair(ctx, &input).await?;
        if !participants::remove_member(&mut tx, project.project_id, participant_id).await? {
            // Not a member: nothing changed, so nothing is audited either.
            commit(tx).await?;
            return Ok(ProjectPayload { project: Project(project), replayed: false });
        }
        audit(
            ctx,
            &mut tx,
            Kind::Participant,
            participant_id,
            Some(project.region_id),
            Some(serde_json::json!({ "projectId": project.project_id })),
            None,
        )
        .await?;
        let after = visible_project(&mut tx, "projectId", project.project_id).await?;
        finish_project(ctx, tx, Some(&project), after).await
    }

    /// Records a participant's consent (Law 25): the date and the purposes consented to.
    ///
    /// Recording a consent already in force (same date and purposes) changes nothing and
    /// answers `replayed: true`, so a retry is safe.
    async fn record_consent(&self, ctx: &Context<'_>, input: RecordConsentInput) -> ApiResult<ParticipantPayload> {
        let viewer = staff(ctx)?;
        let participant_id = ids::decode("participantId", Kind::Participant, &input.participant_id)?;
        let given_on = v::not_in_future("givenOn", input.given_on.0, today())?;
        if input.purposes.is_empty() {
            return Err(ApiError::bad_input("purposes", "must list at least one purpose"));
        }
        let purposes = domain::ConsentPurpose::normalised(input.purposes.iter().map(|p| (*p).into()).collect());
        let mut tx = ctx.begin().await?;
        let participant = visible_participant(&mut tx, participant_id).await?;
        if privacy::consent_in_force(&mut tx, participant_id, given_on, &purposes).await? {
            // The same consent is already recorded (a retry after a lost answer): no change,
            // no audit entry.
            commit(tx).await?;
            return Ok(ParticipantPayload { participant: Participant(participant), replayed: true });
        }
        privacy::insert_consent(&mut tx, participant_id, given_on, &purposes, Some(viewer.user_id)).await?;
        audit(
            ctx,
            &mut tx,
            Kind::Participant,
            participant_id,
            Some(participant.region_id),
            None,
            Some(serde_json::json!({ "consent": { "givenOn": given_on, "purposes": purposes } })),
        )
        .await?;
        commit(tx).await?;
        Ok(ParticipantPayload { participant: Participant(participant), replayed: false })
    }

    /// Withdraws a participant's consents still in force, as of today. With none in force it
    /// changes nothing (and audits nothing).
    async fn withdraw_consent(&self, ctx: &Context<'_>, participant_id: ID) -> ApiResult<ParticipantPayload> {
        staff(ctx)?;
        let id = ids::decode("participantId", Kind::Participant, &participant_id)?;
        let mut tx = ctx.begin().await?;
        let participant = visible_participant(&mut tx, id).await?;
        let withdrawn = privacy::withdraw_consents(&mut tx, id, today()).await?;
        if withdrawn == 0 {
            // No consent was in force: nothing changed, so nothing is audited either.
            commit(tx).await?;
            return Ok(ParticipantPayload { participant: Participant(participant), replayed: false });
        }
        audit(
            ctx,
            &mut tx,
            Kind::Participant,
            id,
            Some(participant.region_id),
            None,
            Some(serde_json::json!({ "consentsWithdrawn": withdrawn })),
        )
        .await?;
        commit(tx).await?;
        Ok(ParticipantPayload { participant: Participant(participant), replayed: false })
    }

    /// Erases a participant's identity for good (Law 25), by anonymisation: names, email,
    /// consents and the idempotency keys of their registration are gone; what reports count
    /// (gender, birth year, MRC, attendance, team membership) stays, so that report counts do
    /// not change. Erasing an already anonymised participant changes nothing.
    async fn erase_participant(&self, ctx: &Context<'_>, participant_id: ID) -> ApiResult<ParticipantPayload> {
        staff(ctx)?;
        let id = ids::decode("participantId", Kind::Participant, &participant_id)?;
        let mut tx = ctx.begin().await?;
        let erased = privacy::anonymize_participant(&mut tx, id).await.map_err(ApiError::naming("participant"))?;
        let participant = visible_participant(&mut tx, id).await?;
        if erased {
            audit(
                ctx,
                &mut tx,
                Kind::Participant,
                id,
                Some(participant.region_id),
                None,
                Some(serde_json::json!({ "anonymized": true })),
            )
            .await?;
        }
        commit(tx).await?;
        Ok(ParticipantPayload { participant: Participant(participant), replayed: false })
    }

    /// Creates an activity of a cohort, for one stage (ADMIN; agents in their region).
    async fn create_activity(&self, ctx: &Context<'_>, input: CreateActivityInput) -> ApiResult<ActivityPayload> {
        let viewer = staff(ctx)?;
        let cohort_id = ids::decode("cohortId", Kind::Cohort, &input.cohort_id)?;
        let title = v::required_text("title", &input.title, MAX_NAME)?;
        let key = IdempotencyKey::new(
            viewer.user_id,
            "createActivity",
            input.idempotency_key.as_deref(),
            json!({ "cohortId": cohort_id, "stage": domain::Stage::from(input.stage).as_str(), "title": title, "heldOn": input.held_on.0 }),
        )?;
        let mut tx = ctx.begin().await?;
        if let Some(id) = idempotency::claim(ctx, &mut tx, key.as_ref()).await? {
            let activity = activities::activities_by_ids(&mut tx, &[id]).await?.into_iter().next();
            let activity = found(activity, "activity")?;
            commit(tx).await?;
            return Ok(ActivityPayload { activity: Activity(activity), replayed: true });
        }
        let cohort = regions::cohorts_by_ids(&mut tx, &[cohort_id]).await?.into_iter().next();
        let cohort = cohort
            .filter(|c| viewer.serves_region(c.region_id))
            .ok_or_else(|| ApiError::NotFound("cohortId: cohort not found".into()))?;
        if input.held_on.0 < cohort.starts_on || input.held_on.0 > cohort.ends_on {
            return Err(ApiError::bad_input("heldOn", "must be within the cohort's dates"));
        }
        let activity = activities::insert_activity(
            &mut tx,
            cohort_id,
            input.stage.into(),
            &title,
            input.held_on.0,
            Some(viewer.user_id),
        )
        .await?;
        audit(ctx, &mut tx, Kind::Activity, activity.activity_id, Some(activity.region_id), None,
            Some(serde_json::json!({ "stage": activity.stage.as_str(), "title": activity.title, "heldOn": activity.held_on }))).await?;
        idempotency::complete(&mut tx, key.as_ref(), activity.activity_id).await?;
        commit(tx).await?;
        Ok(ActivityPayload { activity: Activity(activity), replayed: false })
    }

    /// Records who attended an activity. Someone already recorded is left as is; participants
    /// and activity must be of the same region.
    async fn record_attendance(&self, ctx: &Context<'_>, input: RecordAttendanceInput) -> ApiResult<ActivityPayload> {
        staff(ctx)?;
        let activity_id = ids::decode("activityId", Kind::Activity, &input.activity_id)?;
        if input.participant_ids.is_empty() || input.participant_ids.len() > 500 {
            return Err(ApiError::bad_input("participantIds", "must list 1 to 500 participants"));
        }
        let mut participant_ids = input
            .participant_ids
            .iter()
            .map(|id| ids::decode("participantIds", Kind::Participant, id))
            .collect::<ApiResult<Vec<_>>>()?;
        participant_ids.sort_unstable();
        participant_ids.dedup();
        let mut tx = ctx.begin().await?;
        let activity = activities::activities_by_ids(&mut tx, &[activity_id])
            .await?
            .into_iter()
            .next()
            .ok_or_else(|| ApiError::NotFound("activityId: activity not found".into()))?;
        let people = participants::participants_by_ids(&mut tx, &participant_ids).await?;
        if people.len() != participant_ids.len() {
            return Err(ApiError::NotFound("participantIds: participant not found".into()));
        }
        if people.iter().any(|p| p.region_id != activity.region_id) {
            return Err(ApiError::bad_input("participantIds", "participants and activity must be of the same region"));
        }
        let added = activities::insert_attendance(&mut tx, &activity, &participant_ids).await?;
        // Recording people already present changes nothing, not even the audit trail.
        if added > 0 {
            audit(
                ctx,
                &mut tx,
                Kind::Activity,
                activity.activity_id,
                Some(activity.region_id),
                None,
                Some(serde_json::json!({ "participantIds": participant_ids, "added": added })),
            )
            .await?;
        }
        commit(tx).await?;
        Ok(ActivityPayload { activity: Activity(activity), replayed: false })
    }

    /// Logs a follow-up on a project, or with a partner (ADMIN and agents). See
    /// `LogFollowUpInput.idempotencyKey` for safe retries.
    async fn log_follow_up(&self, ctx: &Context<'_>, input: LogFollowUpInput) -> ApiResult<FollowUpPayload> {
        let viewer = *staff(ctx)?;
        let project_id = ids::decode_opt("projectId", Kind::Project, input.project_id.as_ref())?;
        let partner_id = ids::decode_opt("partnerId", Kind::Partner, input.partner_id.as_ref())?;
        let region_id = ids::decode_opt("regionId", Kind::Region, input.region_id.as_ref())?;
        if project_id.is_none() && partner_id.is_none() {
            return Err(ApiError::bad_input("projectId", "give a projectId, a partnerId, or both"));
        }
        let occurred_on = v::not_in_future("occurredOn", input.occurred_on.0, today())?;
        let summary = v::required_text("summary", &input.summary, MAX_FOLLOW_UP_SUMMARY)?;
        let duration_minutes = v::duration_minutes(input.duration_minutes)?;
        let idempotency_key = v::idempotency_key(input.idempotency_key.as_deref())?;

        let mut tx = ctx.begin().await?;
        if let Some(key) = idempotency_key {
            // An expired key is not replayed: it is freed and this request logs a new follow-up.
            sismic_store::idempotency::expire_follow_up_key(
                &mut tx,
                viewer.user_id,
                key,
                ctx.store().idempotency_retention(),
            )
            .await?;
        }
        let region_id = match (project_id, region_id) {
            (Some(project_id), given) => {
                let project = visible_project(&mut tx, "projectId", project_id).await?;
                if given.is_some_and(|r| r != project.region_id) {
                    return Err(ApiError::bad_input("regionId", "must be the project's region (or omitted)"));
                }
                project.region_id
            }
            (None, Some(given)) => {
                if !viewer.serves_region(given) {
                    return Err(ApiError::NotFound("regionId: region not found".into()));
                }
                given
            }
            (None, None) => viewer.region_id.ok_or_else(|| {
                ApiError::bad_input(
                    "regionId",
                    "is required for an administrator logging a follow-up without a project",
                )
            })?,
        };
        let logged = follow_ups::insert_follow_up(
            &mut tx,
            &follow_ups::NewFollowUp {
                region_id,
                project_id,
                partner_id,
                occurred_on,
                mode: input.mode.into(),
                summary: &summary,
                duration_minutes,
                created_by: viewer.user_id,
                idempotency_key,
            },
        )
        .await?;
        if !logged.replayed {
            let f = &logged.follow_up;
            audit(ctx, &mut tx, Kind::FollowUp, f.follow_up_id, Some(f.region_id), None,
                Some(serde_json::json!({ "projectId": f.project_id, "partnerId": f.partner_id, "occurredOn": f.occurred_on, "mode": f.mode }))).await?;
        }
        commit(tx).await?;
        Ok(FollowUpPayload { follow_up: FollowUp(logged.follow_up), replayed: logged.replayed })
    }

    /// Records an award from a funder to a project (ADMIN; agents in their region).
    async fn record_award(&self, ctx: &Context<'_>, input: RecordAwardInput) -> ApiResult<AwardPayload> {
        let viewer = staff(ctx)?;
        let project_id = ids::decode("projectId", Kind::Project, &input.project_id)?;
        let funder_id = ids::decode("funderPartnerId", Kind::Partner, &input.funder_partner_id)?;
        let amount = v::award_cents(i64::from(input.amount_cents))?;
        let key = IdempotencyKey::new(
            viewer.user_id,
            "recordAward",
            input.idempotency_key.as_deref(),
            json!({ "projectId": project_id, "funderPartnerId": funder_id, "amountCents": amount, "awardedOn": input.awarded_on.0 }),
        )?;
        let mut tx = ctx.begin().await?;
        if let Some(id) = idempotency::claim(ctx, &mut tx, key.as_ref()).await? {
            let award = projects::awards_by_ids(&mut tx, &[id]).await?.into_iter().next();
            let award = found(award, "award")?;
            commit(tx).await?;
            return Ok(AwardPayload { award: Award(award), replayed: true });
        }
        let funder = partners::partners_by_ids(&mut tx, &[funder_id]).await?.into_iter().next();
        let funder = found(funder, "funderPartnerId: partner")?;
        if funder.kind != domain::PartnerKind::Funder {
            return Err(ApiError::bad_input("funderPartnerId", "must be a partner of kind FUNDER"));
        }
        visible_project(&mut tx, "projectId", project_id).await?;
        let award =
            projects::insert_award(&mut tx, project_id, funder_id, amount, input.awarded_on.0, Some(viewer.user_id))
                .await?;
        audit(ctx, &mut tx, Kind::Award, award.award_id, Some(award.region_id), None,
            Some(serde_json::json!({ "projectId": award.project_id, "funderPartnerId": award.funder_partner_id, "amountCents": award.amount_cents, "awardedOn": award.awarded_on }))).await?;
        idempotency::complete(&mut tx, key.as_ref(), award.award_id).await?;
        commit(tx).await?;
        Ok(AwardPayload { award: Award(award), replayed: false })
    }

    /// Imports an agent's existing spreadsheets (ADMIN; agents into their own region): projects,
    /// participants with their consent, activities and attendance, follow-ups, from CSV files
    /// (UTF-8, comma or semicolon) or a workbook (XLSX or ODS, one sheet per kind). The columns
    /// are documented in French and English in `docs/import.md`.
    ///
    /// Send the files with the GraphQL multipart request specification (`multipart/form-data`:
    /// `operations`, `map`, then the files; at most `SISMIC_MAX_UPLOAD_BYTES` in all). Every row
    /// goes through the same rules as the mutations, as the caller. With `dryRun: true` nothing
    /// is written: the report says what would be created, every bad row with its line, column
    /// and reason, and the likely duplicates of registered participants. With `dryRun: false`
    /// everything is written in one transaction, or, if any problem or likely duplicate is
    /// left, nothing at all (`committed: false`). Rows already recorded (importing the same
    /// file again) are left as they are and counted as `existing`.
    async fn import_spreadsheet(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The files: CSV files (one per kind of row) or a workbook, 1 to 10.")] files: Vec<
            async_graphql::Upload,
        >,
        #[graphql(desc = "True to check only: nothing is written.")] dry_run: bool,
        #[graphql(desc = "The region imported into: an agent's own (may be omitted), required from an administrator.")]
        region_id: Option<ID>,
    ) -> ApiResult<crate::import::schema::ImportReport> {
        crate::import::schema::import_spreadsheet(ctx, files, dry_run, region_id).await
    }
}

/// Who may be attached to what, by role (the database checks it too).
fn check_attachment(role: domain::Role, region: Option<Uuid>, partner: Option<Uuid>) -> ApiResult<()> {
    use domain::Role as R;
    match (role, region.is_some(), partner.is_some()) {
        (R::Admin, false, false) | (R::Agent, true, false) | (R::Partner, false, true) | (R::Funder, false, _) => {
            Ok(())
        }
        (R::Agent, false, _) => Err(ApiError::bad_input("regionId", "is required for an AGENT")),
        (R::Partner, _, false) => Err(ApiError::bad_input("partnerId", "is required for a PARTNER")),
        (_, true, _) => Err(ApiError::bad_input("regionId", "is only for an AGENT")),
        (_, _, true) => Err(ApiError::bad_input("partnerId", "is only for a PARTNER or FUNDER")),
    }
}

async fn visible_participant(tx: &mut Tx, id: Uuid) -> ApiResult<participants::ParticipantRow> {
    participants::participants_by_ids(tx, &[id])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::NotFound("participantId: participant not found".into()))
}

async fn member_pair(ctx: &Context<'_>, input: &ProjectMemberInput) -> ApiResult<(Tx, ProjectRow, Uuid)> {
    let project_id = ids::decode("projectId", Kind::Project, &input.project_id)?;
    let participant_id = ids::decode("participantId", Kind::Participant, &input.participant_id)?;
    let mut tx = ctx.begin().await?;
    let project = visible_project(&mut tx, "projectId", project_id).await?;
    let participant = participants::participants_by_ids(&mut tx, &[participant_id])
        .await?
        .into_iter()
        .next()
        .ok_or_else(|| ApiError::NotFound("participantId: participant not found".into()))?;
    if participant.region_id != project.region_id {
        return Err(ApiError::bad_input("participantId", "must be of the project's region"));
    }
    Ok((tx, project, participant_id))
}

/// `None` when omitted, `Some(None)` when null, `Some(Some(v))` when given.
fn maybe<T: Copy>(value: &MaybeUndefined<T>) -> Option<Option<T>> {
    value.as_opt_ref().map(Option::<&T>::copied)
}
