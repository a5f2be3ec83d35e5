//! Report arithmetic: the dimensions reports break counts down by, age bands, rates, and the
//! small-cell suppression that keeps funders' figures from identifying anyone.
//!
//! # Suppression
//! A funder must never learn a count of 1 to `threshold - 1` people, neither directly nor by
//! working it out from other published figures — of the same report, of the region's other
//! cohort reports, of the comparison with the previous cohort, or of the network report. The
//! figures of people are related in three ways, and each relation has its rule:
//!
//! 1. **Primary**: every count of 1 to `threshold - 1` people is hidden. Zeros are published
//!    (an empty cell identifies no one) unless a whole group is hidden (rules 2 to 4).
//! 2. **A cohort's people reached** (`reached`): when it is small, every count of people of the
//!    cohort is hidden, zeros included ([`suppress_cohort`]): the number of non-empty cells
//!    would otherwise bound it from below (four people in four MRCs would read "at least 4",
//!    and so exactly 4). A published `reached` is never hidden for any other reason, so a hidden
//!    one means only "1 to `threshold - 1`", and the rules below never have to protect it.
//! 3. **Breakdowns that add up to `reached`** (gender, age band, MRC; [`suppress`] with
//!    `additive`): the hidden cells are none, or at least two whose sum `S` is at least the
//!    threshold and at least `k + 1` for `k` hidden cells. Each hidden cell is then known only
//!    to lie in `1..=S - (k - 1)`, at least two values (five hidden cells of 1 each, adding up to
//!    5, would all be pinned to 1 otherwise). Complementary cells are the smallest published
//!    non-zero ones; when none is left, the whole breakdown is hidden, zeros included.
//! 4. **Stages** ([`suppress_stages`]): a person can attend several stages, so each stage is at
//!    most `reached` and `reached` is at most their sum. With `reached` published and a single
//!    stage hidden, that stage is at least `reached - (sum of the published stages)`: it may be
//!    hidden alone only when that bound says nothing (at most 1); otherwise the smallest
//!    published non-zero stage is hidden with it. Two hidden stages can each be anything from 1
//!    to `reached` (the other covers the rest).
//! 5. **The network report** ([`suppress_network`]): a region's figure (distinct people over
//!    its cohorts of the programme year) is at least each cohort's `reached` and at most their
//!    sum, so it bounds a hidden cohort from below (cohorts of 12 and 3 people, figure 15: the 3
//!    is at least 3). A region's figure is hidden whenever one of its cohorts' `reached` is,
//!    and the network total (the sum of the regions' figures) whenever one region's is.
//!
//! Rules 2, 4 and 5 cut every relation between a hidden figure and published ones; rule 3
//! leaves, for each breakdown, a sum over at least two unknowns. `tests/small_cells.rs` checks
//! this with an adversary that propagates bounds over all these relations at once.

pub use crate::vocabulary::{AgeBand, Gender, Sector, TeamComposition};

/// The default smallest count shown exactly to funders.
pub const DEFAULT_SUPPRESSION_THRESHOLD: u32 = 5;

/// Which cells of a breakdown to hide from a viewer who must not see small counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mask {
    /// One flag per cell, in the order given: `true` = hidden.
    pub cells: Vec<bool>,
    /// Whether the breakdown's total (the sum of its cells) must be hidden.
    pub total: bool,
}

/// Whether a count is a small cell: 1 to `threshold - 1`.
pub fn is_small(count: u64, threshold: u32) -> bool {
    count >= 1 && count < u64::from(threshold)
}

/// Decides which cells of a breakdown to hide (see the module documentation, rules 1 and 3).
///
/// `additive` says whether the cells partition a total that is published (so that hidden cells
/// could be found by subtraction). A total of 1 to `threshold - 1` hides every cell, zeros
/// included, and sets [`Mask::total`]. A threshold of 0 or 1 hides nothing.
pub fn suppress(counts: &[u64], threshold: u32, additive: bool) -> Mask {
    let mut cells: Vec<bool> = counts.iter().map(|c| is_small(*c, threshold)).collect();
    if !additive {
        return Mask { cells, total: false };
    }
    let total_count: u64 = counts.iter().sum();
    if is_small(total_count, threshold) {
        return Mask { cells: vec![true; counts.len()], total: true };
    }
    loop {
        let hidden = cells.iter().filter(|h| **h).count() as u64;
        let hidden_sum: u64 = counts.iter().zip(&cells).filter(|(_, h)| **h).map(|(c, _)| *c).sum();
        let safe = hidden == 0 || (hidden >= 2 && hidden_sum >= u64::from(threshold) && hidden_sum > hidden);
        if safe {
            return Mask { cells, total: false };
        }
        match smallest_published(counts, &cells) {
            Some(i) => cells[i] = true,
            // Only cells of 1 are left to hide: hiding the zeros too leaves each hidden cell
            // anywhere from 0 to the sum.
            None => return Mask { cells: vec![true; counts.len()], total: false },
        }
    }
}

/// The smallest published non-zero cell (ties: the first).
fn smallest_published(counts: &[u64], hidden: &[bool]) -> Option<usize> {
    (0..counts.len()).filter(|i| !hidden[*i] && counts[*i] > 0).min_by_key(|i| (counts[*i], *i))
}

/// Whether a cohort's people reached is hidden: exactly when it is small (module rule 2).
pub fn reached_hidden(reached: u64, threshold: u32) -> bool {
    is_small(reached, threshold)
}

/// Which stage counts of a cohort to hide (module rule 4), for a published `reached` (when
/// `reached` is hidden, [`suppress_cohort`] hides every stage).
pub fn suppress_stages(reached: u64, stages: &[u64], threshold: u32) -> Vec<bool> {
    let mut hidden: Vec<bool> = stages.iter().map(|c| is_small(*c, threshold)).collect();
    if hidden.iter().filter(|h| **h).count() == 1 {
        let published: u64 = stages.iter().zip(&hidden).filter(|(_, h)| !**h).map(|(c, _)| *c).sum();
        // The lone hidden stage is at least this: at most 1 tells nothing (it is at least 1).
        if reached.saturating_sub(published) > 1 {
            match smallest_published(stages, &hidden) {
                Some(i) => hidden[i] = true,
                // The published stages are all 0, so the hidden one covers everyone and is not
                // small: unreachable, but hiding them all is the safe answer.
                None => hidden = vec![true; stages.len()],
            }
        }
    }
    hidden
}

/// The counts of people of one cohort report.
#[derive(Debug, Clone, Copy)]
pub struct CohortPeople<'a> {
    /// Distinct people reached.
    pub reached: u64,
    /// Distinct people per stage (overlapping).
    pub stages: &'a [u64],
    /// Breakdowns whose cells add up to `reached` (gender, age band, MRC).
    pub breakdowns: &'a [&'a [u64]],
}

/// What to hide of one cohort report's counts of people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CohortMask {
    /// Whether people reached is hidden.
    pub reached: bool,
    /// One flag per stage.
    pub stages: Vec<bool>,
    /// One mask per breakdown, cell by cell.
    pub breakdowns: Vec<Vec<bool>>,
}

/// Decides what to hide of a cohort's counts of people (module rules 1 to 4).
pub fn suppress_cohort(people: &CohortPeople<'_>, threshold: u32) -> CohortMask {
    if reached_hidden(people.reached, threshold) {
        return CohortMask {
            reached: true,
            stages: vec![true; people.stages.len()],
            breakdowns: people.breakdowns.iter().map(|b| vec![true; b.len()]).collect(),
        };
    }
    CohortMask {
        reached: false,
        stages: suppress_stages(people.reached, people.stages, threshold),
        breakdowns: people.breakdowns.iter().map(|b| suppress(b, threshold, true).cells).collect(),
    }
}

/// One region's people in a programme year, for the network report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegionPeople {
    /// Distinct people over the region's cohorts of the year.
    pub reached: u64,
    /// People reached by each of those cohorts (their cohort reports' figures).
    pub cohorts_reached: Vec<u64>,
}

/// Which regions' figures, and whether the network total, to hide (module rule 5).
pub fn suppress_network(regions: &[RegionPeople], threshold: u32) -> Mask {
    let cells: Vec<bool> = regions
        .iter()
        .map(|r| is_small(r.reached, threshold) || r.cohorts_reached.iter().any(|c| reached_hidden(*c, threshold)))
        .collect();
    let total = cells.iter().any(|h| *h);
    Mask { cells, total }
}

/// `part / whole`, or `None` when `whole` is 0.
pub fn rate(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 / whole as f64)
}

/// Change from `previous` to `current` in percent, or `None` when `previous` is 0.
pub fn percent_change(current: i64, previous: i64) -> Option<f64> {
    (previous != 0).then(|| (current - previous) as f64 * 100.0 / previous as f64)
}

impl AgeBand {
    /// The band of an age in years (`None`: unknown).
    pub fn of_age(age: Option<i32>) -> AgeBand {
        match age {
            None => AgeBand::Unknown,
            Some(a) if a < 18 => AgeBand::Under18,
            Some(a) if a <= 24 => AgeBand::From18To24,
            Some(a) if a <= 29 => AgeBand::From25To29,
            Some(a) if a <= 35 => AgeBand::From30To35,
            Some(_) => AgeBand::Over35,
        }
    }

    /// Age at a cohort's start, from the birth year only: the age the person reaches during the
    /// calendar year the cohort starts (someone born in 2002 is counted 18 for a cohort starting
    /// on April 1, 2020). The birth date is not collected (Law 25: collect only what is needed).
    pub fn age_in(start_year: i32, birth_year: Option<i32>) -> Option<i32> {
        birth_year.map(|b| start_year - b)
    }
}

impl TeamComposition {
    /// The composition of a team of `members` people of whom `women`, `men` and `non_binary`
    /// stated that gender (the others are unknown or undisclosed).
    pub fn of(members: u64, women: u64, men: u64, non_binary: u64) -> TeamComposition {
        if members == 0 || women + men + non_binary < members {
            TeamComposition::Unknown
        } else if women == members {
            TeamComposition::Women
        } else if men == members {
            TeamComposition::Men
        } else if non_binary == members {
            TeamComposition::NonBinary
        } else {
            TeamComposition::Mixed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn small_cells_are_hidden_and_zeros_are_not() {
        let mask = suppress(&[0, 3, 12, 7], 5, false);
        assert_eq!(mask.cells, vec![false, true, false, false]);
        assert!(!mask.total);
    }

    #[test]
    fn a_single_hidden_cell_drags_the_next_smallest_with_it() {
        // Total 22 published: 3 = 22 - 12 - 7 would be found by subtraction.
        let mask = suppress(&[0, 3, 12, 7], 5, true);
        assert_eq!(mask.cells, vec![false, true, false, true]);
    }

    #[test]
    fn two_hidden_cells_adding_up_to_a_small_sum_drag_a_third() {
        // 1 + 1 = 2 = 52 - 50: both would be known to be exactly 1.
        let mask = suppress(&[1, 1, 50, 60], 5, true);
        assert_eq!(mask.cells, vec![true, true, true, false]);
    }

    #[test]
    fn a_small_total_is_hidden_with_all_its_cells_zeros_too() {
        // A published 0 would tell that the two other cells hold all of the (hidden) total.
        let mask = suppress(&[2, 1, 0], 5, true);
        assert_eq!(mask, Mask { cells: vec![true, true, true], total: true });
    }

    #[test]
    fn hidden_cells_of_one_each_are_not_pinned_by_their_sum() {
        // Five cells of 1 add up to 5 (the threshold), but each hidden cell is at least 1: all
        // five would be pinned to 1. A sixth hidden cell (the 7) leaves each 1 to 7.
        let mask = suppress(&[1, 1, 1, 1, 1, 7, 20], 5, true);
        assert_eq!(mask.cells, vec![true, true, true, true, true, true, false]);
        // Nothing else to hide: the whole breakdown goes, zeros included.
        let mask = suppress(&[1, 1, 1, 1, 1, 0], 5, true);
        assert_eq!(mask, Mask { cells: vec![true; 6], total: false });
    }

    #[test]
    fn a_stage_hidden_alone_must_not_be_bounded_by_the_others() {
        // 14 reached, 10 at REVELATION, 0 at IDEATION: PROTOTYPING is at least 4, so a hidden 4
        // would be pinned; REVELATION is hidden with it.
        assert_eq!(suppress_stages(14, &[10, 0, 4], 5), vec![true, false, true]);
        // 7 reached, 7 at REVELATION: the hidden IDEATION is only known to be at least 0.
        assert_eq!(suppress_stages(7, &[7, 2, 0], 5), vec![false, true, false]);
        // 18 reached, 10 + 13 published: at least -5, nothing learnt.
        assert_eq!(suppress_stages(18, &[10, 13, 3], 5), vec![false, false, true]);
        // Two hidden stages protect each other.
        assert_eq!(suppress_stages(9, &[9, 3, 2], 5), vec![false, true, true]);
        assert_eq!(suppress_stages(9, &[9, 3, 2], 1), vec![false, false, false]);
    }

    #[test]
    fn a_small_cohort_hides_all_its_people_counts() {
        let gender: &[u64] = &[3, 0, 0];
        let mask = suppress_cohort(&CohortPeople { reached: 3, stages: &[3, 0, 1], breakdowns: &[gender] }, 5);
        assert_eq!(
            mask,
            CohortMask { reached: true, stages: vec![true; 3], breakdowns: vec![vec![true; 3]] },
            "a published 0 would say that all 3 are in the first cell"
        );
        let mask = suppress_cohort(&CohortPeople { reached: 12, stages: &[12, 0, 0], breakdowns: &[&[12, 0]] }, 5);
        assert_eq!(mask, CohortMask { reached: false, stages: vec![false; 3], breakdowns: vec![vec![false; 2]] });
    }

    #[test]
    fn a_region_with_a_hidden_cohort_is_hidden_and_so_is_the_network() {
        // Cohorts of 12 and 3: the region's 15 would say the 3 is at least 3.
        let regions = [
            RegionPeople { reached: 15, cohorts_reached: vec![12, 3] },
            RegionPeople { reached: 8, cohorts_reached: vec![8] },
        ];
        assert_eq!(suppress_network(&regions, 5), Mask { cells: vec![true, false], total: true });
        assert_eq!(suppress_network(&regions, 3), Mask { cells: vec![false, false], total: false });
    }

    #[test]
    fn threshold_one_hides_nothing() {
        assert_eq!(suppress(&[1, 2, 3], 1, true).cells, vec![false; 3]);
        assert_eq!(suppress(&[1, 2, 3], 0, true).cells, vec![false; 3]);
    }

    #[test]
    fn ties_pick_the_first_cell() {
        assert_eq!(suppress(&[9, 2, 9], 5, true).cells, vec![true, true, false]);
    }

    #[test]
    fn age_bands_follow_the_report() {
        assert_eq!(AgeBand::of_age(AgeBand::age_in(2020, Some(2003))), AgeBand::Under18);
        assert_eq!(AgeBand::of_age(AgeBand::age_in(2020, Some(2002))), AgeBand::From18To24);
        assert_eq!(AgeBand::of_age(Some(24)), AgeBand::From18To24);
        assert_eq!(AgeBand::of_age(Some(25)), AgeBand::From25To29);
        assert_eq!(AgeBand::of_age(Some(35)), AgeBand::From30To35);
        assert_eq!(AgeBand::of_age(Some(36)), AgeBand::Over35);
        assert_eq!(AgeBand::of_age(None), AgeBand::Unknown);
    }

    #[test]
    fn team_compositions() {
        assert_eq!(TeamComposition::of(2, 2, 0, 0), TeamComposition::Women);
        assert_eq!(TeamComposition::of(1, 0, 1, 0), TeamComposition::Men);
        assert_eq!(TeamComposition::of(3, 2, 1, 0), TeamComposition::Mixed);
        assert_eq!(TeamComposition::of(2, 1, 0, 1), TeamComposition::Mixed);
        assert_eq!(TeamComposition::of(2, 0, 0, 2), TeamComposition::NonBinary);
        assert_eq!(TeamComposition::of(3, 2, 0, 0), TeamComposition::Unknown);
        assert_eq!(TeamComposition::of(0, 0, 0, 0), TeamComposition::Unknown);
    }

    #[test]
    fn rates_and_changes_have_no_base_zero() {
        assert_eq!(rate(1, 0), None);
        assert_eq!(rate(1, 4), Some(0.25));
        assert_eq!(percent_change(7, 0), None);
        assert_eq!(percent_change(21, 18), Some(100.0 / 6.0));
        assert_eq!(percent_change(9, 18), Some(-50.0));
    }

    #[test]
    fn names_round_trip() {
        for s in Sector::ALL {
            assert_eq!(s.as_str().parse::<Sector>().unwrap(), s);
        }
        for g in Gender::ALL {
            assert_eq!(g.as_str().parse::<Gender>().unwrap(), g);
        }
        assert!("MARTIAN".parse::<Gender>().is_err());
    }

    /// Everything a reader who knows the published cells and (when published) the total can
    /// deduce about one hidden cell: its value is pinned only if it is the sole unknown.
    fn recoverable(counts: &[u64], mask: &Mask, threshold: u32) -> Option<usize> {
        if mask.total {
            return None;
        }
        let hidden: Vec<usize> = (0..counts.len()).filter(|i| mask.cells[*i]).collect();
        let hidden_sum: u64 = hidden.iter().map(|i| counts[*i]).sum();
        match hidden.len() {
            1 => Some(hidden[0]),
            // Each hidden cell is at least 1 when positive; a sum below the threshold spread
            // over k cells allows pinning when sum == k (all ones).
            n if n >= 2 && hidden_sum < u64::from(threshold) => Some(hidden[0]),
            _ => None,
        }
    }

    proptest! {
        #[test]
        fn no_small_cell_is_ever_shown(counts in prop::collection::vec(0u64..40, 1..10), threshold in 0u32..10, additive: bool) {
            let mask = suppress(&counts, threshold, additive);
            prop_assert_eq!(mask.cells.len(), counts.len());
            for (c, hidden) in counts.iter().zip(&mask.cells) {
                if is_small(*c, threshold) {
                    prop_assert!(*hidden);
                }
            }
        }

        #[test]
        fn additive_breakdowns_cannot_be_undone_by_subtraction(counts in prop::collection::vec(0u64..40, 1..10), threshold in 2u32..10) {
            let mask = suppress(&counts, threshold, true);
            prop_assert_eq!(recoverable(&counts, &mask, threshold), None, "{:?} -> {:?}", counts, mask);
            let total: u64 = counts.iter().sum();
            prop_assert_eq!(mask.total, is_small(total, threshold));
        }

        #[test]
        fn suppression_hides_only_what_it_must(counts in prop::collection::vec(0u64..40, 1..10), threshold in 2u32..10) {
            // Zeros are hidden only with the whole breakdown, and with no small cell nothing is.
            let mask = suppress(&counts, threshold, true);
            let all = mask.cells.iter().all(|h| *h);
            for (c, hidden) in counts.iter().zip(&mask.cells) {
                if *c == 0 {
                    prop_assert!(!*hidden || all);
                }
            }
            if !counts.iter().any(|c| is_small(*c, threshold)) {
                prop_assert!(mask.cells.iter().all(|h| !*h));
            }
        }
    }
}
