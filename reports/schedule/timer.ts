// The server's schedule timer: croner wakes it at each schedule's times (in the schedule's time zone), and
// each wake runs whatever is due (runDue: every occurrence at most once, so a wake that finds nothing new
// does nothing). It works on a connection of its own, so the server's readers never wait behind it, and it
// stops cleanly: no new run starts, a retry's wait is cut short, the run under way finishes.
import { Cron } from 'croner';
import type { Warehouse } from '../../warehouse/database.ts';
import { loadSchedules, schedulesPath, type SchedulesConfig } from './config.ts';
import { runDue, type OccurrenceResult } from './run-schedules.ts';

export interface ScheduleTimer {
  config: SchedulesConfig;
  /** Resolves once the run under way (if any) has finished and the connection is closed. */
  stop(): Promise<void>;
}

function summary(r: OccurrenceResult): string {
  const deliveries = r.deliveries.map((d) => `${d.channel} ${d.recipient} ${d.status}`).join(', ');
  return `schedule ${r.schedule} ${r.occurrenceAt.toISOString()}: ${r.status}${r.month ? ` (${r.month}, report run ${r.runId})` : ''}${r.error ? `: ${r.error}` : ''}${deliveries ? `; ${deliveries}` : ''}`;
}

/**
 * The schedules file configured (the path given, else $RCM_SCHEDULES, else ./config/schedules.json when
 * present), read and checked; null when none is. A file that cannot be used throws (ScheduleConfigError
 * naming the file, schedule and field), before the server listens: it does not start on a bad file.
 */
export function configuredSchedules(given?: string): SchedulesConfig | null {
  const path = schedulesPath(given);
  return path === null ? null : loadSchedules(path);
}

export async function startScheduleTimer(warehouse: Warehouse, config: SchedulesConfig, log: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Promise<ScheduleTimer> {
  const connection = await warehouse.connect();
  const stopping = new AbortController();
  let chain: Promise<void> = Promise.resolve();

  const wake = (scheduled: Date | null) => {
    if (stopping.signal.aborted) return;
    chain = chain.then(async () => {
      if (stopping.signal.aborted) return;
      // a timer may fire a hair before the time it was set for: the occurrence it fired for is due
      const now = new Date(Math.max(Date.now(), scheduled?.getTime() ?? 0));
      const results = await runDue(connection, config, { now, signal: stopping.signal, sleep: (ms) => pause(ms, stopping.signal) });
      for (const r of results) log(summary(r));
    }).catch((error: unknown) => log(`schedules: ${error instanceof Error ? error.message : String(error)}`));
  };

  const crons = config.schedules.map((s) => new Cron(s.cron, { timezone: s.timeZone, protect: true }, (job: Cron) => wake(job.currentRun())));
  // at start: records schedules seen for the first time, and runs what fell due while the server was down
  wake(null);
  return {
    config,
    async stop() {
      for (const c of crons) c.stop();
      stopping.abort();
      await chain;
      connection.close();
    },
  };
}

/** Waits, or less when the signal aborts. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
