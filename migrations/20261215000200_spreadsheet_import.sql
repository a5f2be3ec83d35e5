-- Spreadsheet import (`sismic import`, `importSpreadsheet`): every imported participant's row
-- keeps an idempotency key under the operation `importParticipant`, whose digest was computed
-- from the person's name and email, like `registerParticipant`'s. Erasing the participant must
-- delete those keys too, whoever imported them: the erasure policy of 20261201000100 now names
-- both operations.
create or replace function sismic_key_of_writable_participant(key_operation text, key_object uuid) returns boolean
language sql stable as $$
    select key_operation in ('registerParticipant', 'importParticipant')
        and exists (select 1 from participant p where p.participant_id = key_object
                    and sismic_writes_region(p.region_id))
$$;
