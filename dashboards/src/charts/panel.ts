// The blocks the A/R, payers and collections pages are made of: a titled panel whose body starts as
// "Loading…", and a sentence of explanation. Pure DOM builders.
import { stateMessage } from '../page.ts';

export interface Panel {
  element: HTMLElement;
  /** Replaced by the panel's content once its numbers are in. */
  body: HTMLElement;
}

export function panel(title: string, className: string, doc: Document = document): Panel {
  const element = doc.createElement('section');
  element.className = `panel ${className}`;
  const h2 = doc.createElement('h2');
  h2.textContent = title;
  const body = doc.createElement('div');
  body.className = 'panel-body';
  body.append(stateMessage('Loading…', 'loading'));
  element.append(h2, body);
  return { element, body };
}

export function paragraph(text: string, className = 'hint', doc: Document = document): HTMLParagraphElement {
  const p = doc.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}
