//! Property-based fuzzing of `POST /graphql`: random documents, variables and raw bytes, signed
//! in or not. Whatever comes in, the server answers: no panic, no 5xx, every error has a code of
//! the contract, and no SQL, driver text or panic message leaks. Case counts are bounded so the
//! suite stays fast; failing inputs are printed.

use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde_json::{json, Value};
use sismic_api_tests::{create_project, TestApp, World};
use sqlx::PgPool;

const CODES: &[&str] = &[
    "UNAUTHENTICATED",
    "FORBIDDEN",
    "NOT_FOUND",
    "BAD_USER_INPUT",
    "CONFLICT",
    "INVALID_TRANSITION",
    "RATE_LIMITED",
    "UNAVAILABLE",
    "INTERNAL",
];
const LEAKS: &[&str] = &[
    "sqlx",
    "SQLSTATE",
    "panicked",
    "syntax error at or near",
    "error returned from database",
    "stack backtrace",
    "violates",
    "constraint \"",
];

fn tokens(ids: &[String]) -> Vec<String> {
    let mut tokens: Vec<String> = [
        "{",
        "}",
        "{",
        "}",
        "(",
        ")",
        ":",
        ",",
        "[",
        "]",
        "!",
        "=",
        "...",
        "$v",
        "$i",
        "query",
        "mutation",
        "subscription",
        "query Q($v: Int, $i: LogFollowUpInput!)",
        "fragment F on Query",
        "fragment P on Project",
        "...F",
        "...P",
        "... on Project",
        "@include(if: true)",
        "@skip(if: $v)",
        "@deprecated",
        "projects",
        "partners",
        "cohorts",
        "participants",
        "activities",
        "followUps",
        "first:",
        "after:",
        "100",
        "101",
        "0",
        "-1",
        "2147483648",
        "99999999999999999999",
        "1.5e400",
        "\"x\"",
        "\"\"",
        "\"\\u0000\"",
        "\"ÉÀ🙂\"",
        "null",
        "true",
        "false",
        "edges",
        "node",
        "id",
        "name",
        "stage",
        "status",
        "version",
        "team",
        "awards",
        "stageHistory",
        "note",
        "followUpCount",
        "lastFollowUpOn",
        "summary",
        "originPartner",
        "cohort",
        "region",
        "PROTOTYPING",
        "LAUNCHED",
        "cohortReport",
        "cohortId:",
        "projectId:",
        "id:",
        "node(id: \"\")",
        "project(id: \"Zm9v\")",
        "__typename",
        "__schema",
        "__type(name: \"Project\")",
        "types",
        "fields",
        "me",
        "a:",
        "b:",
        "#",
        "\n",
        "\t",
        "\u{feff}",
        "logFollowUp(input: $i)",
        "logFollowUp(input: {summary: \"s\", occurredOn: \"2021-01-01\", mode: PHONE})",
        "createProject(input: {cohortId: \"x\", name: \"y\"})",
        "advanceProjectStage(input: {projectId: \"x\", expectedVersion: 1})",
        "login(email: \"a@b.c\", password: \"xxxxxxxxxx\")",
        "token",
        "replayed",
        "followUp",
        "project",
        "expectedVersion:",
        "input:",
        "idempotencyKey:",
        "occurredOn:",
        "\"2021-02-30\"",
        "\"9999-12-31\"",
    ]
    .iter()
    .map(|t| (*t).to_owned())
    .collect();
    for id in ids {
        tokens.push(format!("\"{id}\""));
    }
    tokens
}

fn document(ids: &[String]) -> BoxedStrategy<String> {
    let token = prop::sample::select(tokens(ids));
    prop_oneof![
        4 => prop::collection::vec(token, 0..40).prop_map(|t| t.join(" ")),
        1 => ".{0,200}",
    ]
    .boxed()
}

/// Well-formed operations of the schema with random arguments: these reach the resolvers and
/// the database (writes included), where the token soup above mostly stops at the parser.
const TEMPLATES: &[&str] = &[
    "{ projects(first: $INT) { edges { node { id name stage status version followUpCount lastFollowUpOn teamSize team { firstName } awards { amountCents } } } } }",
    "{ project(id: $ID) { name summary stageHistory { toStage note } followUps(first: $INT) { edges { node { summary } } } } }",
    "{ node(id: $ID) { id ... on Project { name originPartner { name } } ... on Cohort { name } } }",
    "{ cohortReport(cohortId: $ID) { projectCount participantsReached followUpsByOrigin { partner { name } followUpCount } awards { count totalAmountCents } } }",
    "{ followUps(first: $INT, occurredFrom: $DATE, projectId: $ID) { edges { cursor node { summary mode } } } }",
    "{ projects(first: $INT, after: $TEXT, stage: $WORD) { pageInfo { hasNextPage } edges { node { id } } } }",
    "mutation { logFollowUp(input: {projectId: $ID, occurredOn: $DATE, mode: $WORD, summary: $TEXT, durationMinutes: $INT, idempotencyKey: $TEXT}) { followUp { id summary } replayed } }",
    "mutation { logFollowUp(input: {partnerId: $ID, regionId: $ID, occurredOn: $DATE, mode: PHONE, summary: $TEXT}) { followUp { id } } }",
    "mutation { advanceProjectStage(input: {projectId: $ID, expectedVersion: $INT, note: $TEXT}) { project { stage version } } }",
    "mutation { moveProjectStage(input: {projectId: $ID, toStage: $WORD, expectedVersion: $INT, note: $TEXT}) { project { stage version } } }",
    "mutation { setProjectStatus(input: {projectId: $ID, status: $WORD, expectedVersion: $INT, note: $TEXT}) { project { status } } }",
    "mutation { recordEnterpriseLaunch(input: {projectId: $ID, expectedVersion: $INT, legalName: $TEXT, legalForm: COOPERATIVE, launchedOn: $DATE, neq: $TEXT}) { project { status } } }",
    "mutation { createProject(input: {cohortId: $ID, name: $TEXT, summary: $TEXT, originPartnerId: $ID, idempotencyKey: $TEXT}) { project { id version } replayed } }",
    "mutation { registerParticipant(input: {regionId: $ID, firstName: $TEXT, lastName: $TEXT, email: $TEXT, idempotencyKey: $TEXT}) { participant { id } } }",
    "mutation { recordAward(input: {projectId: $ID, funderPartnerId: $ID, amountCents: $INT, awardedOn: $DATE}) { award { id } } }",
    "mutation { createActivity(input: {cohortId: $ID, stage: $WORD, title: $TEXT, heldOn: $DATE}) { activity { id } } }",
    "mutation { recordAttendance(input: {activityId: $ID, participantIds: [$ID, $ID]}) { activity { attendeeCount } } }",
    "mutation { createPartner(input: {name: $TEXT, kind: $WORD}) { partner { id } } }",
    "mutation { createCohort(input: {regionId: $ID, name: $TEXT, startsOn: $DATE, endsOn: $DATE}) { cohort { id } } }",
    "mutation { login(email: $TEXT, password: $TEXT) { token } }",
];

fn structured(ids: &[String]) -> BoxedStrategy<String> {
    let id = prop_oneof![4 => prop::sample::select(ids.to_vec()), 1 => ".{0,30}"];
    let int = prop_oneof![
        3 => prop::sample::select(vec![-1i64, 0, 1, 2, 3, 20, 100, 101, 1_440, 1_441, 100_000_000, 100_000_001, 2_147_483_647, 2_147_483_648]),
        1 => any::<i64>(),
    ];
    let text = prop_oneof![
        4 => "[a-zA-Z éàÇ'-]{1,30}",
        2 => ".{0,60}",
        1 => prop::sample::select(vec![String::new(), "   ".to_owned(), "x".repeat(2_100), "é\u{0}\u{202e}🙂'\\\"".to_owned()]),
    ];
    let date = prop_oneof![
        3 => prop::sample::select(vec!["2021-03-02", "2020-11-12", "2020-04-01"]),
        1 => prop::sample::select(vec!["2021-02-30", "9999-12-31", "0001-01-01", "2021-3-2", ""]),
    ];
    let word = prop::sample::select(vec![
        "PHONE",
        "VIRTUAL",
        "IN_PERSON",
        "EMAIL",
        "REVELATION",
        "IDEATION",
        "PROTOTYPING",
        "ACTIVE",
        "ON_HOLD",
        "ABANDONED",
        "LAUNCHED",
        "REFERRED_OUT",
        "COLLEGE",
        "FUNDER",
        "BOGUS",
        "null",
    ]);
    use prop::collection::vec as n;
    (prop::sample::select(TEMPLATES), n(id, 4), n(int, 4), n(text, 6), n(date, 3), n(word, 2))
        .prop_map(|(template, ids, ints, texts, dates, words)| {
            let mut out = template.to_owned();
            let literal = |s: &str| serde_json::to_string(s).unwrap();
            for (i, id) in ids.iter().enumerate() {
                out = out.replacen("$ID", &literal(id), usize::from(i < 3));
            }
            out = out.replace("$ID", &literal(&ids[3]));
            for int in &ints {
                out = out.replacen("$INT", &int.to_string(), 1);
            }
            for text in &texts {
                out = out.replacen("$TEXT", &literal(text), 1);
            }
            for date in &dates {
                out = out.replacen("$DATE", &literal(date), 1);
            }
            for word in &words {
                out = out.replacen("$WORD", word, 1);
            }
            out
        })
        .boxed()
}

fn json_value(ids: &[String]) -> BoxedStrategy<Value> {
    let ids = ids.to_vec();
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        ".{0,40}".prop_map(Value::from),
        prop::sample::select(ids).prop_map(Value::from),
        prop::sample::select(vec!["2021-03-02".to_owned(), "PHONE".to_owned(), "ON_HOLD".to_owned(), "x".repeat(3000)])
            .prop_map(Value::from),
    ];
    leaf.prop_recursive(3, 24, 6, |inner| {
        let names = prop::sample::select(vec![
            "projectId",
            "partnerId",
            "regionId",
            "cohortId",
            "summary",
            "occurredOn",
            "mode",
            "durationMinutes",
            "idempotencyKey",
            "expectedVersion",
            "name",
            "stage",
            "note",
            "first",
            "i",
            "v",
            "x",
        ]);
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            prop::collection::btree_map(names.prop_map(str::to_owned), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
    .boxed()
}

/// Checks one answer; returns its error codes (`data` when none), for the run's summary.
fn check(status: u16, body: &Result<Value, String>, input: &str) -> Vec<String> {
    let mut codes = Vec::new();
    assert!(status < 500, "status {status} for {input}: {body:?}");
    let body = body.as_ref().unwrap_or_else(|text| panic!("not JSON ({text}) for {input}"));
    let text = body.to_string();
    for leak in LEAKS {
        assert!(!text.contains(leak), "`{leak}` leaked for {input}: {text}");
    }
    let responses: Vec<&Value> = match body {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for response in responses {
        for error in response["errors"].as_array().into_iter().flatten() {
            let code = error["extensions"]["code"]
                .as_str()
                .unwrap_or_else(|| panic!("error without a code for {input}: {error}"));
            assert!(CODES.contains(&code), "unknown code {code} for {input}");
            assert_ne!(code, "INTERNAL", "an INTERNAL error for {input}: {error}");
            codes.push(code.to_owned());
            if std::env::var("FUZZ_SHOW").is_ok() {
                eprintln!("{code}: {}", error["message"]);
            }
        }
    }
    if codes.is_empty() {
        codes.push("data".to_owned());
    }
    codes
}

fn tally(summary: &mut std::collections::BTreeMap<String, usize>, codes: Vec<String>) {
    for code in codes {
        *summary.entry(code).or_default() += 1;
    }
}

fn runner() -> TestRunner {
    // A fixed seed: the run is reproducible; change `PROPTEST_SEED` to explore (any u64).
    let seed: u64 = std::env::var("PROPTEST_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x5151_C0DE);
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    TestRunner::new_with_rng(Config::default(), TestRng::from_seed(RngAlgorithm::ChaCha, &bytes))
}

async fn setup(pool: PgPool) -> (TestApp, World, Vec<String>) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop du rang", Some(&world.college)).await;
    let ids = vec![
        project,
        world.cohort_a.clone(),
        world.region_b.clone(),
        world.college.clone(),
        "UHJvamVjdDpub3Bl".to_owned(),
    ];
    (app, world, ids)
}

#[sqlx::test(migrations = "../migrations")]
async fn random_documents_and_variables_get_coded_errors_and_no_leak(pool: PgPool) {
    let (app, world, ids) = setup(pool).await;
    let documents = prop_oneof![2 => structured(&ids), 1 => document(&ids)];
    // Variables as an object (other shapes are refused before parsing: the bytes test has them).
    let variables = json_value(&ids).prop_map(|v| if v.is_object() { v } else { json!({ "v": v, "i": v }) });
    let strategy = (documents, variables, 0..3usize);
    let mut runner = runner();
    let mut summary = std::collections::BTreeMap::new();
    for _ in 0..250 {
        let (query, variables, who) = strategy.new_tree(&mut runner).unwrap().current();
        let token = [None, Some(world.agent_a.token.as_str()), Some(world.admin.token.as_str())][who];
        let body = serde_json::to_vec(&json!({ "query": query, "variables": variables })).unwrap();
        let (status, response) = app.post_bytes(token, body).await;
        tally(&mut summary, check(status, &response, &format!("query {query:?} variables {variables}")));
    }
    eprintln!("random documents: {summary:?}");
}

#[sqlx::test(migrations = "../migrations")]
async fn random_bytes_and_json_shapes_get_coded_errors_and_no_leak(pool: PgPool) {
    let (app, world, ids) = setup(pool).await;
    let bytes = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        json_value(&ids).prop_map(|v| serde_json::to_vec(&v).unwrap()),
        (json_value(&ids), json_value(&ids), json_value(&ids)).prop_map(|(q, v, o)| {
            serde_json::to_vec(&json!({ "query": q, "variables": v, "operationName": o })).unwrap()
        }),
        prop::collection::vec(document(&ids), 0..13)
            .prop_map(|docs| serde_json::to_vec(&docs.into_iter().map(|q| json!({ "query": q })).collect::<Vec<_>>())
                .unwrap()),
    ];
    let mut runner = runner();
    let mut summary = std::collections::BTreeMap::new();
    for _ in 0..250 {
        let body = bytes.new_tree(&mut runner).unwrap().current();
        let shown = String::from_utf8_lossy(&body).into_owned();
        let (status, response) = app.post_bytes(Some(&world.agent_a.token), body).await;
        tally(&mut summary, check(status, &response, &shown));
    }
    eprintln!("random bodies: {summary:?}");
}
