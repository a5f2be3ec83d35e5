//! `make load`: starts a SISMIC Tracker server on loopback against `DATABASE_URL` (a database
//! it may fill: `scripts/load.sh` creates a fresh one), seeds it through the API, then runs a
//! mixed workload for a bounded time:
//!
//! - agents log follow-ups with idempotency keys (retrying with the same key on `UNAVAILABLE`
//!   or a network error) and move their projects with `expectedVersion`;
//! - partners poll the status of the projects that came from them;
//! - funders pull cohort reports.
//!
//! It prints the error rate and p50/p99 latency per operation, then checks that the database
//! holds exactly the acknowledged writes: every acknowledged follow-up once and no other, and
//! every project at the version its acknowledged moves give. Exits non-zero on any error or
//! mismatch.
//!
//! Settings (environment): `LOAD_SECONDS` (60), `LOAD_AGENTS` (6), `LOAD_PARTNERS` (3),
//! `LOAD_FUNDERS` (2), `LOAD_MAX_OPERATIONS` (200000, a bound on the total).

use anyhow::{bail, ensure, Context as _};
use serde_json::{json, Value};
use sismic_graphql::auth::hash_password;
use sismic_server::config::Settings;
use sismic_server::Application;
use sismic_store::{users, Scope, Store};
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PASSWORD: &str = "load-test-password-2021";

fn setting(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// A GraphQL client for one signed-in user.
#[derive(Clone)]
struct Client {
    http: reqwest::Client,
    url: String,
    token: Option<String>,
}

/// Outcome of one request: data, or the first error's code (`network` when no answer).
type Outcome = Result<Value, String>;

impl Client {
    async fn send(&self, query: &str, variables: Value) -> Outcome {
        let mut request = self.http.post(&self.url).json(&json!({ "query": query, "variables": variables }));
        if let Some(token) = &self.token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.map_err(|_| "network".to_owned())?;
        let body: Value = response.json().await.map_err(|_| "network".to_owned())?;
        match body["errors"].as_array().and_then(|e| e.first()) {
            Some(error) => Err(error["extensions"]["code"].as_str().unwrap_or("NO_CODE").to_owned()),
            None => Ok(body["data"].clone()),
        }
    }

    async fn must(&self, query: &str, variables: Value) -> anyhow::Result<Value> {
        self.send(query, variables).await.map_err(|code| anyhow::anyhow!("seeding failed with {code}: {query}"))
    }

    async fn login(&self, email: &str) -> anyhow::Result<Client> {
        let data = self
            .must(
                "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { token } }",
                json!({ "e": email, "p": PASSWORD }),
            )
            .await?;
        let token = data["login"]["token"].as_str().context("a token")?.to_owned();
        Ok(Client { token: Some(token), ..self.clone() })
    }
}

/// Latencies and errors per operation.
#[derive(Default)]
struct Stats {
    operations: BTreeMap<&'static str, (Vec<Duration>, usize)>,
    errors: BTreeMap<String, usize>,
}

impl Stats {
    fn record(&mut self, operation: &'static str, elapsed: Duration, error: Option<&str>) {
        let entry = self.operations.entry(operation).or_default();
        entry.0.push(elapsed);
        if let Some(code) = error {
            entry.1 += 1;
            *self.errors.entry(format!("{operation}: {code}")).or_default() += 1;
        }
    }
}

/// What the agents were told was written.
#[derive(Default)]
struct Acknowledged {
    follow_ups: BTreeMap<String, String>,
    versions: BTreeMap<String, i64>,
}

/// A small deterministic generator (xorshift), enough to mix operations.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const LOG: &str = "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } replayed } }";
const ADVANCE: &str =
    "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { stage version } } }";
const MOVE: &str = "mutation($i: MoveProjectStageInput!) { moveProjectStage(input: $i) { project { stage version } } }";
const POLL: &str =
    "{ projects(first: 50) { edges { node { name stage status version followUpCount lastFollowUpOn } } } }";
const REPORT: &str = "query($c: ID!) { cohortReport(cohortId: $c) { projectCount followUpCount enterprisesCreated
    projectsByStage { stage count } followUpsByOrigin { partner { name } projectCount followUpCount } awards { count totalAmountCents } } }";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let seconds = setting("LOAD_SECONDS", 60);
    let agents = setting("LOAD_AGENTS", 6) as usize;
    let partners = setting("LOAD_PARTNERS", 3) as usize;
    let funders = setting("LOAD_FUNDERS", 2) as usize;
    let max_operations = setting("LOAD_MAX_OPERATIONS", 200_000) as usize;
    let database_url = std::env::var("DATABASE_URL").context("DATABASE_URL: a database the load test may fill")?;

    // The server, on loopback only.
    let mut settings = Settings::for_tests(&database_url);
    settings.bind = "127.0.0.1:0".to_owned();
    let store = Store::connect_lazy(&database_url, &settings.pool()).context("DATABASE_URL")?;
    store.migrate().await.context("migrations")?;
    let pool = store.pool().clone();
    let admin_email = format!("admin-{}@load.example", uuid::Uuid::new_v4());
    let hash = hash_password(PASSWORD).map_err(|_| anyhow::anyhow!("cannot hash"))?;
    let mut tx = store.begin(&Scope::System).await?;
    users::insert_user(
        &mut tx,
        &users::NewUser {
            email: &admin_email,
            password_hash: &hash,
            role: sismic_domain::Role::Admin,
            region_id: None,
            partner_id: None,
        },
    )
    .await?;
    sismic_store::commit(tx).await?;
    let app = Application::build(&settings, store).await?;
    let url = format!("http://{}/graphql", app.local_addr());
    tokio::spawn(app.run_until_stopped());
    let anonymous = Client { http: reqwest::Client::new(), url, token: None };

    // Seed through the API.
    let seeding = Instant::now();
    let admin = anonymous.login(&admin_email).await?;
    let run = &uuid::Uuid::new_v4().simple().to_string()[..6];
    let region = admin
        .must("mutation($i: CreateRegionInput!) { createRegion(input: $i) { region { id } } }", json!({ "i": { "code": format!("L{}", &run[..4]).to_uppercase(), "name": format!("Région de charge {run}") } }))
        .await?["createRegion"]["region"]["id"]
        .as_str()
        .context("region")?
        .to_owned();
    let cohort = admin
        .must("mutation($i: CreateCohortInput!) { createCohort(input: $i) { cohort { id } } }", json!({ "i": { "regionId": region, "name": "2020-2021", "startsOn": "2020-04-01", "endsOn": "2021-03-31" } }))
        .await?["createCohort"]["cohort"]["id"]
        .as_str()
        .context("cohort")?
        .to_owned();
    let partner = |name: String, kind: &str| {
        let admin = admin.clone();
        let kind = kind.to_owned();
        async move {
            let data = admin
                .must(
                    "mutation($i: CreatePartnerInput!) { createPartner(input: $i) { partner { id } } }",
                    json!({ "i": { "name": name, "kind": kind } }),
                )
                .await?;
            anyhow::Ok(data["createPartner"]["partner"]["id"].as_str().context("partner")?.to_owned())
        }
    };
    let college = partner(format!("Cégep de charge {run}"), "COLLEGE").await?;
    let funder_partner = partner(format!("Fonds de charge {run}"), "FUNDER").await?;
    let user = |email: String, role: &str, region: Option<String>, partner: Option<String>| {
        let (admin, role) = (admin.clone(), role.to_owned());
        async move {
            admin
                .must(
                    "mutation($i: CreateUserInput!) { createUser(input: $i) { user { id } } }",
                    json!({ "i": { "email": email, "password": PASSWORD, "role": role, "regionId": region, "partnerId": partner } }),
                )
                .await?;
            admin.login(&email).await
        }
    };
    let mut agent_clients = Vec::new();
    for a in 0..agents {
        let agent = user(format!("agent{a}-{run}@load.example"), "AGENT", Some(region.clone()), None).await?;
        let mut projects = Vec::new();
        for p in 0..3 {
            let data = agent
                .must(
                    "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id } } }",
                    json!({ "i": { "cohortId": cohort, "name": format!("Coop {a}-{p}"), "originPartnerId": college, "idempotencyKey": format!("seed-{a}-{p}") } }),
                )
                .await?;
            projects.push(data["createProject"]["project"]["id"].as_str().context("project")?.to_owned());
        }
        agent_clients.push((agent, projects));
    }
    let mut partner_clients = Vec::new();
    for p in 0..partners {
        partner_clients
            .push(user(format!("partner{p}-{run}@load.example"), "PARTNER", None, Some(college.clone())).await?);
    }
    let mut funder_clients = Vec::new();
    for f in 0..funders {
        funder_clients
            .push(user(format!("funder{f}-{run}@load.example"), "FUNDER", None, Some(funder_partner.clone())).await?);
    }
    println!(
        "seeded through the API in {:.1}s: {agents} agents with 3 projects each, {partners} partners, {funders} funders",
        seeding.elapsed().as_secs_f64()
    );

    // The workload.
    let stats = Arc::new(Mutex::new(Stats::default()));
    let acknowledged = Arc::new(Mutex::new(Acknowledged::default()));
    let budget = Arc::new(AtomicUsize::new(max_operations));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let keep_going = {
        let budget = budget.clone();
        move || {
            Instant::now() < deadline
                && budget.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| b.checked_sub(1)).is_ok()
        }
    };
    let mut tasks = Vec::new();
    for (a, (agent, projects)) in agent_clients.into_iter().enumerate() {
        let (stats, acknowledged, keep_going) = (stats.clone(), acknowledged.clone(), keep_going.clone());
        tasks.push(tokio::spawn(async move {
            let mut mix = Mix(0x9E37_79B9_7F4A_7C15 ^ (a as u64 + 1));
            // (stage index, version) of each of the agent's projects, as last acknowledged.
            let mut state: Vec<(usize, i64)> = vec![(0, 1); projects.len()];
            let mut n = 0;
            while keep_going() {
                let p = (mix.next() % projects.len() as u64) as usize;
                if mix.next() % 10 < 7 {
                    let key = format!("load-{a}-{n}");
                    n += 1;
                    let input = json!({ "projectId": projects[p], "occurredOn": "2021-03-02", "mode": "VIRTUAL",
                                        "summary": format!("Coaching {key}"), "durationMinutes": 45, "idempotencyKey": key });
                    loop {
                        let started = Instant::now();
                        let outcome = agent.send(LOG, json!({ "i": input })).await;
                        let error = outcome.as_ref().err().cloned();
                        stats.lock().unwrap().record("logFollowUp", started.elapsed(), error.as_deref());
                        match outcome {
                            Ok(data) => {
                                let id = data["logFollowUp"]["followUp"]["id"].as_str().unwrap_or_default().to_owned();
                                acknowledged.lock().unwrap().follow_ups.insert(key.clone(), id);
                                break;
                            }
                            // A flaky client retries with the same key; anything else is final.
                            Err(code) if (code == "UNAVAILABLE" || code == "network") && Instant::now() < deadline + Duration::from_secs(30) => {
                                tokio::time::sleep(Duration::from_millis(100)).await
                            }
                            Err(_) => break,
                        }
                    }
                } else {
                    let (stage, version) = state[p];
                    let started = Instant::now();
                    let (operation, outcome) = if stage < 2 {
                        ("advanceProjectStage", agent.send(ADVANCE, json!({ "i": { "projectId": projects[p], "expectedVersion": version } })).await)
                    } else {
                        let input = json!({ "projectId": projects[p], "toStage": "REVELATION", "expectedVersion": version, "note": "retour au début" });
                        ("moveProjectStage", agent.send(MOVE, json!({ "i": input })).await)
                    };
                    stats.lock().unwrap().record(operation, started.elapsed(), outcome.as_ref().err().map(String::as_str));
                    if let Ok(data) = outcome {
                        let project = data.as_object().and_then(|o| o.values().next()).map(|p| p["project"].clone()).unwrap_or_default();
                        let new_version = project["version"].as_i64().unwrap_or(version);
                        let new_stage = ["REVELATION", "IDEATION", "PROTOTYPING"].iter().position(|s| project["stage"] == *s).unwrap_or(stage);
                        state[p] = (new_stage, new_version);
                        acknowledged.lock().unwrap().versions.insert(projects[p].clone(), new_version);
                    }
                }
            }
        }));
    }
    for (i, partner) in partner_clients.into_iter().enumerate() {
        let (stats, keep_going) = (stats.clone(), keep_going.clone());
        tasks.push(tokio::spawn(async move {
            let _ = i;
            while keep_going() {
                let started = Instant::now();
                let outcome = partner.send(POLL, json!({})).await;
                stats.lock().unwrap().record(
                    "projects (partner)",
                    started.elapsed(),
                    outcome.as_ref().err().map(String::as_str),
                );
            }
        }));
    }
    for funder in funder_clients {
        let (stats, keep_going, cohort) = (stats.clone(), keep_going.clone(), cohort.clone());
        tasks.push(tokio::spawn(async move {
            while keep_going() {
                let started = Instant::now();
                let outcome = funder.send(REPORT, json!({ "c": cohort })).await;
                stats.lock().unwrap().record(
                    "cohortReport (funder)",
                    started.elapsed(),
                    outcome.as_ref().err().map(String::as_str),
                );
            }
        }));
    }
    let workload = Instant::now();
    for task in tasks {
        task.await.context("a client task panicked")?;
    }
    let elapsed = workload.elapsed();

    // Figures.
    let stats = std::mem::take(&mut *stats.lock().unwrap());
    let total: usize = stats.operations.values().map(|(l, _)| l.len()).sum();
    let errors: usize = stats.operations.values().map(|(_, e)| *e).sum();
    println!(
        "\nworkload: {:.1}s, {total} requests ({:.0}/s), {errors} errors ({:.3}%)",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        100.0 * errors as f64 / total.max(1) as f64
    );
    println!("{:<24} {:>8} {:>7} {:>9} {:>9} {:>9}", "operation", "requests", "errors", "p50 ms", "p99 ms", "max ms");
    for (operation, (latencies, errors)) in &stats.operations {
        let mut sorted = latencies.clone();
        sorted.sort();
        let at = |q: f64| sorted[((sorted.len() as f64 - 1.0) * q).round() as usize].as_secs_f64() * 1000.0;
        println!("{operation:<24} {:>8} {errors:>7} {:>9.1} {:>9.1} {:>9.1}", sorted.len(), at(0.5), at(0.99), at(1.0));
    }
    for (what, count) in &stats.errors {
        println!("  error {what}: {count}");
    }

    // The database holds exactly the acknowledged writes.
    let acknowledged = std::mem::take(&mut *acknowledged.lock().unwrap());
    // Each follow-up's summary is `Coaching <its key>`: a follow-up written twice shows as a
    // count above one, whatever its key's row says.
    let rows: Vec<(Option<String>, i64)> = sqlx::query_as(
        "select substr(summary, length('Coaching ') + 1), count(*) from follow_up \
         where summary like 'Coaching %' group by 1",
    )
    .fetch_all(&pool)
    .await?;
    let mut problems = Vec::new();
    for (key, count) in &rows {
        match key {
            Some(key) if *count == 1 && acknowledged.follow_ups.contains_key(key) => {}
            Some(key) if *count != 1 => problems.push(format!("follow-up {key} stored {count} times")),
            other => problems.push(format!("follow-up {other:?} stored but never acknowledged")),
        }
    }
    if rows.len() != acknowledged.follow_ups.len() {
        problems.push(format!("{} follow-ups acknowledged, {} stored", acknowledged.follow_ups.len(), rows.len()));
    }
    for (project, version) in &acknowledged.versions {
        let raw = project_uuid(project)?;
        let (stored, events): (i32, i64) = sqlx::query_as(
            "select version, (select count(*) from project_stage_event e where e.project_id = p.project_id) from project p where project_id = $1",
        )
        .bind(raw)
        .fetch_one(&pool)
        .await?;
        if i64::from(stored) != *version || events != *version {
            problems.push(format!(
                "project {project}: acknowledged version {version}, stored {stored} with {events} history entries"
            ));
        }
    }
    println!(
        "\ndatabase check: {} follow-ups acknowledged and stored exactly once; {} projects at their acknowledged versions; {} problems",
        acknowledged.follow_ups.len(),
        acknowledged.versions.len(),
        problems.len()
    );
    for problem in &problems {
        println!("  {problem}");
    }
    ensure!(problems.is_empty(), "the database does not hold exactly the acknowledged writes");
    if errors > 0 {
        bail!("{errors} requests failed");
    }
    Ok(())
}

/// The database id inside a global id (`base64url("Project:<uuid>")`).
fn project_uuid(global: &str) -> anyhow::Result<uuid::Uuid> {
    use base64::Engine as _;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(global).context("a global id")?;
    let text = String::from_utf8(bytes)?;
    let (_, id) = text.split_once(':').context("Kind:uuid")?;
    Ok(id.parse()?)
}
