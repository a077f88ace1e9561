// Reports: the monthly close package made by the server (POST /api/reports/monthly, as `rcm report
// monthly`) for a month (?month=, default the last complete month of the data), the practice of the filter
// bar (or every practice the reader may see) and the formats ticked; then its files to download; and the
// past runs the reader may see (GET /api/reports/runs) with theirs. The server's refusals (a format not
// there yet, a close date before the month ends) are shown in its own words.
import { getJson, postJson } from '../api.ts';
import { panel, paragraph } from '../charts/panel.ts';
import { rowsTable } from '../charts/rows-table.ts';
import { formatCount, formatDate, formatMonth } from '../../../kernel/format.ts';
import { errorText, heading, isAbort, stateMessage, type PageContext } from '../page.ts';
import { defaultMonth, isMonth } from './reports-month.ts';
import type { ReportFile, ReportRun, ReportRuns } from '../../../kernel/api/reports.ts';
import type { MetricsAnswer } from '../../../kernel/api/metrics.ts';

const FORMATS = [
  { id: 'xlsx', label: 'Workbook (XLSX)', checked: true },
  { id: 'csv', label: 'CSV, one file a table', checked: true },
  { id: 'pdf', label: 'PDF for managers', checked: false },
] as const;

const today = () => new Date().toISOString().slice(0, 10);

/** A file of a run as a download link, with its size (its SHA-256 on hover). */
function fileItem(file: ReportFile, doc: Document): HTMLLIElement {
  const item = doc.createElement('li');
  const link = doc.createElement('a');
  link.href = file.url;
  link.download = file.name;
  link.textContent = file.name;
  link.dataset.format = file.format;
  link.title = `SHA-256 ${file.sha256}`;
  item.append(link, ` (${formatCount(file.bytes)} bytes)`);
  return item;
}

/** The run's files as download links: the workbook and the PDF first, then the CSV files (one a table) folded together. */
function fileLinks(run: ReportRun, options: { open: boolean }, doc: Document = document): HTMLElement {
  const block = doc.createElement('div');
  block.className = 'report-files';
  const packages = doc.createElement('ul');
  packages.append(...run.files.filter((f) => f.format !== 'csv').sort((a, b) => a.format.localeCompare(b.format)).map((f) => fileItem(f, doc)));
  block.append(packages);
  const csv = run.files.filter((f) => f.format === 'csv');
  if (csv.length > 0) {
    const details = doc.createElement('details');
    details.open = options.open;
    const summary = doc.createElement('summary');
    summary.textContent = `${formatCount(csv.length)} CSV files, one a table`;
    const list = doc.createElement('ul');
    list.append(...csv.map((f) => fileItem(f, doc)));
    details.append(summary, list);
    block.append(details);
  }
  return block;
}

/** One line saying what the run is: month, practice, close date, provisional, post-close files. */
function runSummary(run: ReportRun): string {
  const practice = run.practices ? `practice ${run.practices.join(', ')}` : 'every practice';
  const closed = `closed ${formatDate(run.close_date)} (${run.close_rule})`;
  const counted = run.files_counted === null ? '' : `; ${formatCount(run.files_counted)} files counted`;
  const provisional = run.provisional ? '; provisional: the close date has not passed, files loaded by its end still count' : '';
  const late = run.late_files ? `; ${formatCount(run.late_files)} files loaded after the close shown apart as post-close activity` : '';
  return `Run ${run.run_id}: ${formatMonth(run.month)} for ${practice}, ${closed}${counted}${provisional}${late}.`;
}

function runsTable(runs: ReportRun[]): HTMLElement {
  return rowsTable(runs, {
    caption: 'runs', singular: 'run', pageSize: 20,
    empty: 'No package made yet for what you may see: build one above (or `rcm report monthly`).',
    columns: [
      { name: 'run_id', label: 'Run' },
      { name: 'month', label: 'Month', value: (r) => formatMonth(r.month) },
      { name: 'practices', label: 'Practice', value: (r) => r.practices?.join(', ') ?? 'every practice' },
      { name: 'close_date', label: 'Closed', value: (r) => `${r.close_date}${r.provisional ? ' (provisional)' : ''}` },
      { name: 'username', label: 'By' },
      { name: 'started_at', label: 'Made (UTC)' },
      { name: 'status', label: 'Status', className: 'wrap', value: (r) => (r.status === 'failed' ? `failed: ${r.error ?? ''}` : r.status) },
      { name: 'files', label: 'Files', className: 'wrap', render: (r, doc) => fileLinks(r, { open: false }, doc) },
    ],
  });
}

export async function render(container: HTMLElement, context: PageContext): Promise<void> {
  delete container.dataset.ready;
  try {
    await show(container, context);
  } finally {
    if (!context.signal.aborted) container.dataset.ready = 'all';
  }
}

async function show(container: HTMLElement, { filters, signal, session }: PageContext): Promise<void> {
  const asked = new URLSearchParams(location.search).get('month');
  const practice = filters.practice;
  const build = panel('Monthly close package', 'reports-build');
  const past = panel('Past runs', 'reports-runs');
  container.replaceChildren(
    heading('Reports'),
    paragraph('The month’s close package: headline KPIs against the month before and a year earlier, A/R aging and roll-forward, collections, denials, adjustments and payer lags, as of the month end and counting the files loaded by the close date (later files are shown apart as post-close activity). Each run is recorded with the SHA-256 of its files and numbers.'),
    build.element,
    past.element,
  );

  // the form: month, practice (the filter bar's), formats, close date
  const form = document.createElement('form');
  form.className = 'report-form';
  form.setAttribute('aria-label', 'Build the monthly close package');
  const monthLabel = document.createElement('label');
  monthLabel.textContent = 'Month ';
  const month = document.createElement('input');
  Object.assign(month, { type: 'month', name: 'month', required: true, value: isMonth(asked) ? asked : '' });
  monthLabel.append(month);
  const scope = paragraph(practice
    ? `Practice ${practice} (from the filters above).`
    : session.user.role === 'admin' ? 'Every practice (choose one in the filters above for one practice).' : `Your practice${session.user.practices.length > 1 ? 's' : ''}: ${session.user.practices.join(', ')}.`);
  scope.dataset.practice = practice ?? '';
  const formats = document.createElement('fieldset');
  const legend = document.createElement('legend');
  legend.textContent = 'Formats';
  formats.append(legend);
  for (const f of FORMATS) {
    const label = document.createElement('label');
    const box = document.createElement('input');
    Object.assign(box, { type: 'checkbox', name: 'format', value: f.id, checked: f.checked });
    label.append(box, ` ${f.label} `);
    formats.append(label);
  }
  const closeLabel = document.createElement('label');
  closeLabel.textContent = 'Close date (optional) ';
  const closeDate = document.createElement('input');
  Object.assign(closeDate, { type: 'date', name: 'closeDate' });
  closeLabel.append(closeDate);
  const button = document.createElement('button');
  button.type = 'submit';
  button.textContent = 'Build package';
  const outcome = document.createElement('div');
  outcome.className = 'report-outcome';
  outcome.setAttribute('aria-live', 'polite');
  form.append(monthLabel, scope, formats, closeLabel, paragraph('Default: the month end + 10 days (or the first load, when the history was loaded later). Files loaded by its end count.'), button);
  build.body.replaceChildren(form, outcome);

  const loadRuns = async () => {
    try {
      const { runs } = await getJson<ReportRuns>('/api/reports/runs', { practice, limit: 100 }, signal);
      if (!signal.aborted) past.body.replaceChildren(runsTable(runs));
    } catch (e) {
      if (!isAbort(e) && !signal.aborted) past.body.replaceChildren(stateMessage(`Could not load the runs: ${errorText(e)}`, 'error'));
    }
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const chosen = [...form.querySelectorAll<HTMLInputElement>('input[name="format"]:checked')].map((b) => b.value);
    if (!isMonth(month.value)) {
      outcome.replaceChildren(stateMessage('Choose a month.', 'error'));
      return;
    }
    if (chosen.length === 0) {
      outcome.replaceChildren(stateMessage('Tick at least one format.', 'error'));
      return;
    }
    button.disabled = true;
    outcome.replaceChildren(stateMessage(`Building the package for ${formatMonth(month.value)}… (a few seconds)`, 'loading'));
    try {
      const run = await postJson<ReportRun>('/api/reports/monthly', { month: month.value, practice, formats: chosen, closeDate: closeDate.value || undefined }, signal);
      if (signal.aborted) return;
      const done = paragraph(runSummary(run), 'report-run');
      done.dataset.runId = String(run.run_id);
      outcome.replaceChildren(done, fileLinks(run, { open: true }));
      await loadRuns();
    } catch (e) {
      if (isAbort(e) || signal.aborted) return;
      outcome.replaceChildren(stateMessage(`The package was not made: ${errorText(e)}`, 'error'));
    } finally {
      button.disabled = false;
    }
  });

  // the default month: the data's last complete month (the latest event date among the reader's practices)
  const defaults = (async () => {
    if (month.value) return;
    let latest: string | null = null;
    try {
      latest = (await getJson<MetricsAnswer>('/api/metrics', { metric: 'ar_total', practice }, signal)).as_of;
    } catch (e) {
      if (isAbort(e)) return;
      // no data yet (404) or no metrics view: the calendar's last complete month
    }
    if (!signal.aborted && !month.value) month.value = defaultMonth(latest, today());
  })();
  await Promise.all([defaults, loadRuns()]);
}
