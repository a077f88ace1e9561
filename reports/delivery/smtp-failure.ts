// Which failures of an SMTP send are worth another attempt: a 4xx answer (greylisting, a full queue) or no
// answer at all (connection refused, reset, timed out) is temporary; a 5xx answer, a refused login or a bad
// message is permanent and is not tried again.
export interface SendFailure {
  temporary: boolean;
  /** The server's answer when there was one, else the error. */
  response: string;
}

const NETWORK = new Set(['ECONNECTION', 'ESOCKET', 'ETIMEDOUT', 'EDNS', 'ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);

export function classifySendError(error: unknown): SendFailure {
  const e = error as { responseCode?: number; response?: string; code?: string; errno?: string; message?: string };
  const response = e.response ?? e.message ?? String(error);
  if (typeof e.responseCode === 'number') return { temporary: e.responseCode >= 400 && e.responseCode < 500, response };
  const code = e.code ?? e.errno ?? '';
  return { temporary: NETWORK.has(code) || /ECONNREFUSED|ECONNRESET|ETIMEDOUT/.test(e.message ?? ''), response: code && !response.includes(code) ? `${code}: ${response}` : response };
}

/** The wait before attempt `n` (2, 3, …): the first delay, doubled each time. */
export function backoffMs(firstDelaySeconds: number, attempt: number): number {
  return Math.round(firstDelaySeconds * 1000 * 2 ** (attempt - 2));
}
