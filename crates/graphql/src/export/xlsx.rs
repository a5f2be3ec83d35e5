//! The cohort report as an Excel workbook (`GET /reports/cohorts/{id}.xlsx`), built with
//! `rust_xlsxwriter` from the same [`CohortReport`] value as the GraphQL field and the CSV.
//!
//! The first sheet holds the annual report's paragraph ([`CohortReport::narrative_in`]); then
//! one sheet per section of the report, each a table with a header row (French by default).
//! Counts, rates, days and amounts are stored as numbers (rates as fractions shown in
//! percent, amounts in dollars, dates as dates), so that a funder can add them up and chart
//! them. A count hidden from the viewer is text, never a number and never empty: « < 5 » where
//! that is implied by the published figures, else « x » (see [`sismic_domain::narrative`],
//! "Hidden figures": a count hidden to protect another one may be 5 or more).

use super::{band, figure, gender, sector, stage, status, team, Lang, SUPPRESSED_MARKER};
use crate::report::CohortReport;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet, XlsxError};
use sismic_domain::narrative::HiddenCount;

/// The content type of the workbook.
pub const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    /// Nothing (a rate without a base, a previous cohort that does not exist).
    Empty,
    /// Text.
    Text(String),
    /// A count.
    Int(i64),
    /// A fraction, shown in percent.
    Ratio(f64),
    /// A number with one decimal (days).
    Days(f64),
    /// An amount in cents, stored in dollars.
    Cents(i64),
    /// A date.
    Date(chrono::NaiveDate),
    /// A count hidden from the viewer.
    Hidden(HiddenCount),
}

/// One sheet: a table under a header row, then notes.
struct Table {
    name: String,
    headers: Vec<String>,
    rows: Vec<Vec<Cell>>,
    notes: Vec<String>,
}

impl Table {
    fn new(name: &str, headers: &[&str]) -> Table {
        Table {
            name: name.to_owned(),
            headers: headers.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn row(&mut self, cells: Vec<Cell>) {
        self.rows.push(cells);
    }
}

/// A count of people: the count, or how a hidden one reads (`below`: the cell's
/// `suppressedBelow`).
fn people(count: Option<i32>, suppressed: bool, below: Option<i32>) -> Cell {
    match (count, below) {
        (Some(n), _) if !suppressed => Cell::Int(i64::from(n)),
        (_, Some(threshold)) => Cell::Hidden(HiddenCount::Below(u32::try_from(threshold).unwrap_or(0))),
        (_, None) => Cell::Hidden(HiddenCount::Withheld),
    }
}

fn int(n: i32) -> Cell {
    Cell::Int(i64::from(n))
}

fn text(t: impl Into<String>) -> Cell {
    Cell::Text(t.into())
}

/// The tables of the workbook, in order (the narrative sheet apart).
fn tables(report: &CohortReport, lang: Lang) -> Vec<Table> {
    let fr = lang == Lang::Fr;
    let t = |fr_text: &'static str, en_text: &'static str| if fr { fr_text } else { en_text };
    let threshold = u32::try_from(report.suppression.threshold).unwrap_or(0);
    let reached_hidden = report.participants_reached_suppressed;
    let mut out = Vec::new();

    let c = &report.cohort.0;
    let mut sheet = Table::new(t("Cohorte", "Cohort"), &[t("Champ", "Field"), t("Valeur", "Value")]);
    sheet.row(vec![text(t("Nom", "Name")), text(c.name.clone())]);
    sheet.row(vec![text(t("Région", "Region")), text(report.region_name.clone())]);
    sheet.row(vec![text(t("Début", "Start")), Cell::Date(c.starts_on)]);
    sheet.row(vec![text(t("Fin", "End")), Cell::Date(c.ends_on)]);
    let applied = if report.suppression.applied { t("oui", "yes") } else { t("non", "no") };
    sheet.row(vec![text(t("Petits effectifs masqués", "Small counts hidden")), text(applied)]);
    if report.suppression.applied {
        sheet.row(vec![text(t("Seuil (personnes)", "Threshold (people)")), int(report.suppression.threshold)]);
    }
    out.push(sheet);

    let mut sheet =
        Table::new(t("Personnes rejointes", "People reached"), &[t("Catégorie", "Category"), t("Personnes", "People")]);
    // People reached is hidden only when it is small.
    let reached = people(report.participants_reached, reached_hidden, Some(report.suppression.threshold));
    sheet.row(vec![text(t("Total (personnes distinctes)", "Total (distinct people)")), reached]);
    for row in &report.participants_by_stage {
        let cell = people(row.count, row.suppressed, row.suppressed_below);
        sheet.row(vec![text(stage(lang, row.stage)), cell]);
    }
    sheet.notes.push(
        t(
            "Une personne peut participer à plusieurs étapes : les étapes additionnées dépassent le total.",
            "One person can attend several stages: the stages add up to more than the total.",
        )
        .to_owned(),
    );
    out.push(sheet);

    let mut sheet = Table::new(t("Projets", "Projects"), &[t("Catégorie", "Category"), t("Projets", "Projects")]);
    sheet.row(vec![text("Total"), int(report.project_count)]);
    sheet.row(vec![text(t("Entreprises créées", "Enterprises created")), int(report.enterprises_created)]);
    out.push(sheet);

    let mut sheet = Table::new(
        t("Projets par étape", "Projects by stage"),
        &[t("Étape actuelle", "Current stage"), t("Projets", "Projects")],
    );
    for row in &report.projects_by_stage {
        sheet.row(vec![text(stage(lang, row.stage)), Cell::Int(i64::from(row.count.unwrap_or(0)))]);
    }
    out.push(sheet);

    let mut sheet =
        Table::new(t("Projets par statut", "Projects by status"), &[t("Statut", "Status"), t("Projets", "Projects")]);
    for row in &report.projects_by_status {
        sheet.row(vec![text(status(lang, row.status)), int(row.count)]);
    }
    out.push(sheet);

    let mut sheet = Table::new(
        t("Suivis par origine", "Follow-ups by origin"),
        &[t("Partenaire d'origine", "Origin partner"), t("Projets", "Projects"), t("Suivis", "Follow-ups")],
    );
    for row in &report.follow_ups_by_origin {
        let name = row
            .partner
            .as_ref()
            .map_or(t("Sans partenaire d'origine", "No origin partner").to_owned(), |p| p.0.name.clone());
        sheet.row(vec![text(name), int(row.project_count), int(row.follow_up_count)]);
    }
    sheet.row(vec![text("Total"), int(report.project_count), int(report.follow_up_count)]);
    out.push(sheet);

    let mut sheet = Table::new(
        t("Suivis avec les partenaires", "Follow-ups with partners"),
        &[t("Partenaire", "Partner"), t("Suivis", "Follow-ups")],
    );
    for row in &report.partner_follow_ups {
        sheet.row(vec![text(row.partner.0.name.clone()), int(row.follow_up_count)]);
    }
    let total: i64 = report.partner_follow_ups.iter().map(|r| i64::from(r.follow_up_count)).sum();
    sheet.row(vec![text("Total"), Cell::Int(total)]);
    sheet.notes.push(
        t(
            "Suivis sans projet, datés dans la période de la cohorte, dans sa région.",
            "Follow-ups without a project, dated within the cohort, in its region.",
        )
        .to_owned(),
    );
    out.push(sheet);

    let mut sheet = Table::new(t("Bourses", "Awards"), &[t("Catégorie", "Category"), t("Valeur", "Value")]);
    sheet.row(vec![text(t("Nombre", "Count")), int(report.awards.count)]);
    sheet.row(vec![
        text(t("Montant total ($)", "Total amount ($)")),
        Cell::Cents(i64::from(report.awards.total_amount_cents)),
    ]);
    out.push(sheet);

    let mut sheet = Table::new(
        t("Parcours des projets", "Project funnel"),
        &[
            t("Étape", "Stage"),
            t("Projets ayant atteint l'étape", "Projects that reached it"),
            t("Taux de passage à l'étape suivante", "Conversion to the next stage"),
        ],
    );
    let ratio = |r: Option<f64>| r.map_or(Cell::Empty, Cell::Ratio);
    for step in &report.funnel.steps {
        let next = if step.stage == crate::enums::Stage::Prototyping {
            report.funnel.launch_rate
        } else {
            step.conversion_to_next
        };
        sheet.row(vec![text(stage(lang, step.stage)), int(step.projects_reached), ratio(next)]);
    }
    sheet.row(vec![text(t("Entreprises créées", "Enterprises created")), int(report.funnel.launched), Cell::Empty]);
    sheet.notes.push(
        t(
            "Le taux de passage du prototypage est le taux de lancement : entreprises créées sur projets ayant atteint le prototypage.",
            "Prototyping's conversion is the launch rate: enterprises created over projects that reached prototyping.",
        )
        .to_owned(),
    );
    out.push(sheet);

    let mut sheet = Table::new(
        t("Durée médiane par étape", "Median time in stage"),
        &[
            t("Étape", "Stage"),
            t("Durée médiane (jours)", "Median (days)"),
            t("Séjours terminés", "Completed stays"),
            t("Séjours en cours", "Open stays"),
        ],
    );
    for row in &report.time_in_stage {
        let median = row.median_days.map_or(Cell::Empty, Cell::Days);
        sheet.row(vec![text(stage(lang, row.stage)), median, int(row.completed_stays), int(row.open_stays)]);
    }
    out.push(sheet);

    let mut sheet =
        Table::new(t("Projets par secteur", "Projects by sector"), &[t("Secteur", "Sector"), t("Projets", "Projects")]);
    for row in &report.projects_by_sector {
        sheet.row(vec![text(sector(lang, row.sector)), Cell::Int(i64::from(row.count.unwrap_or(0)))]);
    }
    out.push(sheet);

    let unknown = t("Non précisée", "Not recorded");
    let mut sheet = Table::new(t("Projets par MRC", "Projects by MRC"), &[t("MRC", "MRC"), t("Projets", "Projects")]);
    for row in &report.projects_by_mrc {
        sheet.row(vec![
            text(row.mrc.clone().unwrap_or(unknown.to_owned())),
            Cell::Int(i64::from(row.count.unwrap_or(0))),
        ]);
    }
    out.push(sheet);

    let mut sheet =
        Table::new(t("Personnes par genre", "People by gender"), &[t("Genre", "Gender"), t("Personnes", "People")]);
    for row in &report.participants_by_gender {
        let cell = people(row.count, row.suppressed, row.suppressed_below);
        sheet.row(vec![text(gender(lang, row.gender)), cell]);
    }
    out.push(sheet);

    let mut sheet = Table::new(
        t("Personnes par groupe d'âge", "People by age band"),
        &[t("Groupe d'âge", "Age band"), t("Personnes", "People")],
    );
    for row in &report.participants_by_age_band {
        let cell = people(row.count, row.suppressed, row.suppressed_below);
        sheet.row(vec![text(band(lang, row.band)), cell]);
    }
    out.push(sheet);

    let mut sheet = Table::new(t("Personnes par MRC", "People by MRC"), &[t("MRC", "MRC"), t("Personnes", "People")]);
    for row in &report.participants_by_mrc {
        let cell = people(row.count, row.suppressed, row.suppressed_below);
        sheet.row(vec![text(row.mrc.clone().unwrap_or(unknown.to_owned())), cell]);
    }
    out.push(sheet);

    let mut sheet = Table::new(
        t("Groupes promoteurs", "Project teams"),
        &[t("Composition du groupe promoteur", "Team composition"), t("Projets", "Projects")],
    );
    for row in &report.teams_by_composition {
        let cell = people(row.count, row.suppressed, row.suppressed_below);
        sheet.row(vec![text(team(lang, row.composition)), cell]);
    }
    out.push(sheet);

    let previous = report.comparison.previous_cohort.as_ref().map(|p| p.0.name.clone());
    let previous_header = match &previous {
        Some(name) if fr => format!("Cohorte précédente ({name})"),
        Some(name) => format!("Previous cohort ({name})"),
        None => t("Cohorte précédente", "Previous cohort").to_owned(),
    };
    let current_header = if fr { format!("Cette cohorte ({})", c.name) } else { format!("This cohort ({})", c.name) };
    let mut sheet = Table::new(
        t("Comparaison", "Comparison"),
        &[
            t("Indicateur", "Figure"),
            &current_header,
            &previous_header,
            t("Écart", "Difference"),
            t("Variation", "Change"),
        ],
    );
    for row in &report.comparison.figures {
        // A hidden side is a cohort's people reached, hidden only when small; a hidden
        // difference or change is neither small nor a count of people.
        let side = |value: Option<i32>, exists: bool| match value {
            Some(n) => Cell::Int(i64::from(n)),
            None if row.suppressed && exists => Cell::Hidden(HiddenCount::Below(threshold)),
            None => Cell::Empty,
        };
        let withheld = || {
            if row.suppressed && previous.is_some() {
                Cell::Hidden(HiddenCount::Withheld)
            } else {
                Cell::Empty
            }
        };
        let difference = row.difference.map_or_else(withheld, |d| Cell::Int(i64::from(d)));
        let change = row.percent_change.map_or_else(withheld, |p| Cell::Ratio(p / 100.0));
        sheet.row(vec![
            text(figure(lang, row.figure)),
            side(row.current, true),
            side(row.previous, previous.is_some()),
            difference,
            change,
        ]);
    }
    if previous.is_none() {
        sheet
            .notes
            .push(t("Aucune cohorte précédente dans la région.", "No previous cohort in the region.").to_owned());
    }
    out.push(sheet);

    if report.suppression.applied {
        let legend = legend(threshold, lang);
        for sheet in out.iter_mut().filter(|s| s.rows.iter().flatten().any(|c| matches!(c, Cell::Hidden(_)))) {
            sheet.notes.push(legend.clone());
        }
    }
    out
}

/// What « < 5 » and « x » mean.
fn legend(threshold: u32, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!(
            "«\u{a0}< {threshold}\u{a0}»\u{a0}: moins de {threshold} personnes, nombre masqué pour protéger la \
             confidentialité. «\u{a0}{SUPPRESSED_MARKER}\u{a0}»\u{a0}: nombre masqué pour qu'un petit effectif ne \
             puisse pas être retrouvé par calcul (il peut être de {threshold} ou plus)."
        ),
        Lang::En => format!(
            "\"< {threshold}\": fewer than {threshold} people, hidden for confidentiality. \"{SUPPRESSED_MARKER}\": \
             hidden so that a small count cannot be worked out (it may be {threshold} or more)."
        ),
    }
}

/// The workbook's bytes.
pub fn to_xlsx(report: &CohortReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let fr = lang == Lang::Fr;
    let mut workbook = Workbook::new();
    let title = if fr {
        format!("Rapport de cohorte SISMIC {} — {}", report.cohort.0.name, report.region_name)
    } else {
        format!("SISMIC cohort report {} — {}", report.cohort.0.name, report.region_name)
    };
    workbook.set_properties(&DocProperties::new().set_title(title.clone()).set_author("SISMIC Tracker"));
    let bold = Format::new().set_bold();
    let heading = Format::new().set_bold().set_font_size(14);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let note = Format::new().set_italic().set_text_wrap().set_align(FormatAlign::Top);

    let narrative = report.narrative_in(if fr {
        sismic_domain::narrative::Language::French
    } else {
        sismic_domain::narrative::Language::English
    });
    let sheet = workbook.add_worksheet();
    sheet.set_name(if fr { "Rapport" } else { "Report" })?;
    sheet.set_column_width(0, 110)?;
    sheet.write_string_with_format(0, 0, &title, &heading)?;
    let mut row = 2;
    sheet.write_string_with_format(row, 0, &narrative.summary, &wrapped)?;
    row += 2;
    for section in &narrative.sections {
        sheet.write_string_with_format(row, 0, &section.heading, &bold)?;
        row += 1;
        for item in &section.items {
            sheet.write_string_with_format(row, 0, format!("▪ {item}"), &wrapped)?;
            row += 1;
        }
        row += 1;
    }
    if let Some(text) = &narrative.note {
        sheet.write_string_with_format(row, 0, text, &note)?;
        row += 1;
    }
    if report.suppression.applied {
        sheet.write_string_with_format(
            row,
            0,
            legend(u32::try_from(report.suppression.threshold).unwrap_or(0), lang),
            &note,
        )?;
    }

    for table in tables(report, lang) {
        write_table(workbook.add_worksheet(), &table, &bold, &note)?;
    }
    workbook.save_to_buffer()
}

fn write_table(sheet: &mut Worksheet, table: &Table, bold: &Format, note: &Format) -> Result<(), XlsxError> {
    let percent = Format::new().set_num_format("0.0%");
    let days = Format::new().set_num_format("0.0");
    let money = Format::new().set_num_format("#,##0.00 \"$\"");
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let hidden = Format::new().set_align(FormatAlign::Right);
    sheet.set_name(&table.name)?;
    for (col, header) in table.headers.iter().enumerate() {
        let col = u16::try_from(col).unwrap_or(u16::MAX);
        sheet.write_string_with_format(0, col, header, bold)?;
        sheet.set_column_width(col, if col == 0 { 45 } else { 22 })?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let mut last = 0;
    for (r, cells) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        last = r;
        for (c, cell) in cells.iter().enumerate() {
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    sheet.write_string(r, c, t)?;
                }
                Cell::Int(n) => {
                    sheet.write_number(r, c, *n as f64)?;
                }
                Cell::Ratio(v) => {
                    sheet.write_number_with_format(r, c, *v, &percent)?;
                }
                Cell::Days(v) => {
                    sheet.write_number_with_format(r, c, *v, &days)?;
                }
                Cell::Cents(cents) => {
                    sheet.write_number_with_format(r, c, *cents as f64 / 100.0, &money)?;
                }
                Cell::Date(d) => {
                    use chrono::Datelike;
                    let when = ExcelDateTime::from_ymd(
                        u16::try_from(d.year()).unwrap_or(1900),
                        u8::try_from(d.month()).unwrap_or(1),
                        u8::try_from(d.day()).unwrap_or(1),
                    )?;
                    sheet.write_datetime_with_format(r, c, &when, &date)?;
                }
                Cell::Hidden(h) => {
                    sheet.write_string_with_format(r, c, hidden_text(*h), &hidden)?;
                }
            }
        }
    }
    for (r, text) in (last + 2..).zip(&table.notes) {
        sheet.write_string_with_format(r, 0, text, note)?;
    }
    Ok(())
}

/// « < 5 » or « x ».
fn hidden_text(hidden: HiddenCount) -> String {
    match hidden {
        HiddenCount::Below(threshold) => format!("< {threshold}"),
        HiddenCount::Withheld => SUPPRESSED_MARKER.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_cells_read_below_the_threshold_or_the_marker() {
        assert_eq!(hidden_text(HiddenCount::Below(5)), "< 5");
        assert_eq!(hidden_text(HiddenCount::Withheld), "x");
        assert_eq!(people(None, true, None), Cell::Hidden(HiddenCount::Withheld));
        assert_eq!(people(None, true, Some(5)), Cell::Hidden(HiddenCount::Below(5)));
        assert_eq!(people(Some(12), false, None), Cell::Int(12));
    }

    #[test]
    fn the_legend_says_what_both_markers_mean() {
        assert!(legend(5, Lang::Fr).starts_with("«\u{a0}< 5\u{a0}»\u{a0}: moins de 5 personnes"));
        assert!(legend(5, Lang::En).contains("it may be 5 or more"));
    }
}
