import { describe, expect, it } from 'vitest';
import { readEraBytes, type EraRead } from '../remittance/read-era.ts';
import { eraTransaction } from '../remittance/era-document.ts';
import { FIXTURE_ANSWERS, fixture835, isa, type Layout } from '../../tests/support/fixture-835.ts';
import { fixtureFiles } from '../../tests/support/fixture-files.ts';
import { X12Error } from './diagnostics.ts';
import { readX12Bytes } from './reader.ts';
import { MAX_SEGMENT_LENGTH } from './tokenizer.ts';
import { formatCents } from '../../kernel/money.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function read(bytes: Uint8Array | string): Promise<EraRead> {
  return readEraBytes(typeof bytes === 'string' ? utf8(bytes) : bytes, 'test.835');
}

/** What must come out the same whatever the layout of the file. */
function essence(r: EraRead) {
  return r.remittances.map((x) => eraTransaction(x.remittance, x.claims, []));
}

const warningCodes = (r: EraRead) => r.remittances.flatMap((x) => x.warnings.map((w) => w.code));

describe('X12 reader: separators and line endings', () => {
  it('reads the fixture with its hand-computed totals and no warning', async () => {
    const r = await read(fixture835());
    expect(r.error).toBeUndefined();
    expect(warningCodes(r)).toEqual([]);
    const claims = r.remittances[0].claims;
    expect(claims).toHaveLength(FIXTURE_ANSWERS.claims);
    expect(formatCents(claims.reduce((s, c) => s + (c.paid ?? 0), 0))).toBe(FIXTURE_ANSWERS.claimPaid);
    expect(formatCents(r.remittances[0].remittance.payment.amount!)).toBe(FIXTURE_ANSWERS.payment);
  });

  const layouts: [string, Layout][] = [
    ['no line breaks', { after: '' }],
    ['CRLF after each terminator', { after: '\r\n' }],
    ['CR after each terminator', { after: '\r' }],
    ['newline as the terminator', { terminator: '\n', after: '' }],
    ['CRLF as the terminator (terminator CR, LF skipped)', { terminator: '\r', after: '\n' }],
    ['a newline before the terminator', { before: '\n', after: '' }],
    ['a newline before and after the terminator', { before: '\r\n', after: '\r\n' }],
    ['element |, component ^, terminator _', { element: '|', component: '^', terminator: '_', repetition: '!' }],
    ['element ~, component ^, terminator newline', { element: '~', component: '^', terminator: '\n', after: '', repetition: '!' }],
    ['component >, terminator ^ (odd but legal)', { component: '>', terminator: '\'', repetition: '!' }],
    ['version 00401 with U in ISA11', { version: '00401' }],
  ];

  it.each(layouts)('reads %s the same', async (_, layout) => {
    const base = essence(await read(fixture835()));
    const r = await read(fixture835(layout));
    expect(r.error).toBeUndefined();
    expect(warningCodes(r)).toEqual([]);
    expect(essence(r)).toEqual(base);
  });

  it('reads the repetition separator only from version 00402 on', async () => {
    const r5 = await read(fixture835({ version: '00501', repetition: '^' }));
    expect(r5.remittances[0].remittance.header.separators.repetition).toBe('^');
    const r4 = await read(fixture835({ version: '00401' }));
    expect(r4.remittances[0].remittance.header.separators.repetition).toBeUndefined();
  });

  it('strips a UTF-8 byte-order mark and leading whitespace', async () => {
    const base = essence(await read(fixture835()));
    const text = `\uFEFF  \r\n\t${fixture835({ after: '\r\n' }).replaceAll('\r\n', '\r\n    ')}`;
    const r = await read(text);
    expect(r.error).toBeUndefined();
    expect(essence(r)).toEqual(base);
  });

  it.each([
    ['UTF-16LE with BOM', 'le', true],
    ['UTF-16LE without BOM', 'le', false],
    ['UTF-16BE with BOM', 'be', true],
  ] as const)('decodes %s', async (_, order, bom) => {
    const base = essence(await read(fixture835()));
    const text = (bom ? '\uFEFF' : '') + fixture835();
    const le = Buffer.from(text, 'utf16le');
    const bytes = order === 'le' ? le : Buffer.from(le).swap16();
    const r = await read(bytes);
    expect(r.error).toBeUndefined();
    expect(essence(r)).toEqual(base);
  });

  it('keeps empty and trailing elements in place', async () => {
    const r = await read(fixture835().replace('CAS*CO*A2*20.00~', 'CAS*CO*A2*20.00**~'));
    expect(r.error).toBeUndefined();
    expect(r.remittances[0].claims[0].adjustments).toEqual([expect.objectContaining({ group: 'CO', reason: 'A2', amount: 2000, quantity: null })]);
    const lines = r.remittances[0].claims[0].lines;
    expect(lines[0].revenueCode).toBeNull();
    expect(lines[0].units).toBe('1');
  });

  it('splits a text chunk anywhere: one byte at a time reads the same', async () => {
    const base = essence(await read(fixture835({ after: '\r\n' })));
    const bytes = utf8(`\uFEFF${fixture835({ after: '\r\n' })}`);
    async function* byteByByte() {
      for (let i = 0; i < bytes.length; i++) yield bytes.subarray(i, i + 1);
    }
    const { readX12 } = await import('./reader.ts');
    const { TransactionRouter } = await import('../transaction-router.ts');
    const { Remittance835Mapper } = await import('../remittance/map-835.ts');
    let paid = 0;
    let claims = 0;
    const sink = { claim: (_: unknown, c: { paid: number | null }) => { claims++; paid += c.paid ?? 0; }, remittance: () => undefined };
    await readX12(byteByByte(), new TransactionRouter({ '835': (h) => new Remittance835Mapper(h, sink, () => undefined) }, () => undefined), 'bytes.835');
    expect(claims).toBe(base[0].claims.length);
    expect(formatCents(paid)).toBe(FIXTURE_ANSWERS.claimPaid);
  });
});

describe('X12 reader: chunk boundaries', () => {
  /** Every segment the tokenizer hands on (id, number, elements) and every warning, in order. */
  async function segmentsOf(chunks: Uint8Array[]): Promise<string[]> {
    const { readX12 } = await import('./reader.ts');
    const seen: string[] = [];
    // as the file reader does: every chunk in one reused buffer, scribbled over once the reader has had
    // it, so that anything kept from a chunk past its turn shows up as wrong segments
    const reused = new Uint8Array(Math.max(...chunks.map((c) => c.length)));
    async function* source() {
      for (const chunk of chunks) {
        reused.set(chunk);
        yield reused.subarray(0, chunk.length);
        reused.fill(0x3f);
      }
    }
    await readX12(source(), {
      startTransaction: (h) => seen.push(`ST ${h.position} ${h.transactionType} ${h.controlNumber}`),
      segment: (s) => seen.push(`${s.position} ${s.elements.join('|')}`),
      endTransaction: (t) => seen.push(`SE ${t.position} ${t.segmentCount}`),
      warning: (w) => seen.push(`warning ${w.code} ${w.segment}`),
    }, 'chunks.835');
    return seen;
  }

  const split = (bytes: Uint8Array, size: number) => Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));

  it('reads the same segments whatever the chunk size, across interchanges with other separators and line breaks', async () => {
    const text = fixture835({ after: '\r\n', interchangeControl: '000000001' })
      + fixture835({ element: '|', component: '^', terminator: '_', repetition: '!', before: '\n', interchangeControl: '000000002' }, 2)
      + fixture835({ terminator: '\n', after: '', interchangeControl: '000000003' });
    const bytes = utf8(text);
    const whole = await segmentsOf([bytes]);
    expect(whole.length).toBeGreaterThan(100);
    for (const size of [1, 2, 3, 5, 7, 11, 64, 105, 106, 107, 500]) {
      expect(await segmentsOf(split(bytes, size)), `chunks of ${size} bytes`).toEqual(whole);
    }
  });
});

describe('X12 reader: envelopes', () => {
  it('reads several interchanges with different separators in one file', async () => {
    const text = fixture835({ interchangeControl: '000000001' }) + fixture835({ element: '|', component: '^', terminator: '_', repetition: '!', interchangeControl: '000000002' }, 2);
    const r = await read(text);
    expect(r.error).toBeUndefined();
    expect(warningCodes(r)).toEqual([]);
    expect(r.remittances).toHaveLength(3);
    expect(r.remittances.map((x) => x.remittance.header.interchange?.controlNumber)).toEqual(['000000001', '000000002', '000000002']);
  });

  it('warns, with segment number and text, on wrong control numbers and counts, and still reads', async () => {
    const text = fixture835().replace('SE*41*0001', 'SE*40*0002').replace('GE*1*7', 'GE*2*8').replace('IEA*1*000000001', 'IEA*2*000000009');
    const r = await read(text);
    expect(r.error).toBeUndefined();
    const warnings = r.remittances[0].warnings;
    expect(warnings.map((w) => w.code)).toEqual(['control_count', 'control_number', 'control_count', 'control_number', 'control_count', 'control_number']);
    expect(warnings[0]).toMatchObject({ segment: 43, segmentText: 'SE*40*0002' });
    expect(warnings[0].message).toContain('SE01 says 40 segments');
    expect(r.remittances[0].claims).toHaveLength(FIXTURE_ANSWERS.claims);
  });

  it('reads a file without ISA/GS (starts at ST) with a warning', async () => {
    const text = fixture835({ after: '' }).replace(/^ISA.*?~GS.*?~/, '').replace(/GE\*.*$/, '');
    const r = await read(text);
    expect(r.error).toBeUndefined();
    expect(warningCodes(r)).toContain('no_envelope');
    expect(r.remittances[0].claims).toHaveLength(FIXTURE_ANSWERS.claims);
  });

  it('warns on an ISA of the wrong length but reads it by its own separators', async () => {
    const text = fixture835().replace('ACMEPAYER      ', 'ACMEPAYER');
    const r = await read(text);
    expect(r.error).toBeUndefined();
    expect(warningCodes(r)).toContain('isa_length');
    expect(r.remittances[0].claims).toHaveLength(FIXTURE_ANSWERS.claims);
  });

  it.each([':', '>'])('reads an ISA whose ISA16 is left out, ended by a line break (composites written with "%s")', async (component) => {
    // seen in an outside sample: "…*0*P*" then a line break; segments end at line breaks
    const base = essence(await read(fixture835()));
    const text = fixture835({ component, terminator: '\n', after: '' }).replace(`*${component}\n`, '*\n');
    expect(text.split('\n')[0]).toMatch(/\*P\*$/);
    const r = await read(text);
    expect(r.error).toBeUndefined();
    expect(warningCodes(r)).toEqual(component === ':' ? ['isa_length'] : ['isa_length', 'separator_mismatch']);
    expect(r.remittances[0].warnings[0].message).toContain('no ISA16');
    expect(essence(r)).toEqual(base);
  });

  it.each([[80, '\r\n'], [100, '\n']])('reads a file wrapped at %i characters a line, breaks inside segments and values', async (width, lineBreak) => {
    const base = essence(await read(fixture835()));
    const flat = fixture835({ after: '' }) + fixture835({ after: '', interchangeControl: '000000002' });
    const wrapped = flat.match(new RegExp(`.{1,${width}}`, 'g'))!.join(lineBreak) + lineBreak;
    expect(wrapped.split(lineBreak).some((line) => /[0-9A-Z]$/.test(line))).toBe(true); // a value is cut
    const r = await read(wrapped);
    expect(r.error).toBeUndefined();
    expect(warningCodes(r)).toEqual(['wrapped_lines']);
    expect(r.remittances[0].warnings[0].message).toBe(`the file is wrapped at ${width} characters a line, breaking segments; its line breaks were removed before reading`);
    expect(essence(r)).toEqual([...base, ...base]);
  });

  it('reads every 835 the demo fixture writes, wrapped at 60, 80 and 132 characters a line, the same as unwrapped', async () => {
    const remittances = fixtureFiles().filter(([name]) => name.endsWith('.835'));
    expect(remittances.length).toBeGreaterThanOrEqual(4);
    for (const [name, text] of remittances) {
      const original = await read(text);
      expect(original.error, name).toBeUndefined();
      const flat = text.replace(/[\r\n]+/g, '');
      for (const width of [60, 80, 132]) {
        const wrapped = await read(flat.match(new RegExp(`[^]{1,${width}}`, 'g'))!.join('\r\n'));
        expect(wrapped.error, `${name} at ${width}`).toBeUndefined();
        expect(essence(wrapped), `${name} at ${width}`).toEqual(essence(original));
        expect(warningCodes(wrapped), `${name} at ${width}`).toContain('wrapped_lines');
      }
    }
  });

  it('does not take "ISA" inside an element for a new interchange', async () => {
    const r = await read(fixture835().replace('NM1*QC*1*DOE*JANE', 'NM1*QC*1*ISAAC*JANE'));
    expect(r.error).toBeUndefined();
    expect(r.remittances[0].claims[0].patient?.lastName).toBe('ISAAC');
  });
});

describe('X12 reader: files it refuses, with the place and what to do', () => {
  async function failure(bytes: Uint8Array | string): Promise<X12Error> {
    const r = await read(bytes);
    expect(r.error).toBeInstanceOf(X12Error);
    expect(r.error!.hint.length).toBeGreaterThan(10);
    expect(r.error!.message).toContain('test.835');
    return r.error!;
  }

  it('an empty file', async () => {
    expect((await failure('')).code).toBe('empty_file');
    expect((await failure('  \r\n ')).code).toBe('empty_file');
  });

  it('a file that is not X12', async () => {
    const e = await failure('patient,amount\nDOE,12.00\n');
    expect(e.code).toBe('not_x12');
    expect(e.segmentText).toContain('patient,amount');
  });

  it('a file truncated inside a transaction set', async () => {
    const text = fixture835();
    const e = await failure(text.slice(0, text.indexOf('CLP*CLAIM-B')));
    expect(e.code).toBe('truncated');
    expect(e.message).toContain('transaction set 835 0001');
  });

  it('a file truncated inside the ISA', async () => {
    expect((await failure(isa().slice(0, 60))).code).toBe('bad_isa');
  });

  it('a missing SE (a new ST inside an open transaction set)', async () => {
    const text = fixture835({}, 2).replace('SE*41*0001~\n', '');
    const e = await failure(text);
    expect(e.code).toBe('structure');
    expect(e.segmentText).toBe('ST*835*0002');
  });

  it('a segment with no terminator for longer than the limit', async () => {
    const text = fixture835().replace('N1*PR*ACME HEALTH PLAN', `N1*PR*${'A'.repeat(MAX_SEGMENT_LENGTH + 10)}`);
    expect((await failure(text)).code).toBe('segment_too_long');
  });

  it('an amount that is not a number', async () => {
    const e = await failure(fixture835().replace('CLP*CLAIM-A*1*500.00*280.00', 'CLP*CLAIM-A*1*500.00*28O.00'));
    expect(e.code).toBe('invalid_amount');
    expect(e.segment).toBe(12);
    expect(e.message).toContain('CLP04 "28O.00"');
  });

  it('a service line before any claim', async () => {
    const e = await failure(fixture835().replace('LX*1~', 'LX*1~\nSVC*HC:99213*1*1~'));
    expect(e.code).toBe('structure');
  });

  it('a file with no transaction set at all', async () => {
    const text = `${isa()}~GS*HP*A*B*20240101*1200*1*X*005010X221A1~GE*0*1~IEA*1*000000001~`;
    expect((await failure(text)).code).toBe('structure');
  });

  it('stops reading at the first failure and says which segment', async () => {
    let segments = 0;
    const visitor = { startTransaction: () => undefined, segment: () => { segments++; }, endTransaction: () => undefined, warning: () => undefined };
    await expect(readX12Bytes(utf8('GARBAGE'), visitor, 'x.txt')).rejects.toThrow(/x\.txt, segment 1.*not an X12 file/);
    expect(segments).toBe(0);
  });
});

describe('X12 reader: text encodings', () => {
  it('keeps UTF-8 letters, also when a chunk boundary cuts one in two', async () => {
    const text = fixture835().replace('NM1*QC*1*DOE*JANE', 'NM1*QC*1*DOÉ*JOSÉ');
    const bytes = Buffer.from(text, 'utf8');
    const cut = bytes.indexOf(Buffer.from('É', 'utf8')) + 1;
    async function* twoChunks() {
      yield bytes.subarray(0, cut);
      yield bytes.subarray(cut);
    }
    const { readX12 } = await import('./reader.ts');
    const { TransactionRouter } = await import('../transaction-router.ts');
    const { Remittance835Mapper } = await import('../remittance/map-835.ts');
    const names: (string | null)[] = [];
    const warnings: string[] = [];
    const sink = { claim: (_: unknown, c: { patient: { lastName: string | null } | null }) => { names.push(c.patient?.lastName ?? null); }, remittance: () => undefined };
    await readX12(twoChunks(), new TransactionRouter({ '835': (h) => new Remittance835Mapper(h, sink, (w) => warnings.push(w.code)) }, (w) => warnings.push(w.code)), 'utf8.835');
    expect(names[0]).toBe('DOÉ');
    expect(warnings).toEqual([]);
  });

  it('reads a Latin-1 file as Latin-1, with a warning', async () => {
    const text = fixture835().replace('NM1*QC*1*DOE*JANE', 'NM1*QC*1*MÜLLER*RENÉ');
    const r = await read(Buffer.from(text, 'latin1'));
    expect(r.error).toBeUndefined();
    expect(r.remittances[0].claims[0].patient).toMatchObject({ lastName: 'MÜLLER', firstName: 'RENÉ' });
    expect(warningCodes(r)).toEqual(['not_utf8']);
  });
});
