// Ingest: what was loaded and what was refused. The batches (GET /api/ingest/batches) with their files,
// claims, warnings and rejected files; choose one (the address says ?batch=) to see its files (GET
// /api/ingest/files?batch=) and its rejected files and row errors with their messages and hints (GET
// /api/ingest/errors?batch=). Beside them, across batches, the loaded remittances a person must look at
// (GET /api/ingest/remittance-problems: delivered again, conflicting payments, reversals without their
// original), counted by kind. Each table downloads as CSV (?format=csv). The listings are not filtered
// by dates, payer, provider or location: a file belongs to the practices of its claims.
import { getJson, withQuery } from '../api.ts';
import { rowsTable } from '../charts/rows-table.ts';
import { baseName } from '../charts/claim-history.ts';
import { panel, paragraph, type Panel } from '../charts/panel.ts';
import { searchWith, type Filters } from '../filters.ts';
import { formatCount } from '../../../kernel/format.ts';
import { errorText, heading, isAbort, openView, stateMessage, type PageContext } from '../page.ts';
import type { IngestBatches, IngestErrors, IngestFiles, RemittanceProblems } from '../../../kernel/api/ingest.ts';

type Batch = IngestBatches['rows'][number];
type IngestFile = IngestFiles['rows'][number];
type IngestError = IngestErrors['rows'][number];
type RemittanceProblem = RemittanceProblems['rows'][number];

/** The kinds of mart_remittance_problem, in the order the page counts them, with what the models do with each. */
const PROBLEM_KINDS: readonly { problem: string; label: string }[] = [
  { problem: 'duplicate_remittance', label: 'Remittance delivered again (not counted)' },
  { problem: 'payment_conflict', label: 'Conflicting payment (counted)' },
  { problem: 'orphan_reversal', label: 'Reversal without its original (cash only)' },
];

const problemLabel = (problem: string) => PROBLEM_KINDS.find((k) => k.problem === problem)?.label ?? problem;

/** The server's limits (server/routes/ingest.ts): batches by default, files and errors at most. */
const BATCH_LIMIT = 100;
const ROW_LIMIT = 10_000;
const PAGE = 50;

const batchHref = (batch: number, filters: Filters) => `/ingest${searchWith(filters, new URLSearchParams({ batch: String(batch) }))}`;
const claimHref = (claim: string, filters: Filters) => `/claims${searchWith(filters, new URLSearchParams({ claim }))}`;

const limited = (rows: number, limit: number, what: string) => (rows >= limit ? `The server lists at most ${formatCount(limit)} ${what}: there may be more.` : undefined);

function batchesTable(batches: Batch[], chosen: number | undefined, filters: Filters, admin: boolean): HTMLElement {
  return rowsTable(batches, {
    caption: 'batches', singular: 'batch',
    csv: withQuery('/api/ingest/batches', { format: 'csv' }),
    empty: 'Nothing loaded yet for your practices: `rcm ingest <folder>` (or `npm start` for the demo) loads files.',
    note: [limited(batches.length, BATCH_LIMIT, 'batches, the latest first'), admin ? undefined : 'Rejected files belong to no practice: only an admin sees them and their count.'].filter(Boolean).join(' ') || undefined,
    selected: (b) => b.batch_id === chosen,
    onSelect: (b) => openView(batchHref(b.batch_id, filters)),
    columns: [
      { name: 'batch_id', label: 'Batch', link: (b) => batchHref(b.batch_id, filters) },
      { name: 'started_at', label: 'Started' },
      { name: 'finished_at', label: 'Finished' },
      { name: 'files', label: 'Files loaded', type: 'int' },
      { name: 'claims', label: 'Claims', type: 'int' },
      { name: 'warnings', label: 'Warnings', type: 'int' },
      { name: 'files_rejected', label: 'Files rejected', value: (b) => (b.files_rejected === null ? 'not shown' : formatCount(b.files_rejected)) },
    ],
  });
}

function filesTable(files: IngestFile[], batch: number, admin: boolean): HTMLElement {
  const warned = files.filter((f) => f.warnings > 0);
  const table = rowsTable(files, {
    caption: `files of batch ${batch}`, singular: `file of batch ${batch}`,
    csv: withQuery('/api/ingest/files', { batch, limit: ROW_LIMIT, format: 'csv' }),
    pageSize: PAGE,
    empty: admin ? `No file of batch ${batch} was loaded.` : `No file of batch ${batch} belongs to your practices.`,
    note: [
      `${formatCount(warned.length)} of them with warnings (${formatCount(warned.reduce((n, f) => n + f.warnings, 0))} in all).`,
      limited(files.length, ROW_LIMIT, 'files a batch'),
    ].filter(Boolean).join(' '),
    columns: [
      { name: 'file_id', label: 'File' },
      { name: 'file_name', label: 'Name', value: (f) => baseName(f.file_name), title: (f) => f.file_name },
      { name: 'content_type', label: 'Kind' },
      { name: 'size_bytes', label: 'Bytes', type: 'int' },
      { name: 'encoding', label: 'Encoding' },
      { name: 'transactions', label: 'Transactions', type: 'int' },
      { name: 'claims', label: 'Claims', type: 'int' },
      { name: 'warnings', label: 'Warnings', type: 'int' },
      { name: 'loaded_at', label: 'Loaded' },
    ],
  });
  table.classList.add('ingest-files');
  return table;
}

function errorsTable(errors: IngestError[], batch: number): HTMLElement {
  const files = new Set(errors.map((e) => e.file_name));
  const table = rowsTable(errors, {
    caption: `errors in batch ${batch}`, singular: `error in batch ${batch}`,
    csv: withQuery('/api/ingest/errors', { batch, limit: ROW_LIMIT, format: 'csv' }),
    pageSize: PAGE,
    empty: `No file of batch ${batch} was rejected and no row refused (among what you may see).`,
    note: errors.length ? [`In ${formatCount(files.size)} file${files.size === 1 ? '' : 's'}.`, limited(errors.length, ROW_LIMIT, 'errors a batch')].filter(Boolean).join(' ') : undefined,
    columns: [
      { name: 'file_name', label: 'File', value: (e) => baseName(e.file_name), title: (e) => e.file_name },
      { name: 'error_code', label: 'Code' },
      { name: 'segment_position', label: 'Segment', type: 'int' },
      { name: 'line_number', label: 'Line', type: 'int' },
      { name: 'message', label: 'Message', className: 'wrap' },
      { name: 'hint', label: 'Hint', className: 'wrap' },
      { name: 'raw_row', label: 'Row as read', className: 'wrap raw' },
      { name: 'recorded_at', label: 'Recorded' },
    ],
  });
  table.classList.add('ingest-errors');
  return table;
}

/**
 * How many of each kind, in all (the server counts them, also past the rows it lists): every kind listed,
 * none as 0, so that a reader sees what was checked.
 */
function problemCounts(counts: Record<string, number>): HTMLElement {
  const block = document.createElement('div');
  block.className = 'table-block problem-counts';
  const table = document.createElement('table');
  table.className = 'compact';
  const caption = document.createElement('caption');
  caption.className = 'visually-hidden';
  caption.textContent = 'Remittances to look at, by kind';
  table.append(caption);
  const head = table.createTHead().insertRow();
  for (const [label, numeric] of [['Kind', false], ['In all', true]] as const) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = label;
    if (numeric) th.className = 'num';
    head.append(th);
  }
  const body = table.createTBody();
  for (const { problem, label } of PROBLEM_KINDS) {
    const tr = body.insertRow();
    tr.dataset.problem = problem;
    const th = document.createElement('th');
    th.scope = 'row';
    th.textContent = label;
    const td = tr.insertCell();
    td.className = 'num';
    td.textContent = formatCount(counts[problem] ?? 0);
    tr.prepend(th);
  }
  block.append(table);
  return block;
}

function problemsTable(problems: RemittanceProblem[], filters: Filters): HTMLElement {
  const table = rowsTable(problems, {
    caption: 'remittances to look at', singular: 'remittance to look at',
    csv: withQuery('/api/ingest/remittance-problems', { limit: ROW_LIMIT, format: 'csv' }),
    pageSize: 20,
    empty: 'No remittance to look at: none was delivered again, none conflicts with another of its trace number, and every reversal has its original.',
    columns: [
      { name: 'problem', label: 'Kind', value: (p) => problemLabel(p.problem) },
      { name: 'batch_id', label: 'Batch', link: (p) => (p.batch_id === null ? undefined : batchHref(p.batch_id, filters)) },
      { name: 'claim_id', label: 'Claim', link: (p) => (p.claim_id ? claimHref(p.claim_id, filters) : undefined) },
      { name: 'payer_id', label: 'Payer' },
      { name: 'trace_number', label: 'Trace number' },
      { name: 'amount', label: 'Amount', type: 'money' },
      { name: 'file_name', label: 'File', value: (p) => (p.file_name ? baseName(p.file_name) : null), title: (p) => `${p.file_name ?? 'a file'}, segment ${p.segment_position}` },
      { name: 'first_file_name', label: 'First file', value: (p) => (p.first_file_name ? baseName(p.first_file_name) : null), title: (p) => p.first_file_name ?? undefined },
      { name: 'message', label: 'What it is', className: 'wrap' },
      { name: 'hint', label: 'What to do', className: 'wrap' },
    ],
  });
  table.classList.add('remittance-problems');
  return table;
}

async function showProblems(box: Panel, filters: Filters, signal: AbortSignal): Promise<void> {
  let answer: RemittanceProblems;
  try {
    answer = await getJson<RemittanceProblems>('/api/ingest/remittance-problems', { limit: ROW_LIMIT }, signal);
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    box.body.replaceChildren(stateMessage(`Could not load the remittances to look at: ${errorText(e)}`, 'error'));
    return;
  }
  if (signal.aborted) return;
  const problems = answer.rows;
  box.body.replaceChildren(
    paragraph('Loaded 835 payments and claim records a person should look at, in every batch, as of the last model build: a remittance sent again is counted once (from the first file named), a payment with the same trace number but other content is counted and needs the payer, a reversal whose original was never loaded changes no balance.'),
    problemCounts(answer.counts),
    problemsTable(problems, filters),
  );
}

export async function render(container: HTMLElement, context: PageContext): Promise<void> {
  delete container.dataset.ready;
  try {
    await show(container, context);
  } finally {
    // loaded, empty or failed: the page says which
    if (!context.signal.aborted) container.dataset.ready = 'all';
  }
}

async function show(container: HTMLElement, { filters, signal, session }: PageContext): Promise<void> {
  const asked = Number(new URLSearchParams(location.search).get('batch')) || undefined;
  const admin = session.user.role === 'admin';
  const note = document.createElement('p');
  note.className = 'hint';
  note.textContent = `What was loaded${admin ? '' : ' for your practices'}, batch by batch. These listings are not narrowed by the dates, payer, provider or location above: a file belongs to the practices of its claims.`;
  const batchesBox = panel('Batches', 'ingest-batches');
  const problemsBox = panel('Remittances to look at', 'ingest-remittance-problems');
  const detail = document.createElement('div');
  container.replaceChildren(heading('Ingest'), note, batchesBox.element, problemsBox.element, detail);
  await Promise.all([showBatches(batchesBox, detail, asked, admin, filters, signal), showProblems(problemsBox, filters, signal)]);
}

async function showBatches(batchesBox: Panel, detail: HTMLElement, asked: number | undefined, admin: boolean, filters: Filters, signal: AbortSignal): Promise<void> {
  let batches: Batch[];
  try {
    batches = (await getJson<IngestBatches>('/api/ingest/batches', { limit: BATCH_LIMIT }, signal)).rows;
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    batchesBox.body.replaceChildren(stateMessage(`Could not load the batches: ${errorText(e)}`, 'error'));
    return;
  }
  if (signal.aborted) return;
  const chosen = asked ?? batches[0]?.batch_id;
  batchesBox.body.replaceChildren(batchesTable(batches, chosen, filters, admin));
  if (chosen === undefined) return;
  if (!batches.some((b) => b.batch_id === chosen)) {
    detail.append(stateMessage(`Batch ${chosen} is not among the batches you may see (the latest ${formatCount(BATCH_LIMIT)} with a file of your practices).`, 'empty'));
    return;
  }

  const filesBox = panel(`Files of batch ${chosen}`, 'ingest-files-panel');
  const errorsBox = panel(`Rejected files and row errors of batch ${chosen}`, 'ingest-errors-panel');
  detail.append(filesBox.element, errorsBox.element);
  const [files, errors] = await Promise.allSettled([
    getJson<IngestFiles>('/api/ingest/files', { batch: chosen, limit: ROW_LIMIT }, signal),
    getJson<IngestErrors>('/api/ingest/errors', { batch: chosen, limit: ROW_LIMIT }, signal),
  ]);
  if (signal.aborted) return;
  filesBox.body.replaceChildren(files.status === 'fulfilled'
    ? filesTable(files.value.rows, chosen, admin)
    : stateMessage(`Could not load the files: ${errorText(files.reason)}`, 'error'));
  errorsBox.body.replaceChildren(errors.status === 'fulfilled'
    ? errorsTable(errors.value.rows, chosen)
    : stateMessage(`Could not load the errors: ${errorText(errors.reason)}`, 'error'));
}
