// Whether a recipient may receive a package, decided at send time from the user's record as it is then:
// the user exists, is enabled, has a role that may open reports, may see every practice of the package
// (an admin sees all; a package of every practice goes to admins only), and has an e-mail address.
import type { Warehouse } from '../../warehouse/database.ts';
import { mayOpen } from '../../access/roles.ts';
import { listUsers, type User } from '../../access/users.ts';

export type RecipientCheck =
  | { allowed: true; user: User; address: string }
  | { allowed: false; user: User | undefined; reason: string };

/** `practices` null: a package of every practice. */
export async function checkRecipient(w: Warehouse, username: string, practices: readonly string[] | null): Promise<RecipientCheck> {
  const user = (await listUsers(w, username))[0];
  const refuse = (reason: string): RecipientCheck => ({ allowed: false, user, reason });
  if (!user) return refuse(`no user ${username}`);
  if (user.disabled) return refuse(`the user ${username} is disabled`);
  if (!mayOpen(user.role, 'reports')) return refuse(`a ${user.role.replace('_', ' ')} may not open reports`);
  if (user.role !== 'admin') {
    if (practices === null) return refuse(`the package covers every practice; only an admin may receive it`);
    const missing = practices.filter((p) => !user.practices.includes(p));
    if (missing.length) return refuse(`${username} has no access to practice ${missing.join(', ')}`);
  }
  if (!user.email) return refuse(`${username} has no e-mail address (rcm users email ${username} <address>)`);
  return { allowed: true, user, address: user.email };
}
