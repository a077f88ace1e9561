import { contract } from '../contract.ts';

export default contract('stg_remit_repeat', { key: ['file_id', 'transaction_position'], notNull: ['kind', 'first_file_id', 'first_transaction_position'] });
