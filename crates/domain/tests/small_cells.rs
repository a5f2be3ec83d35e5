//! Issue 8, finding 4: a small count of people cannot be worked out from anything a funder
//! reads — the cohort reports of a region's cohorts, the comparison with the previous cohort,
//! the network report's region figures and network total (the CSV and JSON exports render the
//! cohort report's values, so they publish nothing more).
//!
//! The test plays the funder. It generates people (stages attended in each cohort, gender, age
//! band, MRC) for 1 to 3 cohorts of each of 1 to 3 regions in one programme year, computes what
//! the suppression rules publish, and gives an adversary every published figure, which cells
//! are hidden, and every relation between the figures:
//!
//! - per cohort: each stage count ≤ people reached ≤ the sum of the stage counts (a person can
//!   attend several stages); the gender, age-band and MRC cells add up to people reached;
//! - per region: each cohort's people reached ≤ the region's figure ≤ their sum (a person can
//!   attend several cohorts of the year);
//! - the network total is the sum of the region figures;
//! - a published comparison: this cohort's figure − the previous cohort's = the difference;
//!
//! and what the rules themselves give away: a zero is published (so a hidden cell is at least 1)
//! unless its whole group is hidden; a hidden people-reached figure is a small count (1 to
//! threshold − 1: nothing else hides it); a stage hidden alone is a small count (complementary
//! suppression hides stages in pairs).
//!
//! The adversary propagates bounds over those linear relations to a fixpoint, then probes each
//! hidden cell value by value (a value is excluded when fixing the cell to it makes the bounds
//! contradict). A hidden cell leaks when it is pinned to one value, or, for a cell the adversary
//! knows to be small, when any value from 1 to threshold − 1 is excluded (the funder must learn
//! no more than "hidden").
//!
//! Thresholds run from 3 to 6. At 2 the only small count is 1: a null then says "1" by itself,
//! and a figure that can only repeat it (the region of that one cohort) is pinned with it.

use proptest::prelude::*;
use sismic_domain::report::{is_small, suppress, suppress_cohort, suppress_network, CohortPeople, RegionPeople};

/// Cells of the gender (four genders and "not recorded"), age-band and MRC breakdowns.
const BREAKDOWNS: [usize; 3] = [5, 6, 4];
/// An upper bound the adversary cannot improve on: "as many as you like".
const MANY: i64 = 1_000_000;

/// One participant of a region.
#[derive(Debug, Clone)]
struct Person {
    /// Cell of each breakdown (gender, age band, MRC).
    cells: [usize; 3],
    /// Per cohort of the region: the stages attended, as bits (0: not reached by that cohort).
    stages: Vec<u8>,
}

/// One region's cohorts of the programme year and its participants.
#[derive(Debug, Clone)]
struct Region {
    cohorts: usize,
    people: Vec<Person>,
}

/// The true people counts of one cohort.
#[derive(Debug, Clone)]
struct Counts {
    reached: u64,
    stages: Vec<u64>,
    breakdowns: Vec<Vec<u64>>,
}

fn cohort_counts(region: &Region, cohort: usize) -> Counts {
    let reached: Vec<&Person> = region.people.iter().filter(|p| p.stages[cohort] != 0).collect();
    Counts {
        reached: reached.len() as u64,
        stages: (0..3).map(|s| reached.iter().filter(|p| p.stages[cohort] & (1 << s) != 0).count() as u64).collect(),
        breakdowns: BREAKDOWNS
            .iter()
            .enumerate()
            .map(|(b, n)| (0..*n).map(|cell| reached.iter().filter(|p| p.cells[b] == cell).count() as u64).collect())
            .collect(),
    }
}

fn region_reached(region: &Region) -> u64 {
    region.people.iter().filter(|p| p.stages[..region.cohorts].iter().any(|s| *s != 0)).count() as u64
}

/// Which figures a funder does not see.
#[derive(Debug, Clone)]
struct Hidden {
    reached: bool,
    stages: Vec<bool>,
    breakdowns: Vec<Vec<bool>>,
}

/// Everything hidden from a funder, per region and cohort, and in the network report.
#[derive(Debug)]
struct Publication {
    cohorts: Vec<Vec<Hidden>>,
    regions: Vec<bool>,
    total: bool,
}

type Rules = fn(&[Vec<Counts>], &[u64], u32) -> Publication;

/// The rules as the API applies them (crates/graphql/src/report.rs).
fn current_rules(cohorts: &[Vec<Counts>], regions: &[u64], threshold: u32) -> Publication {
    let hidden = cohorts
        .iter()
        .map(|region| {
            region
                .iter()
                .map(|c| {
                    let breakdowns: Vec<&[u64]> = c.breakdowns.iter().map(Vec::as_slice).collect();
                    let mask = suppress_cohort(
                        &CohortPeople { reached: c.reached, stages: &c.stages, breakdowns: &breakdowns },
                        threshold,
                    );
                    Hidden { reached: mask.reached, stages: mask.stages, breakdowns: mask.breakdowns }
                })
                .collect()
        })
        .collect();
    let people: Vec<RegionPeople> = regions
        .iter()
        .zip(cohorts)
        .map(|(reached, cohorts)| RegionPeople {
            reached: *reached,
            cohorts_reached: cohorts.iter().map(|c| c.reached).collect(),
        })
        .collect();
    let mask = suppress_network(&people, threshold);
    Publication { cohorts: hidden, regions: mask.cells, total: mask.total }
}

/// The rules before issue 8, finding 4: stages and people reached hidden only when small,
/// breakdowns with the old complementary rule, a region figure hidden only when small.
fn legacy_rules(cohorts: &[Vec<Counts>], regions: &[u64], threshold: u32) -> Publication {
    let hidden = cohorts
        .iter()
        .map(|region| {
            region
                .iter()
                .map(|c| Hidden {
                    reached: is_small(c.reached, threshold),
                    stages: c.stages.iter().map(|s| is_small(*s, threshold)).collect(),
                    breakdowns: c.breakdowns.iter().map(|b| legacy_suppress(b, threshold)).collect(),
                })
                .collect()
        })
        .collect();
    let cells: Vec<bool> = regions.iter().map(|r| is_small(*r, threshold)).collect();
    let total = cells.iter().any(|h| *h);
    Publication { cohorts: hidden, regions: cells, total }
}

/// The old complementary rule: at least two hidden cells adding up to at least the threshold.
fn legacy_suppress(counts: &[u64], threshold: u32) -> Vec<bool> {
    let mut cells: Vec<bool> = counts.iter().map(|c| is_small(*c, threshold)).collect();
    if is_small(counts.iter().sum(), threshold) {
        return cells;
    }
    loop {
        let hidden = cells.iter().filter(|h| **h).count();
        let sum: u64 = counts.iter().zip(&cells).filter(|(_, h)| **h).map(|(c, _)| *c).sum();
        if hidden == 0 || (hidden >= 2 && sum >= u64::from(threshold)) {
            return cells;
        }
        let next = (0..counts.len()).filter(|i| !cells[*i] && counts[*i] > 0).min_by_key(|i| (counts[*i], *i));
        match next {
            Some(i) => cells[i] = true,
            None => return cells,
        }
    }
}

/// `Σ coefficient × variable ≤ rhs`, or `= rhs`.
#[derive(Debug, Clone)]
struct Relation {
    terms: Vec<(i64, usize)>,
    rhs: i64,
    equal: bool,
}

/// What the adversary knows: one variable per figure, its bounds, and the relations.
#[derive(Debug, Default)]
struct Model {
    names: Vec<String>,
    truth: Vec<i64>,
    hidden: Vec<bool>,
    known_small: Vec<bool>,
    lo: Vec<i64>,
    hi: Vec<i64>,
    relations: Vec<Relation>,
}

impl Model {
    /// A figure: published (bounds: its value) or hidden with the bounds the rules give away.
    fn figure(&mut self, name: String, truth: u64, hidden: bool, bounds: (i64, i64), known_small: bool) -> usize {
        let truth = truth as i64;
        self.names.push(name);
        self.truth.push(truth);
        self.hidden.push(hidden);
        self.known_small.push(hidden && known_small);
        let (lo, hi) = if hidden { bounds } else { (truth, truth) };
        self.lo.push(lo);
        self.hi.push(hi);
        self.names.len() - 1
    }

    fn at_most(&mut self, terms: Vec<(i64, usize)>, rhs: i64) {
        self.relations.push(Relation { terms, rhs, equal: false });
    }

    fn equal(&mut self, terms: Vec<(i64, usize)>, rhs: i64) {
        self.relations.push(Relation { terms, rhs, equal: true });
    }

    /// Every figure a funder can read, and how they relate.
    fn of(regions: &[Region], counts: &[Vec<Counts>], reached: &[u64], p: &Publication, threshold: u32) -> Model {
        let small = (1, i64::from(threshold) - 1);
        // Zeros are published unless the whole group is hidden.
        let floor = |hidden: &[bool]| if hidden.iter().all(|h| *h) { 0 } else { 1 };
        let mut m = Model::default();
        let mut region_vars = Vec::new();
        for (r, region) in regions.iter().enumerate() {
            let mut totals = Vec::new();
            for c in 0..region.cohorts {
                let (n, h) = (&counts[r][c], &p.cohorts[r][c]);
                let t = m.figure(format!("r{r}c{c} reached"), n.reached, h.reached, small, true);
                let lone = h.stages.iter().filter(|x| **x).count() == 1;
                let stages: Vec<usize> = (0..3)
                    .map(|s| {
                        let bounds = if lone { small } else { (floor(&h.stages), MANY) };
                        m.figure(format!("r{r}c{c} stage {s}"), n.stages[s], h.stages[s], bounds, lone)
                    })
                    .collect();
                for s in &stages {
                    m.at_most(vec![(1, *s), (-1, t)], 0);
                }
                let mut cover: Vec<(i64, usize)> = stages.iter().map(|s| (-1, *s)).collect();
                cover.push((1, t));
                m.at_most(cover, 0);
                for (b, cells) in n.breakdowns.iter().enumerate() {
                    let lo = floor(&h.breakdowns[b]);
                    let mut sum: Vec<(i64, usize)> = cells
                        .iter()
                        .enumerate()
                        .map(|(i, v)| {
                            (
                                1,
                                m.figure(
                                    format!("r{r}c{c} breakdown {b} cell {i}"),
                                    *v,
                                    h.breakdowns[b][i],
                                    (lo, MANY),
                                    false,
                                ),
                            )
                        })
                        .collect();
                    sum.push((-1, t));
                    m.equal(sum, 0);
                }
                // The comparison with the previous cohort publishes a difference only when
                // both figures are published.
                if c > 0 && !h.reached && !p.cohorts[r][c - 1].reached {
                    let d = n.reached as i64 - counts[r][c - 1].reached as i64;
                    m.equal(vec![(1, t), (-1, totals[c - 1])], d);
                }
                totals.push(t);
            }
            let u = m.figure(format!("r{r} region"), reached[r], p.regions[r], (1, MANY), false);
            for t in &totals {
                m.at_most(vec![(1, *t), (-1, u)], 0);
            }
            let mut union: Vec<(i64, usize)> = totals.iter().map(|t| (-1, *t)).collect();
            union.push((1, u));
            m.at_most(union, 0);
            region_vars.push(u);
        }
        let network = m.figure("network".into(), reached.iter().sum(), p.total, (1, MANY), false);
        let mut sum: Vec<(i64, usize)> = region_vars.iter().map(|u| (1, *u)).collect();
        sum.push((-1, network));
        m.equal(sum, 0);
        m
    }

    /// Tightens `lo`/`hi` over the relations; false when they contradict.
    fn propagate(&self, lo: &mut [i64], hi: &mut [i64]) -> bool {
        for _ in 0..500 {
            let mut changed = false;
            for rel in &self.relations {
                let signs: &[i64] = if rel.equal { &[1, -1] } else { &[1] };
                for sign in signs {
                    // Σ (sign·a)·x ≤ sign·rhs
                    // The smallest a term can be. Tightening a term's bound below never changes
                    // its own smallest value (an upper bound for a positive coefficient, a lower
                    // one for a negative), so `min_sum` stays exact through the loop.
                    let min_of = |lo: &[i64], hi: &[i64], (a, x): (i64, usize)| {
                        let a = a * sign;
                        if a > 0 {
                            a * lo[x]
                        } else {
                            a * hi[x]
                        }
                    };
                    let min_sum: i64 = rel.terms.iter().map(|t| min_of(lo, hi, *t)).sum();
                    for term in &rel.terms {
                        let (a, x) = (term.0 * sign, term.1);
                        let room = sign * rel.rhs - (min_sum - min_of(lo, hi, *term));
                        if a > 0 && room < hi[x] {
                            hi[x] = room;
                            changed = true;
                        } else if a < 0 && -room > lo[x] {
                            lo[x] = -room;
                            changed = true;
                        }
                        if lo[x] > hi[x] {
                            return false;
                        }
                    }
                }
            }
            if !changed {
                break;
            }
        }
        true
    }

    /// Whether the published figures allow `var == value`, as far as bounds propagation tells.
    fn allows(&self, var: usize, value: i64) -> bool {
        let (mut lo, mut hi) = (self.lo.clone(), self.hi.clone());
        if value < lo[var] || value > hi[var] {
            return false;
        }
        lo[var] = value;
        hi[var] = value;
        self.propagate(&mut lo, &mut hi)
    }

    /// The hidden figures the adversary works out, with what it learns.
    fn leaks(&self, threshold: u32) -> Vec<String> {
        let truth_ok = (0..self.truth.len()).all(|i| self.lo[i] <= self.truth[i] && self.truth[i] <= self.hi[i]);
        assert!(truth_ok, "the model must admit the true figures");
        let (mut lo, mut hi) = (self.lo.clone(), self.hi.clone());
        assert!(self.propagate(&mut lo, &mut hi), "the true figures satisfy every relation");
        let mut leaks = Vec::new();
        for v in (0..self.truth.len()).filter(|v| self.hidden[*v]) {
            let truth = self.truth[v];
            if self.known_small[v] {
                let excluded: Vec<i64> = (1..i64::from(threshold)).filter(|x| !self.allows(v, *x)).collect();
                if !excluded.is_empty() {
                    leaks.push(format!("{} = {truth}: a small count, and not any of {excluded:?}", self.names[v]));
                }
            } else {
                let candidates = (lo[v]..=hi[v].min(lo[v] + 64)).chain([hi[v]]);
                if !candidates.into_iter().any(|x| x != truth && self.allows(v, x)) {
                    leaks.push(format!("{} = {truth}: pinned", self.names[v]));
                }
            }
        }
        leaks
    }
}

/// What the adversary works out from what `rules` publish about `regions`.
fn attack(regions: &[Region], threshold: u32, rules: Rules) -> Vec<String> {
    let counts: Vec<Vec<Counts>> =
        regions.iter().map(|r| (0..r.cohorts).map(|c| cohort_counts(r, c)).collect()).collect();
    let reached: Vec<u64> = regions.iter().map(region_reached).collect();
    let publication = rules(&counts, &reached, threshold);
    Model::of(regions, &counts, &reached, &publication, threshold).leaks(threshold)
}

fn person(cells: [usize; 3], stages: &[u8]) -> Person {
    Person { cells, stages: stages.to_vec() }
}

/// `n` people of the same gender, age band and MRC, with these stage bits per cohort.
fn people(n: usize, stages: &[u8]) -> Vec<Person> {
    (0..n).map(|_| person([0, 1, 0], stages)).collect()
}

/// The brief's stage case: 14 reached, 10 at révélation, 0 at idéation, 4 at prototypage.
fn stage_case() -> Vec<Region> {
    let mut people = people(10, &[0b001]);
    people.extend(self::people(4, &[0b100]));
    vec![Region { cohorts: 1, people }]
}

/// The brief's network case: cohort A of 12 people and cohort B of 3 others, in one region and
/// year; another region of 8.
fn network_case() -> Vec<Region> {
    let mut people = people(12, &[0b001, 0]);
    people.extend(self::people(3, &[0, 0b001]));
    vec![Region { cohorts: 2, people }, Region { cohorts: 1, people: self::people(8, &[0b011]) }]
}

/// Three people reached, one in each of three MRCs: with the fourth MRC cell's 0 published, the
/// three hidden cells of at least 1 each told that the hidden total is at least 3 (3 or 4).
fn three_mrcs_case() -> Vec<Region> {
    let people = (0..3).map(|m| person([0, 1, m], &[0b001])).collect();
    vec![Region { cohorts: 1, people }, Region { cohorts: 1, people: self::people(9, &[0b001]) }]
}

#[test]
fn the_adversary_works_out_what_the_old_rules_gave_away() {
    // A test of the test: the adversary must find the known leaks, or its silence below means nothing.
    let stage = attack(&stage_case(), 5, legacy_rules);
    assert!(stage.iter().any(|l| l.starts_with("r0c0 stage 2 = 4")), "{stage:?}");
    let network = attack(&network_case(), 5, legacy_rules);
    assert!(network.iter().any(|l| l.starts_with("r0c1 reached = 3")), "{network:?}");
    let mrcs = attack(&three_mrcs_case(), 5, legacy_rules);
    assert!(mrcs.iter().any(|l| l.starts_with("r0c0 reached = 3")), "{mrcs:?}");
}

#[test]
fn the_brief_cases_leak_nothing_under_the_current_rules() {
    for (name, case) in [("stages", stage_case()), ("network", network_case()), ("MRC", three_mrcs_case())] {
        assert_eq!(attack(&case, 5, current_rules), Vec::<String>::new(), "{name}");
    }
}

fn region_strategy() -> impl Strategy<Value = Region> {
    (1usize..=3, 0usize..=16).prop_flat_map(|(cohorts, n)| {
        // Stage bits per cohort, often 0 (not reached by that cohort) so that cohorts differ.
        let stages = prop::collection::vec(prop_oneof![2 => Just(0u8), 3 => 1u8..8], cohorts);
        let person = ((0usize..5, 0usize..6, 0usize..4), stages)
            .prop_map(|((g, a, m), stages)| Person { cells: [g, a, m], stages });
        prop::collection::vec(person, n).prop_map(move |people| Region { cohorts, people })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_hidden_count_of_people_can_be_worked_out(
        regions in prop::collection::vec(region_strategy(), 1..=3),
        threshold in 3u32..=6,
    ) {
        let leaks = attack(&regions, threshold, current_rules);
        prop_assert!(leaks.is_empty(), "{:?}", leaks);
    }

    #[test]
    fn breakdowns_alone_cannot_be_undone(counts in prop::collection::vec(0u64..12, 1..8), threshold in 2u32..=6) {
        // One breakdown with its published total, nothing else: the partition rule by itself.
        let mask = suppress(&counts, threshold, true);
        let total: u64 = counts.iter().sum();
        for (c, h) in counts.iter().zip(&mask.cells) {
            prop_assert!(!is_small(*c, threshold) || *h, "small cell {} shown", c);
        }
        if !mask.total && mask.cells.iter().any(|h| *h) {
            let hidden: Vec<u64> = counts.iter().zip(&mask.cells).filter(|(_, h)| **h).map(|(c, _)| *c).collect();
            let sum: u64 = hidden.iter().sum();
            let all = mask.cells.iter().all(|h| *h);
            // Each hidden cell is at least 1 (0 when the whole breakdown is hidden) and the
            // others take up the rest: its range [floor, sum − floor × (k − 1)] has two values
            // or more when sum > floor × k.
            let floor = u64::from(!all);
            prop_assert!(sum > floor * hidden.len() as u64, "{:?} {:?} total {}", counts, mask, total);
        }
    }
}
