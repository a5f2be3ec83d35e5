use super::*;

fn exact(n: u64) -> PeopleCount {
    PeopleCount::Exact(n)
}

/// The 2020-2021 cohort of Centre-du-Québec, as the annual report gives it.
fn seed() -> NarrativeFigures<'static> {
    NarrativeFigures {
        reached: exact(18),
        stages: [exact(10), exact(13), exact(8)],
        projects: 7,
        enterprises: 1,
        origins: vec![
            OriginLine { partner: Some("SISMIC Capitale-Nationale"), referral: true, projects: 1, follow_ups: 45 },
            OriginLine { partner: Some("Cégep de Victoriaville"), referral: false, projects: 4, follow_ups: 26 },
            OriginLine { partner: Some("UQTR"), referral: false, projects: 2, follow_ups: 26 },
        ],
        partnerships: vec![
            PartnershipLine { partner: "Chantier de l'économie sociale", follow_ups: 13 },
            PartnershipLine { partner: "Cégep de Victoriaville", follow_ups: 1 },
        ],
        suppression_threshold: None,
    }
}

#[test]
fn the_seed_sentence_comes_out_word_for_word() {
    let text = narrative(&seed(), Language::French);
    assert_eq!(
        text.summary,
        "18 personnes rejointes par les activités du parcours (10 révélation, 13 idéation, 8 prototypage), \
         pour un total de 7 projets, dont une entreprise d'économie sociale créée."
    );
    assert_eq!(
        text.sections[0].items,
        vec![
            "SISMIC Capitale-Nationale\u{a0}: un projet en référencement (45 suivis)\u{a0};",
            "Cégep de Victoriaville\u{a0}: quatre (4) projets issus du partenariat (26 suivis)\u{a0};",
            "UQTR\u{a0}: deux (2) projets issus du partenariat (26 suivis).",
        ]
    );
    assert_eq!(
        text.sections[1],
        NarrativeSection {
            heading: "Partenariats".to_owned(),
            items: vec![
                "Chantier de l'économie sociale\u{a0}: 13 suivis\u{a0};".to_owned(),
                "Cégep de Victoriaville\u{a0}: 1 suivi.".to_owned()
            ],
        }
    );
    assert_eq!(text.note, None);
    assert_eq!(
        text.text(),
        "18 personnes rejointes par les activités du parcours (10 révélation, 13 idéation, 8 prototypage), \
         pour un total de 7 projets, dont une entreprise d'économie sociale créée.\n\nProjets\n\
         ▪ SISMIC Capitale-Nationale\u{a0}: un projet en référencement (45 suivis)\u{a0};\n\
         ▪ Cégep de Victoriaville\u{a0}: quatre (4) projets issus du partenariat (26 suivis)\u{a0};\n\
         ▪ UQTR\u{a0}: deux (2) projets issus du partenariat (26 suivis).\n\nPartenariats\n\
         ▪ Chantier de l'économie sociale\u{a0}: 13 suivis\u{a0};\n▪ Cégep de Victoriaville\u{a0}: 1 suivi."
    );
}

#[test]
fn the_seed_in_english() {
    let text = narrative(&seed(), Language::English);
    assert_eq!(
        text.summary,
        "18 people reached by the pathway's activities (10 revelation, 13 ideation, 8 prototyping), \
         for a total of 7 projects, including one social economy enterprise created."
    );
    assert_eq!(text.sections[0].heading, "Projects");
    assert_eq!(
        text.sections[0].items,
        vec![
            "SISMIC Capitale-Nationale: 1 referred project (45 follow-ups);",
            "Cégep de Victoriaville: 4 projects from the partnership (26 follow-ups);",
            "UQTR: 2 projects from the partnership (26 follow-ups).",
        ]
    );
    assert_eq!(text.sections[1].items[1], "Cégep de Victoriaville: 1 follow-up.");
}

#[test]
fn french_plurals_and_singulars() {
    let mut figures = seed();
    figures.reached = exact(1);
    figures.stages = [exact(1), exact(0), exact(0)];
    figures.projects = 1;
    figures.enterprises = 0;
    figures.origins = vec![
        OriginLine { partner: Some("UQTR"), referral: false, projects: 1, follow_ups: 0 },
        OriginLine { partner: None, referral: false, projects: 12, follow_ups: 1_234 },
    ];
    figures.partnerships.clear();
    let text = narrative(&figures, Language::French);
    assert_eq!(
        text.summary,
        "Une personne rejointe par les activités du parcours (1 révélation, 0 idéation, 0 prototypage), \
         pour un total d'un projet."
    );
    assert_eq!(
        text.sections[0].items,
        vec![
            "UQTR\u{a0}: un projet issu du partenariat (aucun suivi)\u{a0};",
            "Sans partenaire d'origine\u{a0}: 12 projets (1\u{a0}234 suivis).",
        ]
    );
    assert_eq!(text.sections.len(), 1, "no partnership: no empty list");

    figures.reached = exact(0);
    figures.stages = [exact(0); 3];
    figures.projects = 0;
    figures.origins.clear();
    let text = narrative(&figures, Language::French);
    assert_eq!(text.summary, "Aucune personne rejointe par les activités du parcours, sans projet pour l'instant.");
    assert!(text.sections.is_empty());
    assert_eq!(
        narrative(&figures, Language::English).summary,
        "No one reached by the pathway's activities, with no project yet."
    );

    figures.reached = exact(2_500);
    figures.stages = [exact(2_000), exact(900), exact(3)];
    figures.projects = 40;
    figures.enterprises = 3;
    let text = narrative(&figures, Language::French);
    assert_eq!(
        text.summary,
        "2\u{a0}500 personnes rejointes par les activités du parcours (2\u{a0}000 révélation, 900 idéation, \
         3 prototypage), pour un total de 40 projets, dont 3 entreprises d'économie sociale créées."
    );
    assert!(narrative(&figures, Language::English).summary.starts_with("2,500 people reached"));
}

#[test]
fn hidden_figures_say_below_the_threshold_only_where_it_is_true() {
    let mut figures = seed();
    figures.suppression_threshold = Some(5);
    // A small cohort: everything of people is hidden, and below the threshold.
    figures.reached = PeopleCount::of(None, true, 1, 5);
    figures.stages = [PeopleCount::of(None, true, 3, 5); 3];
    let text = narrative(&figures, Language::French);
    assert_eq!(
        text.summary,
        "Moins de 5 personnes rejointes par les activités du parcours, pour un total de 7 projets, \
         dont une entreprise d'économie sociale créée."
    );
    assert_eq!(
        text.note.as_deref(),
        Some("Les effectifs de 1 à 4 personnes ne sont pas publiés, ni ceux qui permettraient de les retrouver.")
    );
    assert!(narrative(&figures, Language::English).summary.starts_with("Fewer than 5 people reached by"));

    // A stage hidden alone is a small one; two hidden stages may hide a large one.
    figures.reached = exact(18);
    figures.stages = [exact(10), exact(13), PeopleCount::of(None, false, 1, 5)];
    let text = narrative(&figures, Language::French);
    assert!(text.summary.contains("(10 révélation, 13 idéation, moins de 5 en prototypage)"), "{}", text.summary);
    figures.stages = [PeopleCount::of(None, false, 2, 5), exact(0), PeopleCount::of(None, false, 2, 5)];
    let text = narrative(&figures, Language::French);
    assert!(text.summary.contains("(nombre masqué en révélation, 0 idéation, nombre masqué en prototypage)"));
    assert!(!text.text().contains("moins de"), "a hidden 10 is not « moins de 5 »");
    let english = narrative(&figures, Language::English);
    assert!(english.summary.contains("(revelation not shown, 0 ideation, prototyping not shown)"));
    assert_eq!(
        english.note.as_deref(),
        Some("Counts of 1 to 4 people are not published, nor are those that would let them be worked out.")
    );
}

#[test]
fn no_note_when_nothing_is_hidden() {
    let mut figures = seed();
    figures.suppression_threshold = Some(5);
    assert_eq!(narrative(&figures, Language::French).note, None);
    figures.suppression_threshold = Some(2);
    figures.reached = PeopleCount::of(None, true, 1, 2);
    assert_eq!(
        narrative(&figures, Language::French).note.as_deref(),
        Some("Les effectifs d'une personne ne sont pas publiés, ni ceux qui permettraient de les retrouver.")
    );
}

#[test]
fn wording_of_hidden_counts() {
    assert_eq!(hidden_count(true, 3, 5), HiddenCount::Below(5));
    assert_eq!(hidden_count(false, 1, 5), HiddenCount::Below(5));
    assert_eq!(hidden_count(false, 2, 5), HiddenCount::Withheld);
    assert_eq!(PeopleCount::of(Some(7), false, 2, 5), PeopleCount::Exact(7));
}

#[test]
fn numbers_group_their_thousands() {
    assert_eq!(number(0, Language::French), "0");
    assert_eq!(number(999, Language::French), "999");
    assert_eq!(number(3_825, Language::French), "3\u{a0}825");
    assert_eq!(number(1_000_000, Language::English), "1,000,000");
    assert_eq!(counted(4, Language::French), "quatre (4)");
    assert_eq!(counted(10, Language::French), "10");
    assert_eq!(counted(4, Language::English), "4");
}
