// A table as the workbench hands it on (API answers, exports): rows with their columns declared once, each
// with a type, so that JSON, CSV and Arrow agree (server/table-response.ts).
export type ColumnType = 'text' | 'date' | 'money' | 'int' | 'bool' | 'list';
export type Columns = Record<string, ColumnType>;
export type Row = Record<string, unknown>;
