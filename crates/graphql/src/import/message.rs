//! What an import says about a file, a column or a row, in French first and English second.
//!
//! A message never quotes a cell's value (it may be a person's name or email): it says which
//! rule the value breaks, and the report says where (file, sheet, line, column). So reports can
//! be shown, and counted in logs, without personal information.

/// One reason, with its parameters (never a cell's value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// The CSV is not UTF-8.
    NotUtf8,
    /// An old binary `.xls` workbook.
    OldExcel,
    /// A workbook that does not open.
    UnreadableWorkbook,
    /// A workbook that inflates past the bound.
    WorkbookTooLarge,
    /// Neither CSV nor a workbook.
    UnknownFileType,
    /// No header row.
    EmptyFile,
    /// A CSV whose quoting is broken.
    BadCsv,
    /// More rows than one table may hold.
    TooManyRows(usize),
    /// A table whose kind cannot be told from its name or its columns.
    UnknownTable,
    /// A table that could be more than one kind.
    AmbiguousTable,
    /// Two tables of the same kind in one import.
    TableTwice,
    /// A required column is missing (its French and English headers).
    MissingColumn(&'static str, &'static str),
    /// A column appears twice.
    ColumnTwice,
    /// A column no kind knows (a warning: it is ignored).
    UnknownColumn,
    /// An empty required cell.
    Required,
    /// Text longer than allowed.
    TooLong(usize),
    /// Not a date.
    BadDate,
    /// A date in the future for something that happened.
    FutureDate,
    /// Not a whole number.
    BadInteger,
    /// Not an email address.
    BadEmail,
    /// A birth year out of range (up to this year).
    BadBirthYear(i32),
    /// Not one of the accepted values (listed in French, then English).
    BadChoice(&'static str, &'static str),
    /// A duration out of range.
    BadDuration,
    /// A follow-up with neither project nor partner.
    NoProjectNorPartner,
    /// A project named without its cohort.
    ProjectWithoutCohort,
    /// No such cohort in the region.
    UnknownCohort,
    /// No such partner.
    UnknownPartner,
    /// No such project in the cohort (nor in the file).
    UnknownProject,
    /// No such activity (nor in the file).
    UnknownActivity,
    /// Several activities match.
    AmbiguousActivity,
    /// No such participant (nor in the file).
    UnknownParticipant,
    /// Several participants match.
    AmbiguousParticipant,
    /// A row names someone whose own row (at this line of the participants) was not imported.
    PersonRowFailed(u32),
    /// A row names an activity whose own row (at this line of the activities) was not imported.
    ActivityRowFailed(u32),
    /// A row names a project whose own row (at this line of the projects) was not imported.
    ProjectRowFailed(u32),
    /// An attendance row with neither email nor names.
    NoPerson,
    /// An activity dated outside its cohort.
    OutsideCohort,
    /// A LAUNCHED status, which only the launch form records.
    LaunchedNotImportable,
    /// Consent purposes without a date, or a date without purposes.
    ConsentIncomplete,
    /// The same explicit key on two rows.
    KeyTwice,
    /// A key imported before with other content.
    KeyReused,
    /// « Si doublon : existant » but no single existing person matches.
    NoSingleExisting,
    /// A likely duplicate of someone already registered (see the report's duplicates).
    LikelyDuplicate,
    /// A likely duplicate of someone this same import registers (at this line).
    LikelyDuplicateInFile(u32),
    /// The same project, activity or person twice in the file.
    SameRowTwice(u32),
    /// The database refused the row (a rule the checks above did not catch).
    Refused,
    /// The import could not check this row (a failure of the service; nothing was written).
    Unexpected,
}

impl Msg {
    /// The reason in French.
    pub fn fr(&self) -> String {
        match self {
            Msg::NotUtf8 => "le fichier n’est pas en UTF-8 : dans Excel, « Enregistrer sous » › « CSV UTF-8 (délimité par des virgules) »".into(),
            Msg::OldExcel => "ancien format Excel (.xls) : enregistrez le classeur en .xlsx".into(),
            Msg::UnreadableWorkbook => "classeur illisible (ni .xlsx ni .ods valide)".into(),
            Msg::WorkbookTooLarge => "classeur trop volumineux une fois décompressé".into(),
            Msg::UnknownFileType => "type de fichier non pris en charge : CSV, XLSX ou ODS".into(),
            Msg::EmptyFile => "aucune ligne d’en-tête : le fichier ou la feuille est vide".into(),
            Msg::BadCsv => "CSV mal formé (guillemets non fermés ?)".into(),
            Msg::TooManyRows(n) => format!("plus de {} lignes : découpez le fichier", thousands(*n)),
            Msg::UnknownTable => "impossible de savoir ce que contient cette feuille : nommez-la (Projets, Participants, Activités, Présences, Suivis) ou utilisez les en-têtes documentés".into(),
            Msg::AmbiguousTable => "ces colonnes conviennent à plusieurs sortes de lignes : nommez la feuille ou le fichier (Projets, Participants, Activités, Présences, Suivis)".into(),
            Msg::TableTwice => "une autre feuille ou un autre fichier de cette importation contient déjà cette sorte de lignes".into(),
            Msg::MissingColumn(fr, _) => format!("colonne obligatoire absente : « {fr} »"),
            Msg::ColumnTwice => "cette colonne apparaît deux fois".into(),
            Msg::UnknownColumn => "colonne inconnue, ignorée".into(),
            Msg::Required => "obligatoire".into(),
            Msg::TooLong(max) => format!("trop long ({} caractères au plus)", thousands(*max)),
            Msg::BadDate => "date invalide : AAAA-MM-JJ ou JJ/MM/AAAA".into(),
            Msg::FutureDate => "date dans le futur".into(),
            Msg::BadInteger => "nombre entier attendu".into(),
            Msg::BadEmail => "adresse courriel invalide".into(),
            Msg::BadBirthYear(max) => format!("année de naissance invalide (de 1900 à {max})"),
            Msg::BadChoice(fr, _) => format!("valeur non reconnue : {fr}"),
            Msg::BadDuration => "durée de 1 à 1 440 minutes".into(),
            Msg::NoProjectNorPartner => "indiquez un projet, un partenaire, ou les deux".into(),
            Msg::ProjectWithoutCohort => "un projet se désigne avec sa cohorte : remplissez « Cohorte »".into(),
            Msg::UnknownCohort => "cohorte inconnue dans cette région".into(),
            Msg::UnknownPartner => "partenaire inconnu (le nom doit être celui du référentiel)".into(),
            Msg::UnknownProject => "projet inconnu dans cette cohorte (ni dans le fichier ni déjà enregistré)".into(),
            Msg::UnknownActivity => "activité inconnue (ni dans le fichier ni déjà enregistrée) : cohorte, titre et date doivent correspondre".into(),
            Msg::AmbiguousActivity => "plusieurs activités correspondent : précisez l’étape dans la feuille Activités".into(),
            Msg::UnknownParticipant => "personne inconnue dans cette région (ni dans le fichier ni déjà inscrite)".into(),
            Msg::AmbiguousParticipant => "plusieurs personnes correspondent : indiquez le courriel".into(),
            Msg::PersonRowFailed(line) => format!("la personne de la ligne {line} des participants n’est pas importée"),
            Msg::ActivityRowFailed(line) => format!("l’activité de la ligne {line} des activités n’est pas importée"),
            Msg::ProjectRowFailed(line) => format!("le projet de la ligne {line} des projets n’est pas importé"),
            Msg::NoPerson => "indiquez le courriel, ou le prénom et le nom, de la personne".into(),
            Msg::OutsideCohort => "date hors des dates de la cohorte".into(),
            Msg::LaunchedNotImportable => "le statut « Lancé » s’enregistre dans l’application (fiche du projet : lancement de l’entreprise), pas par importation".into(),
            Msg::ConsentIncomplete => "un consentement a une date et au moins une finalité : remplissez les deux colonnes, ou aucune".into(),
            Msg::KeyTwice => "cette clé est déjà sur une autre ligne du fichier".into(),
            Msg::KeyReused => "cette clé a déjà été importée avec un autre contenu : l’importation ne modifie jamais ce qui est enregistré".into(),
            Msg::NoSingleExisting => "« existant » demande exactement une personne déjà inscrite qui corresponde".into(),
            Msg::LikelyDuplicate => "doublon probable d’une personne déjà inscrite : vérifiez, puis indiquez « créer » ou « existant » dans la colonne « Si doublon »".into(),
            Msg::LikelyDuplicateInFile(line) => format!("doublon probable de la personne de la ligne {line} : si ce sont deux personnes, indiquez « créer » dans la colonne « Si doublon »"),
            Msg::SameRowTwice(line) => format!("même élément qu’à la ligne {line}"),
            Msg::Refused => "ligne refusée par les règles de la base de données".into(),
            Msg::Unexpected => "vérification impossible (erreur du service) : réessayez plus tard".into(),
        }
    }

    /// The reason in English.
    pub fn en(&self) -> String {
        match self {
            Msg::NotUtf8 => "the file is not UTF-8: in Excel, Save As › CSV UTF-8 (Comma delimited)".into(),
            Msg::OldExcel => "old Excel format (.xls): save the workbook as .xlsx".into(),
            Msg::UnreadableWorkbook => "unreadable workbook (not a valid .xlsx or .ods)".into(),
            Msg::WorkbookTooLarge => "the workbook is too large once decompressed".into(),
            Msg::UnknownFileType => "unsupported file type: CSV, XLSX or ODS".into(),
            Msg::EmptyFile => "no header row: the file or sheet is empty".into(),
            Msg::BadCsv => "malformed CSV (an unclosed quote?)".into(),
            Msg::TooManyRows(n) => format!("more than {n} rows: split the file"),
            Msg::UnknownTable => "cannot tell what this sheet holds: name it (Projects, Participants, Activities, Attendance, Follow-ups) or use the documented headers".into(),
            Msg::AmbiguousTable => "these columns fit more than one kind of row: name the sheet or file (Projects, Participants, Activities, Attendance, Follow-ups)".into(),
            Msg::TableTwice => "another sheet or file of this import already holds this kind of row".into(),
            Msg::MissingColumn(_, en) => format!("required column missing: “{en}”"),
            Msg::ColumnTwice => "this column appears twice".into(),
            Msg::UnknownColumn => "unknown column, ignored".into(),
            Msg::Required => "required".into(),
            Msg::TooLong(max) => format!("too long (at most {max} characters)"),
            Msg::BadDate => "invalid date: YYYY-MM-DD or DD/MM/YYYY".into(),
            Msg::FutureDate => "date in the future".into(),
            Msg::BadInteger => "a whole number is expected".into(),
            Msg::BadEmail => "invalid email address".into(),
            Msg::BadBirthYear(max) => format!("invalid birth year (1900 to {max})"),
            Msg::BadChoice(_, en) => format!("unrecognised value: {en}"),
            Msg::BadDuration => "duration of 1 to 1,440 minutes".into(),
            Msg::NoProjectNorPartner => "give a project, a partner, or both".into(),
            Msg::ProjectWithoutCohort => "a project is named with its cohort: fill in “Cohort”".into(),
            Msg::UnknownCohort => "unknown cohort in this region".into(),
            Msg::UnknownPartner => "unknown partner (the name must be the reference data’s)".into(),
            Msg::UnknownProject => "unknown project in this cohort (neither in the file nor already recorded)".into(),
            Msg::UnknownActivity => "unknown activity (neither in the file nor already recorded): cohort, title and date must match".into(),
            Msg::AmbiguousActivity => "several activities match: give the stage in the Activities sheet".into(),
            Msg::UnknownParticipant => "unknown person in this region (neither in the file nor already registered)".into(),
            Msg::AmbiguousParticipant => "several people match: give the email".into(),
            Msg::PersonRowFailed(line) => format!("the person on line {line} of the participants is not imported"),
            Msg::ActivityRowFailed(line) => format!("the activity on line {line} of the activities is not imported"),
            Msg::ProjectRowFailed(line) => format!("the project on line {line} of the projects is not imported"),
            Msg::NoPerson => "give the person’s email, or first and last name".into(),
            Msg::OutsideCohort => "date outside the cohort’s dates".into(),
            Msg::LaunchedNotImportable => "the Launched status is recorded in the app (the project’s page: enterprise launch), not by import".into(),
            Msg::ConsentIncomplete => "a consent has a date and at least one purpose: fill in both columns, or neither".into(),
            Msg::KeyTwice => "this key is already on another row of the file".into(),
            Msg::KeyReused => "this key was imported before with other content: an import never changes what is recorded".into(),
            Msg::NoSingleExisting => "“existing” needs exactly one registered person who matches".into(),
            Msg::LikelyDuplicate => "likely duplicate of someone already registered: check, then put “create” or “existing” in the “If duplicate” column".into(),
            Msg::LikelyDuplicateInFile(line) => format!("likely duplicate of the person on line {line}: if they are two people, put “create” in the “If duplicate” column"),
            Msg::SameRowTwice(line) => format!("same item as on line {line}"),
            Msg::Refused => "row refused by the database’s rules".into(),
            Msg::Unexpected => "could not be checked (a service error): retry later".into(),
        }
    }
}

/// `10000` as « 10 000 » (French thousands separator: a narrow no-break space).
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

/// Something wrong (or worth a warning) in an import, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, as uploaded.
    pub file: String,
    /// The sheet, for a workbook.
    pub sheet: Option<String>,
    /// The line (CSV) or row (sheet); none for a whole file or sheet.
    pub line: Option<u32>,
    /// The column's letter (A, B…), when one column is at fault.
    pub column: Option<String>,
    /// The column's header as the file has it (a header, never a cell's value).
    pub column_name: Option<String>,
    /// Why.
    pub msg: Msg,
}

impl Problem {
    /// A problem with a whole file.
    pub fn file(file: &str, msg: Msg) -> Problem {
        Problem { file: file.to_owned(), sheet: None, line: None, column: None, column_name: None, msg }
    }

    /// A problem with a whole sheet.
    pub fn sheet(file: &str, sheet: &str, msg: Msg) -> Problem {
        Problem { sheet: Some(sheet.to_owned()), ..Problem::file(file, msg) }
    }

    /// A problem at a line.
    pub fn at(file: &str, sheet: Option<&str>, line: u32, msg: Msg) -> Problem {
        Problem { sheet: sheet.map(str::to_owned), line: Some(line), ..Problem::file(file, msg) }
    }

    /// Where it is, in words: `fichier.csv, ligne 4, colonne C (Courriel)`.
    pub fn place_fr(&self) -> String {
        let mut out = self.file.clone();
        if let Some(sheet) = &self.sheet {
            out.push_str(&format!(", feuille « {sheet} »"));
        }
        if let Some(line) = self.line {
            out.push_str(&format!(", ligne {line}"));
        }
        if let Some(column) = &self.column {
            out.push_str(&format!(", colonne {column}"));
            if let Some(name) = self.column_name.as_deref().filter(|n| !n.is_empty()) {
                out.push_str(&format!(" ({name})"));
            }
        }
        out
    }

    /// Where it is, in English.
    pub fn place_en(&self) -> String {
        let mut out = self.file.clone();
        if let Some(sheet) = &self.sheet {
            out.push_str(&format!(", sheet “{sheet}”"));
        }
        if let Some(line) = self.line {
            out.push_str(&format!(", line {line}"));
        }
        if let Some(column) = &self.column {
            out.push_str(&format!(", column {column}"));
            if let Some(name) = self.column_name.as_deref().filter(|n| !n.is_empty()) {
                out.push_str(&format!(" ({name})"));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_use_a_narrow_space() {
        assert_eq!(thousands(10_000), "10\u{202f}000");
        assert_eq!(thousands(200), "200");
        assert_eq!(thousands(1_440), "1\u{202f}440");
    }
}
