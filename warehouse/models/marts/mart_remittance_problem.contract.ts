import { contract } from '../contract.ts';

export default contract('mart_remittance_problem', { key: ['problem', 'file_id', 'segment_position'], notNull: ['problem', 'file_id', 'counted', 'message', 'hint'] });
