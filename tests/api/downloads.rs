//! Downloads for funders: the CSV that French-locale Excel opens (`?dialect=excel-fr`) and the
//! Excel workbook (`.xlsx`), read back with a real reader (calamine); their figures are the
//! API's, hidden counts included.

use calamine::{open_workbook_from_rs, Data, DataType, Reader, Xlsx};
use serde_json::{json, Value};
use sismic_api_tests::{attend, create_activity, raw_id, register, TestApp, World};
use sismic_store::Store;
use sqlx::PgPool;
use uuid::Uuid;

const REPORT: &str = "query($id: ID!) { cohortReport(cohortId: $id) {
    participantsReached participantsReachedSuppressed
    participantsByStage { stage count suppressed }
    projectCount enterprisesCreated followUpCount
    projectsByStage { stage count } projectsByStatus { status count }
    followUpsByOrigin { partner { name } projectCount followUpCount }
    partnerFollowUps { partner { name } followUpCount }
    awards { count totalAmountCents }
    funnel { steps { stage projectsReached conversionToNext } launched launchRate }
    timeInStage { stage medianDays completedStays openStays }
    participantsByGender { gender count suppressed }
    participantsByAgeBand { band count suppressed }
    participantsByMrc { mrc count suppressed }
    teamsByComposition { composition count suppressed }
    comparison { previousCohort { name } figures { figure current previous difference percentChange suppressed } }
    narrative { summary text } } }";

async fn demo_cohort(app: &TestApp) -> String {
    sismic_server::demo::load(&Store::new(app.pool.clone())).await.expect("demo loads");
    let id: Uuid =
        sqlx::query_scalar("select cohort_id from cohort where name = '2020-2021'").fetch_one(&app.pool).await.unwrap();
    sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Cohort, id).to_string()
}

async fn get(app: &TestApp, token: Option<&str>, path: &str) -> reqwest::Response {
    let mut request = app.client.get(format!("{}{}", app.address, path));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    request.send().await.expect("request sent")
}

/// A downloaded workbook, every sheet read into rows of cells.
pub(crate) struct Workbook {
    pub(crate) names: Vec<String>,
    pub(crate) sheets: Vec<Vec<Vec<Data>>>,
}

impl Workbook {
    pub(crate) fn open(bytes: &[u8]) -> Workbook {
        let mut reader: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX file");
        let names = reader.sheet_names();
        let sheets = names
            .iter()
            .map(|name| {
                let range = reader.worksheet_range(name).expect("a sheet");
                assert_eq!(range.start(), Some((0, 0)), "{name} starts at A1");
                range.rows().map(|r| r.to_vec()).collect()
            })
            .collect();
        Workbook { names, sheets }
    }

    pub(crate) fn sheet(&self, name: &str) -> &Vec<Vec<Data>> {
        let index =
            self.names.iter().position(|n| n == name).unwrap_or_else(|| panic!("no sheet {name}: {:?}", self.names));
        &self.sheets[index]
    }

    /// The cell at (row, column) of a sheet, `Empty` past the end.
    pub(crate) fn cell(&self, sheet: &str, row: usize, col: usize) -> Data {
        self.sheet(sheet).get(row).and_then(|r| r.get(col)).cloned().unwrap_or(Data::Empty)
    }

    /// The row whose first cell is `label`.
    pub(crate) fn row(&self, sheet: &str, label: &str) -> Vec<Data> {
        self.sheet(sheet)
            .iter()
            .find(|r| r.first() == Some(&Data::String(label.to_owned())))
            .unwrap_or_else(|| panic!("no row {label} in {sheet}: {:?}", self.sheet(sheet)))
            .clone()
    }
}

pub(crate) fn text(t: &str) -> Data {
    Data::String(t.to_owned())
}

pub(crate) fn number(v: &Value) -> Data {
    Data::Float(v.as_f64().unwrap_or_else(|| panic!("not a number: {v}")))
}

/// What a cell of a count of people must hold: the API's count, or the marker it is hidden by.
fn count_cell(cell: &Value, hidden: &str) -> Data {
    if cell["suppressed"] == true {
        assert!(cell["count"].is_null());
        text(hidden)
    } else {
        number(&cell["count"])
    }
}

/// A breakdown's cells (second column of its sheet), in order, after the header.
pub(crate) fn column(book: &Workbook, sheet: &str, col: usize) -> Vec<Data> {
    book.sheet(sheet)
        .iter()
        .skip(1)
        .map(|r| r.get(col).cloned().unwrap_or(Data::Empty))
        .take_while(|c| *c != Data::Empty)
        .collect()
}

#[sqlx::test(migrations = "../migrations")]
async fn the_workbook_opens_in_a_real_reader_and_its_figures_are_the_apis(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let cohort = demo_cohort(&app).await;
    let funder = app.user("FUNDER", None, None).await;
    let api = app.ok(&funder, REPORT, json!({ "id": cohort })).await["cohortReport"].clone();

    let response = get(&app, Some(&funder.token), &format!("/reports/cohorts/{cohort}.xlsx")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"rapport-cohorte-2020-2021.xlsx\"");
    assert_eq!(response.headers()["cache-control"], "no-store");
    let bytes = response.bytes().await.unwrap();
    assert_eq!(&bytes[..2], b"PK", "a ZIP container");
    let book = Workbook::open(&bytes);
    assert_eq!(
        book.names,
        [
            "Rapport",
            "Cohorte",
            "Personnes rejointes",
            "Projets",
            "Projets par étape",
            "Projets par statut",
            "Suivis par origine",
            "Suivis avec les partenaires",
            "Bourses",
            "Parcours des projets",
            "Durée médiane par étape",
            "Projets par secteur",
            "Projets par MRC",
            "Personnes par genre",
            "Personnes par groupe d'âge",
            "Personnes par MRC",
            "Groupes promoteurs",
            "Comparaison",
        ]
    );

    // The narrative first: the title, the seed's sentence, the lists.
    assert_eq!(book.cell("Rapport", 0, 0), text("Rapport de cohorte SISMIC 2020-2021 — Centre-du-Québec"));
    assert_eq!(book.cell("Rapport", 2, 0), string_cell(&api["narrative"]["summary"]));
    let rapport: Vec<String> = book
        .sheet("Rapport")
        .iter()
        .filter_map(|r| r.first())
        .filter_map(|c| c.get_string().map(str::to_owned))
        .collect();
    let narrative = api["narrative"]["text"].as_str().unwrap();
    for line in narrative.lines().filter(|l| !l.is_empty()) {
        assert!(rapport.iter().any(|r| r == line), "{line:?} not on the first sheet: {rapport:#?}");
    }
    assert!(
        rapport.iter().any(|r| r.starts_with("«\u{a0}< 5\u{a0}»\u{a0}: moins de 5 personnes")),
        "the legend, for a funder"
    );

    // French headers, numbers stored as numbers.
    assert_eq!(book.sheet("Personnes rejointes")[0], vec![text("Catégorie"), text("Personnes")]);
    assert_eq!(book.row("Personnes rejointes", "Total (personnes distinctes)")[1], number(&api["participantsReached"]));
    let stages: Vec<Data> =
        api["participantsByStage"].as_array().unwrap().iter().map(|c| count_cell(c, "< 5")).collect();
    assert_eq!(column(&book, "Personnes rejointes", 1)[1..], stages[..]);
    assert_eq!(stages, [Data::Float(10.0), Data::Float(13.0), Data::Float(8.0)]);
    assert_eq!(book.row("Projets", "Total")[1], Data::Float(7.0));
    assert_eq!(book.row("Projets", "Entreprises créées")[1], number(&api["enterprisesCreated"]));
    assert_eq!(book.row("Projets par statut", "Entreprise créée")[1], Data::Float(1.0));
    assert!(book.sheet("Cohorte")[3][1].is_datetime(), "the start is a date");

    let origins = book.sheet("Suivis par origine");
    assert_eq!(origins[0], vec![text("Partenaire d'origine"), text("Projets"), text("Suivis")]);
    for (row, expected) in origins[1..].iter().zip(api["followUpsByOrigin"].as_array().unwrap()) {
        assert_eq!(
            row,
            &vec![
                text(expected["partner"]["name"].as_str().unwrap()),
                number(&expected["projectCount"]),
                number(&expected["followUpCount"])
            ]
        );
    }
    assert_eq!(origins[1], vec![text("SISMIC Capitale-Nationale"), Data::Float(1.0), Data::Float(45.0)]);
    assert_eq!(book.row("Suivis par origine", "Total"), vec![text("Total"), Data::Float(7.0), Data::Float(97.0)]);
    let partners = book.sheet("Suivis avec les partenaires");
    for (row, expected) in partners[1..].iter().zip(api["partnerFollowUps"].as_array().unwrap()) {
        assert_eq!(row, &vec![text(expected["partner"]["name"].as_str().unwrap()), number(&expected["followUpCount"])]);
    }
    assert_eq!(book.row("Suivis avec les partenaires", "Chantier de l'économie sociale")[1], Data::Float(13.0));
    assert_eq!(book.row("Suivis avec les partenaires", "Total")[1], Data::Float(69.0));
    assert_eq!(book.row("Bourses", "Montant total ($)")[1], Data::Float(5000.0));
    assert_eq!(book.row("Bourses", "Nombre")[1], number(&api["awards"]["count"]));

    let steps = api["funnel"]["steps"].as_array().unwrap();
    assert_eq!(book.row("Parcours des projets", "Idéation")[1], number(&steps[1]["projectsReached"]));
    assert_eq!(book.row("Parcours des projets", "Idéation")[2], number(&steps[1]["conversionToNext"]));
    assert_eq!(book.row("Parcours des projets", "Prototypage")[2], number(&api["funnel"]["launchRate"]));
    let times = api["timeInStage"].as_array().unwrap();
    assert_eq!(book.row("Durée médiane par étape", "Révélation")[1], number(&times[0]["medianDays"]));
    assert_eq!(book.row("Durée médiane par étape", "Révélation")[1], Data::Float(56.0));

    // Hidden counts of people: text, never a number. With 18 people reached published, a
    // breakdown hides at least two cells, one of which may be 5 or more (men: 8): « x ».
    for (sheet, field) in [
        ("Personnes par genre", "participantsByGender"),
        ("Personnes par groupe d'âge", "participantsByAgeBand"),
        ("Personnes par MRC", "participantsByMrc"),
        ("Groupes promoteurs", "teamsByComposition"),
    ] {
        let expected: Vec<Data> = api[field].as_array().unwrap().iter().map(|c| count_cell(c, "x")).collect();
        assert_eq!(column(&book, sheet, 1), expected, "{sheet}");
    }
    assert_eq!(book.row("Personnes par genre", "Hommes")[1], text("x"));
    let genders = app
        .ok(
            &funder,
            "query($id: ID!) { cohortReport(cohortId: $id) { participantsByGender { gender count suppressedBelow } } }",
            json!({ "id": cohort }),
        )
        .await;
    let man = genders["cohortReport"]["participantsByGender"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["gender"] == "MAN")
        .unwrap()
        .clone();
    assert_eq!(man, json!({ "gender": "MAN", "count": null, "suppressedBelow": null }), "8 men: not « < 5 »");
    assert_eq!(book.row("Personnes par genre", "Femmes")[1], Data::Float(9.0));
    assert_eq!(book.row("Personnes par MRC", "L'Érable")[1], text("x"));

    let comparison = book.sheet("Comparaison");
    assert_eq!(
        comparison[0],
        vec![
            text("Indicateur"),
            text("Cette cohorte (2020-2021)"),
            text("Cohorte précédente (2019-2020)"),
            text("Écart"),
            text("Variation")
        ]
    );
    for (row, figure) in comparison[1..].iter().zip(api["comparison"]["figures"].as_array().unwrap()) {
        assert_eq!(row[1], number(&figure["current"]));
        assert_eq!(row[2], number(&figure["previous"]));
        assert_eq!(row[3], number(&figure["difference"]));
        match figure["percentChange"].as_f64() {
            Some(p) => assert!(matches!(row[4], Data::Float(v) if (v - p / 100.0).abs() < 1e-12), "{row:?}"),
            None => assert_eq!(row.get(4).cloned().unwrap_or(Data::Empty), Data::Empty),
        }
    }
    assert_eq!(
        book.row("Comparaison", "Personnes rejointes")[1..4],
        [Data::Float(18.0), Data::Float(15.0), Data::Float(3.0)]
    );

    // An agent's workbook is exact; English on request.
    let region: Uuid =
        sqlx::query_scalar("select region_id from region where code = 'CQ'").fetch_one(&app.pool).await.unwrap();
    let agent = app.user("AGENT", Some(region), None).await;
    let bytes = get(&app, Some(&agent.token), &format!("/reports/cohorts/{cohort}.xlsx")).await.bytes().await.unwrap();
    let book = Workbook::open(&bytes);
    assert_eq!(book.row("Personnes par genre", "Hommes")[1], Data::Float(8.0));
    assert_eq!(book.row("Personnes par MRC", "L'Érable")[1], Data::Float(2.0));
    let response = get(&app, Some(&agent.token), &format!("/reports/cohorts/{cohort}.xlsx?lang=en")).await;
    assert_eq!(response.headers()["content-disposition"], "attachment; filename=\"cohort-report-2020-2021.xlsx\"");
    let book = Workbook::open(&response.bytes().await.unwrap());
    assert_eq!(book.names[..3], ["Report", "Cohort", "People reached"]);
    assert_eq!(book.sheet("People reached")[0], vec![text("Category"), text("People")]);
    assert_eq!(book.row("People by gender", "Men")[1], Data::Float(8.0));
    let summary = book.cell("Report", 2, 0);
    assert!(summary.get_string().unwrap().starts_with("18 people reached by the pathway's activities"));
}

/// A text cell holding exactly the API's string.
fn string_cell(v: &Value) -> Data {
    text(v.as_str().expect("a string"))
}

#[sqlx::test(migrations = "../migrations")]
async fn a_small_cohorts_hidden_counts_read_fewer_than_5_in_the_workbook(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let agent = &w.agent_a;
    let mut people = Vec::new();
    for i in 0..3 {
        people.push(register(&app, agent, &w.region_a, "Petite", &format!("Cohorte {i}")).await);
    }
    let activity = create_activity(&app, agent, &w.cohort_a, "REVELATION", "2020-10-01").await;
    attend(&app, agent, &activity, &people).await;
    let funder = app.user("FUNDER", None, Some(raw_id(&w.funder))).await;
    let api = app.ok(&funder, REPORT, json!({ "id": w.cohort_a })).await["cohortReport"].clone();
    assert_eq!(api["participantsReachedSuppressed"], true);

    let response = get(&app, Some(&funder.token), &format!("/reports/cohorts/{}.xlsx", w.cohort_a)).await;
    assert_eq!(response.status(), 200);
    let book = Workbook::open(&response.bytes().await.unwrap());
    assert_eq!(book.row("Personnes rejointes", "Total (personnes distinctes)")[1], text("< 5"));
    // Every count of people of a small cohort is below the threshold, zeros included.
    assert_eq!(column(&book, "Personnes rejointes", 1), vec![text("< 5"); 4]);
    for sheet in ["Personnes par genre", "Personnes par groupe d'âge", "Personnes par MRC"] {
        let cells = column(&book, sheet, 1);
        assert!(!cells.is_empty() && cells.iter().all(|c| *c == text("< 5")), "{sheet}: {cells:?}");
    }
    assert_eq!(book.row("Comparaison", "Personnes rejointes")[1], text("< 5"));
    let by_stage: Vec<Value> =
        api["participantsByStage"].as_array().unwrap().iter().map(|c| c["count"].clone()).collect();
    assert_eq!(by_stage, [Value::Null, Value::Null, Value::Null]);
    let below = app
        .ok(&funder, "query($id: ID!) { cohortReport(cohortId: $id) { participantsByStage { suppressedBelow } participantsByMrc { suppressedBelow } } }", json!({ "id": w.cohort_a }))
        .await;
    assert_eq!(
        below["cohortReport"]["participantsByStage"],
        json!([{ "suppressedBelow": 5 }, { "suppressedBelow": 5 }, { "suppressedBelow": 5 }])
    );
    assert_eq!(below["cohortReport"]["participantsByMrc"], json!([{ "suppressedBelow": 5 }]));
    assert_eq!(book.row("Projets", "Total")[1], Data::Float(0.0), "projects are not people");
    assert_eq!(book.cell("Rapport", 2, 0), string_cell(&api["narrative"]["summary"]));
    assert!(api["narrative"]["summary"].as_str().unwrap().starts_with("Moins de 5 personnes rejointes"));
    let everything: Vec<&Data> = book.sheets.iter().flatten().flatten().collect();
    assert!(!everything.iter().any(|c| **c == Data::Float(3.0)), "the hidden 3 is nowhere");
    assert!(!everything
        .iter()
        .any(|c| c.get_string().is_some_and(|s| s.contains("Cohorte 0") || s.contains("Petite"))));

    let bytes = get(&app, Some(&w.agent_a.token), &format!("/reports/cohorts/{}.xlsx", w.cohort_a))
        .await
        .bytes()
        .await
        .unwrap();
    let book = Workbook::open(&bytes);
    assert_eq!(book.row("Personnes rejointes", "Total (personnes distinctes)")[1], Data::Float(3.0));
    assert_eq!(book.row("Personnes rejointes", "Révélation")[1], Data::Float(3.0));
}

/// Splits a CSV body (after its byte-order mark) into records of fields (quotes handled).
fn records(body: &str, sep: char) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for line in body.split("\r\n").filter(|l| !l.is_empty()) {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '"' if quoted && chars.peek() == Some(&'"') => {
                    field.push('"');
                    chars.next();
                }
                '"' => quoted = !quoted,
                c if c == sep && !quoted => fields.push(std::mem::take(&mut field)),
                c => field.push(c),
            }
        }
        fields.push(field);
        out.push(fields);
    }
    out
}

#[sqlx::test(migrations = "../migrations")]
async fn the_french_excel_csv_has_semicolons_decimal_commas_a_bom_and_crlf(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let cohort = demo_cohort(&app).await;
    let funder = app.user("FUNDER", None, None).await;

    let response = get(&app, Some(&funder.token), &format!("/reports/cohorts/{cohort}.csv?dialect=excel-fr")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
    assert_eq!(
        response.headers()["content-disposition"],
        "attachment; filename=\"rapport-cohorte-2020-2021-excel-fr.csv\""
    );
    let bytes = response.bytes().await.unwrap();
    let head = "Section;Catégorie;Valeur;Masquée (petit effectif)\r\nCohorte;Nom;2020-2021;non\r\nCohorte;Région;Centre-du-Québec;non\r\n";
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte-order mark");
    assert_eq!(&bytes[3..3 + head.len()], head.as_bytes());
    let body = std::str::from_utf8(&bytes[3..]).expect("UTF-8");
    assert!(body.ends_with("\r\n"));
    assert_eq!(body.matches('\n').count(), body.matches("\r\n").count(), "CRLF only");
    for line in [
        "Personnes rejointes;Total;18;non\r\n",
        "Personnes rejointes par étape;Révélation;10;non\r\n",
        "Bourses;Montant total ($);5000,00;non\r\n",
        "Parcours des projets;Taux de passage Idéation → Prototypage (%);50,00;non\r\n",
        "Durée médiane par étape (jours);Prototypage;9,50;non\r\n",
        "Personnes rejointes par genre;Hommes;x;oui\r\n",
        "Suivis avec les partenaires;CJE de Bécancour-Nicolet-Yamaska : Place aux jeunes;4;non\r\n",
    ] {
        assert!(body.contains(line), "{line:?} missing:\n{body}");
    }

    // Record for record, the standard CSV with the separator and decimal mark changed.
    let standard =
        get(&app, Some(&funder.token), &format!("/reports/cohorts/{cohort}.csv")).await.bytes().await.unwrap();
    let standard = records(std::str::from_utf8(&standard[3..]).unwrap(), ',');
    let french = records(body, ';');
    assert_eq!(standard.len(), french.len());
    let mut decimals = 0;
    for (s, f) in standard.iter().zip(&french) {
        assert_eq!(s.len(), 4, "{s:?}");
        assert_eq!((&s[0], &s[1], &s[3]), (&f[0], &f[1], &f[3]));
        let is_decimal = s[2].contains('.') && s[2].replace(['.', '-'], "").chars().all(|c| c.is_ascii_digit());
        if is_decimal {
            decimals += 1;
            assert_eq!(f[2], s[2].replace('.', ","), "{s:?}");
        } else {
            assert_eq!(f[2], s[2], "{s:?}");
        }
    }
    assert!(decimals >= 8, "rates, days and the amount");

    // English headers in the same dialect.
    let text = get(&app, Some(&funder.token), &format!("/reports/cohorts/{cohort}.csv?dialect=excel-fr&lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(text.starts_with("\u{feff}Section;Category;Value;Suppressed (small count)\r\n"));
    assert!(text.contains("Awards;Total amount ($);5000,00;no\r\n"));
}

#[sqlx::test(migrations = "../migrations")]
async fn downloads_refuse_like_the_api_and_write_nothing(pool: PgPool) {
    let app = TestApp::spawn(pool).await;
    let w = World::build(&app).await;
    let partner = app.user("PARTNER", None, Some(raw_id(&w.college))).await;
    let cohort = &w.cohort_a;
    let before = app.snapshot().await;
    let cases = [
        (None, format!("/reports/cohorts/{cohort}.xlsx"), 401, "UNAUTHENTICATED"),
        (Some(partner.token.as_str()), format!("/reports/cohorts/{cohort}.xlsx"), 403, "FORBIDDEN"),
        (Some(partner.token.as_str()), format!("/reports/cohorts/{cohort}.csv?dialect=excel-fr"), 403, "FORBIDDEN"),
        (Some(w.agent_b.token.as_str()), format!("/reports/cohorts/{cohort}.xlsx"), 404, "NOT_FOUND"),
        (Some(w.agent_b.token.as_str()), format!("/reports/cohorts/{cohort}.csv?dialect=excel-fr"), 404, "NOT_FOUND"),
        (Some(w.admin.token.as_str()), format!("/reports/cohorts/{cohort}.csv?dialect=excel"), 400, "BAD_USER_INPUT"),
        (
            Some(w.admin.token.as_str()),
            format!("/reports/cohorts/{cohort}.json?dialect=excel-fr"),
            400,
            "BAD_USER_INPUT",
        ),
        (
            Some(w.admin.token.as_str()),
            format!("/reports/cohorts/{cohort}.xlsx?dialect=excel-fr"),
            400,
            "BAD_USER_INPUT",
        ),
        (Some(w.admin.token.as_str()), format!("/reports/cohorts/{cohort}.xlsx?lang=de"), 400, "BAD_USER_INPUT"),
        (Some(w.admin.token.as_str()), format!("/reports/cohorts/{cohort}.xls"), 400, "BAD_USER_INPUT"),
        (Some(w.admin.token.as_str()), "/reports/cohorts/garbage.xlsx".to_owned(), 400, "BAD_USER_INPUT"),
    ];
    for (token, path, status, code) in cases {
        let response = get(&app, token, &path).await;
        assert_eq!(response.status().as_u16(), status, "{path}");
        let body: Value = response.json().await.unwrap();
        assert_eq!(body["errors"][0]["extensions"]["code"], code, "{path}");
    }
    assert_eq!(app.snapshot().await, before, "a download writes nothing");
    for (token, path) in [
        (&w.agent_a.token, format!("/reports/cohorts/{cohort}.xlsx")),
        (&w.admin.token, format!("/reports/cohorts/{cohort}.csv?dialect=excel-fr")),
        (&w.admin.token, format!("/reports/cohorts/{cohort}.csv?dialect=standard")),
    ] {
        assert_eq!(get(&app, Some(token), &path).await.status(), 200, "{path}");
    }
}
