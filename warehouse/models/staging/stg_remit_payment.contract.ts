import { contract } from '../contract.ts';

export default contract('stg_remit_payment', { key: ['file_id', 'transaction_position'] });
