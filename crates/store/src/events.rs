//! Live events: what the triggers of the migration `live_updates` publish with `pg_notify` on
//! the channel [`CHANNEL`], heard by one `LISTEN` connection per server process and fanned out
//! in the process to every subscriber ([`EventBus`]).
//!
//! An event carries ids only (never personal information, never text a person typed). It says
//! *that* something changed; each subscriber then reads the object again under its own scope,
//! so row-level security decides what it hears.
//!
//! Notifications are not stored: whatever is published while the listener is disconnected
//! (PostgreSQL restarting, a network cut) is lost. The bus says so with
//! [`Signal::Interrupted`], and is [`EventBus::is_live`] only while it listens, so that the
//! server can close its subscribers' connections (they reconnect and read again) rather than
//! let them believe they missed nothing.

use serde::Deserialize;
use sqlx::postgres::PgListener;
use sqlx::PgPool;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

/// The notification channel the triggers publish on.
pub const CHANNEL: &str = "sismic_events";

/// How many events the bus holds for a subscriber that has not read them yet; a subscriber
/// further behind loses events and is told so (`RecvError::Lagged`).
pub const BUS_CAPACITY: usize = 4_096;

/// Longest wait between two attempts to reconnect the listener.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// What changed about a project (the first that applies, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ProjectChange {
    /// It was created.
    Created,
    /// Its stage changed.
    StageChanged,
    /// Its status changed.
    StatusChanged,
    /// A follow-up was logged on it (its count or last date changed).
    FollowUpLogged,
    /// Its team changed (its size).
    TeamChanged,
    /// Its name, summary, origin partner, sector or MRC changed.
    DetailsChanged,
}

/// One event, as published by the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(tag = "k", rename_all = "camelCase")]
pub enum Event {
    /// A project changed.
    Project {
        /// The project.
        id: Uuid,
        /// Its region.
        region: Uuid,
        /// Its origin partner.
        partner: Option<Uuid>,
        /// Its cohort.
        cohort: Uuid,
        /// What changed.
        change: ProjectChange,
    },
    /// A follow-up was logged.
    FollowUp {
        /// The follow-up.
        id: Uuid,
        /// Its region.
        region: Uuid,
        /// Its project, if it is a project follow-up.
        project: Option<Uuid>,
    },
    /// The figures of a cohort's report may have changed.
    Cohort {
        /// The cohort.
        id: Uuid,
        /// Its region.
        region: Uuid,
    },
    /// An account's sessions were revoked (sign-out, password change, deactivation).
    User {
        /// The account.
        id: Uuid,
    },
}

impl Event {
    /// Reads a notification's payload; `None` for anything else (logged, never fatal).
    pub fn parse(payload: &str) -> Option<Event> {
        serde_json::from_str(payload).ok()
    }
}

/// What the bus fans out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    /// An event.
    Event(Event),
    /// The listener lost its connection: events published meanwhile are lost.
    Interrupted,
}

/// The process's one listener and its fan-out (cheap to clone: clones share it).
///
/// The listener starts with the first [`EventBus::start`] (the first WebSocket connection),
/// takes one connection of the pool for as long as the pool is open, reconnects by itself
/// (with a backoff up to five seconds) after a database outage, and stops when the pool closes.
#[derive(Clone)]
pub struct EventBus {
    inner: Arc<Inner>,
}

struct Inner {
    pool: PgPool,
    sender: broadcast::Sender<Signal>,
    live: watch::Sender<bool>,
    started: AtomicBool,
}

impl std::fmt::Debug for EventBus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EventBus")
            .field("live", &self.is_live())
            .field("receivers", &self.inner.sender.receiver_count())
            .finish()
    }
}

impl EventBus {
    /// A bus over the pool's database; nothing connects until [`EventBus::start`].
    pub fn new(pool: PgPool) -> Self {
        let (sender, _) = broadcast::channel(BUS_CAPACITY);
        let (live, _) = watch::channel(false);
        EventBus { inner: Arc::new(Inner { pool, sender, live, started: AtomicBool::new(false) }) }
    }

    /// Starts the listener, once (later calls do nothing).
    pub fn start(&self) {
        if self.inner.started.swap(true, Ordering::SeqCst) {
            return;
        }
        let inner = self.inner.clone();
        tokio::spawn(async move { listen(inner).await });
    }

    /// A receiver of every signal sent from now on. Subscribe *before* checking
    /// [`EventBus::is_live`]: then an interruption after the check is always seen.
    pub fn subscribe(&self) -> broadcast::Receiver<Signal> {
        self.inner.sender.subscribe()
    }

    /// Whether the listener is listening now (so nothing published from now on is missed,
    /// short of a later [`Signal::Interrupted`]).
    pub fn is_live(&self) -> bool {
        *self.inner.live.borrow()
    }

    /// Starts the listener if needed and waits until it listens, at most `timeout`; says
    /// whether it does.
    #[tracing::instrument(skip_all)]
    pub async fn wait_live(&self, timeout: Duration) -> bool {
        self.start();
        let mut live = self.inner.live.subscribe();
        tokio::time::timeout(timeout, live.wait_for(|live| *live)).await.is_ok_and(|r| r.is_ok())
    }

    /// Sends a signal to every receiver, as the listener does (tests of subscribers use it).
    pub fn send(&self, signal: Signal) {
        let _ = self.inner.sender.send(signal);
    }
}

/// The listener's loop: connect, `LISTEN`, forward every notification; on a lost connection
/// say so and start again, until the pool closes.
async fn listen(inner: Arc<Inner>) {
    let mut backoff = Duration::from_millis(100);
    loop {
        if inner.pool.is_closed() {
            break;
        }
        let mut listener = match connect(&inner.pool).await {
            Ok(listener) => listener,
            Err(sqlx::Error::PoolClosed) => break,
            Err(error) => {
                tracing::warn!(%error, retry_ms = backoff.as_millis() as u64, "live updates: cannot listen to the database");
                let wait = inner.pool.close_event().do_until(tokio::time::sleep(backoff)).await;
                if wait.is_err() {
                    break;
                }
                backoff = (backoff * 2).min(MAX_BACKOFF);
                continue;
            }
        };
        backoff = Duration::from_millis(100);
        inner.live.send_replace(true);
        tracing::info!("live updates: listening to the database");
        let closed = loop {
            match listener.try_recv().await {
                Ok(Some(notification)) => match Event::parse(notification.payload()) {
                    Some(event) => {
                        let _ = inner.sender.send(Signal::Event(event));
                    }
                    None => tracing::warn!("live updates: an unreadable notification was ignored"),
                },
                Ok(None) => break false,
                Err(sqlx::Error::PoolClosed) => break true,
                Err(error) => {
                    tracing::warn!(%error, "live updates: the listening connection failed");
                    break false;
                }
            }
        };
        inner.live.send_replace(false);
        let _ = inner.sender.send(Signal::Interrupted);
        drop(listener);
        if closed {
            break;
        }
        tracing::warn!("live updates: connection to the database lost; events published meanwhile are lost");
    }
    inner.live.send_replace(false);
}

async fn connect(pool: &PgPool) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect_with(pool).await?;
    // A lost connection is reconnected here, by the loop above, so that it is always seen.
    listener.eager_reconnect(false);
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_payloads_of_the_triggers_parse() {
        let project = r#"{"k": "project", "id": "6bccb4c4-5829-488a-a516-2adfa404462b", "change": "FOLLOW_UP_LOGGED",
            "cohort": "c34f58ae-99b0-4a43-a16b-ae62a304dda2", "region": "eb562aa3-315c-4197-8231-e668ffab8007", "partner": null}"#;
        assert!(matches!(
            Event::parse(project),
            Some(Event::Project { partner: None, change: ProjectChange::FollowUpLogged, .. })
        ));
        let follow_up = r#"{"k": "followUp", "id": "714c1936-897b-417c-ab8d-7e1ef1b4d276", "region": "eb562aa3-315c-4197-8231-e668ffab8007", "project": null}"#;
        assert!(matches!(Event::parse(follow_up), Some(Event::FollowUp { project: None, .. })));
        let cohort = r#"{"k": "cohort", "id": "c34f58ae-99b0-4a43-a16b-ae62a304dda2", "region": "eb562aa3-315c-4197-8231-e668ffab8007"}"#;
        assert!(matches!(Event::parse(cohort), Some(Event::Cohort { .. })));
        let user = r#"{"k": "user", "id": "814ae5fa-e4b6-4ee9-bd3c-82720c1d75f8"}"#;
        assert!(matches!(Event::parse(user), Some(Event::User { .. })));
        assert_eq!(Event::parse(r#"{"k": "other"}"#), None);
        assert_eq!(Event::parse("not json"), None);
    }
}
