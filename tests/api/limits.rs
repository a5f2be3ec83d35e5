//! Request limits. Each is checked on a server whose database cannot be reached: a limit that
//! answers `BAD_USER_INPUT` there refused the request before any database work, and the same
//! document within the limit gets as far as the database (`UNAVAILABLE`), which shows the
//! limit, not something else, refused it.

use serde_json::{json, Value};
use sismic_api_tests::{error_code, TestApp};

/// Posts `query` as an ADMIN whose token needs no database; returns the first error's code.
async fn code_of(app: &TestApp, query: &str) -> String {
    let token = app.token_for("ADMIN");
    let response = app.post(Some(&token), query, json!({})).await;
    error_code(&response)
}

fn message(response: &Value) -> String {
    response["errors"][0]["message"].as_str().unwrap_or_default().to_owned()
}

const DEEP: &str = "{ me { region { cohorts { edges { node { region { name } } } } } } }";

#[tokio::test]
async fn a_query_deeper_than_the_limit_is_refused_before_any_database_work() {
    let strict = TestApp::spawn_without_database(|s| s.max_depth = 5).await;
    assert_eq!(code_of(&strict, DEEP).await, "BAD_USER_INPUT");
    let relaxed = TestApp::spawn_without_database(|s| s.max_depth = 12).await;
    assert_eq!(code_of(&relaxed, DEEP).await, "UNAVAILABLE");
}

#[tokio::test]
async fn a_connection_costs_first_times_its_children_in_complexity() {
    let app = TestApp::spawn_without_database(|_| {}).await;
    let nested = |first: u32| {
        format!("{{ projects(first: {first}) {{ edges {{ node {{ followUps(first: {first}) {{ edges {{ node {{ id summary }} }} }} }} }} }} }}")
    };
    // 100 × (100 × 4) is far over the default 5,000; 5 × (5 × 4) is well under.
    assert_eq!(code_of(&app, &nested(100)).await, "BAD_USER_INPUT");
    assert_eq!(code_of(&app, &nested(5)).await, "UNAVAILABLE");
    // A plain list (a team) costs a fixed multiple: 100 projects × 20 members × 3 fields.
    let teams = "{ projects(first: 100) { edges { node { team { firstName lastName email } } } } }";
    assert_eq!(code_of(&app, teams).await, "BAD_USER_INPUT");
    let few_teams = "{ projects(first: 10) { edges { node { team { firstName lastName email } } } } }";
    assert_eq!(code_of(&app, few_teams).await, "UNAVAILABLE");
}

#[tokio::test]
async fn too_many_directives_on_a_field_are_refused() {
    let app = TestApp::spawn_without_database(|_| {}).await;
    let five =
        "{ me @include(if: true) @include(if: true) @include(if: true) @include(if: true) @include(if: true) { id } }";
    assert_eq!(code_of(&app, five).await, "BAD_USER_INPUT");
    assert_eq!(code_of(&app, "{ me @include(if: true) { id } }").await, "UNAVAILABLE");
}

#[tokio::test]
async fn too_many_aliases_are_refused() {
    let app = TestApp::spawn_without_database(|_| {}).await;
    let aliased =
        |n: usize| format!("{{ {} }}", (0..n).map(|i| format!("a{i}: me {{ id }}")).collect::<Vec<_>>().join(" "));
    let token = app.token_for("ADMIN");
    let refused = app.post(Some(&token), &aliased(31), json!({})).await;
    assert_eq!(error_code(&refused), "BAD_USER_INPUT");
    assert!(message(&refused).contains("aliases"), "{refused}");
    assert_eq!(code_of(&app, &aliased(30)).await, "UNAVAILABLE");
    // Aliases in fragments count too.
    let fields = (0..31).map(|i| format!("a{i}: me {{ id }}")).collect::<Vec<_>>().join(" ");
    let in_fragment = format!("{{ ...F }} fragment F on Query {{ {fields} }}");
    assert_eq!(code_of(&app, &in_fragment).await, "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_batch_with_too_many_operations_is_refused() {
    let app = TestApp::spawn_without_database(|_| {}).await;
    let batch = |n: usize| serde_json::to_vec(&vec![json!({ "query": "{ __typename }" }); n]).unwrap();
    let (status, body) = app.post_bytes(None, batch(11)).await;
    assert_eq!(status, 400);
    assert_eq!(error_code(&body.unwrap()), "BAD_USER_INPUT");
    let (status, body) = app.post_bytes(None, batch(10)).await;
    assert_eq!(status, 200);
    assert_eq!(body.unwrap().as_array().map(Vec::len), Some(10));
    // An empty array is no operation at all: refused too.
    let (_, body) = app.post_bytes(None, b"[]".to_vec()).await;
    assert_eq!(error_code(&body.unwrap()), "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_body_over_the_size_limit_gets_a_graphql_error_with_a_code() {
    let app = TestApp::spawn_without_database(|_| {}).await;
    let body = |size: usize| {
        let padding = "#".repeat(size);
        serde_json::to_vec(&json!({ "query": format!("{padding}\n{{ __typename }}") })).unwrap()
    };
    let (status, response) = app.post_bytes(None, body(1_048_576)).await;
    assert_eq!(status, 413);
    let response = response.expect("a JSON body");
    assert_eq!(error_code(&response), "BAD_USER_INPUT");
    let (status, response) = app.post_bytes(None, body(1_000_000)).await;
    assert_eq!(status, 200, "{response:?}");
    assert_eq!(response.unwrap()["data"]["__typename"], "Query");
}

#[tokio::test]
async fn first_is_at_most_100_and_checked_before_any_database_work() {
    let app = TestApp::spawn_without_database(|_| {}).await;
    assert_eq!(code_of(&app, "{ projects(first: 101) { edges { node { id } } } }").await, "BAD_USER_INPUT");
    assert_eq!(code_of(&app, "{ projects(first: 0) { edges { node { id } } } }").await, "BAD_USER_INPUT");
    assert_eq!(code_of(&app, "{ projects(first: 100) { edges { node { id } } } }").await, "UNAVAILABLE");
}

#[tokio::test]
async fn introspection_can_be_turned_off() {
    let query = "{ __schema { queryType { name } } }";
    let on = TestApp::spawn_without_database(|_| {}).await;
    let response = on.post(None, query, json!({})).await;
    assert_eq!(response["data"]["__schema"]["queryType"]["name"], "Query", "{response}");
    let off = TestApp::spawn_without_database(|s| s.introspection = false).await;
    let response = off.post(None, query, json!({})).await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT", "{response}");
    assert!(message(&response).contains("introspection"), "{response}");
    let hidden =
        off.post(None, "{ ...F } fragment F on Query { t: __type(name: \"Project\") { name } }", json!({})).await;
    assert_eq!(error_code(&hidden), "BAD_USER_INPUT", "{hidden}");
}

#[tokio::test]
async fn field_suggestions_are_for_signed_in_callers_and_can_be_turned_off() {
    let query = "{ projectz { edges { node { id } } } }";
    let on = TestApp::spawn_without_database(|_| {}).await;
    // Anonymous callers (no token, or one that is not correctly signed) never get a map of the
    // schema in "Did you mean …?" hints.
    for token in [None, Some("not.a.token")] {
        let response = on.post(token, query, json!({})).await;
        assert_eq!(error_code(&response), "BAD_USER_INPUT", "{response}");
        assert!(!message(&response).contains("Did you mean"), "{response}");
    }
    let signed_in = on.token_for("AGENT");
    let response = on.post(Some(&signed_in), query, json!({})).await;
    assert!(message(&response).contains("Did you mean"), "{response}");
    let off = TestApp::spawn_without_database(|s| s.suggestions = false).await;
    let response = off.post(Some(&off.token_for("AGENT")), query, json!({})).await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT");
    assert!(!message(&response).contains("Did you mean"), "{response}");
}

#[tokio::test]
async fn a_request_past_the_deadline_gets_unavailable_as_graphql_json() {
    // The database cannot be reached and the pool waits 5 s for it: the 1 s deadline fires
    // first and answers a GraphQL error, not an empty 504.
    let app = TestApp::spawn_without_database(|s| {
        s.request_timeout_secs = 1;
        s.db_acquire_timeout_ms = 5_000;
    })
    .await;
    let token = app.token_for("ADMIN");
    let started = std::time::Instant::now();
    let body = serde_json::to_vec(&json!({ "query": "{ me { id } }" })).unwrap();
    let (status, response) = app.post_bytes(Some(&token), body).await;
    assert!(started.elapsed() < std::time::Duration::from_secs(4), "took {:?}", started.elapsed());
    assert_eq!(status, 503);
    let response = response.expect("a JSON body");
    assert_eq!(error_code(&response), "UNAVAILABLE");
    assert!(response["errors"][0]["extensions"]["requestId"].is_string(), "{response}");
}

#[tokio::test]
async fn a_fragment_bomb_is_refused_fast() {
    // Each fragment spreads the previous one twice: 2^30 selections from a 2 KiB document.
    let app = TestApp::spawn_without_database(|_| {}).await;
    let mut query = String::from("{ ...F30 } fragment F0 on Query { __typename }");
    for i in 1..=30 {
        query.push_str(&format!(" fragment F{i} on Query {{ ...F{prev} ...F{prev} }}", prev = i - 1));
    }
    let response = tokio::time::timeout(std::time::Duration::from_secs(5), app.post(None, &query, json!({})))
        .await
        .expect("refused within 5 s");
    assert_eq!(error_code(&response), "BAD_USER_INPUT", "{response}");
}

/// graphql-js 16's `getIntrospectionQuery()` with every option on (descriptions,
/// `specifiedByURL`, repeatable directives, schema description, deprecated input values,
/// `isOneOf`): what GraphiQL, GraphQL Code Generator, Postman and Apollo send.
const STANDARD_INTROSPECTION: &str = r#"
query IntrospectionQuery {
  __schema {
    description
    queryType { name kind }
    mutationType { name kind }
    subscriptionType { name kind }
    types { ...FullType }
    directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
  }
}
fragment FullType on __Type {
  kind name description specifiedByURL isOneOf
  fields(includeDeprecated: true) {
    name description
    args(includeDeprecated: true) { ...InputValue }
    type { ...TypeRef }
    isDeprecated deprecationReason
  }
  inputFields(includeDeprecated: true) { ...InputValue }
  interfaces { ...TypeRef }
  enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
  possibleTypes { ...TypeRef }
}
fragment InputValue on __InputValue {
  name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
}
fragment TypeRef on __Type {
  kind name
  ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
    ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
}"#;

#[tokio::test]
async fn the_standard_introspection_query_returns_the_whole_schema_anonymously_and_signed_in() {
    let app = TestApp::spawn_without_database(|_| {}).await;
    let admin = app.token_for("ADMIN");
    for token in [None, Some(admin.as_str())] {
        let response = app.post(token, STANDARD_INTROSPECTION, json!({})).await;
        assert!(response.get("errors").is_none(), "{response:#}");
        let types = response["data"]["__schema"]["types"].as_array().expect("types");
        let names: Vec<&str> = types.iter().filter_map(|t| t["name"].as_str()).collect();
        for expected in ["Project", "CohortReport", "Mutation", "Stage", "Node"] {
            assert!(names.contains(&expected), "{expected} is missing");
        }
        assert_eq!(response["data"]["__schema"]["queryType"]["name"], "Query");
    }
}

#[tokio::test]
async fn deep_or_repeated_introspection_stays_refused() {
    let app = TestApp::spawn_without_database(|_| {}).await;
    // Nested far deeper than any tool asks.
    let levels = ["__schema", "types"].into_iter().chain(["fields", "type"].into_iter().cycle().take(16));
    let opened: Vec<&str> = levels.collect();
    let deep = format!("{{ {} {{ name {} }}", opened.join(" { "), "} ".repeat(opened.len()));
    let response = app.post(None, &deep, json!({})).await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT", "{response}");
    assert!(message(&response).contains("introspection depth"), "{response}");
    // The whole schema asked for again and again under aliases.
    let repeated: String = (0..6).map(|i| format!(" s{i}: __schema {{ types {{ name }} }}")).collect();
    let response = app.post(None, &format!("{{{repeated} }}"), json!({})).await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT", "{response}");
    // The data's own depth limit still holds.
    assert_eq!(code_of(&app, "{ me { region { cohorts { edges { node { region { cohorts { edges { node { region { cohorts { edges { node { id } } } } } } } } } } } } } }").await, "BAD_USER_INPUT");
}

#[tokio::test]
async fn a_refused_request_names_the_limit_and_the_figures() {
    let app = TestApp::spawn_without_database(|s| s.max_depth = 5).await;
    let response = app.post(None, DEEP, json!({})).await;
    assert_eq!(message(&response), "depth 7 is over 5: nest fewer levels of fields", "{response}");
    let heavy =
        "{ projects(first: 100) { edges { node { followUps(first: 100) { edges { node { id summary } } } } } } }";
    let app = TestApp::spawn_without_database(|_| {}).await;
    let response = app.post(None, heavy, json!({})).await;
    assert_eq!(error_code(&response), "BAD_USER_INPUT");
    assert!(message(&response).starts_with("complexity 40,"), "{response}");
    assert!(message(&response).contains("is over the limit of 5,000"), "{response}");
}

#[sqlx::test(migrations = "../migrations")]
async fn every_answer_says_what_it_cost_and_what_is_available(pool: sqlx::PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = sismic_api_tests::World::build(&app).await;
    let response =
        app.post(Some(&world.agent_a.token), "{ projects(first: 10) { edges { node { id name } } } }", json!({})).await;
    assert!(response.get("errors").is_none(), "{response}");
    let cost = &response["extensions"]["cost"];
    // A connection costs `first` × its children: 10 × (edges 1 + node 1 + id 1 + name 1) + 1.
    assert!(cost["requestedQueryCost"].as_u64().unwrap() >= 40, "{cost}");
    assert_eq!(cost["maximumAvailable"], 5_000);
    // Errors in resolvers do not hide it either.
    let refused =
        app.post(Some(&world.agent_a.token), "{ auditLog(first: 5) { edges { node { at } } } }", json!({})).await;
    assert_eq!(error_code(&refused), "FORBIDDEN");
    assert!(refused["extensions"]["cost"]["requestedQueryCost"].is_u64(), "{refused}");
}
