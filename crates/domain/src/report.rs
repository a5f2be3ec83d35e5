//! Report arithmetic: the dimensions reports break counts down by, age bands, rates, and the
//! small-cell suppression that keeps funders' figures from identifying anyone.
//!
//! # Suppression
//! A funder must never learn a count of 1 to `threshold - 1` people exactly, neither directly
//! nor by subtracting published cells from a published total. [`suppress`] decides which cells
//! of one breakdown to hide:
//!
//! 1. **Primary**: every cell counting 1 to `threshold - 1` is hidden. Zeros are published (an
//!    empty cell identifies no one).
//! 2. **Complementary** (only for *additive* breakdowns, whose cells add up to a published
//!    total): while the hidden cells can be recovered by subtraction — a single hidden cell, or
//!    hidden cells whose sum is itself below the threshold (two hidden cells adding up to 2 are
//!    both exactly 1) — the smallest published non-zero cell is hidden as well (ties: the first).
//! 3. **Total**: a total of 1 to `threshold - 1` is itself hidden (and then so is every
//!    non-zero cell, each being smaller).
//!
//! After the complementary step, the hidden cells of an additive breakdown are either none, or
//! at least two adding up to at least `threshold` (or the total is hidden): a reader who knows
//! the total learns only the sum of the hidden cells, never one of them.

use crate::project::UnknownName;

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

/// Decides which cells of a breakdown to hide (see the module documentation).
///
/// `additive` says whether the cells partition a total that is published (so that hidden cells
/// could be found by subtraction). A threshold of 0 or 1 hides nothing.
pub fn suppress(counts: &[u64], threshold: u32, additive: bool) -> Mask {
    let mut cells: Vec<bool> = counts.iter().map(|c| is_small(*c, threshold)).collect();
    let total_count: u64 = counts.iter().sum();
    let total = is_small(total_count, threshold);
    if additive && !total {
        loop {
            let hidden = cells.iter().filter(|h| **h).count();
            let hidden_sum: u64 = counts.iter().zip(&cells).filter(|(_, h)| **h).map(|(c, _)| *c).sum();
            let safe = hidden == 0 || (hidden >= 2 && hidden_sum >= u64::from(threshold));
            if safe {
                break;
            }
            let next = counts
                .iter()
                .enumerate()
                .filter(|(i, c)| !cells[*i] && **c > 0)
                .min_by_key(|(i, c)| (**c, *i))
                .map(|(i, _)| i);
            match next {
                Some(i) => cells[i] = true,
                // Unreachable when the total is not small (the cells then add up to at least
                // the threshold), but hiding the total is the safe answer in any case.
                None => return Mask { cells, total: true },
            }
        }
    }
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

macro_rules! named_enum {
    ($(#[$doc:meta])* $name:ident, $what:literal: $($(#[$vdoc:meta])* $variant:ident = $stored:literal),* $(,)?) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant),*
        }
        impl $name {
            /// Every value, in reporting order.
            pub const ALL: &'static [$name] = &[$($name::$variant),*];
            /// The name used in the API and the database.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $stored),* }
            }
        }
        impl std::str::FromStr for $name {
            type Err = UnknownName;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::ALL.iter().copied().find(|v| v.as_str() == s).ok_or_else(|| UnknownName::new($what, s))
            }
        }
        impl TryFrom<String> for $name {
            type Error = UnknownName;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                value.parse()
            }
        }
    };
}

named_enum!(
    /// Sector of activity of a project, as the Pôle's annual report groups them.
    Sector, "sector":
    /// Tourism.
    Tourism = "TOURISM",
    /// Culture and the arts.
    Culture = "CULTURE",
    /// Agriculture and food.
    AgriFood = "AGRI_FOOD",
    /// Retail trade.
    Retail = "RETAIL",
    /// Health and social services.
    Health = "HEALTH",
    /// Leisure and sports.
    Leisure = "LEISURE",
    /// Education and training.
    Education = "EDUCATION",
    /// Services to the community.
    CommunityServices = "COMMUNITY_SERVICES",
    /// Media and communications.
    Communications = "COMMUNICATIONS",
    /// Environment and circular economy.
    Environment = "ENVIRONMENT",
    /// Technology and digital services.
    Technology = "TECHNOLOGY",
    /// Housing.
    Housing = "HOUSING",
    /// Anything else.
    Other = "OTHER",
);

named_enum!(
    /// Gender of a participant, as they state it.
    Gender, "gender":
    /// Woman.
    Woman = "WOMAN",
    /// Man.
    Man = "MAN",
    /// Non-binary.
    NonBinary = "NON_BINARY",
    /// The person chose not to say.
    Undisclosed = "UNDISCLOSED",
);

named_enum!(
    /// Age band of a participant at the start of a cohort.
    AgeBand, "age band":
    /// Under 18.
    Under18 = "UNDER_18",
    /// 18 to 24.
    From18To24 = "FROM_18_TO_24",
    /// 25 to 29.
    From25To29 = "FROM_25_TO_29",
    /// 30 to 35.
    From30To35 = "FROM_30_TO_35",
    /// Over 35.
    Over35 = "OVER_35",
    /// Birth year not recorded.
    Unknown = "UNKNOWN",
);

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

named_enum!(
    /// Composition of a project team ("groupe promoteur"), from its members' genders.
    TeamComposition, "team composition":
    /// Only women ("une femme ou des femmes").
    Women = "WOMEN",
    /// Only men ("un homme ou des hommes").
    Men = "MEN",
    /// At least two different genders ("femmes et hommes").
    Mixed = "MIXED",
    /// Only non-binary people.
    NonBinary = "NON_BINARY",
    /// No member recorded, or a member whose gender is not recorded or undisclosed.
    Unknown = "UNKNOWN",
);

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
    fn a_small_total_is_hidden_with_all_its_cells() {
        let mask = suppress(&[2, 1, 0], 5, true);
        assert_eq!(mask, Mask { cells: vec![true, true, false], total: true });
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
            assert_eq!(s.as_str().parse::<Sector>().unwrap(), *s);
        }
        for g in Gender::ALL {
            assert_eq!(g.as_str().parse::<Gender>().unwrap(), *g);
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
            // Zeros are never hidden, and with no small cell nothing is.
            let mask = suppress(&counts, threshold, true);
            for (c, hidden) in counts.iter().zip(&mask.cells) {
                if *c == 0 {
                    prop_assert!(!*hidden);
                }
            }
            if !counts.iter().any(|c| is_small(*c, threshold)) {
                prop_assert!(mask.cells.iter().all(|h| !*h));
            }
        }
    }
}
