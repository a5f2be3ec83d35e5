//! Errors of the storage layer. They carry driver details for the server's log only: the API
//! layer turns them into contract codes and never shows their text to a client.

/// What went wrong in storage.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No row, or a row the scope may not see (the two are deliberately the same).
    #[error("not found")]
    NotFound,
    /// A uniqueness or version rule refused the write; the message is safe to show.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// A row the input refers to does not exist or is hidden from the scope; names the input
    /// field, safe to show.
    #[error("not found: {0}")]
    MissingReference(&'static str),
    /// The database refused the input for a rule the caller should have checked; safe to show.
    #[error("rejected: {0}")]
    Rejected(&'static str),
    /// PostgreSQL cannot be reached, or did not answer in time.
    #[error("database unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// The request's deadline passed before the work could start or commit: nothing was
    /// written.
    #[error("request deadline exceeded")]
    DeadlineExceeded,
    /// A task running database work panicked or was aborted (a bug).
    #[error("a database task failed")]
    TaskFailed,
    /// Anything else: a bug or an unexpected database state.
    #[error("database error")]
    Database(#[source] sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        match &error {
            sqlx::Error::RowNotFound => StoreError::NotFound,
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::WorkerCrashed => StoreError::Unavailable(error),
            sqlx::Error::Database(db) => match db.code().as_deref() {
                // admin_shutdown, crash_shutdown, cannot_connect_now, query_canceled (statement
                // timeout): the database is not able to serve right now.
                Some("57P01" | "57P02" | "57P03" | "57014") => StoreError::Unavailable(error),
                // character_not_in_repertoire: PostgreSQL text cannot hold U+0000, whatever the
                // field (found by the fuzz tests: it was an INTERNAL error).
                Some("22021") => StoreError::Rejected("text must not contain the NUL character (U+0000)"),
                _ => StoreError::Database(error),
            },
            _ => StoreError::Database(error),
        }
    }
}

impl StoreError {
    /// The name of the violated constraint, when the database refused a write.
    pub fn constraint(&self) -> Option<&str> {
        match self {
            StoreError::Database(sqlx::Error::Database(db)) => db.constraint(),
            _ => None,
        }
    }

    /// Whether the database refused a write for one of its rules (SQLSTATE class 22, data
    /// exception, or 23, integrity constraint violation: a CHECK, a foreign key, a unique index).
    pub fn is_rule_violation(&self) -> bool {
        match self {
            StoreError::Database(sqlx::Error::Database(db)) => {
                db.code().is_some_and(|code| code.starts_with("22") || code.starts_with("23"))
            }
            _ => false,
        }
    }

    /// Turns a violation of `constraint` into `mapped`, leaving other errors as they are.
    pub fn on_constraint(self, constraint: &str, mapped: StoreError) -> StoreError {
        if self.constraint() == Some(constraint) {
            mapped
        } else {
            self
        }
    }
}

/// Adds [`StoreError::on_constraint`] to results.
pub trait OnConstraint<T> {
    /// Maps a violation of `constraint` to `mapped`.
    fn on_constraint(self, constraint: &str, mapped: StoreError) -> Result<T, StoreError>;
}

impl<T> OnConstraint<T> for Result<T, StoreError> {
    fn on_constraint(self, constraint: &str, mapped: StoreError) -> Result<T, StoreError> {
        self.map_err(|e| e.on_constraint(constraint, mapped))
    }
}
