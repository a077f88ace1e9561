import { contract } from '../contract.ts';

// No key: the grain is a movement of money, and one source row can move several kinds of it.
export default contract('mart_cash', { key: null, notNull: ['cash_date', 'cash_month', 'kind', 'amount'] });
