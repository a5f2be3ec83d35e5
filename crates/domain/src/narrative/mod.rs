//! The annual report's SISMIC paragraph, written from a cohort report's figures, in French and
//! in English.
//!
//! The Pôle's 2020-2021 annual report (`shared/seed/`) sums SISMIC up in one sentence — « 18
//! personnes rejointes par les activités du parcours (10 révélation, 13 idéation,
//! 8 prototypage), pour un total de 7 projets, dont une entreprise d'économie sociale créée » —
//! followed by the projects by origin partnership with their follow-ups, and the partnerships
//! with their follow-up counts. [`narrative`] writes the same from any cohort's figures, with
//! French plurals and typography (a no-break space before « : » and « ; », numbers of two to
//! nine written out in lists as the report does: « Quatre (4) projets »).
//!
//! # Hidden figures
//! For a funder some counts of people are hidden (see [`crate::report`]). The text never shows
//! them, and says « moins de 5 » only where that is implied by what the funder reads anyway:
//! people reached (only ever hidden when it is small), every count of a cohort whose people
//! reached is hidden (none can exceed it), and a stage hidden alone (complementary suppression
//! always hides at least two). Where a hidden count may be a complementary one — 5 or more,
//! hidden so that a small one cannot be worked out — saying « moins de 5 » would be false, and
//! telling the two kinds apart would point at the small one: the text says « nombre masqué »
//! instead ([`HiddenCount`], [`hidden_count`]). Names are those of partner institutions only:
//! never a person's nor a project's.

use crate::vocabulary::Stage;
use std::fmt::Write as _;

/// Language of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    /// French (Quebec), the default.
    French,
    /// English.
    English,
}

/// How a hidden count of people may be read (module documentation, "Hidden figures").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HiddenCount {
    /// Known to be below this threshold from what the viewer reads anyway: « moins de 5 ».
    Below(u32),
    /// Possibly hidden to protect another count, and then possibly the threshold or more:
    /// « nombre masqué ».
    Withheld,
}

/// How to word a hidden count of people of a cohort: [`HiddenCount::Below`] when the cohort's
/// people reached is hidden (every count of people of the cohort is then at most it, so below
/// the threshold) or when the count is the only hidden one of its group (a complementary
/// suppression always hides at least two); [`HiddenCount::Withheld`] otherwise.
pub fn hidden_count(reached_hidden: bool, hidden_in_group: usize, threshold: u32) -> HiddenCount {
    if reached_hidden || hidden_in_group == 1 {
        HiddenCount::Below(threshold)
    } else {
        HiddenCount::Withheld
    }
}

/// A count of people as the viewer may read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeopleCount {
    /// The exact count.
    Exact(u64),
    /// Hidden from the viewer.
    Hidden(HiddenCount),
}

impl PeopleCount {
    /// From a count that is `None` when hidden, worded by [`hidden_count`].
    pub fn of(count: Option<u64>, reached_hidden: bool, hidden_in_group: usize, threshold: u32) -> PeopleCount {
        match count {
            Some(n) => PeopleCount::Exact(n),
            None => PeopleCount::Hidden(hidden_count(reached_hidden, hidden_in_group, threshold)),
        }
    }
}

/// Projects of one origin, with their follow-ups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginLine<'a> {
    /// The origin partner's name; `None` for the projects without one.
    pub partner: Option<&'a str>,
    /// Whether the origin refers projects from elsewhere (another region's SISMIC, an
    /// incubator: « un projet en référencement ») rather than a partnership.
    pub referral: bool,
    /// Projects from that origin.
    pub projects: u64,
    /// Follow-ups on them.
    pub follow_ups: u64,
}

/// Follow-ups with one partner (without a project).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnershipLine<'a> {
    /// The partner's name.
    pub partner: &'a str,
    /// Follow-ups with it.
    pub follow_ups: u64,
}

/// What the paragraph is written from: a cohort report's figures as the viewer may read them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NarrativeFigures<'a> {
    /// Distinct people reached by the cohort's activities.
    pub reached: PeopleCount,
    /// Distinct people per stage: révélation, idéation, prototypage.
    pub stages: [PeopleCount; 3],
    /// Projects of the cohort.
    pub projects: u64,
    /// Enterprises created (projects LAUNCHED).
    pub enterprises: u64,
    /// Projects by origin, in the report's order.
    pub origins: Vec<OriginLine<'a>>,
    /// Follow-ups with partners, in the report's order.
    pub partnerships: Vec<PartnershipLine<'a>>,
    /// The suppression threshold when counts are hidden from the viewer (for the note).
    pub suppression_threshold: Option<u32>,
}

/// A titled list of the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NarrativeSection {
    /// « Projets », « Partenariats ».
    pub heading: String,
    /// One item per line, each ending with « ; » but the last, with « . ».
    pub items: Vec<String>,
}

/// The paragraph: a sentence, lists, and a note when figures are hidden.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Narrative {
    /// The sentence of the annual report, ending with a full stop.
    pub summary: String,
    /// Projects by origin, then partnerships; a list with no item is left out.
    pub sections: Vec<NarrativeSection>,
    /// Why some figures are not given, when some are hidden in the text.
    pub note: Option<String>,
}

impl Narrative {
    /// The whole paragraph as plain text: the sentence, each list under its heading with « ▪ »
    /// bullets, then the note; blocks separated by a blank line.
    pub fn text(&self) -> String {
        let mut out = self.summary.clone();
        for section in &self.sections {
            let _ = write!(out, "\n\n{}", section.heading);
            for item in &section.items {
                let _ = write!(out, "\n▪ {item}");
            }
        }
        if let Some(note) = &self.note {
            let _ = write!(out, "\n\n{note}");
        }
        out
    }
}

/// No-break space: French puts it before « : » and « ; », and between a number's thousands.
const NBSP: char = '\u{a0}';

/// Writes the paragraph (module documentation).
pub fn narrative(figures: &NarrativeFigures<'_>, language: Language) -> Narrative {
    let words = Words::of(language);
    let mut hidden_shown = false;
    let mut summary = String::new();

    match figures.reached {
        PeopleCount::Exact(0) => summary.push_str(words.nobody_reached),
        PeopleCount::Exact(1) => summary.push_str(words.one_reached),
        PeopleCount::Exact(n) => {
            let _ = write!(summary, "{} {}", number(n, language), words.people_reached);
        }
        PeopleCount::Hidden(hidden) => {
            hidden_shown = true;
            summary.push_str(&capitalised(&hidden_people(hidden, language)));
        }
    }
    summary.push_str(words.by_activities);
    // The stages say nothing when nobody was reached, or when all of them are hidden with
    // people reached (each is then simply below the threshold too).
    let all_hidden = figures.stages.iter().all(|s| matches!(s, PeopleCount::Hidden(_)));
    let nobody = figures.reached == PeopleCount::Exact(0);
    let reached_hidden = matches!(figures.reached, PeopleCount::Hidden(_));
    let says_nothing = nobody || (all_hidden && reached_hidden);
    if !says_nothing {
        let parts: Vec<String> = figures
            .stages
            .iter()
            // In the sentence, the stage's label is a common noun (« 10 révélation »).
            .zip(Stage::ALL.map(|stage| stage.label(language).to_lowercase()))
            .map(|(count, stage)| match count {
                PeopleCount::Exact(n) => format!("{} {stage}", number(*n, language)),
                PeopleCount::Hidden(HiddenCount::Below(t)) => {
                    hidden_shown = true;
                    match language {
                        Language::French => format!("moins de {t} en {stage}"),
                        Language::English => format!("fewer than {t} in {stage}"),
                    }
                }
                PeopleCount::Hidden(HiddenCount::Withheld) => {
                    hidden_shown = true;
                    match language {
                        Language::French => format!("nombre masqué en {stage}"),
                        Language::English => format!("{stage} not shown"),
                    }
                }
            })
            .collect();
        let _ = write!(summary, " ({})", parts.join(", "));
    }
    match figures.projects {
        0 => summary.push_str(words.no_project),
        1 => summary.push_str(words.one_project),
        n => {
            let _ = write!(summary, "{}{}{}", words.projects_before, number(n, language), words.projects_after);
        }
    }
    if figures.projects > 0 {
        match figures.enterprises {
            0 => {}
            1 => summary.push_str(words.one_enterprise),
            n => {
                let _ =
                    write!(summary, "{}{}{}", words.enterprises_before, number(n, language), words.enterprises_after);
            }
        }
    }
    summary.push('.');

    let mut sections = Vec::new();
    let origins: Vec<String> = figures.origins.iter().map(|o| origin_item(o, language)).collect();
    if !origins.is_empty() {
        sections.push(NarrativeSection {
            heading: words.projects_heading.to_owned(),
            items: punctuated(origins, language),
        });
    }
    let partnerships: Vec<String> = figures
        .partnerships
        .iter()
        .map(|p| format!("{}{}{}", p.partner, colon(language), follow_ups(p.follow_ups, language)))
        .collect();
    if !partnerships.is_empty() {
        sections.push(NarrativeSection {
            heading: words.partnerships_heading.to_owned(),
            items: punctuated(partnerships, language),
        });
    }

    let note = match figures.suppression_threshold {
        Some(threshold) if hidden_shown => Some(suppression_note(threshold, language)),
        _ => None,
    };
    Narrative { summary, sections, note }
}

/// « Cégep de Victoriaville : quatre (4) projets issus du partenariat (26 suivis) ».
fn origin_item(origin: &OriginLine<'_>, language: Language) -> String {
    let fr = language == Language::French;
    let projects = match (language, origin.projects) {
        (Language::French, 1) => "un projet".to_owned(),
        (Language::French, n) => format!("{} projets", counted(n, language)),
        (Language::English, 1) => "1 project".to_owned(),
        (Language::English, n) => format!("{} projects", number(n, language)),
    };
    let what = match (origin.partner, origin.referral) {
        (None, _) => projects,
        (Some(_), true) => match (language, origin.projects) {
            (Language::French, _) => format!("{projects} en référencement"),
            (Language::English, 1) => "1 referred project".to_owned(),
            (Language::English, n) => format!("{} referred projects", number(n, language)),
        },
        (Some(_), false) => match (language, origin.projects) {
            (Language::French, 1) => format!("{projects} issu du partenariat"),
            (Language::French, _) => format!("{projects} issus du partenariat"),
            (Language::English, _) => format!("{projects} from the partnership"),
        },
    };
    let name = origin.partner.unwrap_or(if fr { "Sans partenaire d'origine" } else { "No origin partner" });
    format!("{name}{}{what} ({})", colon(language), follow_ups(origin.follow_ups, language))
}

/// « 26 suivis », « 1 suivi », « aucun suivi ».
fn follow_ups(n: u64, language: Language) -> String {
    match (language, n) {
        (Language::French, 0) => "aucun suivi".to_owned(),
        (Language::French, 1) => "1 suivi".to_owned(),
        (Language::French, n) => format!("{} suivis", number(n, language)),
        (Language::English, 0) => "no follow-up".to_owned(),
        (Language::English, 1) => "1 follow-up".to_owned(),
        (Language::English, n) => format!("{} follow-ups", number(n, language)),
    }
}

/// Items ending with « ; » but the last, with « . », as the annual report's lists.
fn punctuated(items: Vec<String>, language: Language) -> Vec<String> {
    let last = items.len().saturating_sub(1);
    let semicolon = match language {
        Language::French => format!("{NBSP};"),
        Language::English => ";".to_owned(),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| if i == last { format!("{item}.") } else { format!("{item}{semicolon}") })
        .collect()
}

fn colon(language: Language) -> String {
    match language {
        Language::French => format!("{NBSP}: "),
        Language::English => ": ".to_owned(),
    }
}

/// « moins de 5 personnes rejointes », « nombre masqué de personnes rejointes ».
fn hidden_people(hidden: HiddenCount, language: Language) -> String {
    match (hidden, language) {
        (HiddenCount::Below(t), Language::French) => format!("moins de {t} personnes rejointes"),
        (HiddenCount::Below(t), Language::English) => format!("fewer than {t} people reached"),
        (HiddenCount::Withheld, Language::French) => "un nombre masqué de personnes rejointes".to_owned(),
        (HiddenCount::Withheld, Language::English) => "an undisclosed number of people reached".to_owned(),
    }
}

fn suppression_note(threshold: u32, language: Language) -> String {
    let most = threshold.saturating_sub(1);
    match (language, most) {
        (Language::French, 1) => {
            "Les effectifs d'une personne ne sont pas publiés, ni ceux qui permettraient de les retrouver.".to_owned()
        }
        (Language::French, m) => {
            format!(
                "Les effectifs de 1 à {m} personnes ne sont pas publiés, ni ceux qui permettraient de les retrouver."
            )
        }
        (Language::English, 1) => {
            "Counts of one person are not published, nor are those that would let them be worked out.".to_owned()
        }
        (Language::English, m) => {
            format!("Counts of 1 to {m} people are not published, nor are those that would let them be worked out.")
        }
    }
}

/// A number with its thousands grouped: « 3 825 » (no-break space) in French, "3,825" in
/// English.
pub fn number(n: u64, language: Language) -> String {
    let digits = n.to_string();
    let separator = match language {
        Language::French => NBSP,
        Language::English => ',',
    };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(c);
    }
    out
}

/// A count in a list, as the annual report writes it: two to nine in words with the figure
/// (« quatre (4) »), others in figures. English keeps figures.
fn counted(n: u64, language: Language) -> String {
    const WORDS: [&str; 10] = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf"];
    match language {
        Language::French if (2..=9).contains(&n) => format!("{} ({n})", WORDS[n as usize]),
        _ => number(n, language),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The fixed words of the sentence.
struct Words {
    nobody_reached: &'static str,
    one_reached: &'static str,
    people_reached: &'static str,
    by_activities: &'static str,
    no_project: &'static str,
    one_project: &'static str,
    projects_before: &'static str,
    projects_after: &'static str,
    one_enterprise: &'static str,
    enterprises_before: &'static str,
    enterprises_after: &'static str,
    projects_heading: &'static str,
    partnerships_heading: &'static str,
}

impl Words {
    fn of(language: Language) -> Words {
        match language {
            Language::French => Words {
                nobody_reached: "Aucune personne rejointe",
                one_reached: "Une personne rejointe",
                people_reached: "personnes rejointes",
                by_activities: " par les activités du parcours",
                no_project: ", sans projet pour l'instant",
                one_project: ", pour un total d'un projet",
                projects_before: ", pour un total de ",
                projects_after: " projets",
                one_enterprise: ", dont une entreprise d'économie sociale créée",
                enterprises_before: ", dont ",
                enterprises_after: " entreprises d'économie sociale créées",
                projects_heading: "Projets",
                partnerships_heading: "Partenariats",
            },
            Language::English => Words {
                nobody_reached: "No one reached",
                one_reached: "One person reached",
                people_reached: "people reached",
                by_activities: " by the pathway's activities",
                no_project: ", with no project yet",
                one_project: ", for a total of one project",
                projects_before: ", for a total of ",
                projects_after: " projects",
                one_enterprise: ", including one social economy enterprise created",
                enterprises_before: ", including ",
                enterprises_after: " social economy enterprises created",
                projects_heading: "Projects",
                partnerships_heading: "Partnerships",
            },
        }
    }
}

#[cfg(test)]
mod tests;
