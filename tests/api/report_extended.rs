//! Beyond the contract's cohort report (issue 4): report dimensions, stage funnel and time in
//! stage, breakdowns, small-cell suppression for funders, comparison with the previous cohort,
//! the network view and the CSV/JSON exports. Each definition is tried on data built to trip it.

use serde_json::{json, Value};
use sismic_api_tests::{
    attend, create_activity, create_cohort, create_project, raw_id, register, Actor, TestApp, World,
};
use sismic_store::Store;
use sqlx::PgPool;
use uuid::Uuid;

const FULL: &str = "query($id: ID!) { cohortReport(cohortId: $id) {
    participantsReached participantsReachedSuppressed
    participantsByStage { stage count suppressed }
    projectCount enterprisesCreated
    suppression { applied threshold }
    funnel { steps { stage projectsReached conversionToNext } launched launchRate }
    timeInStage { stage medianDays completedStays openStays }
    projectsBySector { sector count suppressed }
    projectsByMrc { mrc count suppressed }
    participantsByGender { gender count suppressed }
    participantsByAgeBand { band count suppressed }
    participantsByMrc { mrc count suppressed }
    teamsByComposition { composition count suppressed }
    comparison { previousCohort { name } figures { figure current previous difference percentChange suppressed } } } }";

async fn demo(app: &TestApp) -> (String, String) {
    sismic_server::demo::load(&Store::new(app.pool.clone())).await.expect("demo loads");
    let id = |name: &'static str| async move {
        let id: Uuid = sqlx::query_scalar("select cohort_id from cohort where name = $1")
            .bind(name)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Cohort, id).to_string()
    };
    (id("2020-2021").await, id("2019-2020").await)
}

async fn report(app: &TestApp, actor: &Actor, cohort: &str) -> Value {
    app.ok(actor, FULL, json!({ "id": cohort })).await["cohortReport"].clone()
}

/// `(key, count, suppressed)` of a breakdown, keyed by the given field.
fn cells(report: &Value, breakdown: &str, key: &str) -> Vec<(Value, Value, bool)> {
    report[breakdown]
        .as_array()
        .unwrap_or_else(|| panic!("{breakdown} missing in {report:#}"))
        .iter()
        .map(|c| (c[key].clone(), c["count"].clone(), c["suppressed"].as_bool().unwrap()))
        .collect()
}

fn cell(report: &Value, breakdown: &str, key: &str, value: Value) -> (Value, bool) {
    let found = cells(report, breakdown, key).into_iter().find(|(k, _, _)| *k == value);
    let (_, count, suppressed) = found.unwrap_or_else(|| panic!("no {value} in {breakdown}"));
    (count, suppressed)
}

/// A funder who knows the published total and published cells of an additive breakdown must not
/// be able to pin any hidden cell: none hidden, or at least two whose sum is at least the
/// threshold (or the total itself hidden).
fn assert_not_recoverable(report: &Value, breakdown: &str, key: &str, total: Option<i64>, threshold: i64) {
    let cells = cells(report, breakdown, key);
    let hidden: Vec<_> = cells.iter().filter(|c| c.2).collect();
    for (k, count, suppressed) in &cells {
        if *suppressed {
            assert!(count.is_null(), "{breakdown}/{k}: a hidden cell shows {count}");
        } else {
            let n = count.as_i64().unwrap();
            assert!(n == 0 || n >= threshold, "{breakdown}/{k}: small count {n} shown");
        }
    }
    let Some(total) = total else { return };
    let published: i64 = cells.iter().filter(|c| !c.2).map(|c| c.1.as_i64().unwrap()).sum();
    let by_subtraction = total - published;
    match hidden.len() {
        0 => assert_eq!(by_subtraction, 0),
        1 => panic!("{breakdown}: a single hidden cell is found by subtraction ({by_subtraction})"),
        _ => assert!(by_subtraction >= threshold, "{breakdown}: hidden cells add up to only {by_subtraction}"),
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn dimensions_are_written_read_and_kept_to_staff(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let agent = &w.agent_a;
    let data = app
        .ok(agent, "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id gender birthYear mrc } } }",
            json!({ "i": { "firstName": "Léa", "lastName": "Gagnon", "gender": "WOMAN", "birthYear": 2001, "mrc": "  L'Érable " } }))
        .await;
    let p = &data["registerParticipant"]["participant"];
    assert_eq!(
        (p["gender"].clone(), p["birthYear"].clone(), p["mrc"].clone()),
        (json!("WOMAN"), json!(2001), json!("L'Érable"))
    );
    let id = p["id"].as_str().unwrap().to_owned();
    let data = app
        .ok(agent, "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { gender birthYear mrc firstName } } }",
            json!({ "i": { "participantId": id, "gender": null, "birthYear": 1999 } }))
        .await;
    assert_eq!(
        data["updateParticipant"]["participant"],
        json!({ "gender": null, "birthYear": 1999, "mrc": "L'Érable", "firstName": "Léa" })
    );
    for bad in [json!({ "birthYear": 1850 }), json!({ "birthYear": 2999 }), json!({ "mrc": "x".repeat(101) })] {
        let mut input = json!({ "participantId": id });
        input.as_object_mut().unwrap().extend(bad.as_object().unwrap().clone());
        let code = app
            .code(
                Some(agent),
                "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { id } } }",
                json!({ "i": input }),
            )
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{bad}");
    }
    // Another region's agent cannot change them.
    let code = app
        .code(
            Some(&w.agent_b),
            "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { id } } }",
            json!({ "i": { "participantId": id, "gender": "MAN" } }),
        )
        .await;
    assert_eq!(code, "NOT_FOUND");

    let data = app
        .ok(agent, "mutation($i: CreateProjectInput!) { createProject(input: $i) { project { id sector mrc version } } }",
            json!({ "i": { "cohortId": w.cohort_a, "name": "Friperie", "originPartnerId": w.college, "sector": "RETAIL", "mrc": "Arthabaska" } }))
        .await;
    let project = &data["createProject"]["project"];
    assert_eq!(
        (project["sector"].clone(), project["mrc"].clone(), project["version"].clone()),
        (json!("RETAIL"), json!("Arthabaska"), json!(1))
    );
    let pid = project["id"].as_str().unwrap().to_owned();
    let data = app
        .ok(
            agent,
            "mutation($i: UpdateProjectInput!) { updateProject(input: $i) { project { sector mrc version } } }",
            json!({ "i": { "projectId": pid, "sector": "CULTURE", "mrc": null } }),
        )
        .await;
    assert_eq!(data["updateProject"]["project"], json!({ "sector": "CULTURE", "mrc": null, "version": 1 }));

    // A partner sees its project, but neither its sector nor its MRC (API.md lists what partners
    // see), nor any participant.
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    app.ok(&partner, "query($id: ID!) { project(id: $id) { name } }", json!({ "id": pid })).await;
    for field in ["sector", "mrc"] {
        let r = app
            .post(
                Some(&partner.token),
                &format!("query($id: ID!) {{ project(id: $id) {{ {field} }} }}"),
                json!({ "id": pid }),
            )
            .await;
        assert_eq!(r["errors"][0]["extensions"]["code"], "FORBIDDEN", "{field}");
    }
    assert_eq!(
        app.code(Some(&partner), "query($id: ID!) { node(id: $id) { id } }", json!({ "id": id })).await,
        "NOT_FOUND"
    );
}

/// Inserts a project of `cohort` with a hand-written history: `(stage, status, day)` per version.
async fn project_with_history(app: &TestApp, cohort: &str, name: &str, history: &[(&str, &str, i64)]) {
    let cohort = raw_id(cohort);
    let (stage, status, _) = history.last().unwrap();
    let project: Uuid = sqlx::query_scalar(
        "insert into project (region_id, cohort_id, name, stage, status, version)
         select region_id, cohort_id, $2, $3, $4, $5 from cohort where cohort_id = $1 returning project_id",
    )
    .bind(cohort)
    .bind(name)
    .bind(stage)
    .bind(status)
    .bind(history.len() as i32)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    let mut before: Option<(&str, &str)> = None;
    for (i, (stage, status, day)) in history.iter().enumerate() {
        sqlx::query(
            "insert into project_stage_event (project_id, version, from_stage, to_stage, from_status, to_status, at)
             values ($1, $2, $3, $4, $5, $6, timestamptz '2020-09-01 12:00:00+00' + make_interval(days => $7))",
        )
        .bind(project)
        .bind(i as i32 + 1)
        .bind(before.map(|b| b.0))
        .bind(stage)
        .bind(before.map(|b| b.1))
        .bind(status)
        .bind(*day as i32)
        .execute(&app.pool)
        .await
        .unwrap();
        before = Some((stage, status));
    }
}

#[sqlx::test(migrations = "../migrations")]
async fn the_funnel_and_time_in_stage_follow_the_history(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    // Moves forward, back, forward again; still ACTIVE in IDEATION (an open stay).
    project_with_history(
        &app,
        &w.cohort_a,
        "Aller-retour",
        &[
            ("REVELATION", "ACTIVE", 0),
            ("IDEATION", "ACTIVE", 10),
            ("REVELATION", "ACTIVE", 14),
            ("IDEATION", "ACTIVE", 20),
        ],
    )
    .await;
    // Straight through to a launch.
    project_with_history(
        &app,
        &w.cohort_a,
        "Lancé",
        &[
            ("REVELATION", "ACTIVE", 0),
            ("IDEATION", "ACTIVE", 4),
            ("PROTOTYPING", "ACTIVE", 10),
            ("PROTOTYPING", "LAUNCHED", 40),
        ],
    )
    .await;
    // Created directly in IDEATION, paused, resumed, abandoned.
    project_with_history(
        &app,
        &w.cohort_a,
        "En pause",
        &[
            ("IDEATION", "ACTIVE", 0),
            ("IDEATION", "ON_HOLD", 6),
            ("IDEATION", "ACTIVE", 30),
            ("IDEATION", "ABANDONED", 32),
        ],
    )
    .await;
    // Another cohort's project: not counted.
    project_with_history(&app, &w.cohort_b, "Ailleurs", &[("REVELATION", "ACTIVE", 0), ("IDEATION", "ACTIVE", 100)])
        .await;

    let r = report(&app, &w.agent_a, &w.cohort_a).await;
    assert_eq!(r["projectCount"], 3);
    assert_eq!(
        r["funnel"],
        json!({
        "steps": [
            { "stage": "REVELATION", "projectsReached": 2, "conversionToNext": 1.0 },
            { "stage": "IDEATION", "projectsReached": 3, "conversionToNext": 1.0 / 3.0 },
            { "stage": "PROTOTYPING", "projectsReached": 1, "conversionToNext": null }],
        "launched": 1, "launchRate": 1.0 })
    );
    // REVELATION stays 10, 6, 4; IDEATION 4, 6, 6, 2 (+1 open); PROTOTYPING 30.
    assert_eq!(
        r["timeInStage"],
        json!([
        { "stage": "REVELATION", "medianDays": 6.0, "completedStays": 3, "openStays": 0 },
        { "stage": "IDEATION", "medianDays": 5.0, "completedStays": 4, "openStays": 1 },
        { "stage": "PROTOTYPING", "medianDays": 30.0, "completedStays": 1, "openStays": 0 }])
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn breakdowns_count_each_reached_person_once(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let agent = &w.agent_a;
    let person = |first: &'static str, gender: Value, year: Value, mrc: Value| {
        let app = &app;
        async move {
            let d = app.ok(agent, "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }",
                json!({ "i": { "firstName": first, "lastName": "Test", "gender": gender, "birthYear": year, "mrc": mrc } })).await;
            d["registerParticipant"]["participant"]["id"].as_str().unwrap().to_owned()
        }
    };
    let lea = person("Léa", json!("WOMAN"), json!(2003), json!("Drummond")).await; // 17 in 2020
    let noah = person("Noah", json!("MAN"), json!(2002), json!("Arthabaska")).await; // 18 in 2020
    let sam = person("Sam", json!("NON_BINARY"), json!(1984), json!(null)).await; // 36
    let zoe = person("Zoé", json!("WOMAN"), json!(1990), json!("Drummond")).await; // other cohort only
    let other = create_cohort(&app, &w.admin, &w.region_a, "2019-2020").await;
    let rev = create_activity(&app, agent, &w.cohort_a, "REVELATION", "2020-10-01").await;
    let idea = create_activity(&app, agent, &w.cohort_a, "IDEATION", "2020-12-01").await;
    let old = create_activity(&app, agent, &other, "REVELATION", "2019-10-01").await;
    for (activity, people) in
        [(&rev, vec![&lea, &noah, &sam]), (&rev, vec![&lea]), (&idea, vec![&lea, &noah]), (&old, vec![&zoe, &lea])]
    {
        attend(&app, agent, activity, people).await;
    }
    // Teams: women only, men only, mixed, a member of unknown gender, nobody.
    let unknown = register(&app, agent, &w.region_a, "Inconnu", "Test").await;
    let member = "mutation($i: ProjectMemberInput!) { addProjectMember(input: $i) { project { id } } }";
    for (name, team) in [
        ("F", vec![&lea, &zoe]),
        ("H", vec![&noah]),
        ("FH", vec![&lea, &noah, &sam]),
        ("?", vec![&lea, &unknown]),
        ("Vide", vec![]),
    ] {
        let p = create_project(&app, agent, &w.cohort_a, name, None).await;
        for m in team {
            app.ok(agent, member, json!({ "i": { "projectId": p, "participantId": m } })).await;
        }
    }

    let r = report(&app, agent, &w.cohort_a).await;
    assert_eq!(r["participantsReached"], 3, "Zoé attended another cohort only; Léa counts once");
    assert_eq!(
        cells(&r, "participantsByGender", "gender"),
        vec![
            (json!("WOMAN"), json!(1), false),
            (json!("MAN"), json!(1), false),
            (json!("NON_BINARY"), json!(1), false),
            (json!("UNDISCLOSED"), json!(0), false),
            (json!(null), json!(0), false)
        ]
    );
    assert_eq!(
        cells(&r, "participantsByAgeBand", "band"),
        vec![
            (json!("UNDER_18"), json!(1), false),
            (json!("FROM_18_TO_24"), json!(1), false),
            (json!("FROM_25_TO_29"), json!(0), false),
            (json!("FROM_30_TO_35"), json!(0), false),
            (json!("OVER_35"), json!(1), false),
            (json!("UNKNOWN"), json!(0), false)
        ]
    );
    assert_eq!(
        cells(&r, "participantsByMrc", "mrc"),
        vec![
            (json!("Arthabaska"), json!(1), false),
            (json!("Drummond"), json!(1), false),
            (json!(null), json!(1), false)
        ]
    );
    assert_eq!(
        cells(&r, "teamsByComposition", "composition"),
        vec![
            (json!("WOMEN"), json!(1), false),
            (json!("MEN"), json!(1), false),
            (json!("MIXED"), json!(1), false),
            (json!("NON_BINARY"), json!(0), false),
            (json!("UNKNOWN"), json!(2), false)
        ]
    );
    let sectors = cells(&r, "projectsBySector", "sector");
    assert_eq!(sectors.len(), 14, "13 sectors and the not-recorded row");
    assert_eq!(sectors[13], (json!(null), json!(5), false));
}

#[sqlx::test(migrations = "../migrations")]
async fn the_demo_report_breaks_down_and_compares_with_2019_2020(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (cohort, previous) = demo(&app).await;
    let admin = app.user("ADMIN", None, None).await;
    let r = report(&app, &admin, &cohort).await;
    assert_eq!(r["suppression"]["applied"], false);
    assert_eq!(
        r["funnel"]["steps"][0],
        json!({ "stage": "REVELATION", "projectsReached": 7, "conversionToNext": 6.0 / 7.0 })
    );
    assert_eq!(r["funnel"]["steps"][1]["projectsReached"], 6);
    assert_eq!(r["funnel"]["steps"][2]["projectsReached"], 3);
    assert_eq!(r["funnel"]["launched"], 1);
    assert_eq!(
        r["timeInStage"],
        json!([
        { "stage": "REVELATION", "medianDays": 56.0, "completedStays": 7, "openStays": 0 },
        { "stage": "IDEATION", "medianDays": 84.0, "completedStays": 5, "openStays": 2 },
        { "stage": "PROTOTYPING", "medianDays": 9.5, "completedStays": 2, "openStays": 2 }])
    );
    assert_eq!(cell(&r, "participantsByGender", "gender", json!("WOMAN")), (json!(9), false));
    assert_eq!(cell(&r, "participantsByGender", "gender", json!("MAN")), (json!(8), false));
    assert_eq!(cell(&r, "participantsByGender", "gender", json!(null)), (json!(1), false));
    assert_eq!(cell(&r, "participantsByAgeBand", "band", json!("FROM_18_TO_24")), (json!(12), false));
    assert_eq!(cell(&r, "participantsByMrc", "mrc", json!("L'Érable")), (json!(2), false));
    let mrcs: Vec<Value> = cells(&r, "projectsByMrc", "mrc").into_iter().map(|c| c.0).collect();
    assert_eq!(mrcs, vec![json!("Arthabaska"), json!("Drummond"), json!("Nicolet-Yamaska"), json!(null)]);
    assert_eq!(cell(&r, "projectsBySector", "sector", json!("AGRI_FOOD")), (json!(2), false));
    assert_eq!(cell(&r, "teamsByComposition", "composition", json!("MIXED")), (json!(4), false));
    assert_eq!(r["comparison"]["previousCohort"]["name"], "2019-2020");
    let figures = r["comparison"]["figures"].as_array().unwrap();
    assert_eq!(
        figures[0],
        json!({ "figure": "PARTICIPANTS_REACHED", "current": 18, "previous": 15, "difference": 3, "percentChange": 20.0, "suppressed": false })
    );
    assert_eq!(
        figures[1],
        json!({ "figure": "PROJECT_COUNT", "current": 7, "previous": 5, "difference": 2, "percentChange": 40.0, "suppressed": false })
    );
    assert_eq!(figures[2]["previous"], 0);
    assert_eq!(figures[2]["percentChange"], Value::Null, "no percentage of a base of 0");

    // The first cohort of the region has nothing to compare with.
    let r = report(&app, &admin, &previous).await;
    assert_eq!(r["participantsReached"], 15);
    assert_eq!(r["comparison"]["previousCohort"], Value::Null);
    assert!(r["comparison"]["figures"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["previous"].is_null() && f["difference"].is_null()));

    // A funder reads the contract's figures exactly (none is small) and the small cells hidden.
    let funder = app.user("FUNDER", None, None).await;
    let f = report(&app, &funder, &cohort).await;
    assert_eq!(f["suppression"], json!({ "applied": true, "threshold": 5 }));
    assert_eq!(
        (f["participantsReached"].clone(), f["participantsReachedSuppressed"].clone()),
        (json!(18), json!(false))
    );
    assert_eq!(
        f["participantsByStage"],
        json!([
        { "stage": "REVELATION", "count": 10, "suppressed": false }, { "stage": "IDEATION", "count": 13, "suppressed": false },
        { "stage": "PROTOTYPING", "count": 8, "suppressed": false }])
    );
    assert_eq!(cell(&f, "participantsByGender", "gender", json!("WOMAN")), (json!(9), false));
    assert_eq!(cell(&f, "participantsByGender", "gender", json!(null)), (json!(null), true), "1 person");
    assert_eq!(
        cell(&f, "participantsByGender", "gender", json!("MAN")),
        (json!(null), true),
        "8 = 18 - 9 - 1: complementary"
    );
    for (breakdown, key) in
        [("participantsByGender", "gender"), ("participantsByAgeBand", "band"), ("participantsByMrc", "mrc")]
    {
        assert_not_recoverable(&f, breakdown, key, Some(18), 5);
    }
    assert_not_recoverable(&f, "teamsByComposition", "composition", Some(7), 5);
    assert_eq!(f["comparison"]["figures"][0]["difference"], 3);
}

async fn cohort_of_seven(app: &TestApp, w: &World) {
    // 6 women and 1 man at révélation; 2 of the women at idéation.
    let agent = &w.agent_a;
    let rev = create_activity(app, agent, &w.cohort_a, "REVELATION", "2020-10-01").await;
    let idea = create_activity(app, agent, &w.cohort_a, "IDEATION", "2020-11-01").await;
    let mut people = Vec::new();
    for i in 0..7 {
        let gender = if i == 6 { "MAN" } else { "WOMAN" };
        let d = app.ok(agent, "mutation($i: RegisterParticipantInput!) { registerParticipant(input: $i) { participant { id } } }",
            json!({ "i": { "firstName": format!("P{i}"), "lastName": "Test", "gender": gender, "birthYear": 2000, "mrc": "Drummond" } })).await;
        people.push(d["registerParticipant"]["participant"]["id"].as_str().unwrap().to_owned());
    }
    attend(app, agent, &rev, &people).await;
    attend(app, agent, &idea, &people[0..2]).await;
}

#[sqlx::test(migrations = "../migrations")]
async fn funders_cannot_find_a_small_count_by_subtraction(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    cohort_of_seven(&app, &w).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&w.funder))).await;

    let exact = report(&app, &w.agent_a, &w.cohort_a).await;
    assert_eq!(exact["suppression"]["applied"], false);
    assert_eq!(cell(&exact, "participantsByGender", "gender", json!("MAN")), (json!(1), false));
    assert_eq!(exact["participantsByStage"][1], json!({ "stage": "IDEATION", "count": 2, "suppressed": false }));

    let r = report(&app, &funder, &w.cohort_a).await;
    assert_eq!(r["participantsReached"], 7);
    // Hidden alone: 7 reached, all 7 at REVELATION, so the published stages do not bound it.
    assert_eq!(r["participantsByStage"][1], json!({ "stage": "IDEATION", "count": null, "suppressed": true }));
    assert_eq!(r["participantsByStage"][0], json!({ "stage": "REVELATION", "count": 7, "suppressed": false }));
    // 7 reached, 6 women: showing the women would give the one man away.
    assert_eq!(cell(&r, "participantsByGender", "gender", json!("MAN")), (json!(null), true));
    assert_eq!(cell(&r, "participantsByGender", "gender", json!("WOMAN")), (json!(null), true));
    assert_eq!(cell(&r, "participantsByGender", "gender", json!("NON_BINARY")), (json!(0), false));
    for (breakdown, key) in
        [("participantsByGender", "gender"), ("participantsByAgeBand", "band"), ("participantsByMrc", "mrc")]
    {
        assert_not_recoverable(&r, breakdown, key, Some(7), 5);
    }
    assert_eq!(cell(&r, "participantsByMrc", "mrc", json!("Drummond")), (json!(7), false));

    // A cohort of 2 people: even the total is hidden.
    let small = create_cohort(&app, &w.admin, &w.region_a, "2021-2022").await;
    let act = create_activity(&app, &w.agent_a, &small, "REVELATION", "2021-10-01").await;
    let a = register(&app, &w.agent_a, &w.region_a, "A", "Test").await;
    let b = register(&app, &w.agent_a, &w.region_a, "B", "Test").await;
    attend(&app, &w.agent_a, &act, [a, b]).await;
    let r = report(&app, &funder, &small).await;
    assert_eq!(
        (r["participantsReached"].clone(), r["participantsReachedSuppressed"].clone()),
        (json!(null), json!(true))
    );
    assert_eq!(cell(&r, "participantsByGender", "gender", json!(null)), (json!(null), true));
    // ...and so is its difference with the previous cohort (7 - difference would give it).
    let reached = &r["comparison"]["figures"][0];
    assert_eq!(
        (
            reached["current"].clone(),
            reached["previous"].clone(),
            reached["difference"].clone(),
            reached["suppressed"].clone()
        ),
        (json!(null), json!(7), json!(null), json!(true))
    );
}

#[sqlx::test(migrations = "../migrations")]
async fn the_suppression_threshold_is_configurable(pool: PgPool) {
    let app = TestApp::spawn_with(pool, |s| s.suppression_threshold = 1).await;
    let w = World::build(&app).await;
    cohort_of_seven(&app, &w).await;
    let funder = app.user("FUNDER", None, None).await;
    let r = report(&app, &funder, &w.cohort_a).await;
    assert_eq!(r["suppression"], json!({ "applied": true, "threshold": 1 }));
    assert_eq!(cell(&r, "participantsByGender", "gender", json!("MAN")), (json!(1), false));
    assert_eq!(r["participantsByStage"][1]["count"], 2);
}

const NETWORK: &str = "query($y: Int!) { networkReport(programYear: $y) {
    programYear startsOn endsOn suppression { applied threshold }
    regions { region { code } figures { cohortCount participantsReached participantsReachedSuppressed projectCount enterprisesCreated followUpCount partnerFollowUpCount awardCount awardTotalCents } }
    total { cohortCount participantsReached participantsReachedSuppressed projectCount enterprisesCreated followUpCount partnerFollowUpCount awardCount awardTotalCents } } }";

#[sqlx::test(migrations = "../migrations")]
async fn the_network_view_adds_up_the_regions_of_a_programme_year(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    cohort_of_seven(&app, &w).await;
    // Region B: 2 people (one twice), a project with a follow-up; a cohort of another year.
    let rev = create_activity(&app, &w.agent_b, &w.cohort_b, "REVELATION", "2020-10-01").await;
    let idea = create_activity(&app, &w.agent_b, &w.cohort_b, "IDEATION", "2020-11-01").await;
    let a = register(&app, &w.agent_b, &w.region_b, "A", "B").await;
    let b = register(&app, &w.agent_b, &w.region_b, "B", "B").await;
    attend(&app, &w.agent_b, &rev, [&a, &b]).await;
    attend(&app, &w.agent_b, &idea, [&a]).await;
    let p = create_project(&app, &w.agent_b, &w.cohort_b, "Projet B", None).await;
    app.ok(
        &w.agent_b,
        "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }",
        json!({ "i": { "projectId": p, "occurredOn": "2020-11-02", "mode": "PHONE", "summary": "suivi" } }),
    )
    .await;
    let later = create_cohort(&app, &w.admin, &w.region_b, "2021-2022").await;
    create_project(&app, &w.agent_b, &later, "L'an prochain", None).await;
    // Partner follow-ups of region B: one within 2020-2021, one after it; one of region A before.
    let log = "mutation($i: LogFollowUpInput!) { logFollowUp(input: $i) { followUp { id } } }";
    for (actor, day) in [(&w.agent_b, "2021-03-31"), (&w.agent_b, "2021-04-01"), (&w.agent_a, "2020-03-31")] {
        app.ok(
            actor,
            log,
            json!({ "i": { "partnerId": w.college, "occurredOn": day, "mode": "EMAIL", "summary": "partenaire" } }),
        )
        .await;
    }

    let r = app.ok(&w.admin, NETWORK, json!({ "y": 2020 })).await["networkReport"].clone();
    assert_eq!((r["startsOn"].clone(), r["endsOn"].clone()), (json!("2020-04-01"), json!("2021-03-31")));
    let regions = r["regions"].as_array().unwrap();
    assert_eq!(regions.len(), 2);
    assert_eq!(regions[0]["figures"]["participantsReached"], 7);
    assert_eq!(regions[1]["figures"]["participantsReached"], 2);
    assert_eq!(regions[1]["figures"]["projectCount"], 1, "the 2021-2022 project is another year's");
    for field in [
        "cohortCount",
        "participantsReached",
        "projectCount",
        "enterprisesCreated",
        "followUpCount",
        "partnerFollowUpCount",
        "awardCount",
        "awardTotalCents",
    ] {
        let sum: f64 = regions.iter().map(|x| x["figures"][field].as_f64().unwrap()).sum();
        assert_eq!(r["total"][field].as_f64().unwrap(), sum, "total of {field}");
    }
    assert_eq!(r["total"]["participantsReached"], 9);
    assert_eq!(regions[1]["figures"]["partnerFollowUpCount"], 1, "the 2021-04-01 follow-up is next year's");
    assert_eq!(regions[1]["figures"]["followUpCount"], 1);
    assert_eq!(regions[0]["figures"]["partnerFollowUpCount"], 0, "2020-03-31 is the year before");

    // A funder: region B's 2 is hidden. Region A's 7 is published (its cohort report shows it
    // anyway), so the total 9 must be hidden, or 9 - 7 would give B's 2.
    let funder = app.user("FUNDER", None, None).await;
    let f = app.ok(&funder, NETWORK, json!({ "y": 2020 })).await["networkReport"].clone();
    assert_eq!(f["regions"][1]["figures"]["participantsReached"], Value::Null);
    assert_eq!(f["regions"][1]["figures"]["participantsReachedSuppressed"], true);
    assert_eq!(f["regions"][0]["figures"]["participantsReached"], 7);
    assert_eq!(
        report(&app, &funder, &w.cohort_a).await["participantsReached"],
        7,
        "the same figure in the cohort report"
    );
    assert_eq!(f["total"]["participantsReached"], Value::Null);
    assert_eq!(f["total"]["participantsReachedSuppressed"], true);
    assert_eq!(f["total"]["projectCount"], 1);

    for actor in [&w.agent_a, &app.user("PARTNER", None, Some(raw_id(&w.college))).await] {
        assert_eq!(app.code(Some(actor), NETWORK, json!({ "y": 2020 })).await, "FORBIDDEN");
    }
    assert_eq!(app.code(None, NETWORK, json!({ "y": 2020 })).await, "UNAUTHENTICATED");
    assert_eq!(app.code(Some(&w.admin), NETWORK, json!({ "y": 1850 })).await, "BAD_USER_INPUT");
}

async fn get(app: &TestApp, token: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{}", app.address, path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("request sent")
}

#[sqlx::test(migrations = "../migrations")]
async fn cohort_reports_export_to_csv_and_json(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let (cohort, _) = demo(&app).await;
    let funder = app.user("FUNDER", None, None).await;

    let response = get(&app, Some(&funder.token), &format!("/reports/cohorts/{cohort}.csv")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert_eq!(disposition, "attachment; filename=\"rapport-cohorte-2020-2021.csv\"");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    let text = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(text.starts_with("Section,Catégorie,Valeur,Masquée (petit effectif)\r\n"), "{text}");
    assert!(text.contains("Personnes rejointes,Total,18,non\r\n"), "{text}");
    assert!(text.contains("Personnes rejointes par étape,Révélation,10,non\r\n"));
    assert!(text.contains("Personnes rejointes par étape,Idéation,13,non\r\n"));
    assert!(text.contains("Personnes rejointes par MRC,L'Érable,x,oui\r\n"), "2 people: hidden from a funder");
    assert!(text.contains("Personnes rejointes par genre,Hommes,x,oui\r\n"));
    assert!(text.contains("Suivis avec les partenaires,Chantier de l'économie sociale,13,non\r\n"));
    assert!(text.contains("Bourses,Montant total ($),5000.00,non\r\n"));
    assert!(text.contains("Parcours des projets,Taux de passage Idéation → Prototypage (%),50.00,non\r\n"), "{text}");
    assert!(text.contains("Durée médiane par étape (jours),Révélation,56.00,non\r\n"));

    let response = get(&app, Some(&funder.token), &format!("/reports/cohorts/{cohort}.csv?lang=en")).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("cohort-report-2020-2021.csv"));
    let text = response.text().await.unwrap();
    assert!(text.starts_with("\u{feff}Section,Category,Value,Suppressed (small count)\r\n"));
    assert!(text.contains("People reached by stage,Revelation,10,no\r\n"));

    // An agent's export is exact.
    let region: Uuid =
        sqlx::query_scalar("select region_id from region where code = 'CQ'").fetch_one(&app.pool).await.unwrap();
    let agent = app.user("AGENT", Some(region), None).await;
    let text = get(&app, Some(&agent.token), &format!("/reports/cohorts/{cohort}.csv")).await.text().await.unwrap();
    assert!(text.contains("Personnes rejointes par MRC,L'Érable,2,non\r\n"), "{text}");

    let response = get(&app, Some(&funder.token), &format!("/reports/cohorts/{cohort}.json")).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("application/json"));
    let json: Value = response.json().await.unwrap();
    assert_eq!(json["participantsReached"], 18);
    assert_eq!(json["cohort"]["name"], "2020-2021");
    assert_eq!(json["followUpsByOrigin"][0]["partner"]["name"], "SISMIC Capitale-Nationale");
    assert_eq!(json["suppression"]["applied"], true);
    let gql = report(&app, &funder, &cohort).await;
    // The export is the API's report, with the marker where the API says null.
    let marked = |cells: &Value| -> Value {
        let mut cells = cells.clone();
        for cell in cells.as_array_mut().unwrap() {
            if cell["suppressed"] == true {
                assert!(cell["count"].is_null());
                cell["count"] = json!("x");
            }
        }
        cells
    };
    assert_eq!(json["participantsByGender"], marked(&gql["participantsByGender"]));
    assert!(json["participantsByGender"].as_array().unwrap().iter().any(|c| c["count"] == "x"));
    assert_eq!(json["comparison"]["figures"], gql["comparison"]["figures"], "nothing hidden there");
}

#[sqlx::test(migrations = "../migrations")]
async fn exports_refuse_like_the_api(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let unknown = sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Cohort, Uuid::new_v4()).to_string();
    let cases = [
        (None, format!("/reports/cohorts/{}.csv", w.cohort_a), 401, "UNAUTHENTICATED"),
        (Some("not-a-token"), format!("/reports/cohorts/{}.csv", w.cohort_a), 401, "UNAUTHENTICATED"),
        (Some(partner.token.as_str()), format!("/reports/cohorts/{}.csv", w.cohort_a), 403, "FORBIDDEN"),
        (Some(w.agent_b.token.as_str()), format!("/reports/cohorts/{}.json", w.cohort_a), 404, "NOT_FOUND"),
        (Some(w.admin.token.as_str()), format!("/reports/cohorts/{unknown}.csv"), 404, "NOT_FOUND"),
        (Some(w.admin.token.as_str()), format!("/reports/cohorts/{}.xml", w.cohort_a), 400, "BAD_USER_INPUT"),
        (Some(w.admin.token.as_str()), format!("/reports/cohorts/{}", w.cohort_a), 400, "BAD_USER_INPUT"),
        (Some(w.admin.token.as_str()), format!("/reports/cohorts/{}.csv?lang=de", w.cohort_a), 400, "BAD_USER_INPUT"),
        (Some(w.admin.token.as_str()), "/reports/cohorts/garbage.csv".to_owned(), 400, "BAD_USER_INPUT"),
        (Some(w.admin.token.as_str()), format!("/reports/cohorts/{}.csv", w.region_a), 404, "NOT_FOUND"),
    ];
    for (token, path, status, code) in cases {
        let response = get(&app, token, &path).await;
        assert_eq!(response.status().as_u16(), status, "{path}");
        if status == 401 {
            assert_eq!(response.headers()["www-authenticate"], "Bearer");
        }
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], code, "{path}");
    }
    let ok = get(&app, Some(&w.agent_a.token), &format!("/reports/cohorts/{}.csv", w.cohort_a)).await;
    assert_eq!(ok.status(), 200);
}
