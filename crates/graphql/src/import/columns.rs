//! The kinds of rows an import takes, their columns (headers in French and English, and a few
//! aliases an agent's spreadsheet is likely to have), and how a table is recognised: by its
//! sheet or file name first (« Projets », `suivis.csv`…), else by its headers.
//!
//! Headers and values are compared folded: case, accents, spaces and punctuation aside, so
//! « Année de naissance », `annee de naissance` and `ANNEE_DE_NAISSANCE` are one header.

use super::message::{Msg, Problem};
use super::read::{column_letter, Cell, Table};
use chrono::NaiveDate;
use sismic_domain::{ConsentPurpose, FollowUpMode, Gender, ProjectStatus, Sector, Stage};

/// A kind of row, in the order an import writes them (a follow-up may name a project of the
/// same file, an attendance an activity and a person of the same file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Projects.
    Projects,
    /// Participants, with their consent.
    Participants,
    /// Activities of the pathway.
    Activities,
    /// Who attended which activity.
    Attendance,
    /// Follow-ups.
    FollowUps,
}

impl Kind {
    /// Every kind, in import order.
    pub const ALL: [Kind; 5] =
        [Kind::Projects, Kind::Participants, Kind::Activities, Kind::Attendance, Kind::FollowUps];

    /// The sheet's name in French (the example workbook's).
    pub fn sheet_fr(self) -> &'static str {
        match self {
            Kind::Projects => "Projets",
            Kind::Participants => "Participants",
            Kind::Activities => "Activités",
            Kind::Attendance => "Présences",
            Kind::FollowUps => "Suivis",
        }
    }

    /// The sheet's name in English.
    pub fn sheet_en(self) -> &'static str {
        match self {
            Kind::Projects => "Projects",
            Kind::Participants => "Participants",
            Kind::Activities => "Activities",
            Kind::Attendance => "Attendance",
            Kind::FollowUps => "Follow-ups",
        }
    }

    /// Folded words that name the kind in a sheet or file name.
    fn name_words(self) -> &'static [&'static str] {
        match self {
            Kind::Projects => &["projets", "projects"],
            Kind::Participants => &["participants", "participantes", "personnes", "people"],
            Kind::Activities => &["activites", "activities", "ateliers"],
            Kind::Attendance => &["presences", "attendance"],
            Kind::FollowUps => &["suivis", "followups"],
        }
    }

    /// The columns of this kind.
    pub fn columns(self) -> &'static [ColumnDef] {
        match self {
            Kind::Projects => PROJECT_COLUMNS,
            Kind::Participants => PARTICIPANT_COLUMNS,
            Kind::Activities => ACTIVITY_COLUMNS,
            Kind::Attendance => ATTENDANCE_COLUMNS,
            Kind::FollowUps => FOLLOW_UP_COLUMNS,
        }
    }
}

/// A column's meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Col {
    Key,
    Cohort,
    ProjectName,
    OriginPartner,
    Stage,
    Status,
    StatusNote,
    Sector,
    Mrc,
    Summary,
    FirstName,
    LastName,
    Email,
    Gender,
    BirthYear,
    ConsentOn,
    Purposes,
    IfDuplicate,
    Title,
    HeldOn,
    Activity,
    ActivityDate,
    Project,
    Partner,
    OccurredOn,
    Mode,
    Duration,
}

/// A column of a kind.
#[derive(Debug, Clone, Copy)]
pub struct ColumnDef {
    /// What it means.
    pub col: Col,
    /// Its header in French (the example files').
    pub fr: &'static str,
    /// Its header in English.
    pub en: &'static str,
    /// Other headers accepted for it.
    pub aliases: &'static [&'static str],
    /// Whether the header must be there.
    pub required: bool,
}

const fn col(
    col: Col,
    fr: &'static str,
    en: &'static str,
    aliases: &'static [&'static str],
    required: bool,
) -> ColumnDef {
    ColumnDef { col, fr, en, aliases, required }
}

const KEY: ColumnDef = col(Col::Key, "Clé", "Key", &["Identifiant", "Id"], false);
const COHORT: ColumnDef = col(Col::Cohort, "Cohorte", "Cohort", &[], true);

const PROJECT_COLUMNS: &[ColumnDef] = &[
    COHORT,
    col(Col::ProjectName, "Nom du projet", "Project name", &[], true),
    col(Col::OriginPartner, "Partenaire d'origine", "Origin partner", &["Partenaire", "Partner", "Origine"], false),
    col(Col::Stage, "Étape", "Stage", &[], false),
    col(Col::Status, "Statut", "Status", &[], false),
    col(Col::StatusNote, "Note de statut", "Status note", &[], false),
    col(Col::Sector, "Secteur", "Sector", &["Secteur d'activité"], false),
    col(Col::Mrc, "MRC", "MRC", &["Territoire"], false),
    col(Col::Summary, "Résumé", "Summary", &["Description"], false),
    KEY,
];

const PARTICIPANT_COLUMNS: &[ColumnDef] = &[
    col(Col::FirstName, "Prénom", "First name", &[], true),
    col(Col::LastName, "Nom", "Last name", &["Nom de famille", "Surname"], true),
    col(Col::Email, "Courriel", "Email", &["Adresse courriel", "E-mail", "Courriel personnel"], false),
    col(Col::Gender, "Genre", "Gender", &[], false),
    col(Col::BirthYear, "Année de naissance", "Birth year", &["Naissance"], false),
    col(Col::Mrc, "MRC", "MRC", &["Territoire"], false),
    col(Col::ConsentOn, "Consentement le", "Consent given on", &["Date du consentement", "Consent date"], false),
    col(Col::Purposes, "Finalités du consentement", "Consent purposes", &["Finalités", "Purposes"], false),
    col(Col::IfDuplicate, "Si doublon", "If duplicate", &["Doublon", "Duplicate"], false),
    KEY,
];

const ACTIVITY_COLUMNS: &[ColumnDef] = &[
    COHORT,
    col(Col::Stage, "Étape", "Stage", &[], true),
    col(Col::Title, "Titre", "Title", &["Activité", "Activity", "Atelier"], true),
    col(Col::HeldOn, "Date", "Date", &["Tenue le", "Held on"], true),
    KEY,
];

const ATTENDANCE_COLUMNS: &[ColumnDef] = &[
    COHORT,
    col(Col::Activity, "Activité", "Activity", &["Titre de l'activité", "Activity title", "Atelier"], true),
    col(Col::ActivityDate, "Date de l'activité", "Activity date", &["Date"], true),
    col(Col::Email, "Courriel", "Email", &["Adresse courriel", "E-mail"], false),
    col(Col::FirstName, "Prénom", "First name", &[], false),
    col(Col::LastName, "Nom", "Last name", &["Nom de famille", "Surname"], false),
];

const FOLLOW_UP_COLUMNS: &[ColumnDef] = &[
    col(Col::OccurredOn, "Date", "Date", &["Date du suivi"], true),
    col(Col::Mode, "Mode", "Mode", &["Type"], true),
    col(Col::Summary, "Résumé", "Summary", &["Sujet", "Notes"], true),
    col(Col::Duration, "Durée (minutes)", "Duration (minutes)", &["Durée", "Duration", "Minutes"], false),
    col(Col::Cohort, "Cohorte", "Cohort", &[], false),
    col(Col::Project, "Projet", "Project", &[], false),
    col(Col::Partner, "Partenaire", "Partner", &[], false),
    KEY,
];

/// Lower case, accents removed, only letters and digits: how headers, names and choices are
/// compared. `deunicode` transliterates to ASCII (« é » to `e`, « œ » to `oe`, « ’ » to `'`).
pub fn fold(text: &str) -> String {
    deunicode::deunicode(text).chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// A table recognised as a kind, with the meaning of each of its columns.
#[derive(Debug, Clone)]
pub struct Mapped {
    /// The kind.
    pub kind: Kind,
    /// For each header (by position), its column, if known.
    pub columns: Vec<Option<Col>>,
}

impl Mapped {
    /// The cell of `col` in a row (empty when the table has no such column).
    pub fn cell<'r>(&self, cells: &'r [Cell], col: Col) -> &'r Cell {
        static EMPTY: Cell = Cell::Empty;
        self.position(col).and_then(|i| cells.get(i)).unwrap_or(&EMPTY)
    }

    /// The index of `col` among the table's columns.
    pub fn position(&self, col: Col) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(col))
    }

    /// Whether the table has the column.
    pub fn has(&self, col: Col) -> bool {
        self.position(col).is_some()
    }
}

fn header_matches(def: &ColumnDef, header: &str) -> bool {
    let folded = fold(header);
    !folded.is_empty()
        && (fold(def.fr) == folded || fold(def.en) == folded || def.aliases.iter().any(|a| fold(a) == folded))
}

fn map_headers(kind: Kind, headers: &[String]) -> Vec<Option<Col>> {
    headers
        .iter()
        .map(|h| {
            // The main headers first, then aliases ("Date" is a follow-up's date, not an alias).
            kind.columns()
                .iter()
                .find(|d| fold(d.fr) == fold(h) || fold(d.en) == fold(h))
                .or_else(|| kind.columns().iter().find(|d| header_matches(d, h)))
                .map(|d| d.col)
        })
        .collect()
}

/// Recognises a table's kind, from its sheet's (or file's) name, else its headers; and maps
/// its columns. Returns the problems (a missing required column, a column twice) and the
/// warnings (unknown columns, ignored).
pub fn recognise(table: &Table) -> Result<(Mapped, Vec<Problem>, Vec<Problem>), Problem> {
    let at_header = |index: usize, msg: Msg| Problem {
        line: Some(table.header_line),
        column: Some(column_letter(table.first_column + index)),
        column_name: Some(table.headers[index].clone()),
        ..Problem::at(&table.file, table.sheet.as_deref(), table.header_line, msg)
    };
    let whole = || match &table.sheet {
        Some(sheet) => Problem::sheet(&table.file, sheet, Msg::UnknownTable),
        None => Problem::file(&table.file, Msg::UnknownTable),
    };
    let name = fold(
        table.sheet.as_deref().unwrap_or_else(|| table.file.rsplit_once('.').map_or(&table.file, |(stem, _)| stem)),
    );
    let named: Vec<Kind> = Kind::ALL.into_iter().filter(|k| k.name_words().iter().any(|w| name.contains(w))).collect();
    let kind = if named.len() == 1 {
        named[0]
    } else {
        // By headers: every required column there; the most columns recognised wins.
        let mut fits: Vec<(Kind, usize)> = Kind::ALL
            .into_iter()
            .filter_map(|kind| {
                let mapped = map_headers(kind, &table.headers);
                let complete = kind.columns().iter().filter(|d| d.required).all(|d| mapped.contains(&Some(d.col)));
                complete.then(|| (kind, mapped.iter().filter(|c| c.is_some()).count()))
            })
            .collect();
        fits.sort_by_key(|fit| std::cmp::Reverse(fit.1));
        match fits.as_slice() {
            [] => return Err(whole()),
            [(kind, _)] => *kind,
            [(kind, best), (_, next), ..] if best > next => *kind,
            _ => {
                let mut problem = whole();
                problem.msg = Msg::AmbiguousTable;
                return Err(problem);
            }
        }
    };
    let columns = map_headers(kind, &table.headers);
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    for (index, col) in columns.iter().enumerate() {
        match col {
            None if !table.headers[index].trim().is_empty() => warnings.push(at_header(index, Msg::UnknownColumn)),
            Some(c) if columns[..index].contains(&Some(*c)) => problems.push(at_header(index, Msg::ColumnTwice)),
            _ => {}
        }
    }
    for def in kind.columns().iter().filter(|d| d.required) {
        if !columns.contains(&Some(def.col)) {
            let mut problem =
                Problem::at(&table.file, table.sheet.as_deref(), table.header_line, Msg::MissingColumn(def.fr, def.en));
            problem.column_name = Some(def.fr.to_owned());
            problems.push(problem);
        }
    }
    Ok((Mapped { kind, columns }, problems, warnings))
}

/// A date from a cell: a workbook's date cell, an Excel serial number, or text as
/// `AAAA-MM-JJ`, `JJ/MM/AAAA`, `AAAA/MM/JJ` or `JJ-MM-AAAA` (a time after it is ignored).
/// `MM/JJ/AAAA` is never guessed.
pub fn date(cell: &Cell) -> Result<NaiveDate, Msg> {
    match cell {
        Cell::Empty => Err(Msg::Required),
        Cell::Date(d) => Ok(*d),
        Cell::Number(n) if (1.0..2_958_466.0).contains(n) => {
            let epoch = NaiveDate::from_ymd_opt(1899, 12, 30).ok_or(Msg::BadDate)?;
            epoch.checked_add_days(chrono::Days::new(n.trunc() as u64)).ok_or(Msg::BadDate)
        }
        Cell::Number(_) => Err(Msg::BadDate),
        Cell::Text(text) => {
            let day = text.split([' ', 'T']).next().unwrap_or_default();
            ["%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y", "%d.%m.%Y"]
                .iter()
                .find_map(|format| NaiveDate::parse_from_str(day, format).ok())
                .filter(|d| (1900..=2999).contains(&chrono::Datelike::year(d)))
                .ok_or(Msg::BadDate)
        }
    }
}

/// A whole number from a cell (`90`, `90.0`, `90,0`, « 1 440 »).
pub fn integer(cell: &Cell) -> Result<i64, Msg> {
    match cell {
        Cell::Empty => Err(Msg::Required),
        Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e12 => Ok(*n as i64),
        Cell::Text(text) => {
            let compact: String = text.chars().filter(|c| !c.is_whitespace() && *c != '\u{202f}').collect();
            let compact = compact.strip_suffix(",0").or_else(|| compact.strip_suffix(".0")).unwrap_or(&compact);
            compact.parse().map_err(|_| Msg::BadInteger)
        }
        _ => Err(Msg::BadInteger),
    }
}

/// Finds a folded value among choices: `(value, accepted words)`.
fn choose<T: Copy>(text: &str, choices: &[(T, &[&str])]) -> Option<T> {
    let folded = fold(text);
    choices.iter().find(|(_, words)| words.iter().any(|w| fold(w) == folded)).map(|(value, _)| *value)
}

/// A stage: « Révélation », `Revelation`, `REVELATION`…
pub fn stage(text: &str) -> Result<Stage, Msg> {
    choose(
        text,
        &[
            (Stage::Revelation, &["Révélation", "Revelation"]),
            (Stage::Ideation, &["Idéation", "Ideation"]),
            (Stage::Prototyping, &["Prototypage", "Prototyping"]),
        ],
    )
    .ok_or(Msg::BadChoice("Révélation, Idéation ou Prototypage", "Revelation, Ideation or Prototyping"))
}

/// A status: « Actif », « En pause », « Abandonné », « Réorienté » (and English, API names).
/// LAUNCHED is recognised to say it is not importable.
pub fn status(text: &str) -> Result<ProjectStatus, Msg> {
    choose(
        text,
        &[
            (ProjectStatus::Active, &["Actif", "Active", "En cours"]),
            (ProjectStatus::OnHold, &["En pause", "On hold", "ON_HOLD", "Reporté", "Suspendu"]),
            (ProjectStatus::Abandoned, &["Abandonné", "Abandoned"]),
            (ProjectStatus::ReferredOut, &["Réorienté", "Référé ailleurs", "Referred out", "REFERRED_OUT"]),
            (ProjectStatus::Launched, &["Lancé", "Launched", "Entreprise créée"]),
        ],
    )
    .ok_or(Msg::BadChoice("Actif, En pause, Abandonné ou Réorienté", "Active, On hold, Abandoned or Referred out"))
}

/// A sector, by the app's French or English label or the API's name.
pub fn sector(text: &str) -> Result<Sector, Msg> {
    choose(
        text,
        &[
            (Sector::Tourism, &["Tourisme", "Tourism"]),
            (Sector::Culture, &["Culture et arts", "Culture", "Culture and the arts", "Arts"]),
            (Sector::AgriFood, &["Agroalimentaire", "Agri-food", "AGRI_FOOD", "Alimentation"]),
            (Sector::Retail, &["Commerce de détail", "Commerce", "Retail"]),
            (Sector::Health, &["Santé et services sociaux", "Santé", "Health", "Health and social services"]),
            (Sector::Leisure, &["Loisirs et sports", "Loisirs", "Leisure", "Leisure and sports"]),
            (Sector::Education, &["Éducation et formation", "Éducation", "Education", "Education and training"]),
            (Sector::CommunityServices, &["Services à la communauté", "Community services", "COMMUNITY_SERVICES"]),
            (Sector::Communications, &["Médias et communications", "Communications", "Media and communications"]),
            (
                Sector::Environment,
                &[
                    "Environnement et économie circulaire",
                    "Environnement",
                    "Environment",
                    "Environment and circular economy",
                ],
            ),
            (
                Sector::Technology,
                &["Technologie et numérique", "Technologies", "Technologie", "Technology", "Technology and digital"],
            ),
            (Sector::Housing, &["Habitation", "Logement", "Housing"]),
            (Sector::Other, &["Autre", "Other"]),
        ],
    )
    .ok_or(Msg::BadChoice("un secteur de la liste documentée", "a sector of the documented list"))
}

/// A gender: « Femme », « Homme », « Non binaire », « Préfère ne pas répondre » (and English,
/// API names, F / H / M).
pub fn gender(text: &str) -> Result<Gender, Msg> {
    choose(
        text,
        &[
            (Gender::Woman, &["Femme", "F", "Woman", "Female"]),
            (Gender::Man, &["Homme", "H", "M", "Man", "Male"]),
            (Gender::NonBinary, &["Non binaire", "Non-binary", "NON_BINARY", "NB", "X"]),
            (
                Gender::Undisclosed,
                &[
                    "Préfère ne pas répondre",
                    "Ne souhaite pas répondre",
                    "Prefers not to say",
                    "Prefer not to say",
                    "Undisclosed",
                ],
            ),
        ],
    )
    .ok_or(Msg::BadChoice(
        "Femme, Homme, Non binaire ou Préfère ne pas répondre",
        "Woman, Man, Non-binary or Prefers not to say",
    ))
}

/// A follow-up's mode.
pub fn mode(text: &str) -> Result<FollowUpMode, Msg> {
    choose(
        text,
        &[
            (FollowUpMode::InPerson, &["En personne", "Présentiel", "In person", "IN_PERSON", "Rencontre"]),
            (FollowUpMode::Virtual, &["Virtuel", "Visio", "Visioconférence", "Vidéo", "Virtual", "Teams", "Zoom"]),
            (FollowUpMode::Phone, &["Téléphone", "Tél", "Phone", "Telephone"]),
            (FollowUpMode::Email, &["Courriel", "Email", "E-mail", "Courriel électronique"]),
        ],
    )
    .ok_or(Msg::BadChoice("En personne, Virtuel, Téléphone ou Courriel", "In person, Virtual, Phone or Email"))
}

/// Consent purposes (as stored: sorted by name, without repeats), listed with `;`, `,`, `+`,
/// `/` or « et »: « parcours », « rapports », « communications », « photos ».
pub fn purposes(text: &str) -> Result<Vec<ConsentPurpose>, Msg> {
    let bad = Msg::BadChoice(
        "parcours, rapports, communications ou photos (séparés par des points-virgules)",
        "pathway, reporting, communications or photos (separated by semicolons)",
    );
    let mut out: Vec<ConsentPurpose> = Vec::new();
    let spaced = format!(" {} ", text.replace([';', ',', '+', '/', '\n'], " ; "));
    for part in spaced.replace(" et ", " ; ").replace(" and ", " ; ").split(';') {
        if part.trim().is_empty() {
            continue;
        }
        let purpose = choose(
            part,
            &[
                (
                    ConsentPurpose::ProgramDelivery,
                    &[
                        "Parcours",
                        "Participer au parcours",
                        "Accompagnement",
                        "Pathway",
                        "Program delivery",
                        "Programme",
                    ],
                ),
                (
                    ConsentPurpose::Reporting,
                    &["Rapports", "Reddition de comptes", "Statistiques", "Reporting", "Reports"],
                ),
                (ConsentPurpose::Communications, &["Communications", "Nouvelles", "Infolettre", "News"]),
                (ConsentPurpose::Photos, &["Photos", "Photo", "Images"]),
            ],
        )
        .ok_or_else(|| bad.clone())?;
        out.push(purpose);
    }
    if out.is_empty() {
        return Err(bad);
    }
    Ok(ConsentPurpose::normalised(out))
}

/// What to do with a likely duplicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfDuplicate {
    /// Report it and import nothing (the default).
    Report,
    /// Register the person anyway: someone else with a similar name.
    Create,
    /// The same person: use the one already registered.
    Existing,
}

/// « créer » / `create`, « existant » / `existing` (empty: report).
pub fn if_duplicate(text: &str) -> Result<IfDuplicate, Msg> {
    choose(
        text,
        &[
            (IfDuplicate::Create, &["Créer", "Créer quand même", "Nouvelle personne", "Create", "New"]),
            (
                IfDuplicate::Existing,
                &["Existant", "Existante", "Même personne", "Utiliser l'existant", "Existing", "Same person"],
            ),
        ],
    )
    .ok_or(Msg::BadChoice("créer ou existant", "create or existing"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Année de naissance"), "anneedenaissance");
        assert_eq!(fold("ANNEE_DE_NAISSANCE"), "anneedenaissance");
        assert_eq!(fold("Partenaire d’origine"), fold("Partenaire d'origine"));
        assert_eq!(fold("Cœur"), "coeur");
    }

    #[test]
    fn dates_in_the_accepted_forms() {
        let d = NaiveDate::from_ymd_opt(2021, 3, 2).unwrap();
        for text in ["2021-03-02", "02/03/2021", "2021/03/02", "02-03-2021", "2021-03-02 00:00:00"] {
            assert_eq!(date(&Cell::Text(text.into())), Ok(d), "{text}");
        }
        assert_eq!(date(&Cell::Number(44257.0)), Ok(d));
        assert_eq!(date(&Cell::Text("13/13/2021".into())), Err(Msg::BadDate));
        assert_eq!(date(&Cell::Text("mars 2021".into())), Err(Msg::BadDate));
        assert_eq!(date(&Cell::Empty), Err(Msg::Required));
    }

    #[test]
    fn integers_and_choices() {
        assert_eq!(integer(&Cell::Text("1 440".into())), Ok(1440));
        assert_eq!(integer(&Cell::Text("90,0".into())), Ok(90));
        assert_eq!(integer(&Cell::Number(90.0)), Ok(90));
        assert_eq!(integer(&Cell::Text("1h30".into())), Err(Msg::BadInteger));
        assert_eq!(stage("révélation"), Ok(Stage::Revelation));
        assert_eq!(stage("PROTOTYPING"), Ok(Stage::Prototyping));
        assert_eq!(status("en pause"), Ok(ProjectStatus::OnHold));
        assert_eq!(sector("Agroalimentaire"), Ok(Sector::AgriFood));
        assert_eq!(sector("AGRI_FOOD"), Ok(Sector::AgriFood));
        assert_eq!(gender("F"), Ok(Gender::Woman));
        assert_eq!(mode("Téléphone").map(FollowUpMode::as_str), Ok("PHONE"));
        assert_eq!(
            ConsentPurpose::names(&purposes("parcours; rapports et photos").unwrap()),
            ["PHOTOS", "PROGRAM_DELIVERY", "REPORTING"]
        );
        assert!(purposes("tout").is_err());
        assert_eq!(if_duplicate("Même personne"), Ok(IfDuplicate::Existing));
    }
}
