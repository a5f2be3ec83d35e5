//! The demo dataset: the 2020-2021 SISMIC cohort of Centre-du-Québec, as published in the
//! Pôle's annual report (`shared/seed/`), with invented people and project names.
//!
//! Everything goes through the store and the domain rules, exactly as the API would write it,
//! and the cohort report computed from it reproduces every figure of the report: 18 people
//! reached (10 révélation, 13 idéation, 8 prototypage), 7 projects, 1 enterprise created,
//! follow-ups by origin 26 / 26 / 45, one Fonds FTQ award, partner follow-ups 13 / 36 / 7 / 1 /
//! 5 / 4 / 2 / 1.
//!
//! The report dimensions are filled in too (sectors and MRCs of projects; genders, birth years
//! and MRCs of people, with one person whose gender and age are not recorded), and the previous
//! cohort (2019-2020) has its own smaller activity — 15 people, 5 projects — so that the
//! comparison shows something. Stage changes are dated through the programme year, so that the
//! median time in each stage is meaningful (56 days in révélation, 84 in idéation, 9.5 in
//! prototypage).

use anyhow::Context as _;
use chrono::{DateTime, Days, NaiveDate, Utc};
use sismic_domain::{self as domain, FollowUpMode, Gender, LegalForm, PartnerKind, ProjectState, Role, Sector, Stage};
use sismic_graphql::auth::hash_password;
use sismic_store::follow_ups::NewFollowUp;
use sismic_store::participants::ProfileChange;
use sismic_store::projects::{LaunchRow, NewProject, ProjectRow};
use sismic_store::{activities, follow_ups, participants, partners, projects, regions, users, Scope, Store, Tx};
use uuid::Uuid;

/// Code of the demo region.
pub const REGION_CODE: &str = "CQ";
/// Password of the demo accounts other than the admin, unless `SISMIC_DEMO_PASSWORD` is set.
pub const DEFAULT_DEMO_PASSWORD: &str = "demo-sismic-2021";

const PARTNERS: &[(&str, PartnerKind)] = &[
    ("Cégep de Victoriaville", PartnerKind::College),
    ("Université du Québec à Trois-Rivières (UQTR)", PartnerKind::University),
    ("SISMIC Capitale-Nationale", PartnerKind::Incubator),
    ("Chantier de l'économie sociale", PartnerKind::Network),
    ("Communauté de pratique des agentes et agents SISMIC", PartnerKind::Network),
    ("Société de développement économique de Drummondville (SDED)", PartnerKind::EconomicDevelopment),
    ("CJE de Bécancour-Nicolet-Yamaska : Place aux jeunes", PartnerKind::YouthEmployment),
    ("Réseau d'investissement social du Québec (RISQ)", PartnerKind::Network),
    (
        "Corporation de développement économique de Victoriaville et sa région (CDEVVR)",
        PartnerKind::EconomicDevelopment,
    ),
    ("Fonds de solidarité FTQ", PartnerKind::Funder),
    ("Secrétariat à la jeunesse", PartnerKind::Funder),
];

/// Follow-ups with partners, without a project (index into `PARTNERS`, count).
const PARTNER_FOLLOW_UPS: &[(usize, usize)] = &[(3, 13), (4, 36), (1, 7), (0, 1), (5, 5), (6, 4), (7, 2), (8, 1)];

/// First and last names of the 18 invented participants.
const PEOPLE: &[(&str, &str)] = &[
    ("Léa", "Gagnon"),
    ("Noah", "Roy"),
    ("Florence", "Côté"),
    ("William", "Bouchard"),
    ("Alice", "Gauthier"),
    ("Thomas", "Morin"),
    ("Rosalie", "Lavoie"),
    ("Félix", "Fortin"),
    ("Juliette", "Gagné"),
    ("Louis", "Ouellet"),
    ("Maëlle", "Pelletier"),
    ("Jacob", "Bélanger"),
    ("Charlotte", "Lévesque"),
    ("Édouard", "Bergeron"),
    ("Zoé", "Leblanc"),
    ("Nathan", "Paquette"),
    ("Clara", "Girard"),
    ("Olivier", "Simard"),
];

const W: Option<Gender> = Some(Gender::Woman);
const M: Option<Gender> = Some(Gender::Man);

/// Gender, birth year and MRC of each of `PEOPLE` (Olivier's gender and age are not recorded).
const PROFILES: &[(Option<Gender>, Option<i16>, Option<&str>)] = &[
    (W, Some(2001), Some("Arthabaska")),
    (M, Some(1999), Some("Arthabaska")),
    (W, Some(2002), Some("Arthabaska")),
    (M, Some(1998), Some("L'Érable")),
    (W, Some(2000), Some("Arthabaska")),
    (M, Some(1997), Some("Arthabaska")),
    (W, Some(2003), Some("L'Érable")),
    (M, Some(1996), Some("Arthabaska")),
    (W, Some(2001), Some("Arthabaska")),
    (M, Some(1995), Some("Bécancour")),
    (W, Some(1994), Some("Drummond")),
    (M, Some(1999), Some("Drummond")),
    (W, Some(2000), Some("Drummond")),
    (M, Some(1993), Some("Drummond")),
    (W, Some(2001), Some("Nicolet-Yamaska")),
    (M, Some(1990), Some("Bécancour")),
    (W, Some(1998), Some("Nicolet-Yamaska")),
    (None, None, None),
];

/// People reached only in 2019-2020: (first name, last name, gender, birth year, MRC).
const PREVIOUS_PEOPLE: &[(&str, &str, Option<Gender>, i16, &str)] = &[
    ("Camille", "Tremblay", W, 1999, "Drummond"),
    ("Gabriel", "Caron", M, 1998, "Drummond"),
    ("Emma", "Poirier", W, 2000, "Arthabaska"),
    ("Samuel", "Giroux", M, 1996, "Bécancour"),
    ("Béatrice", "Nadeau", W, 2001, "Nicolet-Yamaska"),
    ("Antoine", "Dubé", M, 1994, "L'Érable"),
];

/// Projects of 2019-2020: (name, origin, sector, MRC, stages advanced, abandoned).
const PREVIOUS_PROJECTS: &[(&str, usize, Sector, &str, usize, bool)] = &[
    ("Journal étudiant coopératif", 0, Sector::Communications, "Arthabaska", 1, false),
    ("Cuisine collective du campus", 1, Sector::AgriFood, "Drummond", 1, false),
    ("Troupe de théâtre d'intervention", 0, Sector::Culture, "Arthabaska", 0, true),
    ("Location d'équipement de plein air", 6, Sector::Leisure, "Nicolet-Yamaska", 0, false),
    ("Halte-garderie étudiante", 1, Sector::CommunityServices, "Drummond", 0, false),
];

struct DemoProject {
    name: &'static str,
    sector: Sector,
    mrc: &'static str,
    summary: &'static str,
    origin: usize,
    follow_ups: usize,
    /// Team members (indexes into `PEOPLE`).
    team: &'static [usize],
}

const PROJECTS: &[DemoProject] = &[
    DemoProject {
        sector: Sector::Retail,
        mrc: "Arthabaska",
        name: "Friperie étudiante La Deuxième Vie",
        summary: "Friperie coopérative gérée par les étudiantes et étudiants.",
        origin: 0,
        follow_ups: 8,
        team: &[0, 1, 2],
    },
    DemoProject {
        sector: Sector::AgriFood,
        mrc: "Arthabaska",
        name: "Café coopératif du cégep",
        summary: "Café étudiant en formule coopérative.",
        origin: 0,
        follow_ups: 7,
        team: &[4, 8],
    },
    DemoProject {
        sector: Sector::Environment,
        mrc: "Arthabaska",
        name: "Serre communautaire Victo",
        summary: "Serre quatre saisons partagée avec le quartier.",
        origin: 0,
        follow_ups: 6,
        team: &[5, 7],
    },
    DemoProject {
        sector: Sector::CommunityServices,
        mrc: "Arthabaska",
        name: "Atelier vélo solidaire",
        summary: "Atelier de réparation de vélos à prix libre.",
        origin: 0,
        follow_ups: 5,
        team: &[7, 8, 9],
    },
    DemoProject {
        sector: Sector::Technology,
        mrc: "Drummond",
        name: "Coop de services numériques étudiante",
        summary: "Sites web et médias sociaux pour les OBNL de la région.",
        origin: 1,
        follow_ups: 14,
        team: &[10, 11, 12],
    },
    DemoProject {
        sector: Sector::Retail,
        mrc: "Drummond",
        name: "Épicerie zéro déchet Drummond",
        summary: "Épicerie en vrac, sans emballage.",
        origin: 1,
        follow_ups: 12,
        team: &[13, 14],
    },
    DemoProject {
        sector: Sector::AgriFood,
        mrc: "Nicolet-Yamaska",
        name: "Coopérative de solidarité Le Rucher",
        summary: "Apiculture urbaine et ateliers éducatifs.",
        origin: 2,
        follow_ups: 45,
        team: &[15, 16, 17],
    },
];

/// An activity of the demo: (stage, title, date, attendees as indexes into `PEOPLE`).
type DemoActivity = (Stage, &'static str, (i32, u32, u32), &'static [usize]);
/// Activities of 2020-2021.
const ACTIVITIES: &[DemoActivity] = &[
    (Stage::Revelation, "Révélation : découvrir l'entrepreneuriat collectif", (2020, 10, 8), &[0, 1, 2, 3, 4, 5]),
    (Stage::Revelation, "Révélation au Cégep de Victoriaville", (2020, 10, 22), &[4, 5, 6, 7, 8, 9]),
    (Stage::Ideation, "Idéation : le modèle d'affaires (BMC)", (2020, 12, 3), &[0, 1, 2, 3, 4, 10, 11, 12]),
    (Stage::Ideation, "Idéation au campus de Drummondville", (2021, 1, 21), &[10, 13, 14, 15, 16, 17]),
    (Stage::Prototyping, "Prototypage : tester son offre", (2021, 2, 25), &[0, 1, 2, 10, 11]),
    (Stage::Prototyping, "Prototypage : préparer le lancement", (2021, 3, 18), &[12, 13, 14, 0]),
];

const MODES: [FollowUpMode; 4] = FollowUpMode::ALL;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// Noon UTC, `days_later` days after `day`: when a demo history entry happened.
fn noon(day: NaiveDate, days_later: usize) -> DateTime<Utc> {
    let day = day.checked_add_days(Days::new(days_later as u64)).expect("valid demo date");
    day.and_hms_opt(12, 0, 0).expect("valid demo time").and_utc()
}

/// Spreads `n` dates evenly over the cohort year.
fn spread(i: usize, n: usize) -> NaiveDate {
    spread_from(2020, i, n)
}

/// Spreads `n` dates evenly over the programme year starting April 1 of `year`.
fn spread_from(year: i32, i: usize, n: usize) -> NaiveDate {
    let offset = (i * 364 / n.max(1)) as u64;
    date(year, 4, 1).checked_add_days(Days::new(offset)).expect("valid demo date")
}

/// Loads the dataset unless region CQ already exists. Prints the demo accounts.
pub async fn load(store: &Store) -> anyhow::Result<()> {
    let password = std::env::var("SISMIC_DEMO_PASSWORD").unwrap_or_else(|_| DEFAULT_DEMO_PASSWORD.to_owned());
    let mut tx = store.begin(&Scope::System).await?;
    if regions::region_by_code(&mut tx, REGION_CODE).await.is_ok() {
        println!("demo dataset already loaded (region {REGION_CODE})");
        return Ok(());
    }
    let ids = write(&mut tx, &password).await.context("cannot load the demo dataset")?;
    sismic_store::commit(tx).await?;
    println!("demo dataset loaded: Centre-du-Québec, cohort 2020-2021 (cohortId {})", ids.cohort_global_id);
    println!("demo accounts (password: {password}):");
    for (role, email) in ids.accounts {
        println!("  {role:<8} {email}");
    }
    Ok(())
}

struct Loaded {
    cohort_global_id: String,
    accounts: Vec<(&'static str, String)>,
}

async fn write(tx: &mut Tx, password: &str) -> anyhow::Result<Loaded> {
    let region = regions::insert_region(tx, REGION_CODE, "Centre-du-Québec").await?;
    let cohort = regions::insert_cohort(tx, region.region_id, "2020-2021", date(2020, 4, 1), date(2021, 3, 31)).await?;
    // The year before, smaller, so that comparisons have something to compare with.
    let previous =
        regions::insert_cohort(tx, region.region_id, "2019-2020", date(2019, 4, 1), date(2020, 3, 31)).await?;

    let mut partner_ids = Vec::with_capacity(PARTNERS.len());
    for (name, kind) in PARTNERS {
        partner_ids.push(partners::insert_partner(tx, name, *kind).await?.partner_id);
    }

    let hash = hash_password(password).map_err(|_| anyhow::anyhow!("cannot hash the demo password"))?;
    let accounts = [
        ("AGENT", "agente.cq@demo.sismic.quebec", Role::Agent, Some(region.region_id), None),
        ("PARTNER", "cegep.victo@demo.sismic.quebec", Role::Partner, None, Some(partner_ids[0])),
        ("FUNDER", "sajeunesse@demo.sismic.quebec", Role::Funder, None, Some(partner_ids[10])),
    ];
    let mut agent_id = None;
    let mut created = Vec::new();
    for (label, email, role, region_id, partner_id) in accounts {
        let user = users::insert_user(tx, &users::NewUser { email, password_hash: &hash, role, region_id, partner_id })
            .await?;
        if role == Role::Agent {
            agent_id = Some(user.user_id);
        }
        created.push((label, email.to_owned()));
    }
    let agent = agent_id.expect("the demo agent exists");

    let mut people = Vec::with_capacity(PEOPLE.len());
    for ((first, last), (gender, birth_year, mrc)) in PEOPLE.iter().zip(PROFILES) {
        let id = participants::insert_participant(tx, region.region_id, first, last, None, Some(agent))
            .await?
            .participant_id;
        let profile = ProfileChange { gender: Some(*gender), birth_year: Some(*birth_year), mrc: Some(*mrc) };
        participants::set_participant_profile(tx, id, &profile).await?;
        people.push(id);
    }

    for (stage, title, (y, m, d), attendees) in ACTIVITIES {
        let activity =
            activities::insert_activity(tx, cohort.cohort_id, *stage, title, date(*y, *m, *d), Some(agent)).await?;
        let ids: Vec<Uuid> = attendees.iter().map(|i| people[*i]).collect();
        activities::insert_attendance(tx, &activity, &ids).await?;
    }

    let mut made = Vec::with_capacity(PROJECTS.len());
    for (index, spec) in PROJECTS.iter().enumerate() {
        let project = projects::insert_project_dated(
            tx,
            &NewProject {
                cohort_id: cohort.cohort_id,
                name: spec.name,
                summary: Some(spec.summary),
                origin_partner_id: Some(partner_ids[spec.origin]),
                stage: Stage::Revelation,
                actor: Some(agent),
            },
            Some(noon(date(2020, 10, 8), index)),
        )
        .await?;
        let project =
            projects::set_project_dimensions(tx, project.project_id, Some(Some(spec.sector)), Some(Some(spec.mrc)))
                .await?;
        for member in spec.team {
            participants::add_member(tx, project.project_id, people[*member], region.region_id).await?;
        }
        for i in 0..spec.follow_ups {
            follow_ups::insert_follow_up(
                tx,
                &NewFollowUp {
                    region_id: region.region_id,
                    project_id: Some(project.project_id),
                    partner_id: None,
                    occurred_on: spread(i, spec.follow_ups),
                    mode: MODES[i % MODES.len()],
                    summary: &format!("Rencontre de coaching n° {} avec l'équipe", i + 1),
                    duration_minutes: Some(60),
                    created_by: agent,
                },
            )
            .await?;
        }
        made.push(project);
    }

    // Where each project stands at the end of the year. Changes are dated through the year
    // (project i a day after project i - 1), so that the time spent in each stage is realistic:
    // révélation from October to the December idéation workshop, idéation until the end of
    // February, prototypage in March.
    async fn step(
        tx: &mut Tx,
        p: ProjectRow,
        to: Result<ProjectState, domain::TransitionError>,
        note: Option<&str>,
        agent: Uuid,
        on: (NaiveDate, usize),
    ) -> Result<ProjectRow, sismic_store::StoreError> {
        let to = to.expect("demo transitions follow the rules");
        projects::record_transition_dated(tx, &p, to, note, Some(agent), Some(noon(on.0, on.1))).await
    }
    let forward_on = [date(2020, 12, 3), date(2021, 2, 25)];
    let mut advanced = Vec::new();
    for (index, project) in made.into_iter().enumerate() {
        let mut p = project;
        let stages_forward = match index {
            0 | 4 | 6 => 2,
            1 | 2 | 5 => 1,
            _ => 0,
        };
        for on in forward_on.iter().take(stages_forward) {
            let to = domain::advance(p.state());
            p = step(tx, p, to, None, agent, (*on, index)).await?;
        }
        advanced.push(p);
    }
    let mut finals = Vec::new();
    for (index, p) in advanced.into_iter().enumerate() {
        let p = match index {
            2 => {
                let to = domain::set_status(p.state(), domain::ProjectStatus::OnHold, Some("Reporté dû à la COVID"));
                step(tx, p, to, Some("Reporté dû à la COVID"), agent, (date(2021, 1, 18), index)).await?
            }
            3 => {
                let to = domain::set_status(
                    p.state(),
                    domain::ProjectStatus::Abandoned,
                    Some("L'équipe se consacre à ses études"),
                );
                step(tx, p, to, Some("L'équipe se consacre à ses études"), agent, (date(2021, 1, 7), index)).await?
            }
            4 => {
                let note = Some("Le prototype ne répond pas au besoin : retour à l'idéation");
                let to = domain::move_stage(p.state(), Stage::Ideation, note);
                let p = step(tx, p, to, note, agent, (date(2021, 3, 4), index)).await?;
                let to = domain::advance(p.state());
                step(tx, p, to, Some("Nouveau prototype"), agent, (date(2021, 3, 18), index)).await?
            }
            6 => {
                let to = domain::launch(p.state());
                let p = step(tx, p, to, None, agent, (date(2021, 3, 9), index)).await?;
                projects::insert_launch(
                    tx,
                    &LaunchRow {
                        project_id: p.project_id,
                        legal_name: "Coopérative de solidarité Le Rucher".to_owned(),
                        legal_form: LegalForm::Cooperative,
                        launched_on: date(2021, 3, 15),
                        neq: Some("1176543210".to_owned()),
                    },
                )
                .await?;
                p
            }
            _ => p,
        };
        finals.push(p);
    }

    // The Fonds FTQ "bourse d'accompagnement" (summer 2021) to the first Cégep project.
    projects::insert_award(tx, finals[0].project_id, partner_ids[9], 500_000, date(2021, 6, 15), Some(agent)).await?;

    for (partner, count) in PARTNER_FOLLOW_UPS {
        for i in 0..*count {
            follow_ups::insert_follow_up(
                tx,
                &NewFollowUp {
                    region_id: region.region_id,
                    project_id: None,
                    partner_id: Some(partner_ids[*partner]),
                    occurred_on: spread(i, *count),
                    mode: MODES[(i + 1) % MODES.len()],
                    summary: "Rencontre de travail avec le partenaire",
                    duration_minutes: Some(45),
                    created_by: agent,
                },
            )
            .await?;
        }
    }

    write_previous_year(tx, previous.cohort_id, region.region_id, agent, &people, &partner_ids).await?;

    Ok(Loaded {
        cohort_global_id: sismic_graphql::ids::encode(sismic_graphql::ids::Kind::Cohort, cohort.cohort_id).to_string(),
        accounts: created,
    })
}

/// The 2019-2020 cohort: 15 people reached (9 of whom came back in 2020-2021), 5 projects, no
/// enterprise yet, and its own partner follow-ups.
async fn write_previous_year(
    tx: &mut Tx,
    cohort_id: Uuid,
    region_id: Uuid,
    agent: Uuid,
    people: &[Uuid],
    partner_ids: &[Uuid],
) -> anyhow::Result<()> {
    let mut newcomers = Vec::with_capacity(PREVIOUS_PEOPLE.len());
    for (first, last, gender, birth_year, mrc) in PREVIOUS_PEOPLE {
        let id = participants::insert_participant(tx, region_id, first, last, None, Some(agent)).await?.participant_id;
        let profile =
            ProfileChange { gender: Some(*gender), birth_year: Some(Some(*birth_year)), mrc: Some(Some(*mrc)) };
        participants::set_participant_profile(tx, id, &profile).await?;
        newcomers.push(id);
    }
    let workshops: [(Stage, &str, NaiveDate, Vec<Uuid>); 2] = [
        (
            Stage::Revelation,
            "Révélation 2019 : l'entrepreneuriat collectif",
            date(2019, 10, 10),
            newcomers.iter().copied().chain(people[0..5].iter().copied()).collect(),
        ),
        (
            Stage::Ideation,
            "Idéation 2020 : le modèle d'affaires",
            date(2020, 1, 23),
            newcomers[0..4].iter().copied().chain(people[5..9].iter().copied()).collect(),
        ),
    ];
    for (stage, title, held_on, attendees) in workshops {
        let activity = activities::insert_activity(tx, cohort_id, stage, title, held_on, Some(agent)).await?;
        activities::insert_attendance(tx, &activity, &attendees).await?;
    }
    for (index, (name, origin, sector, mrc, forward, abandoned)) in PREVIOUS_PROJECTS.iter().enumerate() {
        let mut p = projects::insert_project_dated(
            tx,
            &NewProject {
                cohort_id,
                name,
                summary: None,
                origin_partner_id: Some(partner_ids[*origin]),
                stage: Stage::Revelation,
                actor: Some(agent),
            },
            Some(noon(date(2019, 10, 10), index)),
        )
        .await?;
        p = projects::set_project_dimensions(tx, p.project_id, Some(Some(*sector)), Some(Some(*mrc))).await?;
        participants::add_member(tx, p.project_id, newcomers[index], region_id).await?;
        for _ in 0..*forward {
            let to = domain::advance(p.state()).expect("demo transitions follow the rules");
            p = projects::record_transition_dated(tx, &p, to, None, Some(agent), Some(noon(date(2020, 1, 23), index)))
                .await?;
        }
        if *abandoned {
            let note = Some("La troupe s'est dissoute");
            let to = domain::set_status(p.state(), domain::ProjectStatus::Abandoned, note)
                .expect("demo transitions follow the rules");
            p = projects::record_transition_dated(tx, &p, to, note, Some(agent), Some(noon(date(2020, 2, 14), index)))
                .await?;
        }
        let follow_ups = 4 + index * 2;
        for i in 0..follow_ups {
            follow_ups::insert_follow_up(
                tx,
                &NewFollowUp {
                    region_id,
                    project_id: Some(p.project_id),
                    partner_id: None,
                    occurred_on: spread_from(2019, i, follow_ups),
                    mode: MODES[i % MODES.len()],
                    summary: &format!("Rencontre de coaching n° {} (2019-2020)", i + 1),
                    duration_minutes: Some(60),
                    created_by: agent,
                },
            )
            .await?;
        }
    }
    for (partner, count) in [(3usize, 9usize), (4, 30), (0, 3)] {
        for i in 0..count {
            follow_ups::insert_follow_up(
                tx,
                &NewFollowUp {
                    region_id,
                    project_id: None,
                    partner_id: Some(partner_ids[partner]),
                    occurred_on: spread_from(2019, i, count),
                    mode: MODES[(i + 1) % MODES.len()],
                    summary: "Rencontre de travail avec le partenaire (2019-2020)",
                    duration_minutes: Some(45),
                    created_by: agent,
                },
            )
            .await?;
        }
    }
    Ok(())
}
