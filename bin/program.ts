// The `rcm` command line: each area registers its verbs here.
import { Command, CommanderError } from 'commander';
import { registerIngestCommand } from '../ingest/cli/ingest-command.ts';
import { registerEraCommand } from '../ingest/cli/era-command.ts';
import { registerHistoryCommands } from '../ingest/cli/history-command.ts';
import { registerClaimCommand } from '../ingest/cli/claim-command.ts';
import { CliError } from '../ingest/cli/cli-error.ts';
import { WarehouseOpenError } from '../warehouse/database.ts';
import { registerDemoCommand } from '../demo/cli/demo-command.ts';
import { registerBuildCommand } from '../warehouse/cli/build-command.ts';
import { registerMetricsCommand } from '../warehouse/cli/metrics-command.ts';
import { registerDenialsCommand } from '../warehouse/cli/denials-command.ts';
import { registerUserCommands } from '../server/cli/users-command.ts';
import { registerServeCommand } from '../server/cli/serve-command.ts';
import { registerReportCommand } from '../reports/cli/report-command.ts';
import { registerScheduleCommand } from '../reports/cli/schedule-command.ts';

export function buildProgram(): Command {
  const program = new Command('rcm')
    .description('rcm-workbench: revenue-cycle analytics for medical practices')
    .showHelpAfterError()
    .exitOverride();
  registerIngestCommand(program);
  registerEraCommand(program);
  registerHistoryCommands(program);
  registerClaimCommand(program);
  registerDemoCommand(program);
  registerBuildCommand(program);
  registerMetricsCommand(program);
  registerDenialsCommand(program);
  registerUserCommands(program);
  registerServeCommand(program);
  registerReportCommand(program);
  registerScheduleCommand(program);
  return program;
}

/** Runs the CLI and returns the exit status. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof CliError || error instanceof WarehouseOpenError) {
      process.stderr.write(`rcm: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 1;
    }
    throw error;
  }
}
