// The Denials page's pattern finder: the combinations (and code pairs billed on one claim) denied far more
// often than their payer's lines, each with what to do about it — its category's owning team and the
// crosswalk's one-line fix — its CARCs (a row whose top CARC covers less than 60 % of the denied lines is
// marked mixed, with its top three), and a link to its claims. The table stays within the page's width: the
// long texts wrap, the example claims and the folded patterns open on demand.
import { ApiError, getJson } from '../api.ts';
import { paragraph } from '../charts/panel.ts';
import { errorWithRetry } from '../charts/retry-state.ts';
import { rowsTable } from '../charts/rows-table.ts';
import { searchWith, type Filters } from '../filters.ts';
import { formatCount, formatDate, formatMoney, formatPercent } from '../../../kernel/format.ts';
import type { DenialPattern, DenialPatterns } from '../../../kernel/api/metrics.ts';
import { errorText, isAbort, stateMessage } from '../page.ts';
import { claimHref, NARROWABLE, type Later } from './denials-shared.ts';

const LINE_CODES = ['cpt', 'modifier', 'diagnosis', 'provider'] as const;

/** The heatmap by CARC over the pattern's window, drilled to its payer and CARC, the claims narrowed to its line codes. */
function traceHref(p: DenialPattern, answer: DenialPatterns, filters: Filters): string | undefined {
  const carc = p.dimensions.carc ?? p.top_carc;
  if (!carc) return undefined;
  const narrow = LINE_CODES.filter((d) => p.dimensions[d] !== undefined && NARROWABLE(d, p.dimensions[d]!)).map((d) => `${d}:${p.dimensions[d]}`);
  const params = new URLSearchParams({ rows: 'carc', drill_row: carc });
  if (p.dimensions.payer) params.set('drill_payer', p.dimensions.payer);
  if (narrow.length) params.set('narrow', narrow.join(','));
  return `/denials${searchWith({ ...filters, from: answer.from, to: answer.to }, params)}`;
}

/** The top CARC first (what the existing readers look for), then, for a mixed row, its other causes. */
function carcText(p: DenialPattern): string {
  if (!p.top_carc) return '';
  if (!p.mixed_causes) return `${p.top_carc} (${formatPercent(p.top_carc_share)} of denied lines)`;
  return `${p.carcs.map((c) => `${c.carc} (${formatPercent(c.share)})`).join(', ')}: mixed causes`;
}

function claimsLink(p: DenialPattern, answer: DenialPatterns, filters: Filters, doc: Document): Node {
  const href = traceHref(p, answer, filters);
  if (!href) return doc.createTextNode('');
  const carc = p.dimensions.carc ?? p.top_carc;
  const a = doc.createElement('a');
  a.href = href;
  a.textContent = `CARC ${carc} claims`;
  a.title = 'The heatmap by CARC over the pattern’s window, drilled to this payer and CARC, the claims narrowed to the pattern’s codes';
  return a;
}

/** The example claims and the patterns folded into this one, closed until asked for. */
function moreDetails(p: DenialPattern, filters: Filters, doc: Document): Node {
  const details = doc.createElement('details');
  details.className = 'pattern-more';
  const summary = doc.createElement('summary');
  summary.textContent = 'Examples';
  const claims = doc.createElement('p');
  claims.className = 'claim-links';
  claims.append('Example claims: ');
  for (const claim of p.example_claims) {
    const a = doc.createElement('a');
    a.href = claimHref(claim, filters);
    a.textContent = claim;
    claims.append(a, ' ');
  }
  details.append(summary, claims);
  if (p.also_explains.length) {
    const also = doc.createElement('p');
    also.dataset.part = 'also-explains';
    also.textContent = `Also explains: ${p.also_explains.join('; ')}`;
    details.append(also);
  }
  return details;
}

export async function drawPatterns(body: HTMLElement, pinned: Filters, filters: Filters, signal: AbortSignal, later: Later): Promise<void> {
  body.replaceChildren(stateMessage('Looking for denial patterns…', 'loading'));
  let answer: DenialPatterns;
  try {
    answer = await later(() => getJson<DenialPatterns>('/api/denials/patterns', { as_of: pinned.as_of, from: filters.from, to: filters.to, practice: filters.practice }, signal));
  } catch (e) {
    if (isAbort(e) || signal.aborted) return;
    if (e instanceof ApiError && e.status === 403) {
      body.replaceChildren(stateMessage(`Could not load the denial patterns: ${errorText(e)}`, 'unavailable'));
      return;
    }
    body.replaceChildren(errorWithRetry(`Could not load the denial patterns: ${errorText(e)}`, () => void drawPatterns(body, pinned, filters, signal, later)));
    return;
  }
  if (signal.aborted) return;
  // the finder has no payer filter; its baseline is each payer's own, so one payer's patterns stand alone
  const shown = filters.payer ? answer.patterns.filter((p) => p.dimensions.payer === filters.payer) : answer.patterns;
  const ignored = (['provider', 'location'] as const).filter((k) => filters[k]);
  const table = rowsTable(shown, {
    caption: 'patterns',
    empty: `No combination of payer, CPT, modifier, diagnosis and provider (nor code pair on one claim) was denied at least twice as often as its payer’s lines (with at least 10 claims) between ${formatDate(answer.from)} and ${formatDate(answer.to)}${filters.payer ? ` for ${filters.payer}` : ''}.`,
    columns: [
      { name: 'rank', label: '#', type: 'int' },
      { name: 'combination', label: 'Pattern', className: 'wrap', value: (p) => p.label },
      { name: 'trace', label: 'Claims denied', render: (p, doc) => claimsLink(p, answer, filters, doc) },
      { name: 'denied', label: 'Denied lines', value: (p) => `${formatCount(p.denied_lines)} of ${formatCount(p.lines)} (${formatCount(p.claims)} claims)` },
      { name: 'rate', label: 'Rate', type: 'ratio' },
      { name: 'baseline_rate', label: 'Payer’s rate', type: 'ratio' },
      { name: 'top_carc', label: 'Top CARC', className: 'wrap narrow', value: carcText, title: (p) => (p.mixed_causes ? 'Its top CARC covers less than 60 % of the denied lines: more than one cause' : undefined) },
      { name: 'excess_denied_dollars', label: 'Denied beyond the payer’s rate', type: 'money', title: (p) => `denied charges ${formatMoney(p.denied_dollars)}` },
      { name: 'owner', label: 'Owner', className: 'wrap narrow', value: (p) => (p.owner ? `${p.owner}${p.category ? ` (${p.category.replaceAll('_', ' ')})` : ''}` : '') },
      { name: 'fix', label: 'Fix', className: 'wrap', value: (p) => p.fix ?? '' },
      { name: 'more', label: 'More', render: (p, doc) => moreDetails(p, filters, doc) },
    ],
  });
  table.classList.add('patterns-table');
  for (const [i, p] of shown.entries()) {
    const tr = table.querySelectorAll('tbody tr')[i] as HTMLElement | undefined;
    if (tr && p.mixed_causes) tr.dataset.mixed = 'true';
  }
  body.replaceChildren(
    paragraph(`Lines first adjudicated ${formatDate(answer.from)} – ${formatDate(answer.to)}${filters.from ? '' : ' (the finder’s default: the twelve months to the as-of date)'}. A pattern is a combination of payer × CPT × modifier × diagnosis × provider, or a procedure code billed with another on the same claim, with at least 10 claims, denied at least twice as often as all of its payer’s lines, and surely so (the 95 % Wilson lower bound of its rate is above the payer’s rate); ranked by the charges denied beyond what the payer’s own rate would deny. Each names the team that owns its denial category and the one-line fix; a row whose top CARC covers less than 60 % of its denied lines is marked “mixed causes”, and each of its CARCs then stands as a pattern of its own. Combinations that explain mostly the same denied lines are folded into one.${ignored.length ? ` The finder is not narrowed by ${ignored.join(' or ')}.` : ''}`),
    table,
  );
  body.dataset.ready = 'true';
}
