import { describe, expect, it } from 'vitest';
import {
  ADAPTY_DOCS_URL,
  decideNavigation,
  decideWindowOpen,
  externalLink,
  isAppUrl,
  isPermissionGranted,
} from '../../src/main/navigation';

const FILE_APP = 'file:///Applications/Adapty%20Inspector.app/Contents/Resources/app.asar/out/renderer/index.html';
const DEV_APP = 'http://localhost:5173/';

describe('externalLink: the allow-list of links that may open in the browser', () => {
  it.each([
    'https://adapty.io',
    'https://adapty.io/docs/',
    'https://docs.adapty.io/docs/server-side-api',
    'https://app.adapty.io/profiles/users?id=1#top',
    'HTTPS://ADAPTY.IO/docs/',
  ])('allows %s', (url) => {
    expect(externalLink(url)).toBe(new URL(url).href);
  });

  it.each([
    ['plain http', 'http://adapty.io/docs/'],
    ['another scheme', 'file:///etc/passwd'],
    ['javascript', 'javascript:alert(1)'],
    ['a custom protocol', 'adapty://open'],
    ['a look-alike host', 'https://adapty.io.evil.com/'],
    ['a host ending in the name', 'https://evil-adapty.io/'],
    ['a sub-subdomain', 'https://x.docs.adapty.io/'],
    ['an unlisted subdomain', 'https://api.adapty.io/api/v2/'],
    ['user credentials', 'https://user:pass@adapty.io/'],
    ['a user name alone', 'https://user@app.adapty.io/'],
    ['credentials hiding the real host', 'https://adapty.io@evil.com/'],
    ['a port', 'https://adapty.io:8443/'],
    ['an IP address', 'https://104.18.0.1/'],
    ['garbage', 'not a url'],
    ['nothing', undefined],
    ['an empty string', ''],
  ])('refuses %s', (_why, url) => {
    expect(externalLink(url)).toBeNull();
  });

  it('hands on the normalised URL, not the raw text', () => {
    expect(externalLink('https://adapty.io/a/../docs/')).toBe('https://adapty.io/docs/');
  });

  it('allows the Help menu link', () => {
    expect(externalLink(ADAPTY_DOCS_URL)).toBe(ADAPTY_DOCS_URL);
  });
});

describe('decideNavigation and decideWindowOpen', () => {
  it('lets the app reload itself', () => {
    expect(decideNavigation(FILE_APP, FILE_APP)).toEqual({ action: 'allow' });
  });

  it('keeps the window on the app and sends allow-listed links to the browser', () => {
    expect(decideNavigation('https://docs.adapty.io/docs/', FILE_APP)).toEqual({ action: 'block-and-open', url: 'https://docs.adapty.io/docs/' });
  });

  it('drops everything else', () => {
    expect(decideNavigation('https://example.com/', FILE_APP)).toEqual({ action: 'block' });
    expect(decideNavigation('http://adapty.io/', FILE_APP)).toEqual({ action: 'block' });
  });

  it('never opens a window, not even for the app itself', () => {
    expect(decideWindowOpen(FILE_APP)).toEqual({ action: 'block' });
    expect(decideWindowOpen('https://example.com/')).toEqual({ action: 'block' });
    expect(decideWindowOpen('https://app.adapty.io/')).toEqual({ action: 'block-and-open', url: 'https://app.adapty.io/' });
  });
});

describe('isPermissionGranted: clipboard writes from the app page in the main window, nothing else', () => {
  it('grants clipboard writes to the app page in the main window', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', FILE_APP, FILE_APP, true)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', `${DEV_APP}#x`, DEV_APP, true)).toBe(true);
  });

  it('refuses it to other pages, unknown pages and other windows', () => {
    expect(isPermissionGranted('clipboard-sanitized-write', 'https://adapty.io/', FILE_APP, true)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', undefined, FILE_APP, true)).toBe(false);
    expect(isPermissionGranted('clipboard-sanitized-write', FILE_APP, FILE_APP, false)).toBe(false);
  });

  it.each(['clipboard-read', 'media', 'notifications', 'geolocation', 'openExternal', 'fullscreen', 'unknown'])(
    'refuses %s even to the app page',
    (permission) => {
      expect(isPermissionGranted(permission, FILE_APP, FILE_APP, true)).toBe(false);
    },
  );
});

describe('isAppUrl for a built app (file://)', () => {
  const app = 'file:///opt/Adapty%20Inspector/resources/app.asar/out/renderer/index.html';

  it('accepts the same file, also with a query or fragment', () => {
    expect(isAppUrl(app, app)).toBe(true);
    expect(isAppUrl(`${app}#/settings`, app)).toBe(true);
    expect(isAppUrl(`${app}?x=1`, app)).toBe(true);
  });

  it.each([
    ['another file', 'file:///opt/Adapty%20Inspector/resources/app.asar/out/renderer/other.html'],
    ['a file in another folder', 'file:///tmp/index.html'],
    ['a path that goes up and back', 'file:///opt/Adapty%20Inspector/resources/app.asar/out/renderer/../../../../../../tmp/index.html'],
    ['a longer path that starts with the app path', `${app}/evil.html`],
    ['a path with a suffix', `${app}.evil.html`],
    ['a path with the app path as a prefix elsewhere', `file:///tmp${new URL(app).pathname}`],
    ['an http page with the same path', `http://evil.example${new URL(app).pathname}`],
    ['an https page', 'https://evil.example/'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['about:blank', 'about:blank'],
    ['the same path on another host (a network share)', `file://evil-server${new URL(app).pathname}`],
  ])('refuses %s', (_what, frame) => {
    expect(isAppUrl(frame, app)).toBe(false);
  });

  it.each([undefined, '', 'not a url', '::::', 'file', '/opt/Adapty Inspector/resources/app.asar/out/renderer/index.html'])(
    'refuses %j',
    (frame) => {
      expect(isAppUrl(frame, app)).toBe(false);
    },
  );

  it('refuses everything when the app URL itself is garbage', () => {
    expect(isAppUrl(app, 'not a url')).toBe(false);
    expect(isAppUrl('not a url', 'not a url')).toBe(false);
  });
});

describe('isAppUrl for the dev server (http://)', () => {
  const app = 'http://localhost:5173/';

  it('accepts the app page itself, with any query or fragment', () => {
    expect(isAppUrl('http://localhost:5173/', app)).toBe(true);
    expect(isAppUrl('http://localhost:5173/?x=1#y', app)).toBe(true);
    expect(isAppUrl('http://LOCALHOST:5173/', app)).toBe(true);
  });

  it('refuses another page of the same origin', () => {
    expect(isAppUrl('http://localhost:5173/index.html', app)).toBe(false);
    expect(isAppUrl('http://localhost:5173/some/route', app)).toBe(false);
  });

  it.each([
    'http://localhost:5174/',
    'http://localhost/',
    'https://localhost:5173/',
    'http://127.0.0.1:5173/',
    'http://localhost.evil.example:5173/',
    'http://evil.example/localhost:5173/',
    'http://localhost:5173@evil.example/',
    'ws://localhost:5173/',
    'file:///localhost:5173/index.html',
    'about:blank',
    'data:text/html,hi',
  ])('refuses %s', (frame) => {
    expect(isAppUrl(frame, app)).toBe(false);
  });

  it('refuses undefined and garbage', () => {
    expect(isAppUrl(undefined, app)).toBe(false);
    expect(isAppUrl('', app)).toBe(false);
    expect(isAppUrl('localhost:5173', app)).toBe(false);
  });
});
