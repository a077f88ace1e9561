// `rcm era show <file> [--json]`: the ERA viewer.
import type { Command } from 'commander';
import { eraTransaction, type EraDocument } from '../ingest/remittance/era-document.ts';
import { readEra } from '../ingest/remittance/read-era.ts';
import { renderEra } from './era-text.ts';

export function registerEraCommand(program: Command): void {
  const era = program.command('era').description('look at 835 electronic remittance advice files');
  era
    .command('show')
    .description('print a remittance the way a biller reads it: payment, payer, claims with lines, adjustments, remarks, PLB, warnings')
    .argument('<file>', 'an 835 file')
    .option('--json', 'print the stable JSON document (schema in docs/cli.md)')
    .action(async (file: string, options: { json?: boolean }) => {
      const read = await readEra(file);
      const document: EraDocument = {
        transactions: read.remittances.map((r) => eraTransaction(r.remittance, r.claims, r.warnings)),
        errors: read.error ? [{ file: read.error.file, segment: read.error.segment ?? null, message: read.error.message, hint: read.error.hint }] : [],
      };
      process.stdout.write(options.json ? `${JSON.stringify(document, null, 2)}\n` : renderEra(read, file));
      process.exitCode = read.error ? 1 : 0;
    });
}
