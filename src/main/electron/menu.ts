/**
 * The application menu. Its Edit roles are what make copy and paste work on
 * macOS (without them Cmd+C/Cmd+V do nothing in the window); reload and the
 * developer tools appear only in development; Help opens Adapty's API
 * documentation in the user's browser.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';
import { ADAPTY_DOCS_URL } from '../navigation';
import { openAllowListedLink } from './external-links';

export interface MenuOptions {
  appName: string;
  isMac: boolean;
  isPackaged: boolean;
}

export function menuTemplate({ appName, isMac, isPackaged }: MenuOptions): MenuItemConstructorOptions[] {
  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: appName,
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        },
      ]
    : [{ label: 'File', submenu: [{ role: 'quit' }] }];

  const developer: MenuItemConstructorOptions[] = isPackaged
    ? []
    : [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }];

  return [
    ...appMenu,
    {
      label: 'Edit',
      submenu: [
        { role: 'undo' },
        { role: 'redo' },
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'pasteAndMatchStyle' },
        { role: 'delete' },
        { type: 'separator' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        ...developer,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Window',
      submenu: isMac
        ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }, { type: 'separator' }, { role: 'window' }]
        : // 'zoom' (and 'front', 'window') work on macOS only: elsewhere they would be dead items.
          [{ role: 'minimize' }, { role: 'close' }],
    },
    {
      role: 'help',
      submenu: [
        {
          label: 'Adapty API documentation',
          click: () => openAllowListedLink(ADAPTY_DOCS_URL),
        },
      ],
    },
  ];
}

export function setApplicationMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(options)));
}
