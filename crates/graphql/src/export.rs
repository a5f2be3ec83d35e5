//! Files funders open directly: a cohort report as CSV (for spreadsheets), as an Excel
//! workbook ([`xlsx`]) or as JSON.
//!
//! All are renderings of the [`CohortReport`] value that the GraphQL field serves, computed
//! once by [`crate::report::build_cohort_report`] with the same access and suppression rules.
//!
//! The CSV is UTF-8 with a byte-order mark (so that Excel shows "Révélation" and not
//! "RÃ©vÃ©lation"), comma-separated with RFC 4180 quoting, CRLF line ends, one figure per line:
//! section, category, value, and whether the value is hidden. Headers and labels are in French
//! by default, in English on request. Numbers use a dot as the decimal separator; rates are in
//! percent and amounts in dollars, with two decimals. Its French-Excel dialect
//! ([`Dialect::ExcelFr`]) is the same with semicolons and decimal commas, which Excel in a
//! French locale opens into columns and numbers as they are.
//!
//! A value hidden from the viewer (small-cell suppression) is written [`SUPPRESSED_MARKER`] in
//! both files, never a number and never an empty cell, so that a spreadsheet cannot add it up as
//! 0.

pub mod xlsx;

use crate::enums::{AgeBand, Gender, ProjectStatus, ReportFigure, Sector, Stage, TeamComposition};
use crate::report::CohortReport;
use serde_json::Value;
use sismic_domain::{self as domain, narrative::Language};

/// What the exports write in place of a hidden value. One neutral marker for every hidden value
/// (and not, say, "< 5"): a count hidden to protect another one (complementary suppression) may
/// well be 5 or more, and a marker telling the two kinds apart would point at the small ones.
/// It is the convention of Statistics Canada's tables ("x: suppressed for confidentiality").
pub const SUPPRESSED_MARKER: &str = "x";

/// The UTF-8 byte-order mark that starts every CSV export.
pub const BOM: &str = "\u{feff}";

/// Language of the CSV's headers and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// French (default).
    Fr,
    /// English.
    En,
}

impl Lang {
    /// `fr` (or nothing) and `en`; anything else is `None`.
    pub fn parse(value: Option<&str>) -> Option<Lang> {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("fr") => Some(Lang::Fr),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }
}

/// How a CSV is written (`?dialect=` of the export).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// RFC 4180: comma-separated, decimal point (the default).
    Standard,
    /// What Excel opens as it should in a French locale (Windows' list separator there is the
    /// semicolon): semicolon-separated, decimal comma. Same byte-order mark and CRLF.
    ExcelFr,
}

impl Dialect {
    /// Nothing (or `standard`) and `excel-fr`; anything else is `None`.
    pub fn parse(value: Option<&str>) -> Option<Dialect> {
        match value.map(|v| v.trim().to_ascii_lowercase()).as_deref() {
            None | Some("") | Some("standard") => Some(Dialect::Standard),
            Some("excel-fr") => Some(Dialect::ExcelFr),
            _ => None,
        }
    }

    fn separator(self) -> char {
        match self {
            Dialect::Standard => ',',
            Dialect::ExcelFr => ';',
        }
    }

    /// A number with two decimals, in this dialect's decimal separator.
    fn decimal(self, value: f64) -> String {
        let text = format!("{value:.2}");
        match self {
            Dialect::Standard => text,
            Dialect::ExcelFr => text.replace('.', ","),
        }
    }
}

/// A value of the CSV, typed so that each dialect writes its numbers its own way.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    /// Text (names, dates, the marker).
    Text(String),
    /// A count.
    Int(i64),
    /// A number written with two decimals (rates in percent, days).
    Decimal(f64),
    /// An amount in cents, written in dollars with two decimals.
    Cents(i64),
}

impl Cell {
    fn render(&self, dialect: Dialect) -> String {
        match self {
            Cell::Text(text) => guard(text),
            Cell::Int(n) => n.to_string(),
            Cell::Decimal(v) => dialect.decimal(*v),
            Cell::Cents(cents) => {
                let text = dollars(*cents);
                if dialect == Dialect::ExcelFr {
                    text.replace('.', ",")
                } else {
                    text
                }
            }
        }
    }
}

/// One line of the CSV.
struct Line {
    section: String,
    category: String,
    value: Option<Cell>,
    suppressed: bool,
}

struct Sheet {
    lang: Lang,
    lines: Vec<Line>,
}

impl Sheet {
    fn t(&self, fr: &str, en: &str) -> String {
        match self.lang {
            Lang::Fr => fr.to_owned(),
            Lang::En => en.to_owned(),
        }
    }

    fn push(&mut self, section: &str, category: impl Into<String>, value: Option<Cell>, suppressed: bool) {
        self.lines.push(Line { section: section.to_owned(), category: category.into(), value, suppressed });
    }

    fn text(&mut self, section: &str, category: impl Into<String>, text: String) {
        self.push(section, category, Some(Cell::Text(text)), false);
    }

    fn count(&mut self, section: &str, category: impl Into<String>, count: Option<i32>, suppressed: bool) {
        let value = if suppressed {
            Some(Cell::Text(SUPPRESSED_MARKER.to_owned()))
        } else {
            count.map(|c| Cell::Int(i64::from(c)))
        };
        self.push(section, category, value, suppressed);
    }

    fn number(&mut self, section: &str, category: impl Into<String>, value: Option<f64>) {
        self.push(section, category, value.map(Cell::Decimal), false);
    }
}

impl From<Lang> for Language {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Fr => Language::French,
            Lang::En => Language::English,
        }
    }
}

// The labels of the vocabularies are the domain's (`sismic_domain::vocabulary`), so that the
// CSV, the workbook and any other text the API writes use one wording.

fn stage(lang: Lang, s: Stage) -> &'static str {
    domain::Stage::from(s).label(lang.into())
}

fn status(lang: Lang, s: ProjectStatus) -> &'static str {
    domain::ProjectStatus::from(s).label(lang.into())
}

/// The row of the people or projects whose value is not recorded.
fn not_recorded(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "Non précisé",
        Lang::En => "Not recorded",
    }
}

fn sector(lang: Lang, s: Option<Sector>) -> &'static str {
    s.map_or_else(|| not_recorded(lang), |s| domain::Sector::from(s).label(lang.into()))
}

fn gender(lang: Lang, g: Option<Gender>) -> &'static str {
    g.map_or_else(|| not_recorded(lang), |g| domain::Gender::from(g).label(lang.into()))
}

fn band(lang: Lang, b: AgeBand) -> &'static str {
    domain::AgeBand::from(b).label(lang.into())
}

fn team(lang: Lang, t: TeamComposition) -> &'static str {
    domain::TeamComposition::from(t).label(lang.into())
}

fn figure(lang: Lang, f: ReportFigure) -> &'static str {
    let fr = lang == Lang::Fr;
    match f {
        ReportFigure::ParticipantsReached => {
            if fr {
                "Personnes rejointes"
            } else {
                "People reached"
            }
        }
        ReportFigure::ProjectCount => {
            if fr {
                "Projets"
            } else {
                "Projects"
            }
        }
        ReportFigure::EnterprisesCreated => {
            if fr {
                "Entreprises créées"
            } else {
                "Enterprises created"
            }
        }
        ReportFigure::FollowUpCount => {
            if fr {
                "Suivis de projets"
            } else {
                "Project follow-ups"
            }
        }
        ReportFigure::PartnerFollowUpCount => {
            if fr {
                "Suivis avec les partenaires"
            } else {
                "Partner follow-ups"
            }
        }
        ReportFigure::AwardCount => {
            if fr {
                "Bourses"
            } else {
                "Awards"
            }
        }
    }
}

fn dollars(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", (cents / 100).abs(), (cents % 100).abs())
}

/// The report as CSV text, starting with the byte-order mark (the standard dialect).
pub fn to_csv(report: &CohortReport, lang: Lang) -> String {
    to_csv_in(report, lang, Dialect::Standard)
}

/// The report as CSV text in a dialect, starting with the byte-order mark.
pub fn to_csv_in(report: &CohortReport, lang: Lang, dialect: Dialect) -> String {
    let mut s = Sheet { lang, lines: Vec::new() };
    let fr = lang == Lang::Fr;
    let c = &report.cohort.0;

    let sec = s.t("Cohorte", "Cohort");
    s.text(&sec, s.t("Nom", "Name"), c.name.clone());
    s.text(&sec, s.t("Région", "Region"), report.region_name.clone());
    s.text(&sec, s.t("Début", "Start"), c.starts_on.to_string());
    s.text(&sec, s.t("Fin", "End"), c.ends_on.to_string());
    if report.suppression.applied {
        let note = if fr {
            format!(
                "Les effectifs de 1 à {} personnes sont masqués, et ceux qui permettraient de les retrouver : « {} »",
                report.suppression.threshold - 1,
                SUPPRESSED_MARKER
            )
        } else {
            format!(
                "Counts of 1 to {} people are hidden, and so are those that would let them be worked out: \"{}\"",
                report.suppression.threshold - 1,
                SUPPRESSED_MARKER
            )
        };
        s.text(&sec, s.t("Confidentialité", "Confidentiality"), note);
    }

    let sec = s.t("Personnes rejointes", "People reached");
    s.count(&sec, "Total", report.participants_reached, report.participants_reached_suppressed);
    let sec = s.t("Personnes rejointes par étape", "People reached by stage");
    for row in &report.participants_by_stage {
        s.count(&sec, stage(lang, row.stage), row.count, row.suppressed);
    }

    let sec = s.t("Projets", "Projects");
    s.count(&sec, "Total", Some(report.project_count), false);
    s.count(&sec, s.t("Entreprises créées", "Enterprises created"), Some(report.enterprises_created), false);
    let sec = s.t("Projets par étape actuelle", "Projects by current stage");
    for row in &report.projects_by_stage {
        s.count(&sec, stage(lang, row.stage), row.count, false);
    }
    let sec = s.t("Projets par statut", "Projects by status");
    for row in &report.projects_by_status {
        s.count(&sec, status(lang, row.status), Some(row.count), false);
    }

    let sec = s.t("Suivis de projets par origine", "Project follow-ups by origin");
    let none = s.t("Sans partenaire d'origine", "No origin partner");
    for row in &report.follow_ups_by_origin {
        let name = row.partner.as_ref().map_or(none.clone(), |p| p.0.name.clone());
        let projects = if fr { format!("{name} : projets") } else { format!("{name}: projects") };
        let follow_ups = if fr { format!("{name} : suivis") } else { format!("{name}: follow-ups") };
        s.count(&sec, projects, Some(row.project_count), false);
        s.count(&sec, follow_ups, Some(row.follow_up_count), false);
    }
    s.count(&sec, "Total", Some(report.follow_up_count), false);
    let sec = s.t("Suivis avec les partenaires", "Follow-ups with partners");
    for row in &report.partner_follow_ups {
        s.count(&sec, row.partner.0.name.clone(), Some(row.follow_up_count), false);
    }
    let sec = s.t("Bourses", "Awards");
    s.count(&sec, s.t("Nombre", "Count"), Some(report.awards.count), false);
    let total = Some(Cell::Cents(i64::from(report.awards.total_amount_cents)));
    s.push(&sec, s.t("Montant total ($)", "Total amount ($)"), total, false);

    let sec = s.t("Parcours des projets", "Project funnel");
    let steps = &report.funnel.steps;
    for (i, step) in steps.iter().enumerate() {
        let name = stage(lang, step.stage);
        let label =
            if fr { format!("Projets ayant atteint l'étape {name}") } else { format!("Projects that reached {name}") };
        s.count(&sec, label, Some(step.projects_reached), false);
        if let Some(next) = steps.get(i + 1) {
            let next = stage(lang, next.stage);
            let label = if fr {
                format!("Taux de passage {name} → {next} (%)")
            } else {
                format!("Conversion {name} → {next} (%)")
            };
            s.number(&sec, label, step.conversion_to_next.map(|r| r * 100.0));
        }
    }
    s.count(&sec, s.t("Entreprises créées", "Enterprises created"), Some(report.funnel.launched), false);
    let label = s.t("Taux de lancement après le prototypage (%)", "Launch rate after prototyping (%)");
    s.number(&sec, label, report.funnel.launch_rate.map(|r| r * 100.0));

    let sec = s.t("Durée médiane par étape (jours)", "Median time in stage (days)");
    for row in &report.time_in_stage {
        s.number(&sec, stage(lang, row.stage), row.median_days);
    }

    let sec = s.t("Projets par secteur d'activité", "Projects by sector");
    for row in &report.projects_by_sector {
        s.count(&sec, sector(lang, row.sector), row.count, row.suppressed);
    }
    let sec = s.t("Projets par MRC", "Projects by MRC");
    let unknown = s.t("Non précisée", "Not recorded");
    for row in &report.projects_by_mrc {
        s.count(&sec, row.mrc.clone().unwrap_or(unknown.clone()), row.count, row.suppressed);
    }
    let sec = s.t("Personnes rejointes par genre", "People reached by gender");
    for row in &report.participants_by_gender {
        s.count(&sec, gender(lang, row.gender), row.count, row.suppressed);
    }
    let sec = s.t("Personnes rejointes par groupe d'âge", "People reached by age band");
    for row in &report.participants_by_age_band {
        s.count(&sec, band(lang, row.band), row.count, row.suppressed);
    }
    let sec = s.t("Personnes rejointes par MRC", "People reached by MRC");
    for row in &report.participants_by_mrc {
        s.count(&sec, row.mrc.clone().unwrap_or(unknown.clone()), row.count, row.suppressed);
    }
    let sec = s.t("Groupes promoteurs par composition", "Project teams by composition");
    for row in &report.teams_by_composition {
        s.count(&sec, team(lang, row.composition), row.count, row.suppressed);
    }

    let sec = s.t("Comparaison avec la cohorte précédente", "Comparison with the previous cohort");
    if let Some(previous) = &report.comparison.previous_cohort {
        s.text(&sec, s.t("Cohorte précédente", "Previous cohort"), previous.0.name.clone());
    }
    for row in &report.comparison.figures {
        let name = figure(lang, row.figure);
        let (prev, diff, pct) = if fr {
            (format!("{name} : cohorte précédente"), format!("{name} : écart"), format!("{name} : variation (%)"))
        } else {
            (format!("{name}: previous cohort"), format!("{name}: difference"), format!("{name}: change (%)"))
        };
        // Without a previous cohort there is nothing to hide: the lines stay empty.
        let hidden = row.suppressed && report.comparison.previous_cohort.is_some();
        s.count(&sec, prev, row.previous, hidden && row.previous.is_none());
        s.count(&sec, diff, row.difference, hidden);
        if hidden {
            s.push(&sec, pct, Some(Cell::Text(SUPPRESSED_MARKER.to_owned())), true);
        } else {
            s.number(&sec, pct, row.percent_change);
        }
    }

    let header = if fr {
        ["Section", "Catégorie", "Valeur", "Masquée (petit effectif)"]
    } else {
        ["Section", "Category", "Value", "Suppressed (small count)"]
    };
    let (yes, no) = if fr { ("oui", "non") } else { ("yes", "no") };
    let mut out = String::from(BOM);
    let sep = dialect.separator();
    push_record(&mut out, sep, &header.map(guard));
    for line in &s.lines {
        let value = line.value.as_ref().map(|v| v.render(dialect)).unwrap_or_default();
        let flag = if line.suppressed { yes } else { no };
        push_record(&mut out, sep, &[guard(&line.section), guard(&line.category), value, flag.to_owned()]);
    }
    out
}

/// Text as a spreadsheet must not run it: a leading =, +, - or @ is prefixed with an
/// apostrophe, so that a partner's name is never a formula. Numbers are written apart (a
/// negative difference is a number, not text).
fn guard(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@') => format!("'{text}"),
        _ => text.to_owned(),
    }
}

/// One record, quoted where needed (RFC 4180, with `sep` as the separator).
fn push_record(out: &mut String, sep: char, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(sep);
        }
        if field.contains([sep, '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push_str("\r\n");
}

/// The report as JSON: the same shape as the GraphQL `cohortReport` with every field, linked
/// objects given by id and name, except that a hidden value reads [`SUPPRESSED_MARKER`] instead
/// of `null`.
pub fn to_json(report: &CohortReport) -> Result<Vec<u8>, serde_json::Error> {
    let mut value = serde_json::to_value(report)?;
    mark_hidden(&mut value);
    serde_json::to_vec_pretty(&value)
}

/// Writes the marker in place of every hidden value of the report's JSON form: people reached,
/// every cell `{ count, suppressed: true }` (stages, breakdowns), and the hidden sides and
/// differences of the comparison with the previous cohort.
fn mark_hidden(report: &mut Value) {
    let marker = || Value::String(SUPPRESSED_MARKER.to_owned());
    if report["participantsReachedSuppressed"] == Value::Bool(true) {
        report["participantsReached"] = marker();
    }
    mark_cells(report);
    let has_previous = !report["comparison"]["previousCohort"].is_null();
    if let Some(figures) = report["comparison"]["figures"].as_array_mut() {
        for figure in figures.iter_mut().filter(|f| f["suppressed"] == Value::Bool(true)) {
            let mut keys = vec!["current"];
            if has_previous {
                keys.extend(["previous", "difference", "percentChange"]);
            }
            for key in keys {
                if figure[key].is_null() {
                    figure[key] = marker();
                }
            }
        }
    }
}

/// Every object with `suppressed: true` and a `count`, wherever it is.
fn mark_cells(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if map.get("suppressed") == Some(&Value::Bool(true)) && map.contains_key("count") {
                map.insert("count".to_owned(), Value::String(SUPPRESSED_MARKER.to_owned()));
            }
            map.values_mut().for_each(mark_cells);
        }
        Value::Array(items) => items.iter_mut().for_each(mark_cells),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_and_guarded() {
        let mut out = String::new();
        let text = ["a,b", "say \"hi\"", "=1+1", "-x", "L'Érable"].map(|t| Cell::Text(t.to_owned()));
        let mut fields: Vec<String> = text.iter().map(|v| v.render(Dialect::Standard)).collect();
        fields.push(Cell::Int(-3).render(Dialect::Standard));
        push_record(&mut out, ',', &fields);
        assert_eq!(out, "\"a,b\",\"say \"\"hi\"\"\",'=1+1,'-x,L'Érable,-3\r\n");
    }

    #[test]
    fn the_french_excel_dialect_uses_semicolons_and_decimal_commas() {
        let fields: Vec<String> = [
            Cell::Text("a;b, c".to_owned()),
            Cell::Decimal(-2.5),
            Cell::Cents(500_050),
            Cell::Cents(-5),
            Cell::Int(-3),
            Cell::Text("-2,50".to_owned()),
        ]
        .iter()
        .map(|v| v.render(Dialect::ExcelFr))
        .collect();
        let mut out = String::new();
        push_record(&mut out, ';', &fields);
        assert_eq!(out, "\"a;b, c\";-2,50;5000,50;-0,05;-3;'-2,50\r\n");
        assert_eq!(Dialect::parse(Some("EXCEL-FR")), Some(Dialect::ExcelFr));
        assert_eq!(Dialect::parse(None), Some(Dialect::Standard));
        assert_eq!(Dialect::parse(Some("excel")), None);
    }

    #[test]
    fn hidden_values_read_the_marker_in_json() {
        let mut report = serde_json::json!({
            "participantsReached": null, "participantsReachedSuppressed": true,
            "participantsByStage": [{ "stage": "IDEATION", "count": null, "suppressed": true },
                                    { "stage": "REVELATION", "count": 0, "suppressed": false }],
            "comparison": { "previousCohort": { "name": "2019-2020" }, "figures": [
                { "current": 12, "previous": null, "difference": null, "percentChange": null, "suppressed": true },
                { "current": 7, "previous": 5, "difference": 2, "percentChange": 40.0, "suppressed": false }] }
        });
        mark_hidden(&mut report);
        assert_eq!(report["participantsReached"], "x");
        assert_eq!(report["participantsByStage"][0]["count"], "x");
        assert_eq!(report["participantsByStage"][1]["count"], 0);
        let figure = &report["comparison"]["figures"][0];
        assert_eq!(
            (&figure["current"], &figure["previous"], &figure["difference"], &figure["percentChange"]),
            (&serde_json::json!(12), &serde_json::json!("x"), &serde_json::json!("x"), &serde_json::json!("x"))
        );
        assert_eq!(report["comparison"]["figures"][1]["difference"], 2);
    }

    #[test]
    fn languages() {
        assert_eq!(Lang::parse(None), Some(Lang::Fr));
        assert_eq!(Lang::parse(Some("EN")), Some(Lang::En));
        assert_eq!(Lang::parse(Some("de")), None);
        assert_eq!(dollars(500_000), "5000.00");
        assert_eq!(dollars(-150), "-1.50");
    }
}
