/**
 * Session-wide guards, the floor under the main window's own rules: every
 * permission is denied except clipboard writes from the app's own page in
 * the main window (the copy buttons); no web contents may attach a webview
 * or open a window, and none may navigate, except the main window to the app
 * itself.
 */
import { app, session, type WebContents } from 'electron';
import { isAppUrl, isPermissionGranted } from '../navigation';

export interface SessionGuards {
  /** The app's own URL (dev server or built file). */
  appUrl: string;
  /** Whether these web contents are the main window's. */
  isMainWindow: (contents: WebContents | null) => boolean;
}

/** Permission requests and checks on the default session (the app uses no other). */
export function guardPermissions({ appUrl, isMainWindow }: SessionGuards): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, appUrl, isMainWindow(contents)));
  });
  ses.setPermissionCheckHandler((contents, permission, _requestingOrigin, details) => {
    // Without the frame's URL the check cannot be tied to the app's page: denied.
    return isPermissionGranted(permission, details.requestingUrl, appUrl, isMainWindow(contents));
  });
}

/**
 * Applies to every web contents as it is created (the main window's too; its
 * own handlers, set afterwards, refine these): no webviews, no new windows, no
 * navigation except, in the main window, to the app itself.
 */
export function guardWebContents({ appUrl, isMainWindow }: SessionGuards): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    const stayHome = (event: { url: string; preventDefault: () => void }) => {
      if (!(isMainWindow(contents) && isAppUrl(event.url, appUrl))) event.preventDefault();
    };
    contents.on('will-navigate', stayHome);
    contents.on('will-redirect', stayHome);
  });
}
