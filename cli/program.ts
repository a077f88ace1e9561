// The `rcm` command line: each area registers its verbs here.
import { Command, CommanderError } from 'commander';
import { CliError } from './kit/cli-error.ts';
import { WarehouseOpenError } from '../warehouse/database.ts';

type Register = (program: Command) => void;

/**
 * Each area's verbs and where they are registered. Only the module of the verb being run is loaded: the
 * others bring libraries a command does not need (the server, mail, schedules, reports), whose loading
 * was a tenth of a second or more of every command's start. Help and an unknown verb load them all.
 */
const AREAS: { verbs: string[]; load: () => Promise<Register> }[] = [
  { verbs: ['ingest'], load: async () => (await import('./ingest-command.ts')).registerIngestCommand },
  { verbs: ['era'], load: async () => (await import('./era-command.ts')).registerEraCommand },
  { verbs: ['batches', 'errors'], load: async () => (await import('./history-command.ts')).registerHistoryCommands },
  { verbs: ['claim'], load: async () => (await import('./claim-command.ts')).registerClaimCommand },
  { verbs: ['demo'], load: async () => (await import('./demo-command.ts')).registerDemoCommand },
  { verbs: ['build'], load: async () => (await import('./build-command.ts')).registerBuildCommand },
  { verbs: ['metrics'], load: async () => (await import('./metrics-command.ts')).registerMetricsCommand },
  { verbs: ['denials'], load: async () => (await import('./denials-command.ts')).registerDenialsCommand },
  { verbs: ['contracts'], load: async () => (await import('./contracts-command.ts')).registerContractsCommand },
  { verbs: ['work'], load: async () => (await import('./work-command.ts')).registerWorkCommand },
  { verbs: ['users', 'tokens', 'audit'], load: async () => (await import('./users-command.ts')).registerUserCommands },
  { verbs: ['serve'], load: async () => (await import('./serve-command.ts')).registerServeCommand },
  { verbs: ['report'], load: async () => (await import('./report-command.ts')).registerReportCommand },
  { verbs: ['schedule'], load: async () => (await import('./schedule-command.ts')).registerScheduleCommand },
];

/** The program with the verbs of `verb`'s area, or with every verb when `verb` is none of them (help, a typo). */
export async function buildProgram(verb?: string): Promise<Command> {
  const program = new Command('rcm')
    .description('rcm-workbench: revenue-cycle analytics for medical practices')
    .showHelpAfterError()
    .exitOverride();
  const area = AREAS.find((a) => verb !== undefined && a.verbs.includes(verb));
  const registers = await Promise.all((area ? [area] : AREAS).map((a) => a.load()));
  for (const register of registers) register(program);
  return program;
}

/**
 * What to say when DuckDB refused to go on: it stopped using the warehouse after a fatal error (a checkpoint
 * that ran out of memory, say: every later statement then fails), or a statement outside any file's load
 * ran out of the memory it may use (`rcm ingest --memory-limit 8MB`); null for any other error.
 */
export function databaseRefused(error: unknown): string | null {
  if (!(error instanceof Error)) return null;
  if (/database has been invalidated/.test(error.message)) {
    const cause = /Original error: "([^"\n]+)/.exec(error.message)?.[1] ?? error.message.split('\n')[0];
    return `DuckDB stopped working on the warehouse: ${cause}\n`
      + 'What was committed before is kept (the warehouse replays its log when it is opened next). '
      + 'Run the command again; when loading, with a larger --memory-limit.';
  }
  if (/^Out of Memory Error/.test(error.message)) {
    return `DuckDB ran out of the memory it may use: ${error.message.split('\n')[0]}\n`
      + 'What was committed before is kept. Run the command again; when loading, with a larger --memory-limit.';
  }
  return null;
}

/** Runs the CLI and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  // the verb: the first argument after the program's own that is not an option
  const program = await buildProgram(argv.slice(2).find((a) => !a.startsWith('-')));
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError || error instanceof WarehouseOpenError) {
      process.stderr.write(`rcm: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    const refused = databaseRefused(error);
    if (refused !== null) {
      process.stderr.write(`rcm: ${refused}\n`);
      return 1;
    }
    throw error;
  }
}
