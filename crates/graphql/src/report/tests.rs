use super::cohort::{compare, fold};
use super::*;
use sismic_store::reports;

#[test]
fn mrc_names_sort_as_french_readers_expect() {
    let mut names = vec!["Nicolet-Yamaska", "L'Érable", "arthabaska", "Drummond", "Bécancour"];
    names.sort_by_key(|n| fold(n));
    assert_eq!(names, vec!["arthabaska", "Bécancour", "Drummond", "L'Érable", "Nicolet-Yamaska"]);
}

#[test]
fn programme_years_run_april_to_march() {
    let (from, to) = program_year_bounds(2020).unwrap();
    assert_eq!((from.to_string(), to.to_string()), ("2020-04-01".to_owned(), "2021-03-31".to_owned()));
    assert!(program_year_bounds(1999).is_err());
}

#[test]
fn a_hidden_side_hides_the_difference() {
    let sup = Suppressor { applied: true, threshold: 5 };
    let now = reports::Headline { participants_reached: 7, project_count: 3, ..Default::default() };
    let before = reports::Headline { participants_reached: 3, project_count: 2, ..Default::default() };
    let figures = compare(&now, Some(&before), &sup);
    assert_eq!(figures[0].current, Some(7));
    assert_eq!(figures[0].previous, None);
    assert_eq!(figures[0].difference, None, "7 - difference would give the hidden 3");
    assert!(figures[0].suppressed);
    assert_eq!(figures[1].difference, Some(1));
    assert_eq!(figures[1].percent_change, Some(50.0));
    let exact = compare(&now, Some(&before), &Suppressor { applied: false, threshold: 5 });
    assert_eq!(exact[0].difference, Some(4));
    let none = compare(&now, None, &sup);
    assert_eq!((none[1].previous, none[1].difference, none[1].percent_change), (None, None, None));
}
