//! `cohort_reach` (issue 12): who each cohort reached, kept by triggers, must always be what the
//! attendance and the participants say. The cohort report counts people from it.

use serde_json::json;
use sismic_api_tests::{attend, create_activity, create_cohort, raw_id, register, TestApp, World};
use sqlx::PgPool;

/// The table as kept, and as recomputed from the attendance (as the owner, past the policies).
async fn kept_and_recomputed(pool: &PgPool) -> (Vec<String>, Vec<String>) {
    let kept = sqlx::query_scalar(
        "select concat_ws(' ', cohort_id, participant_id, region_id, revelation, ideation, prototyping, gender, birth_year, mrc)
         from cohort_reach order by cohort_id, participant_id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let recomputed = sqlx::query_scalar(
        "select concat_ws(' ', ac.cohort_id, a.participant_id, a.region_id,
                          count(*) filter (where ac.stage = 'REVELATION'), count(*) filter (where ac.stage = 'IDEATION'),
                          count(*) filter (where ac.stage = 'PROTOTYPING'), p.gender, p.birth_year, p.mrc)
         from attendance a join activity ac using (activity_id) join participant p using (participant_id)
         group by ac.cohort_id, a.participant_id, a.region_id, p.gender, p.birth_year, p.mrc
         order by ac.cohort_id, a.participant_id",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    (kept, recomputed)
}

#[sqlx::test(migrations = "../migrations")]
async fn who_a_cohort_reached_follows_attendance_and_participants(pool: PgPool) {
    let app = TestApp::spawn(pool.clone()).await;
    let w = World::build(&app).await;
    let earlier = create_cohort(&app, &w.admin, &w.region_a, "2019-2020").await;
    let lea = register(&app, &w.agent_a, &w.region_a, "Léa", "Gagnon").await;
    let noah = register(&app, &w.agent_a, &w.region_a, "Noah", "Roy").await;
    let zoe = register(&app, &w.agent_b, &w.region_b, "Zoé", "Leblanc").await;
    let revelation = create_activity(&app, &w.agent_a, &w.cohort_a, "REVELATION", "2020-10-01").await;
    let ideation = create_activity(&app, &w.agent_a, &w.cohort_a, "IDEATION", "2020-12-03").await;
    let before = create_activity(&app, &w.agent_a, &earlier, "REVELATION", "2019-10-01").await;
    let other_region = create_activity(&app, &w.agent_b, &w.cohort_b, "PROTOTYPING", "2021-01-10").await;
    attend(&app, &w.agent_a, &revelation, [&lea, &noah]).await;
    attend(&app, &w.agent_a, &ideation, [&lea]).await;
    attend(&app, &w.agent_a, &before, [&noah]).await;
    attend(&app, &w.agent_b, &other_region, [&zoe]).await;
    let (kept, recomputed) = kept_and_recomputed(&pool).await;
    assert_eq!(kept.len(), 4, "{kept:#?}");
    assert_eq!(kept, recomputed);

    // A participant's dimensions change: their rows follow.
    app.ok(
        &w.agent_a,
        "mutation($i: UpdateParticipantInput!) { updateParticipant(input: $i) { participant { id } } }",
        json!({ "i": { "participantId": lea, "gender": "WOMAN", "birthYear": 2003, "mrc": "Arthabaska" } }),
    )
    .await;
    let (kept, recomputed) = kept_and_recomputed(&pool).await;
    assert!(kept.iter().any(|row| row.ends_with("WOMAN 2003 Arthabaska")), "{kept:#?}");
    assert_eq!(kept, recomputed);

    // The report counts them: two people reached, both at révélation, one at idéation.
    let report = app
        .ok(
            &w.agent_a,
            "query($id: ID!) { cohortReport(cohortId: $id) { participantsReached
               participantsByStage { stage count } participantsByGender { gender count } } }",
            json!({ "id": w.cohort_a }),
        )
        .await;
    let report = &report["cohortReport"];
    assert_eq!(report["participantsReached"], 2);
    assert_eq!(
        report["participantsByStage"],
        json!([{ "stage": "REVELATION", "count": 2 }, { "stage": "IDEATION", "count": 1 },
               { "stage": "PROTOTYPING", "count": 0 }])
    );
    let women =
        report["participantsByGender"].as_array().unwrap().iter().find(|g| g["gender"] == "WOMAN").unwrap().clone();
    assert_eq!(women["count"], 1);

    // Removing attendance, or moving an activity, keeps the table right (as the owner: the API
    // has no such operation today).
    sqlx::query("delete from attendance where activity_id = $1 and participant_id = $2")
        .bind(raw_id(&ideation))
        .bind(raw_id(&lea))
        .execute(&pool)
        .await
        .unwrap();
    sqlx::query("update activity set stage = 'PROTOTYPING', cohort_id = $2 where activity_id = $1")
        .bind(raw_id(&revelation))
        .bind(raw_id(&earlier))
        .execute(&pool)
        .await
        .unwrap();
    let (kept, recomputed) = kept_and_recomputed(&pool).await;
    assert_eq!(kept, recomputed);
    let in_cohort_a: i64 = sqlx::query_scalar("select count(*) from cohort_reach where cohort_id = $1")
        .bind(raw_id(&w.cohort_a))
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(in_cohort_a, 0, "nobody attends cohort A's activities any more");
}
