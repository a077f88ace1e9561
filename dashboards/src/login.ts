// The login form: POST /api/session with user name and password; a wrong password (401) or too many
// attempts (429) is said in the server's words under the form.
import { ApiError, logIn, type Session } from './api.ts';

export function renderLogin(root: HTMLElement, onLoggedIn: (session: Session) => void, notice?: string): void {
  const form = document.createElement('form');
  form.className = 'login';
  form.setAttribute('aria-labelledby', 'login-title');
  form.innerHTML = `
    <h1 id="login-title">Sign in to the workbench</h1>
    <label for="login-username">User name</label>
    <input id="login-username" name="username" autocomplete="username" required autofocus>
    <label for="login-password">Password</label>
    <input id="login-password" name="password" type="password" autocomplete="current-password" required>
    <button type="submit">Sign in</button>
    <p role="alert" class="login-message"></p>`;
  const message = form.querySelector<HTMLElement>('.login-message')!;
  const button = form.querySelector<HTMLButtonElement>('button')!;
  if (notice) message.textContent = notice;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    button.disabled = true;
    message.textContent = '';
    try {
      onLoggedIn(await logIn(String(data.get('username') ?? '').trim(), String(data.get('password') ?? '')));
    } catch (e) {
      message.textContent = e instanceof ApiError ? e.message : `Could not sign in: ${(e as Error).message}`;
      form.querySelector<HTMLInputElement>('#login-password')!.select();
    } finally {
      button.disabled = false;
    }
  });
  root.replaceChildren(form);
}
