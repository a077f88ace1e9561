import { contract } from '../contract.ts';

export default contract('mart_unmatched_record', { key: ['source', 'file_id', 'position'], notNull: ['source', 'file_id', 'position', 'reason'] });
