/**
 * Who this run of the app is: an installed app, or a development run
 * (`npm start`, `npm run dev`). A development run has a data folder of its
 * own (and so its own single-instance lock, which Electron keys on the data
 * folder) and a keychain item of its own: it never shares settings, window
 * state or the key with an installed app.
 */
import { join } from 'node:path';
import { KEYCHAIN_SERVICES } from './secrets/secret-store';

/** package.json's productName: the data folder's name and the macOS menu's title. */
export const PRODUCT_NAME = 'Adapty Inspector';

export interface AppIdentity {
  /** The data folder: settings.json and window-state.json live here. */
  userData: string;
  /** The keychain service the key is stored under. */
  keychainService: string;
}

export function appIdentity({ isPackaged, appData }: { isPackaged: boolean; appData: string }): AppIdentity {
  return isPackaged
    ? { userData: join(appData, PRODUCT_NAME), keychainService: KEYCHAIN_SERVICES.production }
    : { userData: join(appData, `${PRODUCT_NAME} (development)`), keychainService: KEYCHAIN_SERVICES.development };
}
