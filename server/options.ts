// How the server runs: session lifetimes, login limits, when cookies are Secure, where report packages go,
// and the clock (a test moves it instead of waiting).
import { DEFAULT_LOGIN_LIMITS, type LoginLimits } from './auth/login-limiter.ts';
import { parseSize } from './request-limits.ts';
import type { SessionLimits } from '../access/sessions.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface ServerOptions {
  session: SessionLimits;
  login: LoginLimits;
  /** 'auto': Secure when the request came over HTTPS (by X-Forwarded-Proto only with trustProxy). */
  secureCookies: 'auto' | 'always' | 'never';
  /** Behind a reverse proxy that sets X-Forwarded-Proto and X-Forwarded-For. */
  trustProxy: boolean;
  limits: RequestLimits;
  /** Where report packages made through the server are written, a folder per run (default: reportsDirFor). */
  reportsDir?: string;
  now: () => Date;
}

/** What a request may send, and how long an upload set may wait for its ingest. */
export interface RequestLimits {
  /** A JSON (or any non-upload) body, held in memory to be read. */
  jsonBytes: number;
  /** One uploaded file, streamed to disk. */
  uploadBytes: number;
  /** An upload set not loaded within this many minutes is dropped with its files. */
  uploadSetMinutes: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = { jsonBytes: 64 * 1024, uploadBytes: 2 * 1024 ** 3, uploadSetMinutes: 6 * 60 };

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  session: { idleMinutes: 30, maxMinutes: 12 * 60 },
  login: DEFAULT_LOGIN_LIMITS,
  limits: DEFAULT_REQUEST_LIMITS,
  secureCookies: 'auto',
  trustProxy: false,
  now: () => new Date(),
};

/**
 * The reports folder beside the warehouse file (data/reports for data/rcm.duckdb: where `rcm report monthly`
 * writes by default); an in-memory warehouse's goes to a temporary folder.
 */
export function reportsDirFor(warehousePath: string, options: Pick<ServerOptions, 'reportsDir'> = {}): string {
  if (options.reportsDir !== undefined) return resolve(options.reportsDir);
  if (warehousePath === ':memory:') return mkdtempSync(join(tmpdir(), 'rcm-reports-'));
  return resolve(dirname(warehousePath), 'reports');
}

/** What `rcm serve` is told about its place in a deployment: its flags, else its environment variables. */
export interface DeploymentSettings {
  trustProxy?: boolean;
  secureCookies?: string;
  uploadLimit?: string;
}

const SECURE_COOKIES = ['auto', 'always', 'never'] as const;

function flag(name: string, value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes)$/i.test(value)) return true;
  if (/^(0|false|no)$/i.test(value)) return false;
  throw new Error(`${name} must be true or false, not "${value}"`);
}

/**
 * The server's options for a deployment, validated once and frozen: `--trust-proxy` / RCM_TRUST_PROXY (behind a
 * TLS proxy that sets X-Forwarded-Proto and X-Forwarded-For), `--secure-cookies` / RCM_SECURE_COOKIES,
 * `--upload-limit` / RCM_UPLOAD_LIMIT.
 */
export function serverOptionsFor(settings: DeploymentSettings, env: NodeJS.ProcessEnv = process.env): ServerOptions {
  const trustProxy = settings.trustProxy ?? flag('RCM_TRUST_PROXY', env.RCM_TRUST_PROXY) ?? DEFAULT_SERVER_OPTIONS.trustProxy;
  const secureCookies = settings.secureCookies ?? (env.RCM_SECURE_COOKIES || DEFAULT_SERVER_OPTIONS.secureCookies);
  if (!(SECURE_COOKIES as readonly string[]).includes(secureCookies)) throw new Error(`secure cookies must be one of ${SECURE_COOKIES.join(', ')}, not "${secureCookies}"`);
  const uploadLimit = settings.uploadLimit ?? (env.RCM_UPLOAD_LIMIT || undefined);
  const limits = { ...DEFAULT_REQUEST_LIMITS, ...(uploadLimit === undefined ? {} : { uploadBytes: parseSize(uploadLimit) }) };
  return Object.freeze({ ...DEFAULT_SERVER_OPTIONS, trustProxy, secureCookies: secureCookies as ServerOptions['secureCookies'], limits: Object.freeze(limits) });
}
