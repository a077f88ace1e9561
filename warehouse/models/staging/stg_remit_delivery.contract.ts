import { contract } from '../contract.ts';

export default contract('stg_remit_delivery', { key: ['file_id', 'transaction_position'] });
