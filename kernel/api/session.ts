// Signing in and who is signed in (POST, GET and DELETE /api/session).
import { z } from 'zod';
import { Npi } from './common.ts';

/** The access model's roles (access/roles.ts gives each the views it may open). */
export const ROLES = ['admin', 'practice_manager', 'billing_lead', 'finance'] as const;
export const Role = z.enum(ROLES);

export const Login = z.object({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(1024).meta({ format: 'password' }),
}).strict().meta({ id: 'Login' });

export const SessionUser = z.object({
  username: z.string(),
  role: Role,
  practices: z.array(Npi).describe('the practices (billing NPIs) granted; an admin sees every practice'),
  views: z.array(z.string()).describe('what the role may open (access/roles.ts)'),
}).meta({ id: 'User' });
export type SessionUser = z.infer<typeof SessionUser>;

export const SignedIn = z.object({
  user: SessionUser,
  csrf_token: z.string().describe("the session's CSRF token: send it as X-CSRF-Token on POST, PUT, PATCH and DELETE"),
}).meta({ id: 'SignedIn' });
export type SignedIn = z.infer<typeof SignedIn>;

export const Session = z.object({
  user: SessionUser,
  csrf_token: z.string().nullable().describe('the CSRF token of the session; null when signed in with an API token'),
  expires_at: z.string().meta({ format: 'date-time' }).nullable().describe('when the session ends at the latest; null with an API token'),
}).meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;
