//! Maintenance tasks run from the command line.

use sismic_store::{audit, privacy, Scope, Store};

/// Anonymises every participant with no sign of activity since `since`, in one transaction,
/// with an audit entry each (role `SYSTEM`, operation `privacyPurge`). With `dry_run`, only
/// counts them. Returns how many.
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
