// `rcm era show` over a public sample (RCM_SAMPLES_DIR): the stable JSON document, held by a golden file.
import { describe, expect, it } from 'vitest';
import { rcm } from '../support/cli.ts';
import { expectGolden } from '../support/golden.ts';
import { samplePath } from '../support/samples.ts';

describe('rcm era show', () => {
  it('prints the stable JSON document (golden file)', () => {
    const result = rcm('era', 'show', samplePath('linuxforhealth_x12__835-managed-care.835'), '--json');
    expect(result.status).toBe(0);
    expectGolden('era-managed-care.json', result.stdout);
    const doc = JSON.parse(result.stdout);
    expect(Object.keys(doc)).toEqual(['transactions', 'errors']);
    expect(Object.keys(doc.transactions[0])).toEqual(['control_number', 'payment', 'payer', 'payee', 'claims', 'provider_adjustments', 'warnings']);
  });
});
