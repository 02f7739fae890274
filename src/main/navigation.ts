/**
 * What the app's page may do beyond itself, decided without Electron: which
 * navigations stay in the window, which links open in the user's browser (an
 * allow-list of Adapty's own https sites, nothing else), and which permission
 * requests are granted. The Electron glue asks these questions; it decides
 * nothing itself, so every rule here is unit-tested.
 */

/** The only hosts whose links leave the app, and only over https, on the default port. */
export const EXTERNAL_HOSTS: readonly string[] = ['adapty.io', 'docs.adapty.io', 'app.adapty.io'];

/** Where the Help menu sends people. */
export const ADAPTY_DOCS_URL = 'https://adapty.io/docs/';

/** The one permission the page gets: copy buttons use navigator.clipboard.writeText. */
export const GRANTED_PERMISSIONS: readonly string[] = ['clipboard-sanitized-write'];

function parse(url: string | undefined): URL | null {
  if (!url) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * The normalised link to hand to the OS browser, or null when the link must
 * not leave the app: not https, a host outside the allow-list (exact match, so
 * no look-alikes or sub-subdomains), a port, or user credentials in the URL.
 */
export function externalLink(url: string | undefined): string | null {
  const parsed = parse(url);
  if (!parsed) return null;
  if (parsed.protocol !== 'https:') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.port !== '') return null;
  if (!EXTERNAL_HOSTS.includes(parsed.hostname)) return null;
  return parsed.href;
}

/**
 * Whether a URL is the app's own page: the same document (same origin and
 * path for a served page, same file on the same host for file://), whatever
 * its query or fragment. Used for navigation (reloading the app is allowed,
 * any other page is not) and to trust the sender of an IPC message.
 */
export function isAppUrl(target: string | undefined, appUrl: string): boolean {
  const to = parse(target);
  const app = parse(appUrl);
  if (!to || !app) return false;
  if (app.protocol === 'file:') return to.protocol === 'file:' && to.host === app.host && to.pathname === app.pathname;
  return to.origin === app.origin && to.pathname === app.pathname;
}

export type NavigationDecision = { action: 'allow' } | { action: 'block' } | { action: 'block-and-open'; url: string };

/**
 * What to do when the page tries to navigate the window: stay only on the app
 * itself; an allow-listed link goes to the browser instead; anything else is
 * dropped.
 */
export function decideNavigation(target: string | undefined, appUrl: string): NavigationDecision {
  if (isAppUrl(target, appUrl)) return { action: 'allow' };
  const link = externalLink(target);
  return link ? { action: 'block-and-open', url: link } : { action: 'block' };
}

/** A new window is never opened; an allow-listed link goes to the browser instead. */
export function decideWindowOpen(target: string | undefined): NavigationDecision {
  const link = externalLink(target);
  return link ? { action: 'block-and-open', url: link } : { action: 'block' };
}

/**
 * Whether a permission request or check is granted: only the granted
 * permissions, only to the app's own page (the URL of the frame asking), and
 * only from the app's main window (the caller says whether it is).
 */
export function isPermissionGranted(permission: string, requestingUrl: string | undefined, appUrl: string, fromMainWindow: boolean): boolean {
  if (!fromMainWindow) return false;
  if (!GRANTED_PERMISSIONS.includes(permission)) return false;
  return isAppUrl(requestingUrl, appUrl);
}
