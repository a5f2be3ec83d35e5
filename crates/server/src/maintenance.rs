//! Maintenance tasks run from the command line.

use sismic_store::{audit, idempotency, privacy, Scope, Store};

/// Anonymises every participant with no sign of activity since `since`, in one transaction,
/// with an audit entry each (role `SYSTEM`, operation `privacyPurge`): identity, consents and
/// the idempotency keys of their registration go. With `dry_run`, only counts them. Returns how
/// many.
pub async fn privacy_purge(store: &Store, since: chrono::NaiveDate, dry_run: bool) -> anyhow::Result<usize> {
    let mut tx = store.begin(&Scope::System).await?;
    let inactive = privacy::inactive_participants(&mut tx, since).await?;
    if dry_run {
        return Ok(inactive.len());
    }
    for (participant_id, region_id) in &inactive {
        privacy::anonymize_participant(&mut tx, *participant_id).await?;
        audit::record(
            &mut tx,
            &audit::NewEntry {
                user_id: None,
                role: "SYSTEM",
                operation: "privacyPurge",
                entity_type: "Participant",
                entity_id: Some(*participant_id),
                region_id: Some(*region_id),
                before: None,
                after: Some(serde_json::json!({ "anonymized": true, "inactiveSince": since })),
            },
        )
        .await?;
    }
    sismic_store::commit(tx).await?;
    Ok(inactive.len())
}

/// Deletes the idempotency keys older than `retention` (and frees the follow-up keys of that
/// age); they would not be replayed anyway. Returns how many keys went.
pub async fn purge_idempotency_keys(store: &Store, retention: chrono::Duration) -> anyhow::Result<u64> {
    let mut tx = store.begin(&Scope::System).await?;
    let purged = idempotency::purge_expired(&mut tx, retention).await?;
    sismic_store::commit(tx).await?;
    Ok(purged)
}

/// How often `sismic serve` purges expired idempotency keys.
pub const KEY_PURGE_INTERVAL: std::time::Duration = std::time::Duration::from_secs(3600);

/// Purges expired idempotency keys now and then every [`KEY_PURGE_INTERVAL`], for as long as
/// the server runs. A failure (PostgreSQL down) is logged and retried at the next tick: expired
/// keys are never replayed meanwhile, the purge only frees their space.
pub async fn purge_idempotency_keys_forever(store: Store) {
    let mut ticks = tokio::time::interval(KEY_PURGE_INTERVAL);
    loop {
        ticks.tick().await;
        match purge_idempotency_keys(&store, store.idempotency_retention()).await {
            Ok(0) => {}
            Ok(purged) => tracing::info!(purged, "expired idempotency keys purged"),
            Err(error) => tracing::warn!(%error, "could not purge expired idempotency keys"),
        }
    }
}
