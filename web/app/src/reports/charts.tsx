// Charts drawn as SVG by hand (no chart library): each is a <figure> whose <figcaption> is its
// title, with the SVG (role="img", named by the title) and a <table> holding the same numbers,
// for screen readers, for print, and for anyone who wants the exact values. A hidden count
// (small-cell suppression) is never drawn as a bar: its slot is hatched and labelled « < 5 »
// (known to be below 5) or « masqué » (hidden to protect another count, maybe 5 or more), with
// a footnote under the chart for each kind.
import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';
import { barLength, formatCell, hiddenKinds, hiddenMark, isHidden, scaleFor, wrapLabel, type Cell, type HiddenMarks } from './chartMath';

/** One category of a chart: its label and one cell per series. */
export interface ChartRow {
  key: string;
  label: string;
  cells: Cell[];
}

export interface Series {
  key: string;
  label: string;
}

const MIN_WIDTH = 260;
const MAX_WIDTH = 640;
const FONT = 13;
const CHAR = FONT * 0.56;
const LINE = 17;
const BAR = 18;
const BAR_GAP = 4;
const ROW_GAP = 12;
const VALUE_ROOM = 64;
const AXIS = 22;

/** The width of an element, followed as it changes (for charts that keep their text at 13 px). */
function useWidth<T extends HTMLElement>(): [React.RefObject<T>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(480);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const update = () => {
      const measured = Math.round(element.getBoundingClientRect().width);
      if (measured > 0) setWidth(measured);
    };
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** The class of a table cell holding a count: hidden ones are set apart (and say which kind). */
export function cellClass(cell: Cell): string {
  if (!isHidden(cell)) return 'num';
  return cell.below === null ? 'num suppressed withheld' : 'num suppressed';
}

/** An id usable in `url(#…)` (React's ids hold colons). */
const safeId = (id: string) => `c${id.replace(/[^a-zA-Z0-9_-]/g, '')}`;

/** The hatching that marks a hidden value's slot. */
function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">
        <line x1="0" y1="0" x2="0" y2="6" className="hatch-line" />
      </pattern>
    </defs>
  );
}

/** What hidden cells read, in the viewer's language: « < 5 » or « masqué ». */
export function useHiddenMarks(): HiddenMarks {
  const intl = useIntl();
  return { below: (threshold) => intl.formatMessage({ id: 'reports.suppressed' }, { threshold }), withheld: intl.formatMessage({ id: 'reports.withheld' }) };
}

/** The chart's title, drawing and notes, with its table beside it (below on a narrow screen). */
function ChartFrame({ title, titleId, note, hidden, threshold, children, table }: { title: string; titleId: string; note?: string | undefined; hidden: { below: boolean; withheld: boolean }; threshold: number; children: React.ReactNode; table: React.ReactNode }) {
  const intl = useIntl();
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId}>{title}</figcaption>
      <div className="chart-body">
        {children}
        <div className="chart-table">{table}</div>
      </div>
      {note && <p className="chart-note">{note}</p>}
      {hidden.below && <p className="chart-note hidden-note">{intl.formatMessage({ id: 'reports.suppressed.chart' }, { threshold })}</p>}
      {hidden.withheld && <p className="chart-note hidden-note">{intl.formatMessage({ id: 'reports.withheld.chart' }, { threshold })}</p>}
    </figure>
  );
}

/**
 * A horizontal bar chart: each row's label on its own line (wrapped), then one bar per series.
 * With two series (the previous cohort and this one), a legend names them.
 */
export function BarChart({
  title,
  rows,
  series = [{ key: 'value', label: '' }],
  labelHeader,
  threshold,
  note,
  table,
}: {
  title: string;
  rows: ChartRow[];
  series?: Series[];
  labelHeader: string;
  threshold: number;
  note?: string;
  /** A table of its own (more columns than the chart), else one is made from the rows. */
  table?: React.ReactNode;
}) {
  const intl = useIntl();
  const id = safeId(useId());
  const [box, measured] = useWidth<HTMLDivElement>();
  const width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, measured));
  const marks = useHiddenMarks();
  const all = rows.flatMap((r) => r.cells);
  const kinds = hiddenKinds(all);
  const { top, ticks } = scaleFor(all);
  const left = 4;
  const track = width - left - VALUE_ROOM;
  const hiddenSlot = Math.min(56, track * 0.2);
  const multi = series.length > 1;

  let y = 4;
  const drawn = rows.map((row) => {
    const lines = wrapLabel(row.label, (width - left) / CHAR);
    const labelY = y;
    y += lines.length * LINE + 2;
    const bars = row.cells.map((cell, i) => {
      const barY = y;
      y += BAR + BAR_GAP;
      return { cell, barY, series: i };
    });
    y += ROW_GAP - BAR_GAP;
    return { row, lines, labelY, bars };
  });
  const plotBottom = y;
  const height = plotBottom + AXIS;

  const svg = (
    <div className="chart-svg" ref={box}>
      <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} focusable="false">
        <title id={`${id}-t`}>{title}</title>
        <desc id={`${id}-d`}>{intl.formatMessage({ id: 'reports.chart.valuesInTable' })}</desc>
        <Hatch id={`${id}-h`} />
        {ticks.map((t) => {
          const x = left + barLength(t, top, track, 0);
          return (
            <g key={t} className="grid">
              <line x1={x} x2={x} y1={0} y2={plotBottom} />
              <text x={x} y={plotBottom + 15} textAnchor={t === 0 ? 'start' : 'middle'}>
                {intl.formatNumber(t)}
              </text>
            </g>
          );
        })}
        {drawn.map(({ row, lines, labelY, bars }) => (
          <g key={row.key}>
            <text className="label" x={left} y={labelY + FONT}>
              {lines.map((line, i) => (
                <tspan key={i} x={left} dy={i === 0 ? 0 : LINE}>
                  {line}
                </tspan>
              ))}
            </text>
            {bars.map(({ cell, barY, series: s }) => {
              const tag = multi ? `${series[s]!.label} : ` : '';
              if (isHidden(cell)) {
                return (
                  <g key={s} className="hidden-bar">
                    <rect x={left} y={barY} width={hiddenSlot} height={BAR} fill={`url(#${id}-h)`} className="hidden-slot" />
                    <text x={left + hiddenSlot + 6} y={barY + BAR - 5} className="value">
                      {tag}
                      {hiddenMark(cell, marks)}
                    </text>
                  </g>
                );
              }
              const length = barLength(cell.value as number, top, track);
              const text = `${tag}${formatCell(cell, intl.locale, marks)}`;
              // A label that would run past the edge goes inside the end of its bar.
              const inside = left + length + 6 + text.length * CHAR > width && length > text.length * CHAR + 12;
              return (
                <g key={s}>
                  {length > 0 && <rect x={left} y={barY} width={length} height={BAR} className={`bar s${s}${multi ? '' : ' single'}`} />}
                  <text x={inside ? left + length - 6 : left + length + 6} y={barY + BAR - 5} className={inside ? 'value inside' : 'value'} textAnchor={inside ? 'end' : 'start'}>
                    {text}
                  </text>
                </g>
              );
            })}
          </g>
        ))}
      </svg>
    </div>
  );

  const defaultTable = (
    <table className="data" aria-labelledby={`${id}-cap`}>
      <caption id={`${id}-cap`} className="visually-hidden">
        {title}
      </caption>
      <thead>
        <tr>
          <th scope="col">{labelHeader}</th>
          {series.map((s) => (
            <th scope="col" key={s.key} className="num">
              {s.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            {row.cells.map((cell, i) => (
              <td key={i} className={cellClass(cell)}>
                {formatCell(cell, intl.locale, marks)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );

  return (
    <ChartFrame title={title} titleId={`${id}-fig`} note={note} hidden={kinds} threshold={threshold} table={table ?? defaultTable}>
      <div className="chart-drawing">
      {multi && (
        <ul className="legend" aria-hidden="true">
          {series.map((s, i) => (
            <li key={s.key}>
              <svg width="14" height="14" viewBox="0 0 14 14" focusable="false">
                <rect width="14" height="14" className={`bar s${i}`} />
              </svg>
              {s.label}
            </li>
          ))}
        </ul>
      )}
      {svg}
      </div>
    </ChartFrame>
  );
}

/** One step of the funnel: a stage, how many projects reached it, and the share that went on. */
export interface FunnelRow {
  key: string;
  label: string;
  reached: number;
  /** Words under the step, e.g. « 67 % passent à l’étape Idéation », or null. */
  onward: string | null;
  /** The share in the table's column (« 67 % » or « — »). */
  onwardShort: string;
}

/** The stage funnel: centred bars shrinking stage by stage, the conversion rates between them. */
export function FunnelChart({ title, rows, headers, note }: { title: string; rows: FunnelRow[]; headers: [string, string, string]; note?: string }) {
  const intl = useIntl();
  const id = safeId(useId());
  const [box, measured] = useWidth<HTMLDivElement>();
  const width = Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, measured));
  const top = Math.max(1, ...rows.map((r) => r.reached));
  const centre = width / 2;
  const track = width - 8;
  let y = 4;
  const drawn = rows.map((row) => {
    const labelY = y;
    y += LINE + 2;
    const barY = y;
    y += BAR + 6;
    const onwardY = row.onward ? y : null;
    if (row.onward) y += LINE + 6;
    return { row, labelY, barY, onwardY, length: barLength(row.reached, top, track) };
  });
  const height = y + 4;
  return (
    <ChartFrame
      title={title}
      titleId={`${id}-fig`}
      note={note}
      hidden={{ below: false, withheld: false }}
      threshold={0}
      table={
        <table className="data" aria-labelledby={`${id}-cap`}>
          <caption id={`${id}-cap`} className="visually-hidden">
            {title}
          </caption>
          <thead>
            <tr>
              {headers.map((h, i) => (
                <th scope="col" key={h} className={i > 0 ? 'num' : undefined}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.label}</th>
                <td className="num">{intl.formatNumber(row.reached)}</td>
                <td className="num">{row.onwardShort}</td>
              </tr>
            ))}
          </tbody>
        </table>
      }
    >
      <div className="chart-svg" ref={box}>
        <svg width={width} height={height} viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${id}-t`} aria-describedby={`${id}-d`} focusable="false">
          <title id={`${id}-t`}>{title}</title>
          <desc id={`${id}-d`}>{intl.formatMessage({ id: 'reports.chart.valuesInTable' })}</desc>
          {drawn.map(({ row, labelY, barY, onwardY, length }, i) => (
            <g key={row.key}>
              <text className="label" x={centre} y={labelY + FONT} textAnchor="middle">
                {row.label} : {intl.formatNumber(row.reached)}
              </text>
              {length > 0 ? (
                <rect x={centre - length / 2} y={barY} width={length} height={BAR} className={`bar funnel-step f${Math.min(i, 3)}`} />
              ) : (
                <line x1={centre - 20} x2={centre + 20} y1={barY + BAR / 2} y2={barY + BAR / 2} className="zero-line" />
              )}
              {row.onward && onwardY !== null && (
                <text className="onward" x={centre} y={onwardY + FONT} textAnchor="middle">
                  ↓ {row.onward}
                </text>
              )}
            </g>
          ))}
        </svg>
      </div>
    </ChartFrame>
  );
}
