import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { onLiveState } from './live';

/** « En direct » while the page updates by itself (nothing at all otherwise: no socket, no fuss). */
export function LiveMark() {
  const intl = useIntl();
  const [live, setLive] = useState(false);
  useEffect(() => onLiveState(setLive), []);
  if (!live) return null;
  return (
    <span className="live-mark" title={intl.formatMessage({ id: 'live.onHint' })}>
      <span aria-hidden="true" className="live-dot">
        ●
      </span>
      <span>
        <FormattedMessage id="live.on" />
      </span>
    </span>
  );
}
