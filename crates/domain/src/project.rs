//! A project's stage and status, and the transitions between them (API.md, "Rules").

pub use crate::vocabulary::{ProjectStatus, Stage, UnknownName};

impl Stage {
    /// The stage one step forward, if any.
    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Revelation => Some(Stage::Ideation),
            Stage::Ideation => Some(Stage::Prototyping),
            Stage::Prototyping => None,
        }
    }
}

/// The part of a project that transitions change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProjectState {
    /// Current stage.
    pub stage: Stage,
    /// Current status.
    pub status: ProjectStatus,
}

impl ProjectState {
    /// A newly created project: active, in the given stage.
    pub fn new(stage: Stage) -> Self {
        ProjectState { stage, status: ProjectStatus::Active }
    }
}

/// Why a transition is refused. [`TransitionError::is_bad_input`] tells which ones are the
/// caller's input being wrong (`BAD_USER_INPUT`) rather than the move itself (`INVALID_TRANSITION`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    /// Only an active project changes stage or is launched.
    #[error("the project is {0}, only an ACTIVE project changes stage")]
    NotActive(ProjectStatus),
    /// PROTOTYPING is the last stage.
    #[error("the project is already in PROTOTYPING, the last stage")]
    NoNextStage,
    /// A forward move may only go one step.
    #[error("a project moves forward one stage at a time ({from} to {to} skips a stage)")]
    ForwardSkip {
        /// Current stage.
        from: Stage,
        /// Requested stage.
        to: Stage,
    },
    /// Moving to the stage the project is already in.
    #[error("the project is already in {0}")]
    SameStage(Stage),
    /// Moving back requires a reason.
    #[error("moving a project back a stage requires a non-empty note")]
    NoteRequired,
    /// A status change requires a reason.
    #[error("changing a project's status requires a non-empty note")]
    StatusNoteRequired,
    /// LAUNCHED is only set by recording an enterprise launch.
    #[error("LAUNCHED is set by recordEnterpriseLaunch, not setProjectStatus")]
    LaunchedNotSettable,
    /// The project already has this status.
    #[error("the project is already {0}")]
    SameStatus(ProjectStatus),
    /// LAUNCHED is final.
    #[error("the project is LAUNCHED, which is final")]
    Final,
    /// Launch happens from PROTOTYPING only.
    #[error("a project is launched from PROTOTYPING only (it is in {0})")]
    LaunchBeforePrototyping(Stage),
}

impl TransitionError {
    /// True when the caller's input is wrong (`BAD_USER_INPUT`) rather than the requested move
    /// being impossible from the project's current state (`INVALID_TRANSITION`).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            TransitionError::NoteRequired | TransitionError::StatusNoteRequired | TransitionError::LaunchedNotSettable
        )
    }
}

/// A note that holds only white space counts as no note (API.md).
pub fn meaningful_note(note: Option<&str>) -> Option<&str> {
    note.map(str::trim).filter(|n| !n.is_empty())
}

fn require_changeable_stage(state: ProjectState) -> Result<(), TransitionError> {
    match state.status {
        ProjectStatus::Active => Ok(()),
        ProjectStatus::Launched => Err(TransitionError::Final),
        other => Err(TransitionError::NotActive(other)),
    }
}

/// `advanceProjectStage`: exactly one step forward, for an active project.
pub fn advance(state: ProjectState) -> Result<ProjectState, TransitionError> {
    require_changeable_stage(state)?;
    let next = state.stage.next().ok_or(TransitionError::NoNextStage)?;
    Ok(ProjectState { stage: next, ..state })
}

/// `moveProjectStage`: one step forward (as [`advance`]) or any number of steps back with a
/// non-empty note.
pub fn move_stage(state: ProjectState, to: Stage, note: Option<&str>) -> Result<ProjectState, TransitionError> {
    require_changeable_stage(state)?;
    if to == state.stage {
        return Err(TransitionError::SameStage(to));
    }
    if to > state.stage {
        if state.stage.next() != Some(to) {
            return Err(TransitionError::ForwardSkip { from: state.stage, to });
        }
    } else if meaningful_note(note).is_none() {
        return Err(TransitionError::NoteRequired);
    }
    Ok(ProjectState { stage: to, ..state })
}

/// `setProjectStatus`: any status but LAUNCHED, with a non-empty note; LAUNCHED is final.
pub fn set_status(state: ProjectState, to: ProjectStatus, note: Option<&str>) -> Result<ProjectState, TransitionError> {
    if to == ProjectStatus::Launched {
        return Err(TransitionError::LaunchedNotSettable);
    }
    if state.status == ProjectStatus::Launched {
        return Err(TransitionError::Final);
    }
    if state.status == to {
        return Err(TransitionError::SameStatus(to));
    }
    if meaningful_note(note).is_none() {
        return Err(TransitionError::StatusNoteRequired);
    }
    Ok(ProjectState { status: to, ..state })
}

/// `recordEnterpriseLaunch`: an active project in PROTOTYPING becomes LAUNCHED, for good.
pub fn launch(state: ProjectState) -> Result<ProjectState, TransitionError> {
    require_changeable_stage(state)?;
    if state.stage != Stage::Prototyping {
        return Err(TransitionError::LaunchBeforePrototyping(state.stage));
    }
    Ok(ProjectState { status: ProjectStatus::Launched, ..state })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn active(stage: Stage) -> ProjectState {
        ProjectState::new(stage)
    }

    #[test]
    fn advance_moves_one_step_forward() {
        assert_eq!(advance(active(Stage::Revelation)).unwrap().stage, Stage::Ideation);
        assert_eq!(advance(active(Stage::Ideation)).unwrap().stage, Stage::Prototyping);
    }

    #[test]
    fn advance_from_prototyping_is_refused() {
        assert_eq!(advance(active(Stage::Prototyping)), Err(TransitionError::NoNextStage));
    }

    #[test]
    fn only_an_active_project_changes_stage() {
        for status in [ProjectStatus::OnHold, ProjectStatus::Abandoned, ProjectStatus::ReferredOut] {
            let state = ProjectState { stage: Stage::Revelation, status };
            assert_eq!(advance(state), Err(TransitionError::NotActive(status)));
            assert_eq!(move_stage(state, Stage::Ideation, None), Err(TransitionError::NotActive(status)));
        }
    }

    #[test]
    fn moving_back_needs_a_note_that_is_not_white_space() {
        let state = active(Stage::Prototyping);
        assert_eq!(move_stage(state, Stage::Revelation, None), Err(TransitionError::NoteRequired));
        assert_eq!(move_stage(state, Stage::Revelation, Some(" \t\n")), Err(TransitionError::NoteRequired));
        assert_eq!(move_stage(state, Stage::Revelation, Some("prototype failed")).unwrap().stage, Stage::Revelation);
    }

    #[test]
    fn forward_skip_and_same_stage_are_invalid() {
        assert!(matches!(
            move_stage(active(Stage::Revelation), Stage::Prototyping, Some("x")),
            Err(TransitionError::ForwardSkip { .. })
        ));
        assert_eq!(
            move_stage(active(Stage::Ideation), Stage::Ideation, Some("x")),
            Err(TransitionError::SameStage(Stage::Ideation))
        );
    }

    #[test]
    fn launched_is_not_settable_and_is_final() {
        let state = active(Stage::Prototyping);
        assert_eq!(set_status(state, ProjectStatus::Launched, Some("x")), Err(TransitionError::LaunchedNotSettable));
        let launched = launch(state).unwrap();
        assert_eq!(launched.status, ProjectStatus::Launched);
        assert_eq!(set_status(launched, ProjectStatus::Active, Some("x")), Err(TransitionError::Final));
        assert_eq!(launch(launched), Err(TransitionError::Final));
        assert_eq!(advance(launched), Err(TransitionError::Final));
    }

    #[test]
    fn launch_happens_from_prototyping_only() {
        assert_eq!(launch(active(Stage::Ideation)), Err(TransitionError::LaunchBeforePrototyping(Stage::Ideation)));
    }

    #[test]
    fn status_change_needs_a_note_and_a_different_status() {
        let state = active(Stage::Ideation);
        assert_eq!(set_status(state, ProjectStatus::OnHold, Some("  ")), Err(TransitionError::StatusNoteRequired));
        assert_eq!(
            set_status(state, ProjectStatus::Active, Some("x")),
            Err(TransitionError::SameStatus(ProjectStatus::Active))
        );
        let paused = set_status(state, ProjectStatus::OnHold, Some("COVID")).unwrap();
        assert_eq!(paused, ProjectState { stage: Stage::Ideation, status: ProjectStatus::OnHold });
        assert_eq!(set_status(paused, ProjectStatus::Active, Some("back")).unwrap(), state);
    }

    #[test]
    fn names_round_trip() {
        for stage in Stage::ALL {
            assert_eq!(stage.as_str().parse::<Stage>().unwrap(), stage);
        }
        for status in ProjectStatus::ALL {
            assert_eq!(status.as_str().parse::<ProjectStatus>().unwrap(), status);
        }
        assert!("LAUNCH".parse::<ProjectStatus>().is_err());
    }

    fn any_stage() -> impl Strategy<Value = Stage> {
        prop::sample::select(Stage::ALL.to_vec())
    }
    fn any_status() -> impl Strategy<Value = ProjectStatus> {
        prop::sample::select(ProjectStatus::ALL.to_vec())
    }
    fn any_state() -> impl Strategy<Value = ProjectState> {
        (any_stage(), any_status())
            .prop_filter("LAUNCHED only in PROTOTYPING", |(stage, status)| {
                *status != ProjectStatus::Launched || *stage == Stage::Prototyping
            })
            .prop_map(|(stage, status)| ProjectState { stage, status })
    }
    fn any_note() -> impl Strategy<Value = Option<String>> {
        prop::option::of(prop_oneof![Just(String::new()), "[ \t\n]{0,3}", ".{0,20}"])
    }

    /// A random walk of operations, checked against the rules as stated in API.md.
    #[derive(Debug, Clone)]
    enum Op {
        Advance,
        Move(Stage, Option<String>),
        SetStatus(ProjectStatus, Option<String>),
        Launch,
    }
    fn any_op() -> impl Strategy<Value = Op> {
        prop_oneof![
            Just(Op::Advance),
            (any_stage(), any_note()).prop_map(|(s, n)| Op::Move(s, n)),
            (any_status(), any_note()).prop_map(|(s, n)| Op::SetStatus(s, n)),
            Just(Op::Launch),
        ]
    }

    proptest! {
        #[test]
        fn a_one_step_forward_move_is_the_same_as_advance(state in any_state(), note in any_note()) {
            if let Some(next) = state.stage.next() {
                prop_assert_eq!(move_stage(state, next, note.as_deref()), advance(state));
            }
        }

        #[test]
        fn a_refused_stage_change_never_depends_on_the_note_when_moving_forward(
            state in any_state(), to in any_stage(), note in any_note()
        ) {
            if to > state.stage {
                prop_assert_eq!(move_stage(state, to, note.as_deref()), move_stage(state, to, None));
            }
        }

        #[test]
        fn every_walk_keeps_the_invariants(start in any_state(), ops in prop::collection::vec(any_op(), 0..40)) {
            let mut state = start;
            for op in ops {
                let before = state;
                let result = match &op {
                    Op::Advance => advance(state),
                    Op::Move(to, note) => move_stage(state, *to, note.as_deref()),
                    Op::SetStatus(to, note) => set_status(state, *to, note.as_deref()),
                    Op::Launch => launch(state),
                };
                if let Ok(after) = result {
                    // A successful transition always changes something.
                    prop_assert_ne!(after, before);
                    // LAUNCHED is final and only exists in PROTOTYPING.
                    prop_assert!(before.status != ProjectStatus::Launched);
                    prop_assert!(after.status != ProjectStatus::Launched || after.stage == Stage::Prototyping);
                    // Stage changes only for an active project, and forward by one at most.
                    if after.stage != before.stage {
                        prop_assert_eq!(before.status, ProjectStatus::Active);
                        if after.stage > before.stage {
                            prop_assert_eq!(before.stage.next(), Some(after.stage));
                        } else {
                            let note = match &op { Op::Move(_, n) => n.clone(), _ => None };
                            prop_assert!(meaningful_note(note.as_deref()).is_some());
                        }
                    }
                    // Stage and status never change together.
                    prop_assert!(after.stage == before.stage || after.status == before.status);
                    state = after;
                }
            }
        }
    }
}
