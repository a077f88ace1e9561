// Claims: the claim explorer (search a claim, its full history, the raw ERA of each remittance) is under
// construction; the claim list behind the filters is here already, paged and sorted by the server.
import { serverTable } from '../table.ts';
import { underConstruction, type PageContext } from '../page.ts';

const SORTABLE = ['claim_id', 'service_date', 'first_submitted_date', 'first_adjudicated_date', 'charge', 'balance', 'age_days', 'payer_id'] as const;

export function render(container: HTMLElement, { filters, signal }: PageContext): void {
  underConstruction(container, 'Claims', 'a claim’s full history (submitted, acknowledged, adjudicated, reversed, corrected, posted) with amounts and balance, and the raw ERA view of each remittance.');
  container.append(serverTable({
    endpoint: '/api/claims',
    caption: 'claims',
    params: {
      as_of: filters.as_of, payer: filters.payer, provider: filters.provider, location: filters.location, practice: filters.practice,
      service_from: filters.from, service_to: filters.to,
    },
    columns: [
      { name: 'claim_id', label: 'Claim' }, { name: 'payer_id', label: 'Payer' }, { name: 'provider', label: 'Provider' },
      { name: 'location', label: 'Location' }, { name: 'service_date', label: 'Service date' }, { name: 'charge', label: 'Charge' },
      { name: 'balance', label: 'Balance' }, { name: 'age_days', label: 'Age (days)' }, { name: 'aging_bucket', label: 'Aging' },
      { name: 'first_denied', label: 'Denied first time' }, { name: 'denial_categories', label: 'Denial categories' },
    ],
    sortable: SORTABLE,
    sort: 'service_date',
    order: 'desc',
    signal,
  }));
}
