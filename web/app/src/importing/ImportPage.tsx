import { useEffect, useRef, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { ApiError, request, requestWithFiles, type SessionUser } from '../api';
import { errorKey } from '../errors';
import type { ImportKind, ImportProblemFieldsFragment, ImportSpreadsheetMutation } from '../gql/graphql';
import type { MessageKey } from '../i18n';
import { Link } from '../router';
import { ImportRegions, ImportSpreadsheet } from './operations';

type Report = ImportSpreadsheetMutation['importSpreadsheet'];
const KINDS: ImportKind[] = ['PROJECTS', 'PARTICIPANTS', 'ACTIVITIES', 'ATTENDANCE', 'FOLLOW_UPS'];

/**
 * `/import`: an agent's (or an admin's, for a region they choose) spreadsheets, checked first
 * (a dry run: what would be created, every bad row with its line, column and reason, the likely
 * duplicates), then imported for real on confirmation, all or nothing. The files stay in the
 * page's memory only.
 */
export function ImportPage({ user, announce }: { user: SessionUser; announce: (message: string) => void }) {
  const intl = useIntl();
  const admin = user.role === 'ADMIN';
  const [regions, setRegions] = useState<{ id: string; name: string }[] | null>(null);
  const [regionId, setRegionId] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [inputKey, setInputKey] = useState(0);
  const [busy, setBusy] = useState<'check' | 'import' | null>(null);
  const [preview, setPreview] = useState<Report | null>(null);
  const [result, setResult] = useState<Report | null>(null);
  const [error, setError] = useState<string | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (!admin) return;
    request(ImportRegions, {})
      .then((r) => setRegions(r.regions))
      .catch((e) => setError(intl.formatMessage({ id: errorKey(e) })));
  }, [admin, intl]);

  useEffect(() => {
    if (preview) previewHeading.current?.focus();
  }, [preview]);
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);

  const failure = (e: unknown) =>
    e instanceof ApiError && e.code === 'PAYLOAD_TOO_LARGE' ? intl.formatMessage({ id: 'importing.tooLarge' }) : intl.formatMessage({ id: errorKey(e) });

  const run = async (dryRun: boolean) => {
    if (files.length === 0) return setError(intl.formatMessage({ id: 'importing.noFiles' }));
    if (admin && !regionId) return setError(intl.formatMessage({ id: 'importing.noRegion' }));
    setError(null);
    setBusy(dryRun ? 'check' : 'import');
    try {
      const data = await requestWithFiles(ImportSpreadsheet, { dryRun, regionId: admin ? regionId : null }, files);
      const report = data.importSpreadsheet;
      if (report.committed) {
        setPreview(null);
        setResult(report);
        setFiles([]);
        setInputKey((k) => k + 1);
        announce(intl.formatMessage({ id: 'importing.done' }));
      } else {
        setResult(null);
        setPreview(report);
      }
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(null);
    }
  };

  const blocked = preview ? preview.problems.length + preview.duplicates.length > 0 : true;
  const nothingNew = preview ? preview.counts.every((c) => c.created === 0) : false;

  return (
    <section aria-labelledby="import-title" className="importing">
      <h1 id="import-title">
        <FormattedMessage id="importing.title" />
      </h1>
      <p className="intro">
        <FormattedMessage id="importing.intro" />
      </p>
      <details className="import-columns">
        <summary>
          <FormattedMessage id="importing.columns.summary" />
        </summary>
        <ul>
          {KINDS.map((k) => (
            <li key={k}>
              <FormattedMessage id={`importing.columns.${k}` as MessageKey} />
            </li>
          ))}
        </ul>
        <p>
          <FormattedMessage id="importing.columns.dates" />
        </p>
      </details>
      <form
        className="import-form"
        onSubmit={(e) => {
          e.preventDefault();
          void run(true);
        }}
      >
        {admin && (
          <div className="field">
            <label htmlFor="import-region">
              <FormattedMessage id="importing.region" />
            </label>
            <select
              id="import-region"
              aria-required="true"
              value={regionId}
              onChange={(e) => {
                setRegionId(e.target.value);
                setPreview(null);
              }}
            >
              <option value="">{intl.formatMessage({ id: 'importing.chooseRegion' })}</option>
              {(regions ?? []).map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="import-files">
            <FormattedMessage id="importing.files" />
          </label>
          <input
            key={inputKey}
            id="import-files"
            type="file"
            multiple
            accept=".xlsx,.ods,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.oasis.opendocument.spreadsheet"
            aria-describedby="import-files-hint"
            onChange={(e) => {
              setFiles(Array.from(e.target.files ?? []));
              setPreview(null);
              setResult(null);
              setError(null);
            }}
          />
          <p id="import-files-hint" className="hint">
            <FormattedMessage id="importing.filesHint" />
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={busy !== null}>
            <FormattedMessage id={busy === 'check' ? 'importing.checking' : 'importing.check'} />
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {busy && (
          <p role="status">
            <FormattedMessage id={busy === 'check' ? 'importing.checking' : 'importing.importing'} />
          </p>
        )}
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {preview && (
        <section aria-labelledby="import-preview" className="import-report">
          <h2 id="import-preview" tabIndex={-1} ref={previewHeading}>
            <FormattedMessage id="importing.preview" />
          </h2>
          {blocked ? (
            <p className="notice" role="status">
              <FormattedMessage
                id="importing.blocked"
                values={{
                  problems: preview.problems.length,
                  duplicates: preview.duplicates.length,
                  both: preview.problems.length > 0 && preview.duplicates.length > 0 ? 'yes' : 'no',
                }}
              />
            </p>
          ) : (
            <p className="ready" role="status">
              <FormattedMessage id={nothingNew ? 'importing.nothingNew' : 'importing.ready'} />
            </p>
          )}
          <ReportDetails report={preview} />
          {!blocked && !nothingNew && (
            <div className="actions">
              <button type="button" className="primary" disabled={busy !== null} onClick={() => void run(false)}>
                <FormattedMessage id={busy === 'import' ? 'importing.importing' : 'importing.confirm'} />
              </button>
            </div>
          )}
        </section>
      )}
      {result && (
        <section aria-labelledby="import-result" className="import-report">
          <h2 id="import-result" tabIndex={-1} ref={resultHeading}>
            <FormattedMessage id="importing.result" />
          </h2>
          <p className="ready" role="status">
            <FormattedMessage id="importing.done" />
          </p>
          <ReportDetails report={result} />
        </section>
      )}
    </section>
  );
}

/** The tables read, the counts per kind, the problems, the likely duplicates, the warnings. */
function ReportDetails({ report }: { report: Report }) {
  const intl = useIntl();
  const french = intl.locale.startsWith('fr');
  const reason = (p: ImportProblemFieldsFragment) => (french ? p.messageFr : p.messageEn);
  const kind = (k: ImportKind) => intl.formatMessage({ id: `importing.kind.${k}` as MessageKey });
  const column = (p: ImportProblemFieldsFragment) => (p.column ? (p.columnName ? `${p.column} (${p.columnName})` : p.column) : '—');
  const file = (f: string, sheet: string | null | undefined) => (sheet ? `${f} › ${sheet}` : f);
  const counted = report.counts.filter((c) => c.rows > 0);
  return (
    <>
      <h3>
        <FormattedMessage id="importing.tables" />
      </h3>
      <ul className="import-tables">
        {report.tables.map((t) => (
          <li key={`${t.file}|${t.sheet ?? ''}`}>
            <FormattedMessage id="importing.table" values={{ file: t.file, sheet: t.sheet ?? 'none', rows: t.rows, kind: kind(t.kind) }} />
          </li>
        ))}
      </ul>
      {counted.length > 0 && (
        <>
          <h3 id="import-counts">
            <FormattedMessage id="importing.counts" />
          </h3>
          <div className="table-scroll" role="group" aria-labelledby="import-counts" tabIndex={0}>
            <table aria-labelledby="import-counts" className="import-counts">
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="importing.counts.kind" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="importing.counts.rows" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id={report.committed ? 'importing.counts.created' : 'importing.counts.toCreate'} />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="importing.counts.existing" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="importing.counts.failed" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="importing.counts.consents" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {counted.map((c) => (
                  <tr key={c.kind}>
                    <th scope="row">
                      <FormattedMessage id={`importing.kindTitle.${c.kind}` as MessageKey} />
                    </th>
                    <td>{intl.formatNumber(c.rows)}</td>
                    <td>{intl.formatNumber(c.created)}</td>
                    <td>{intl.formatNumber(c.existing)}</td>
                    <td className={c.failed > 0 ? 'error' : undefined}>{intl.formatNumber(c.failed)}</td>
                    <td>{c.kind === 'PARTICIPANTS' ? intl.formatNumber(c.consents) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {report.problems.length > 0 && (
        <>
          <h3 id="import-problems">
            <FormattedMessage id="importing.problems" values={{ count: report.problems.length }} />
          </h3>
          <div className="table-scroll" role="group" aria-labelledby="import-problems" tabIndex={0}>
            <table aria-labelledby="import-problems" className="import-problems">
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="importing.problem.file" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="importing.problem.line" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="importing.problem.column" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="importing.problem.reason" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.problems.map((p, i) => (
                  <tr key={i}>
                    <td>{file(p.file, p.sheet)}</td>
                    <td>{p.line ?? intl.formatMessage({ id: 'importing.problem.wholeFile' })}</td>
                    <td>{column(p)}</td>
                    <td>{reason(p)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {report.duplicates.length > 0 && (
        <>
          <h3>
            <FormattedMessage id="importing.duplicates" values={{ count: report.duplicates.length }} />
          </h3>
          <p>
            <FormattedMessage id="importing.duplicates.intro" />
          </p>
          <ul className="import-duplicates">
            {report.duplicates.map((d) => (
              <li key={`${d.file}|${d.sheet ?? ''}|${d.line}`}>
                <FormattedMessage id="importing.duplicate" values={{ file: file(d.file, d.sheet), line: d.line }} />
                <ul>
                  {d.matches.map((m) => (
                    <li key={m.id}>
                      <Link to={`/participants/${encodeURIComponent(m.id)}`}>
                        <FormattedMessage
                          id="importing.match"
                          values={{ name: `${m.firstName} ${m.lastName}`, year: m.birthYear == null ? 'none' : String(m.birthYear) }}
                        />
                      </Link>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
      {report.warnings.length > 0 && (
        <>
          <h3>
            <FormattedMessage id="importing.warnings" values={{ count: report.warnings.length }} />
          </h3>
          <ul className="import-warnings">
            {report.warnings.map((w, i) => (
              <li key={i}>
                <FormattedMessage id="importing.warning" values={{ file: file(w.file, w.sheet), column: column(w), reason: reason(w) }} />
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
