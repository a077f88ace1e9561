// The X12 reader over the public samples (RCM_SAMPLES_DIR): every 835 sample reads the same wrapped at fixed
// widths as it does whole.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readEraBytes, type EraRead } from '../../ingest/remittance/read-era.ts';
import { eraTransaction } from '../../ingest/remittance/era-document.ts';
import { SAMPLES_DIR, sampleBytes } from '../support/samples.ts';

const read835 = (text: string) => readEraBytes(Buffer.from(text, 'latin1'), 'test.835');
const essence = (r: EraRead) => r.remittances.map((x) => eraTransaction(x.remittance, x.claims, []));
const warningCodes = (r: EraRead) => r.remittances.flatMap((x) => x.warnings.map((w) => w.code));

describe('X12 reader: the public samples', () => {
  it('reads every 835 sample wrapped at 60, 80 and 132 characters a line the same as the sample', async () => {
    let checked = 0;
    for (const name of readdirSync(SAMPLES_DIR).filter((n) => n.includes('835'))) {
      const text = sampleBytes(name).toString('latin1');
      const original = await read835(text);
      // the samples whose segments end at a terminator other than a line break read the same without them
      const flat = text.replace(/[\r\n]+/g, '');
      const unbroken = await read835(flat);
      if (original.error || unbroken.error || JSON.stringify(essence(unbroken)) !== JSON.stringify(essence(original))) continue;
      for (const width of [60, 80, 132]) {
        const wrapped = await read835(flat.match(new RegExp(`[^]{1,${width}}`, 'g'))!.join('\r\n'));
        expect(wrapped.error, `${name} at ${width}`).toBeUndefined();
        expect(essence(wrapped), `${name} at ${width}`).toEqual(essence(original));
        expect(warningCodes(wrapped), `${name} at ${width}`).toContain('wrapped_lines');
      }
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });
});
