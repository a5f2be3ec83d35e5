import { FormattedMessage, useIntl } from 'react-intl';
import { formatDate } from './format';
import type { QueueItem } from './queue';

interface Props {
  items: QueueItem[];
  onSendNow: () => void;
  onCorrect: (item: QueueItem) => void;
  onDiscard: (item: QueueItem) => void;
}

/** The follow-ups waiting for the network, and those the server refused, to correct. */
export function QueuePage({ items, onSendNow, onCorrect, onDiscard }: Props) {
  const intl = useIntl();
  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">
        <FormattedMessage id="queue.title" />
      </h1>
      <p>
        <FormattedMessage id="queue.intro" />
      </p>
      {items.length === 0 ? (
        <p>
          <FormattedMessage id="queue.empty" />
        </p>
      ) : (
        <>
          <button type="button" onClick={onSendNow}>
            <FormattedMessage id="queue.sendNow" />
          </button>
          <ul className="cards queue">
            {items.map((item) => (
              <li key={item.key} className={`card ${item.state}`}>
                <h2 className="card-title">{item.draft.projectName || item.draft.partnerName}</h2>
                <p className="meta">
                  {formatDate(item.draft.occurredOn, intl.locale)} · <FormattedMessage id={`mode.${item.draft.mode}`} />
                </p>
                <p>{item.draft.summary}</p>
                <p className="badge">
                  {item.state === 'pending' ? <FormattedMessage id="queue.pending" /> : <FormattedMessage id="queue.refused" />}
                </p>
                {item.state === 'refused' && item.code && (
                  <p className="error">
                    <FormattedMessage id={item.code === 'CONFLICT' ? 'error.CONFLICT.followUp' : (`error.${item.code}` as 'error.INTERNAL')} />
                  </p>
                )}
                <div className="actions">
                  <button type="button" onClick={() => onCorrect(item)}>
                    <FormattedMessage id="queue.correct" />
                  </button>
                  {item.state === 'refused' && (
                    <button type="button" onClick={() => onDiscard(item)}>
                      <FormattedMessage id="queue.discard" />
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
