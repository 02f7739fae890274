/**
 * The app's only door to the user's browser. Every link (Help menu, a link
 * in the page, a window the page tries to open) comes through here and is
 * opened only if navigation.ts allow-lists it: Adapty's own https sites.
 * The security scan allows shell.openExternal in this file and nowhere else.
 */
import { shell } from 'electron';
import { externalLink } from '../navigation';

/** Opens an allow-listed link in the browser; anything else is dropped. Never throws. */
export function openAllowListedLink(url: string): void {
  const link = externalLink(url);
  if (!link) {
    console.warn('A link outside the allow-list was not opened.');
    return;
  }
  shell.openExternal(link).catch(() => console.warn('A link could not be opened in the browser.'));
}
