// A table as the workbench hands it on (API answers, exports): rows with their columns declared once, each
// with a type, so that JSON, CSV and Arrow agree (server/table-response.ts).
export type { ColumnType, Columns } from '../kernel/api/tables.ts';
export type Row = Record<string, unknown>;
