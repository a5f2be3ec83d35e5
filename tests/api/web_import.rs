//! The import screen of the web app in Chromium (`web/tests/app-import.mjs`), against the demo
//! dataset (the region the example files of `docs/` are written for).

use crate::clients::node_script;
use serde_json::json;
use sismic_api_tests::{TestApp, TEST_PASSWORD};
use sismic_store::Store;
use sqlx::PgPool;

/// As the demo agent: the broken examples' problems and duplicate, the workbook's preview, the
/// confirmation that writes it (checked here through the API too), a second import that changes
/// nothing, English, 390 px; an admin choosing the region; a partner without the screen.
#[sqlx::test(migrations = "../migrations")]
async fn the_import_screen_works_in_chromium(pool: PgPool) {
    let web = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../web");
    assert!(
        web.join("dist/app/index.html").is_file(),
        "web/dist/app is not built: run `npm run build` in web/ (make test does it)"
    );
    let docs = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let app = TestApp::spawn(pool).await;
    sismic_server::demo::load(&Store::new(app.pool.clone())).await.expect("the demo dataset loads");
    let admin = app.user("ADMIN", None, None).await;
    let admin_email = app.email_of(&admin).await;
    let password = sismic_server::demo::DEFAULT_DEMO_PASSWORD;
    let output = node_script(
        "app-import.mjs",
        &[
            &app.address,
            "agente.cq@demo.sismic.quebec",
            password,
            &admin_email,
            TEST_PASSWORD,
            "cegep.victo@demo.sismic.quebec",
            docs.to_str().expect("a UTF-8 path"),
            "test-results",
        ],
    )
    .await;
    println!("{output}");
    assert!(output.contains("the import screen works in Chromium"), "{output}");

    // Through the API: the workbook's rows are there once, created by the demo agent.
    let data =
        app.ok(&admin, "{ participants(first: 50) { nodes { lastName consents { givenOn } } } }", json!({})).await;
    let imported: Vec<_> = data["participants"]["nodes"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|p| p["lastName"] == "Desrosiers")
        .collect();
    assert_eq!(imported.len(), 1, "{data}");
    assert_eq!(imported[0]["consents"][0]["givenOn"], "2020-09-14");
    let by_agent: i64 = sqlx::query_scalar(
        "select count(*) from project p join app_user u on u.user_id = p.created_by
         where u.email = 'agente.cq@demo.sismic.quebec' and p.name in ('Coop de la radio étudiante', 'Marché fermier mobile', 'Ressourcerie du quartier')",
    )
    .fetch_one(&app.pool)
    .await
    .expect("count");
    assert_eq!(by_agent, 3);
}
