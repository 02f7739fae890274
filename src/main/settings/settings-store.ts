/**
 * Settings on disk: one small JSON file in the app's data folder, checked with
 * zod when read. No secret is ever written here. A missing or unreadable file
 * gives the defaults; a save that fails keeps the settings in force.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { lookupError, type AppError } from '../../shared/errors';
import { fail, ok, type Result } from '../../shared/result';
import { checkSettings, DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../shared/settings';

export interface SettingsStore {
  get(): Promise<Settings>;
  save(input: Settings): Promise<Result<Settings, AppError>>;
}

export function createSettingsStore(file: string): SettingsStore {
  /** The settings in force; a promise so that a read racing a save never brings back older values. */
  let current: Promise<Settings> | null = null;
  /** Saves run one after another, so the file and `current` always agree. */
  let queue: Promise<unknown> = Promise.resolve();

  async function load(): Promise<Settings> {
    try {
      const parsed = settingsSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
      const checked = parsed.success ? checkSettings(parsed.data) : null;
      if (checked?.ok) return checked.value;
      console.warn(`Settings in ${file} are not valid; using the defaults.`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`Settings in ${file} could not be read; using the defaults.`);
    }
    return DEFAULT_SETTINGS;
  }

  async function write(input: Settings): Promise<Result<Settings, AppError>> {
    const checked = checkSettings(input);
    if (!checked.ok) return fail(lookupError('invalid_input', checked.error.message, { field: checked.error.field }));
    try {
      await mkdir(dirname(file), { recursive: true });
      const temporary = `${file}.${randomUUID()}.tmp`;
      await writeFile(temporary, `${JSON.stringify(checked.value, null, 2)}\n`, { mode: 0o600 });
      await rename(temporary, file);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? 'unknown error';
      return fail({ kind: 'internal', message: `Settings could not be saved (${reason}); the previous settings stay in force.` });
    }
    current = Promise.resolve(checked.value);
    return ok(checked.value);
  }

  return {
    get() {
      current ??= load();
      return current;
    },
    save(input) {
      const run = queue.then(() => write(input));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
