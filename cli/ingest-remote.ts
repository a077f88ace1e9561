// `rcm ingest --server URL`: loads files through a running `rcm serve`, which holds the warehouse open
// (DuckDB lets one process open the file) and keeps answering while it loads. The files go up as one
// upload set (POST /api/uploads, each file as a request body), then load as one batch and the models are
// rebuilt (POST /api/uploads/:id/ingest).
import { openAsBlob } from 'node:fs';
import { expandPaths } from '../ingest/loader/ingest-run.ts';
import { CliError } from './kit/cli-error.ts';

export interface RemoteOutcome {
  file: string;
  status: string;
  claims?: number;
  warnings?: number;
  message?: string;
}

/** One request to a running rcm serve with an API token; a refusal or an unreachable server is a CliError saying so. */
export async function call(url: string, token: string, init: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
  } catch (error) {
    throw new CliError(`cannot reach ${new URL(url).origin}: ${(error as Error).cause ?? (error as Error).message}. Is rcm serve running there?`);
  }
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown> & { error?: { message?: string } };
  if (!response.ok) throw new CliError(`${init.method} ${new URL(url).pathname}: ${response.status} ${body.error?.message ?? response.statusText}`);
  return body;
}

export async function ingestThroughServer(server: string, token: string | undefined, paths: string[], build: boolean): Promise<{ outcomes: RemoteOutcome[]; failedChecks: string[] }> {
  if (!token) throw new CliError('--server needs an admin API token: --token <token> or RCM_TOKEN (rcm tokens create)');
  const base = server.replace(/\/+$/, '');
  const unreadable: RemoteOutcome[] = [];
  const { upload } = (await call(`${base}/api/uploads`, token, { method: 'POST' })) as { upload: string };
  for (const path of expandPaths(paths)) {
    let blob: Blob;
    try {
      blob = await openAsBlob(path);
    } catch (error) {
      unreadable.push({ file: path, status: 'rejected', message: `cannot read the file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
      continue;
    }
    const name = encodeURIComponent(path.replace(/[^A-Za-z0-9._ ()/@+-]/g, '_').slice(-300));
    await call(`${base}/api/uploads/${upload}/files?name=${name}`, token, { method: 'POST', body: blob, headers: { 'content-type': 'application/octet-stream' }, duplex: 'half' } as RequestInit);
  }
  const answer = (await call(`${base}/api/uploads/${upload}/ingest?build=${build}`, token, { method: 'POST' })) as {
    outcomes: { status: string; claims?: number; warnings?: number; message?: string }[];
    failed_checks: string[];
  };
  const sent = expandPaths(paths).filter((p) => !unreadable.some((u) => u.file === p));
  return {
    outcomes: [...answer.outcomes.map((o, i) => ({ file: sent[i], status: o.status, claims: o.claims, warnings: o.warnings, message: o.message })), ...unreadable],
    failedChecks: answer.failed_checks,
  };
}
