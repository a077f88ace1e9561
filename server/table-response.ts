// A table answered in the format the client asks for: JSON (default), Arrow IPC stream (Accept:
// application/vnd.apache.arrow.stream) or CSV (?format=csv, as a download). Every column is declared once
// with its type, so the three agree: money is exact in all of them (a decimal string in JSON and CSV,
// Decimal128(18, 2) in Arrow), dates are days (Arrow Date32), lists are lists (joined by spaces in CSV).
import type { Context } from 'hono';
import { routePath } from 'hono/route';
import { Bool, Data, Decimal, DateDay, Field, Int64, List, makeData, RecordBatch, Schema, Struct, Utf8, tableToIPC, Table, vectorFromArray, type DataType } from 'apache-arrow';

import type { ColumnType, Columns, Row } from '../warehouse/table.ts';
import { csvText } from '../warehouse/csv-text.ts';
import type { Auditor } from '../access/audit.ts';
import type { User } from '../access/users.ts';

export type { ColumnType, Columns, Row };

export const ARROW_STREAM = 'application/vnd.apache.arrow.stream';

export type TableFormat = 'json' | 'arrow' | 'csv';

/** The format a request asks for: ?format=csv, else an Accept header naming Arrow, else JSON. */
export function formatOf(c: Context): TableFormat {
  if (c.req.query('format') === 'csv') return 'csv';
  return (c.req.header('accept') ?? '').includes(ARROW_STREAM) ? 'arrow' : 'json';
}

/** JSON-safe values: BIGINT as a number when it is one, lists as arrays; money stays an exact string. */
function jsonValue(value: unknown, type: ColumnType): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'int') return Number(value);
  if (type === 'money') return String(value);
  return value;
}

export function tableJson(columns: Columns, rows: Row[]): Row[] {
  return rows.map((r) => Object.fromEntries(Object.entries(columns).map(([name, type]) => [name, jsonValue(r[name], type)])));
}

export function tableCsv(columns: Columns, rows: Row[]): string {
  const names = Object.keys(columns);
  return csvText([
    names,
    ...rows.map((r) => names.map((n) => {
      const v = r[n];
      if (v === null || v === undefined) return '';
      return Array.isArray(v) ? v.join(' ') : String(v);
    })),
  ]);
}

/** Cents of an exact decimal string ("-12.30" → -1230n), for Decimal128 with scale 2. */
function cents(value: unknown): bigint | null {
  if (value === null || value === undefined) return null;
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(value));
  if (!m) throw new Error(`not a money amount: ${String(value)}`);
  const abs = BigInt(m[2]) * 100n + BigInt((m[3] ?? '').padEnd(2, '0') || '0');
  return m[1] ? -abs : abs;
}

function decimalData(values: unknown[]): Data<Decimal> {
  const type = new Decimal(2, 18, 128);
  const words = new Uint32Array(values.length * 4);
  const validity = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((v, i) => {
    const c = cents(v);
    if (c === null) {
      nulls++;
      return;
    }
    validity[i >> 3] |= 1 << (i & 7);
    let x = BigInt.asUintN(128, c);
    for (let w = 0; w < 4; w++) {
      words[i * 4 + w] = Number(x & 0xffffffffn);
      x >>= 32n;
    }
  });
  return makeData({ type, length: values.length, nullCount: nulls, nullBitmap: nulls ? validity : null, data: words });
}

function arrowType(type: ColumnType): DataType {
  switch (type) {
    case 'text': return new Utf8();
    case 'date': return new DateDay();
    case 'money': return new Decimal(2, 18, 128);
    case 'int': return new Int64();
    case 'bool': return new Bool();
    case 'list': return new List(new Field('item', new Utf8(), true));
  }
}

function columnData(type: ColumnType, values: unknown[]): Data {
  switch (type) {
    case 'money': return decimalData(values);
    case 'date': return vectorFromArray(values.map((v) => (v === null || v === undefined ? null : new Date(`${String(v)}T00:00:00Z`))), new DateDay()).data[0];
    case 'int': return vectorFromArray(values.map((v) => (v === null || v === undefined ? null : BigInt(v as bigint | number))), new Int64()).data[0];
    case 'bool': return vectorFromArray(values.map((v) => (v === null || v === undefined ? null : Boolean(v))), new Bool()).data[0];
    case 'list': return vectorFromArray(values.map((v) => (v === null || v === undefined ? null : (v as unknown[]).map(String))), arrowType('list')).data[0];
    case 'text': return vectorFromArray(values.map((v) => (v === null || v === undefined ? null : String(v))), new Utf8()).data[0];
  }
}

export function tableArrow(columns: Columns, rows: Row[]): Uint8Array {
  const fields = Object.entries(columns).map(([name, type]) => new Field(name, arrowType(type), true));
  const children = Object.entries(columns).map(([name, type]) => columnData(type, rows.map((r) => r[name])));
  const struct = makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children });
  return tableToIPC(new Table([new RecordBatch(new Schema(fields), struct)]), 'stream');
}

/** Who records the answer: every CSV and Arrow export is audited, and a JSON answer when its rows are patient-level. */
export interface TableAudit {
  auditor: Auditor;
  /** Rows that name claims or patients: a JSON read of them is audited too. */
  patientLevel: boolean;
}

/**
 * Answers rows in the asked format and records it in the audit trail: this is the one place that writes a
 * table as CSV or Arrow, so no export can leave unaudited. `meta` (paging) goes into the JSON body and the
 * X-Total-Count header.
 */
export async function respondTable(c: Context, format: TableFormat, columns: Columns, rows: Row[], meta: { total?: number; filename: string; extra?: Row; audit: TableAudit }): Promise<Response> {
  if (format !== 'json' || meta.audit.patientLevel) {
    const route = routePath(c);
    await meta.audit.auditor.record(c.get('user') as User | undefined, format === 'json' ? route : `${route} (${format} export)`, c.req.query(), rows.length);
  }
  if (meta.total !== undefined) c.header('X-Total-Count', String(meta.total));
  if (format === 'csv') {
    return c.body(tableCsv(columns, rows), 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${meta.filename}.csv"` });
  }
  if (format === 'arrow') return c.body(tableArrow(columns, rows) as Uint8Array<ArrayBuffer>, 200, { 'content-type': ARROW_STREAM });
  return c.json({ ...(meta.extra ?? {}), ...(meta.total !== undefined ? { total: meta.total } : {}), columns, rows: tableJson(columns, rows) });
}
