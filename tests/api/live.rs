//! Live updates: GraphQL subscriptions over WebSocket (graphql-transport-ws), driven with a
//! real WebSocket client (tokio-tungstenite), across two server instances on one database,
//! each with its own listener, as two `sismic serve` replicas behind a load balancer.
//!
//! Timeouts here are generous on purpose: they bound a test that would otherwise hang, they
//! measure nothing. Silence is asserted over a short window *after* a control event has reached
//! the subscriber that should hear it, so that "nothing yet" cannot pass for "nothing".

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use sismic_api_tests::{create_partner, create_project, raw_id, Actor, TestApp, World, TEST_PASSWORD};
use sismic_server::config::ExposeSecret as _;
use sqlx::PgPool;
use std::time::Duration;
use tokio::net::TcpStream;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::{MaybeTlsStream, WebSocketStream};

/// Long enough for any loaded machine; a test that waits this long has failed.
pub(crate) const PATIENCE: Duration = Duration::from_secs(10);
/// How long "nothing arrives" is watched, once the control event has arrived.
const SILENCE: Duration = Duration::from_millis(700);

pub(crate) const PROJECT_CHANGED: &str =
    "subscription { projectChanged { change project { id name stage status version followUpCount } } }";
const FOLLOW_UP_LOGGED: &str = "subscription { followUpLogged { followUp { id summary project { id } } } }";
const ADVANCE: &str =
    "mutation($i: AdvanceProjectStageInput!) { advanceProjectStage(input: $i) { project { version } } }";
const LOG: &str = "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }";

/// What a connection saw last.
#[derive(Debug)]
pub(crate) enum Seen {
    /// A protocol message.
    Message(Value),
    /// The server closed the connection.
    Closed(u16, String),
    /// Nothing within the wait.
    Nothing,
}

/// A graphql-transport-ws client.
pub(crate) struct Live {
    pub(crate) ws: WebSocketStream<MaybeTlsStream<TcpStream>>,
}

/// The WebSocket address of a test server.
fn ws_url(app: &TestApp) -> String {
    format!("{}/graphql", app.address.replacen("http://", "ws://", 1))
}

impl Live {
    /// Opens a WebSocket with the protocol and these extra headers.
    pub(crate) async fn open(
        app: &TestApp,
        headers: &[(&str, &str)],
    ) -> Result<Live, tokio_tungstenite::tungstenite::Error> {
        Self::open_with_protocol(app, Some("graphql-transport-ws"), headers).await
    }

    async fn open_with_protocol(
        app: &TestApp,
        protocol: Option<&str>,
        headers: &[(&str, &str)],
    ) -> Result<Live, tokio_tungstenite::tungstenite::Error> {
        let mut request = ws_url(app).into_client_request().unwrap();
        if let Some(protocol) = protocol {
            request.headers_mut().insert("sec-websocket-protocol", HeaderValue::from_str(protocol).unwrap());
        }
        for (name, value) in headers {
            let name = tokio_tungstenite::tungstenite::http::HeaderName::from_bytes(name.as_bytes()).unwrap();
            request.headers_mut().insert(name, HeaderValue::from_str(value).unwrap());
        }
        let (ws, _) = tokio_tungstenite::connect_async(request).await?;
        Ok(Live { ws })
    }

    /// Opens a connection signed in by a bearer token in `connection_init`, and waits for the ack.
    pub(crate) async fn signed_in(app: &TestApp, token: &str) -> Live {
        let mut live = Live::open(app, &[]).await.expect("a WebSocket");
        live.send(json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {token}") } }))
            .await;
        match live.next(PATIENCE).await {
            Seen::Message(m) if m["type"] == "connection_ack" => live,
            other => panic!("expected connection_ack, got {other:?}"),
        }
    }

    pub(crate) async fn send(&mut self, message: Value) {
        self.ws.send(Message::text(message.to_string())).await.expect("sent");
    }

    pub(crate) async fn subscribe(&mut self, id: &str, query: &str, variables: Value) {
        self.send(json!({ "type": "subscribe", "id": id, "payload": { "query": query, "variables": variables } }))
            .await;
    }

    /// The next protocol message, or the close, within `wait` (pings are skipped).
    pub(crate) async fn next(&mut self, wait: Duration) -> Seen {
        let until = tokio::time::Instant::now() + wait;
        loop {
            let frame = match tokio::time::timeout_at(until, self.ws.next()).await {
                Err(_) => return Seen::Nothing,
                Ok(None) => return Seen::Closed(1006, "no close frame".into()),
                Ok(Some(Err(error))) => return Seen::Closed(1006, error.to_string()),
                Ok(Some(Ok(frame))) => frame,
            };
            match frame {
                Message::Text(text) => return Seen::Message(serde_json::from_str(text.as_str()).expect("JSON")),
                Message::Close(Some(frame)) => return Seen::Closed(u16::from(frame.code), frame.reason.to_string()),
                Message::Close(None) => return Seen::Closed(1005, String::new()),
                _ => continue,
            }
        }
    }

    /// The next `next` message of operation `id` (its payload), failing on anything else.
    pub(crate) async fn event(&mut self, id: &str) -> Value {
        match self.next(PATIENCE).await {
            Seen::Message(m) if m["type"] == "next" && m["id"] == id => m["payload"].clone(),
            other => panic!("expected an event for {id}, got {other:?}"),
        }
    }

    /// The `error` message of operation `id`: its first error's code.
    pub(crate) async fn refusal(&mut self, id: &str) -> String {
        match self.next(PATIENCE).await {
            Seen::Message(m) if m["type"] == "error" && m["id"] == id => {
                m["payload"][0]["extensions"]["code"].as_str().expect("a code").to_owned()
            }
            other => panic!("expected an error for {id}, got {other:?}"),
        }
    }

    /// The close code (and reason) the server ends with.
    pub(crate) async fn closed(&mut self) -> (u16, String) {
        match self.next(PATIENCE).await {
            Seen::Closed(code, reason) => (code, reason),
            other => panic!("expected the connection to close, got {other:?}"),
        }
    }

    /// Asserts that nothing arrives for [`SILENCE`].
    pub(crate) async fn silent(&mut self, who: &str) {
        match self.next(SILENCE).await {
            Seen::Nothing => {}
            other => panic!("{who} should have heard nothing, got {other:?}"),
        }
    }
}

async fn advance(app: &TestApp, actor: &Actor, project: &str) {
    let version = app.ok(actor, "query($id: ID!) { project(id: $id) { version } }", json!({ "id": project })).await
        ["project"]["version"]
        .clone();
    app.ok(actor, ADVANCE, json!({ "i": { "projectId": project, "expectedVersion": version } })).await;
}

async fn log_follow_up(app: &TestApp, actor: &Actor, project: &str, summary: &str) {
    app.ok(
        actor,
        LOG,
        json!({ "i": { "projectId": project, "occurredOn": "2021-03-02", "mode": "PHONE", "summary": summary } }),
    )
    .await;
}

/// Two servers on one database, each built as `sismic serve` builds it (its own pool, its own
/// listener).
async fn replicas(pool: &PgPool) -> (TestApp, TestApp) {
    let one = TestApp::spawn_connecting(pool.clone(), |_| {}).await;
    let two = TestApp::spawn_connecting(pool.clone(), |_| {}).await;
    (one, two)
}

#[sqlx::test(migrations = "../migrations")]
async fn a_change_made_through_one_replica_reaches_the_subscribers_of_the_other_and_no_one_else(pool: PgPool) {
    let (one, two) = replicas(&pool).await;
    let world = World::build(&one).await;
    let other = create_partner(&one, &world.admin, "UQTR", "UNIVERSITY").await;
    let college = one.user("PARTNER", None, Some(raw_id(&world.college))).await;
    let university = one.user("PARTNER", None, Some(raw_id(&other))).await;
    let ours = create_project(&one, &world.agent_a, &world.cohort_a, "Coop du cégep", Some(&world.college)).await;
    let theirs = create_project(&one, &world.agent_a, &world.cohort_a, "Coop de l'UQTR", Some(&other)).await;

    let mut college_live = Live::signed_in(&two, &college.token).await;
    college_live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    let mut university_live = Live::signed_in(&two, &university.token).await;
    university_live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    let mut agent_b_live = Live::signed_in(&two, &world.agent_b.token).await;
    agent_b_live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    agent_b_live.subscribe("f", FOLLOW_UP_LOGGED, json!({})).await;
    let mut agent_a_live = Live::signed_in(&two, &world.agent_a.token).await;
    agent_a_live.subscribe("f", FOLLOW_UP_LOGGED, json!({})).await;

    // Through replica one; heard on replica two.
    let sent = std::time::Instant::now();
    advance(&one, &world.agent_a, &ours).await;
    let event = college_live.event("p").await;
    // Replica two's /metrics counts its four open WebSockets and their running subscriptions.
    let (_, samples) = crate::observability::scrape(&two).await;
    assert_eq!(crate::observability::value(&samples, "sismic_websocket_connections", &[]), 4.0);
    assert!(crate::observability::value(&samples, "sismic_graphql_subscriptions", &[]) >= 1.0);
    eprintln!("live: a change made through one replica arrived through the other in {:?}", sent.elapsed());
    let changed = &event["data"]["projectChanged"];
    assert_eq!(changed["change"], "STAGE_CHANGED", "{event}");
    assert_eq!(changed["project"]["id"], ours);
    assert_eq!(changed["project"]["stage"], "IDEATION");
    assert_eq!(changed["project"]["version"], 2);
    // The other partner and the other region hear nothing of it.
    university_live.silent("another partner").await;
    agent_b_live.silent("another region's agent").await;

    // The other partner's own project: it hears that one (the control), and that was the first
    // thing it heard.
    advance(&one, &world.agent_a, &theirs).await;
    let event = university_live.event("p").await;
    assert_eq!(event["data"]["projectChanged"]["project"]["id"], theirs, "{event}");
    college_live.silent("the first partner").await;

    // A follow-up: the region's agent reads it whole; the partner hears only that its
    // project's count changed, never what was said.
    log_follow_up(&one, &world.agent_a, &ours, "Rencontre sur le plan d'affaires, texte confidentiel").await;
    let event = agent_a_live.event("f").await;
    assert_eq!(
        event["data"]["followUpLogged"]["followUp"]["summary"],
        "Rencontre sur le plan d'affaires, texte confidentiel"
    );
    assert_eq!(event["data"]["followUpLogged"]["followUp"]["project"]["id"], ours);
    let event = college_live.event("p").await;
    assert_eq!(event["data"]["projectChanged"]["change"], "FOLLOW_UP_LOGGED", "{event}");
    assert_eq!(event["data"]["projectChanged"]["project"]["followUpCount"], 1);
    assert!(!event.to_string().contains("confidentiel"), "{event}");
    agent_b_live.silent("another region's agent").await;
    university_live.silent("another partner").await;

    // And the same across the other way round: through replica two, heard on one.
    let mut college_on_one = Live::signed_in(&one, &college.token).await;
    college_on_one.subscribe("p", PROJECT_CHANGED, json!({})).await;
    advance(&two, &world.agent_a, &ours).await;
    let event = college_on_one.event("p").await;
    assert_eq!(event["data"]["projectChanged"]["project"]["stage"], "PROTOTYPING", "{event}");
    let event = college_live.event("p").await;
    assert_eq!(event["data"]["projectChanged"]["project"]["stage"], "PROTOTYPING", "{event}");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_partner_never_receives_a_follow_up_summary(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let college = app.user("PARTNER", None, Some(raw_id(&world.college))).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop", Some(&world.college)).await;
    let mut live = Live::signed_in(&app, &college.token).await;
    // Follow-ups themselves are not for partners, as for queries.
    live.subscribe("f", FOLLOW_UP_LOGGED, json!({})).await;
    assert_eq!(live.refusal("f").await, "FORBIDDEN");
    // Asking for them through the project: the event says FORBIDDEN for that field, no text.
    let sneaky =
        "subscription { projectChanged { change project { followUpCount followUps { edges { node { summary } } } } } }";
    live.subscribe("p", sneaky, json!({})).await;
    log_follow_up(&app, &world.agent_a, &project, "Propos tenus en confiance").await;
    let event = live.event("p").await;
    assert!(!event.to_string().contains("confiance"), "{event}");
    assert_eq!(event["errors"][0]["extensions"]["code"], "FORBIDDEN", "{event}");
    // Another partner's project, asked for by id, does not exist for it.
    let other = create_partner(&app, &world.admin, "Autre", "OTHER").await;
    let elsewhere = create_project(&app, &world.agent_a, &world.cohort_a, "Ailleurs", Some(&other)).await;
    live.subscribe(
        "one",
        "subscription($id: ID) { projectChanged(projectId: $id) { change } }",
        json!({ "id": elsewhere }),
    )
    .await;
    assert_eq!(live.refusal("one").await, "NOT_FOUND");
    // Nor does a participant ever travel: a partner asking for the team is refused.
    live.subscribe("t", "subscription { projectChanged { project { team { firstName } } } }", json!({})).await;
    app.ok(
        &world.agent_a,
        "mutation($i: ProjectMemberInput!) { addProjectMember(input: $i) { project { teamSize } } }",
        json!({ "i": { "projectId": project,
                        "participantId": sismic_api_tests::register(&app, &world.agent_a, &world.region_a, "Léa", "Roy").await } }),
    )
    .await;
    // Both of its subscriptions of projects hear the team change; neither shows a name.
    for _ in 0..2 {
        match live.next(PATIENCE).await {
            Seen::Message(m) if m["type"] == "next" => assert!(!m.to_string().contains("Léa"), "{m}"),
            other => panic!("expected an event, got {other:?}"),
        }
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn funders_hear_report_changes_only(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&world.funder))).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&world.college))).await;
    let mut live = Live::signed_in(&app, &funder.token).await;
    live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    assert_eq!(live.refusal("p").await, "FORBIDDEN");
    live.subscribe("f", FOLLOW_UP_LOGGED, json!({})).await;
    assert_eq!(live.refusal("f").await, "FORBIDDEN");
    let report = "subscription($c: ID!) { cohortReportChanged(cohortId: $c) { cohort { id name } } }";
    live.subscribe("r", report, json!({ "c": world.cohort_a })).await;
    // A change to another cohort's figures is not this one's.
    create_project(&app, &world.agent_b, &world.cohort_b, "Ailleurs", None).await;
    live.silent("the funder, about another cohort").await;
    create_project(&app, &world.agent_a, &world.cohort_a, "Coop", Some(&world.college)).await;
    let event = live.event("r").await;
    assert_eq!(event["data"]["cohortReportChanged"]["cohort"]["id"], world.cohort_a, "{event}");
    // No project event ever reached the funder: the only messages were the two refusals and
    // the report's event.
    live.silent("the funder").await;
    // The network report of the programme year too (and not of another year).
    let network = "subscription($y: Int!) { networkReportChanged(programYear: $y) { programYear cohort { id } } }";
    live.subscribe("n", network, json!({ "y": 2020 })).await;
    live.subscribe("n2019", network, json!({ "y": 2019 })).await;
    create_project(&app, &world.agent_b, &world.cohort_b, "Encore ailleurs", None).await;
    let event = live.event("n").await;
    assert_eq!(event["data"]["networkReportChanged"]["cohort"]["id"], world.cohort_b, "{event}");
    live.silent("the funder, about another programme year").await;
    let mut agent_live = Live::signed_in(&app, &world.agent_a.token).await;
    agent_live.subscribe("n", network, json!({ "y": 2020 })).await;
    assert_eq!(agent_live.refusal("n").await, "FORBIDDEN");

    // Who else may read that report: partners may not, another region's agent does not see it.
    let mut partner_live = Live::signed_in(&app, &partner.token).await;
    partner_live.subscribe("r", report, json!({ "c": world.cohort_a })).await;
    assert_eq!(partner_live.refusal("r").await, "FORBIDDEN");
    let mut agent_b_live = Live::signed_in(&app, &world.agent_b.token).await;
    agent_b_live.subscribe("r", report, json!({ "c": world.cohort_a })).await;
    assert_eq!(agent_b_live.refusal("r").await, "NOT_FOUND");
}

#[sqlx::test(migrations = "../migrations")]
async fn a_write_that_rolls_back_publishes_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop", None).await;
    let mut live = Live::signed_in(&app, &world.agent_a.token).await;
    live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    // A stale version: CONFLICT, nothing written, nothing heard.
    let code =
        app.code(Some(&world.agent_a), ADVANCE, json!({ "i": { "projectId": project, "expectedVersion": 7 } })).await;
    assert_eq!(code, "CONFLICT");
    // A mutation that fails after its write (a follow-up in the future is refused before; a
    // launch from REVELATION fails in the domain rule after the project is locked).
    let launch = "mutation($i: RecordEnterpriseLaunchInput!) { recordEnterpriseLaunch(input: $i) { project { id } } }";
    let code = app
        .code(
            Some(&world.agent_a),
            launch,
            json!({ "i": { "projectId": project, "expectedVersion": 1, "legalName": "Coop inc.", "legalForm": "COOPERATIVE", "launchedOn": "2021-03-01" } }),
        )
        .await;
    assert_eq!(code, "INVALID_TRANSITION");
    // The control: a change that commits is the first thing heard.
    advance(&app, &world.agent_a, &project).await;
    let event = live.event("p").await;
    assert_eq!(event["data"]["projectChanged"]["project"]["version"], 2, "{event}");
    live.silent("the agent").await;
}

#[sqlx::test(migrations = "../migrations")]
async fn an_unauthenticated_subscriber_is_closed_4401(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    // No credentials at all.
    let mut live = Live::open(&app, &[]).await.unwrap();
    live.send(json!({ "type": "connection_init" })).await;
    assert_eq!(live.closed().await.0, 4401);
    // A forged token.
    let mut live = Live::open(&app, &[]).await.unwrap();
    live.send(json!({ "type": "connection_init", "payload": { "authorization": "Bearer not.a.token" } })).await;
    assert_eq!(live.closed().await.0, 4401);
    // A subscription before the acknowledgement.
    let mut live = Live::open(&app, &[]).await.unwrap();
    live.subscribe("1", PROJECT_CHANGED, json!({})).await;
    assert_eq!(live.closed().await.0, 4401);
    // Not the protocol of graphql-ws.
    let mut live = Live::open_with_protocol(&app, None, &[]).await.unwrap();
    assert_eq!(live.closed().await.0, 4406);
    // Not a message of the protocol.
    let mut live = Live::open(&app, &[]).await.unwrap();
    live.ws.send(Message::text("{\"type\": \"hello\"}")).await.unwrap();
    assert_eq!(live.closed().await.0, 4400);
    // Two initialisations.
    let mut live = Live::signed_in(&app, &world.agent_a.token).await;
    live.send(
        json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", world.agent_a.token) } }),
    )
    .await;
    assert_eq!(live.closed().await.0, 4429);
    // No initialisation at all within three seconds.
    let mut live = Live::open(&app, &[]).await.unwrap();
    assert_eq!(live.closed().await.0, 4408);
    // A page of another site may not even open one (cross-site WebSocket hijacking).
    let refused = Live::open(&app, &[("origin", "https://evil.example")]).await;
    match refused {
        Err(tokio_tungstenite::tungstenite::Error::Http(response)) => assert_eq!(response.status(), 403),
        Err(other) => panic!("expected HTTP 403, got {other}"),
        Ok(_) => panic!("a foreign origin must not get a WebSocket"),
    }
    // Duplicate operation ids close the connection (4409).
    let mut live = Live::signed_in(&app, &world.agent_a.token).await;
    live.subscribe("same", PROJECT_CHANGED, json!({})).await;
    live.subscribe("same", PROJECT_CHANGED, json!({})).await;
    assert_eq!(live.closed().await.0, 4409);
}

#[sqlx::test(migrations = "../migrations")]
async fn a_revoked_session_is_closed_at_once_on_every_replica(pool: PgPool) {
    let (one, two) = replicas(&pool).await;
    let world = World::build(&one).await;
    // Signing out everywhere (through the other replica).
    let mut live = Live::signed_in(&two, &world.agent_a.token).await;
    live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    one.ok(&world.agent_a, "mutation { logout }", json!({})).await;
    let (code, reason) = live.closed().await;
    assert_eq!(code, 4401, "{reason}");
    // And it cannot come back with that token.
    let mut again = Live::open(&two, &[]).await.unwrap();
    again
        .send(json!({ "type": "connection_init", "payload": { "authorization": format!("Bearer {}", world.agent_a.token) } }))
        .await;
    assert_eq!(again.closed().await.0, 4401);

    // Deactivation by an administrator.
    let mut live = Live::signed_in(&two, &world.agent_b.token).await;
    one.ok(
        &world.admin,
        "mutation($u: ID!) { setUserActive(userId: $u, active: false) { user { active } } }",
        json!({ "u": sismic_graphql::ids::encode(sismic_graphql::ids::Kind::User, world.agent_b.user_id).0 }),
    )
    .await;
    assert_eq!(live.closed().await.0, 4401);

    // A password change.
    let partner = one.user("PARTNER", None, Some(raw_id(&world.college))).await;
    let mut live = Live::signed_in(&two, &partner.token).await;
    one.ok(
        &partner,
        "mutation($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) }",
        json!({ "c": TEST_PASSWORD, "n": "a brand new long password" }),
    )
    .await;
    assert_eq!(live.closed().await.0, 4401);

    // The admin's own connection is untouched by all of it: it still hears its events.
    let mut admin = Live::signed_in(&one, &world.admin.token).await;
    admin.subscribe("p", PROJECT_CHANGED, json!({})).await;
    create_project(&one, &world.admin, &world.cohort_a, "Coop", None).await;
    assert_eq!(admin.event("p").await["data"]["projectChanged"]["change"], "CREATED");
}

#[sqlx::test(migrations = "../migrations")]
async fn an_expired_token_closes_the_connection(pool: PgPool) {
    // The connection closes when its token expires, not at the next reconnection.
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let keys = sismic_graphql::auth::TokenKeys::new(
        sismic_server::config::Settings::for_tests("postgres://unused").jwt_secret.expose_secret().as_bytes(),
        chrono::Duration::minutes(1),
    )
    .unwrap();
    let viewer = sismic_graphql::auth::Viewer {
        user_id: world.agent_a.user_id,
        role: sismic_domain::Role::Agent,
        region_id: Some(raw_id(&world.region_a)),
        partner_id: None,
        token_version: 0,
    };
    // Issued 58 seconds ago, for a lifetime of a minute: about two seconds left.
    let issued = chrono::Utc::now() - chrono::Duration::minutes(1) + chrono::Duration::seconds(2);
    let (token, _) = keys.issue(&viewer, issued).unwrap();
    let mut live = Live::signed_in(&app, &token).await;
    let (code, reason) = live.closed().await;
    assert_eq!(code, 4401, "{reason}");
    assert!(reason.contains("expired"), "{reason}");
}

#[sqlx::test(migrations = "../migrations")]
async fn the_session_cookie_signs_in_a_websocket_from_the_servers_own_origin(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let email = app.email_of(&world.agent_a).await;
    let response = app
        .client
        .post(format!("{}/session", app.address))
        .header("x-sismic-request", "1")
        .json(&json!({ "email": email, "password": TEST_PASSWORD }))
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap().split(';').next().unwrap().to_owned();
    let host = app.address.trim_start_matches("http://").to_owned();
    let origin = app.address.clone();
    let mut live = Live::open(&app, &[("cookie", &cookie), ("origin", &origin), ("host", &host)]).await.unwrap();
    live.send(json!({ "type": "connection_init" })).await;
    match live.next(PATIENCE).await {
        Seen::Message(m) => assert_eq!(m["type"], "connection_ack"),
        other => panic!("expected connection_ack, got {other:?}"),
    }
    live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    create_project(&app, &world.agent_a, &world.cohort_a, "Coop", None).await;
    assert_eq!(live.event("p").await["data"]["projectChanged"]["change"], "CREATED");
    // The same cookie from another site's page: no WebSocket.
    let refused = Live::open(&app, &[("cookie", &cookie), ("origin", "http://evil.example")]).await;
    assert!(matches!(refused, Err(tokio_tungstenite::tungstenite::Error::Http(r)) if r.status() == 403));
}

#[sqlx::test(migrations = "../migrations")]
async fn queries_travel_over_http_and_subscriptions_are_capped(pool: PgPool) {
    let app = TestApp::spawn_with(pool, |s| {
        s.live_max_subscriptions_per_connection = 2;
        s.live_max_subscriptions_per_user = 3;
    })
    .await;
    let world = World::build(&app).await;
    // And the other way round: a subscription sent over HTTP is refused, as bad input.
    let over_http = app.post(Some(&world.agent_a.token), PROJECT_CHANGED, json!({})).await;
    assert_eq!(sismic_api_tests::error_code(&over_http), "BAD_USER_INPUT", "{over_http}");
    let mut live = Live::signed_in(&app, &world.agent_a.token).await;
    live.subscribe("q", "{ me { id } }", json!({})).await;
    assert_eq!(live.refusal("q").await, "BAD_USER_INPUT");
    live.subscribe("m", "mutation { logout }", json!({})).await;
    assert_eq!(live.refusal("m").await, "BAD_USER_INPUT");
    // Validation and limits hold as over HTTP.
    live.subscribe("v", "subscription { projectChanged { nope } }", json!({})).await;
    assert_eq!(live.refusal("v").await, "BAD_USER_INPUT");
    live.subscribe("1", PROJECT_CHANGED, json!({})).await;
    live.subscribe("2", FOLLOW_UP_LOGGED, json!({})).await;
    live.subscribe("3", PROJECT_CHANGED, json!({})).await;
    assert_eq!(live.refusal("3").await, "RATE_LIMITED");
    // Per user, over connections: one more on a second connection, then no more.
    let mut second = Live::signed_in(&app, &world.agent_a.token).await;
    second.subscribe("a", PROJECT_CHANGED, json!({})).await;
    second.subscribe("b", PROJECT_CHANGED, json!({})).await;
    assert_eq!(second.refusal("b").await, "RATE_LIMITED");
    // Completing one gives its slot back.
    live.send(json!({ "type": "complete", "id": "1" })).await;
    second.subscribe("c", PROJECT_CHANGED, json!({})).await;
    // Both "a" and "c" hear the next change (and "b" was never started).
    create_project(&app, &world.agent_a, &world.cohort_a, "Coop", None).await;
    let mut heard = Vec::new();
    for _ in 0..2 {
        match second.next(PATIENCE).await {
            Seen::Message(m) if m["type"] == "next" => heard.push(m["id"].as_str().unwrap().to_owned()),
            other => panic!("expected an event, got {other:?}"),
        }
    }
    heard.sort();
    assert_eq!(heard, ["a", "c"]);
    // The first connection's remaining subscription is "2" (follow-ups): silent about projects.
    live.silent("a connection whose project subscription was completed").await;
}

#[sqlx::test(migrations = "../migrations")]
async fn a_report_change_is_heard_by_the_cohorts_readers(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let report = "subscription($c: ID!) { cohortReportChanged(cohortId: $c) { cohort { id } } }";
    let mut agent = Live::signed_in(&app, &world.agent_a.token).await;
    agent.subscribe("r", report, json!({ "c": world.cohort_a })).await;
    // Attendance at an activity of the cohort changes the people reached.
    let activity =
        sismic_api_tests::create_activity(&app, &world.agent_a, &world.cohort_a, "REVELATION", "2020-10-01").await;
    let person = sismic_api_tests::register(&app, &world.agent_a, &world.region_a, "Léo", "Tremblay").await;
    agent.silent("an activity and a person alone change no figure").await;
    sismic_api_tests::attend(&app, &world.agent_a, &activity, [person]).await;
    let event = agent.event("r").await;
    assert_eq!(event["data"]["cohortReportChanged"]["cohort"]["id"], world.cohort_a);
    agent.silent("one attendance, one event").await;
}

/// The README's graphql-ws example (a partner's script) runs as written: it signs in, listens,
/// and prints the change it hears.
#[sqlx::test(migrations = "../migrations")]
async fn the_readmes_live_example_runs(pool: PgPool) {
    use tokio::io::AsyncReadExt;
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&world.college))).await;
    let readme = include_str!("../../README.md");
    let marker = "<!-- example: live -->";
    let after = &readme[readme.find(marker).expect("the example's marker") + marker.len()..];
    let body = &after[after.find("```js\n").expect("a js block") + 6..];
    let code = &body[..body.find("\n```").expect("the end of the block")];
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    let file = web.join(format!(".scratch-live-example-{}.mjs", std::process::id()));
    std::fs::write(&file, code).unwrap();
    let mut child = tokio::process::Command::new("node")
        .current_dir(&web)
        .arg(&file)
        .env("SISMIC_URL", &app.address)
        .env("SISMIC_EMAIL", app.email_of(&partner).await)
        .env("SISMIC_PASSWORD", TEST_PASSWORD)
        .env("SISMIC_EVENTS", "1")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("node runs");
    // Changes until the script has heard one (it may still be subscribing when the first commits).
    let started = std::time::Instant::now();
    let mut n = 0;
    let status = loop {
        if let Ok(status) = tokio::time::timeout(Duration::from_millis(400), child.wait()).await {
            break status.unwrap();
        }
        assert!(started.elapsed() < Duration::from_secs(30), "the example never heard a change");
        n += 1;
        create_project(&app, &world.agent_a, &world.cohort_a, &format!("Coop {n}"), Some(&world.college)).await;
    };
    let _ = std::fs::remove_file(&file);
    let (mut out, mut err) = (String::new(), String::new());
    child.stdout.take().unwrap().read_to_string(&mut out).await.unwrap();
    child.stderr.take().unwrap().read_to_string(&mut err).await.unwrap();
    assert!(status.success(), "{out}{err}");
    assert!(out.contains("listening"), "{out}");
    assert!(out.contains(": CREATED, now REVELATION ACTIVE, 0 follow-ups"), "{out}");
}

/// A server that stops closes its live connections with 1001 (going away: clients reconnect,
/// to another replica) and accepts no new one; the counts say what is open.
#[sqlx::test(migrations = "../migrations")]
async fn a_stopping_server_says_going_away_and_counts_what_is_open(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let mut live = Live::signed_in(&app, &world.agent_a.token).await;
    live.subscribe("p", PROJECT_CHANGED, json!({})).await;
    live.subscribe("f", FOLLOW_UP_LOGGED, json!({})).await;
    // The subscriptions are counted once the server has read their `subscribe`.
    let counts = || (app.live.open_connections(), app.live.open_subscriptions());
    eventually(|| counts() == (1, 2), "two subscriptions on one connection").await;
    create_project(&app, &world.agent_a, &world.cohort_a, "Coop", None).await;
    live.event("p").await;
    live.send(json!({ "type": "complete", "id": "f" })).await;
    eventually(|| counts() == (1, 1), "a completed subscription is no longer counted").await;
    app.live.shut_down();
    assert_eq!(live.closed().await.0, 1001);
    let refused = Live::open(&app, &[]).await;
    assert!(matches!(refused, Err(tokio_tungstenite::tungstenite::Error::Http(r)) if r.status() == 503));
    eventually(|| counts() == (0, 0), "closed connections are no longer counted").await;
}

/// Waits until `condition` holds (at most [`PATIENCE`]).
async fn eventually(condition: impl Fn() -> bool, what: &str) {
    let deadline = std::time::Instant::now() + PATIENCE;
    while !condition() {
        assert!(std::time::Instant::now() < deadline, "never: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

/// Each delivery reads what is current, nested fields included: a subscription does not keep
/// the snapshot or the DataLoader cache of its first delivery (it reads in a transaction per
/// read), so a partner renamed between two deliveries, and the stage history grown by them,
/// come out new in the second.
#[sqlx::test(migrations = "../migrations")]
async fn every_delivery_reads_its_nested_fields_afresh(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let world = World::build(&app).await;
    let project = create_project(&app, &world.agent_a, &world.cohort_a, "Coop fraîche", Some(&world.college)).await;
    let mut live = Live::signed_in(&app, &world.agent_a.token).await;
    live.subscribe(
        "p",
        "subscription($p: ID) { projectChanged(projectId: $p) { project { originPartner { name } stageHistory { toStage } } } }",
        json!({ "p": project }),
    )
    .await;

    advance(&app, &world.agent_a, &project).await;
    let first = live.event("p").await;
    let seen = &first["data"]["projectChanged"]["project"];
    let partner_before = seen["originPartner"]["name"].as_str().expect("a partner name").to_owned();
    assert_eq!(seen["stageHistory"].as_array().map(Vec::len), Some(2), "{first}");

    app.ok(
        &world.admin,
        "mutation($i: UpdatePartnerInput!) { updatePartner(input: $i) { partner { name } } }",
        json!({ "i": { "partnerId": world.college, "name": "Cégep renommé entre deux livraisons" } }),
    )
    .await;
    advance(&app, &world.agent_a, &project).await;
    let second = live.event("p").await;
    let seen = &second["data"]["projectChanged"]["project"];
    assert_ne!(seen["originPartner"]["name"], partner_before.as_str(), "{second}");
    assert_eq!(seen["originPartner"]["name"], "Cégep renommé entre deux livraisons", "{second}");
    assert_eq!(seen["stageHistory"].as_array().map(Vec::len), Some(3), "{second}");
}
