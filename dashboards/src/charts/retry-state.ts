// An error in place of a panel's content with a Retry button: the panel asks again without reloading the
// page (the other panels and the reader's place are kept). A pure DOM builder.
import { stateMessage } from '../page.ts';

export function errorWithRetry(text: string, retry: () => void, doc: Document = document): HTMLElement {
  const message = stateMessage(text, 'error');
  const button = doc.createElement('button');
  button.type = 'button';
  button.className = 'retry';
  button.textContent = 'Retry';
  button.addEventListener('click', () => retry());
  message.append(' ', button);
  return message;
}
