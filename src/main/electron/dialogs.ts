/**
 * Questions only main may ask: shown by Electron as native dialogs, modal to
 * the app's window, so nothing the page does can answer them.
 */
import { dialog, type BrowserWindow } from 'electron';

/** Whether the key saved for `from` may be sent to `to` from now on. The default answer is no. */
export function keyMoveConfirmation(window: () => BrowserWindow | null) {
  return async ({ from, to }: { from: string; to: string }): Promise<boolean> => {
    const options: Electron.MessageBoxOptions = {
      type: 'warning',
      title: 'Send your API key to a new address?',
      message: `Send your secret API key to ${to}?`,
      detail:
        `The key was saved for ${from}. From now on every lookup would send it to ${to}. ` +
        `Say yes only if you trust ${to} with full access to your Adapty app. ` +
        `Otherwise the key stays with ${from}; to use ${to}, save a key for it in settings.`,
      buttons: [`Keep it for ${from}`, `Send it to ${to}`],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    };
    const parent = window();
    const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
    return response === 1;
  };
}

/** Main's open dialog for a file of IDs (.csv or .txt): its path, or null when cancelled. */
export function idFileChooser(window: () => BrowserWindow | null) {
  return async (): Promise<string | null> => {
    const options: Electron.OpenDialogOptions = {
      title: 'Open a file of IDs',
      properties: ['openFile'],
      filters: [
        { name: 'IDs (CSV or text)', extensions: ['csv', 'txt'] },
        { name: 'All files', extensions: ['*'] },
      ],
    };
    const parent = window();
    const { canceled, filePaths } = parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options);
    return canceled ? null : (filePaths[0] ?? null);
  };
}

/** Main's save dialog for a batch's rows: the path chosen, or null when cancelled. */
export function exportPathChooser(window: () => BrowserWindow | null) {
  return async ({ fileName, format }: { fileName: string; format: 'csv' | 'json' }): Promise<string | null> => {
    const options: Electron.SaveDialogOptions = {
      title: format === 'csv' ? 'Export the rows as CSV' : 'Export the rows as JSON',
      defaultPath: fileName,
      filters: [format === 'csv' ? { name: 'CSV', extensions: ['csv'] } : { name: 'JSON', extensions: ['json'] }],
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const parent = window();
    const { canceled, filePath } = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
    return canceled || !filePath ? null : filePath;
  };
}
