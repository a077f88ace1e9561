// A claim's two answers for its page: its history (GET /api/claims/:id) and its 835 records
// (GET /api/claims/:id/remittances). They are asked for as soon as a pointer goes down on a link to the
// claim (main.ts): a press lasts a good part of a tenth of a second before the click opens the page, time
// the server spends answering instead. Pressing is the choice to open the claim, so what is read is what
// the person then sees (every read of a claim is audited).
import { getJson } from './api.ts';
import type { ClaimHistory, ClaimRemittances } from '../../kernel/api/claims.ts';

export type ClaimAnswers = [ClaimHistory, ClaimRemittances];

/** How long answers asked for on a press wait for the page that uses them. */
const PRESS_TO_OPEN_MS = 5000;
const asked = new Map<string, { at: number; answers: Promise<ClaimAnswers> }>();

function ask(id: string, signal?: AbortSignal): Promise<ClaimAnswers> {
  const path = `/api/claims/${encodeURIComponent(id)}`;
  // the 835 records first: the longer read of the two, it should not wait behind the history
  const remittances = getJson<ClaimAnswers[1]>(`${path}/remittances`, {}, signal);
  return Promise.all([getJson<ClaimAnswers[0]>(path, {}, signal), remittances]);
}

/** Asks for the claim's answers now, for the page about to open (a pointer went down on its link). */
export function askOnPress(id: string): void {
  const now = performance.now();
  for (const [key, { at }] of asked) if (now - at >= PRESS_TO_OPEN_MS) asked.delete(key);
  if (asked.has(id)) return;
  const answers = ask(id);
  answers.catch(() => undefined); // the page reports failures, if it opens
  asked.set(id, { at: now, answers });
}

/** The claim's answers: those asked for on the press that opened the page, else asked for now. */
export function claimAnswers(id: string, signal: AbortSignal): Promise<ClaimAnswers> {
  const pressed = asked.get(id);
  asked.delete(id);
  if (pressed && performance.now() - pressed.at < PRESS_TO_OPEN_MS) return pressed.answers;
  return ask(id, signal);
}
