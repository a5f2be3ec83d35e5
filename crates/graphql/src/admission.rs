//! How much expensive work may run at once: report builds, per user and overall.
//!
//! A report aggregates a whole cohort's (or programme year's) data. Complexity limits bound how many one request may
//! ask for; this bounds how many run at the same time, so that one funder's script (many
//! concurrent requests) cannot hold every database connection while agents get `UNAVAILABLE`.

use crate::error::ApiError;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;
use uuid::Uuid;

/// Above this many remembered users, idle entries are forgotten.
const FORGET_IDLE_ABOVE: usize = 1_000;

/// Admission of report builds: at most `per_user` running for one user, and `overall` for
/// everyone together. A build over either bound waits its turn, until the request's deadline.
#[derive(Clone)]
pub struct ReportGate {
    per_user: usize,
    overall: Arc<Semaphore>,
    users: Arc<Mutex<HashMap<Uuid, Arc<Semaphore>>>>,
}

impl std::fmt::Debug for ReportGate {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ReportGate")
            .field("per_user", &self.per_user)
            .field("overall_available", &self.overall.available_permits())
            .finish_non_exhaustive()
    }
}

/// The right to build one report; dropping it lets the next one in.
#[derive(Debug)]
pub struct ReportPass {
    _user: OwnedSemaphorePermit,
    _overall: OwnedSemaphorePermit,
}

impl ReportGate {
    /// A gate letting `per_user` builds of one user and `overall` builds in all run at once
    /// (each at least 1).
    pub fn new(per_user: usize, overall: usize) -> Self {
        ReportGate {
            per_user: per_user.max(1),
            overall: Arc::new(Semaphore::new(overall.max(1))),
            users: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// Waits for a turn for `user` (until `deadline`: then `UNAVAILABLE`, nothing was built).
    pub async fn enter(&self, user: Uuid, deadline: Option<Instant>) -> Result<ReportPass, ApiError> {
        let mine = {
            let mut users = self.users.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            if users.len() > FORGET_IDLE_ABOVE {
                let per_user = self.per_user;
                users.retain(|_, s| s.available_permits() < per_user);
            }
            users.entry(user).or_insert_with(|| Arc::new(Semaphore::new(self.per_user))).clone()
        };
        let wait = async {
            // The user's own turn first: a user waiting on themself holds no overall slot.
            let user_permit = mine.acquire_owned().await.map_err(|_| ApiError::Internal)?;
            let overall_permit = self.overall.clone().acquire_owned().await.map_err(|_| ApiError::Internal)?;
            Ok(ReportPass { _user: user_permit, _overall: overall_permit })
        };
        match deadline {
            Some(deadline) => tokio::time::timeout_at(deadline, wait).await.map_err(|_| {
                tracing::warn!("a report waited for its turn past the request's deadline");
                ApiError::Unavailable
            })?,
            None => wait.await,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[tokio::test]
    async fn one_user_waits_for_their_own_builds_while_another_user_goes_ahead() {
        let gate = ReportGate::new(2, 3);
        let (funder, agent) = (Uuid::new_v4(), Uuid::new_v4());
        let first = gate.enter(funder, None).await.unwrap();
        let _second = gate.enter(funder, None).await.unwrap();
        let soon = Some(Instant::now() + Duration::from_millis(50));
        assert!(matches!(gate.enter(funder, soon).await, Err(ApiError::Unavailable)), "a third build waits");
        let _other = gate.enter(agent, soon).await.expect("another user is not held up");
        drop(first);
        let _third = gate.enter(funder, Some(Instant::now() + Duration::from_millis(50))).await.expect("a turn freed");
    }

    #[tokio::test]
    async fn the_overall_bound_holds_across_users() {
        let gate = ReportGate::new(2, 2);
        let _a = gate.enter(Uuid::new_v4(), None).await.unwrap();
        let _b = gate.enter(Uuid::new_v4(), None).await.unwrap();
        let soon = Some(Instant::now() + Duration::from_millis(50));
        assert!(gate.enter(Uuid::new_v4(), soon).await.is_err());
    }
}
