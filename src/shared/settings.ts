/** Settings' defaults, limits and rules; no zod here (the CLI's lookup loads this at start). */
import type { z } from 'zod';
import type { settingsSchema } from './settings-schema';
import { checkBaseUrl } from './input-rules';
import type { Result } from './result';

export const DEFAULT_BASE_URL = 'https://api.adapty.io';
export const DEFAULT_TIMEOUT_MS = 15_000;
export const MIN_TIMEOUT_MS = 1_000;
export const MAX_TIMEOUT_MS = 120_000;

/** What a person can change in settings (settingsSchema in settings-schema.ts). Nothing secret: the key lives in the keychain. */
export type Settings = z.infer<typeof settingsSchema>;

export const DEFAULT_SETTINGS: Settings = { baseUrl: DEFAULT_BASE_URL, timeoutMs: DEFAULT_TIMEOUT_MS };

export type SettingsProblem = { field: keyof Settings; message: string };

/** The rules settings must meet; the renderer shows the same messages inline. */
export function checkSettings(input: Settings): Result<Settings, SettingsProblem> {
  const baseUrl = checkBaseUrl(input.baseUrl);
  if (!baseUrl.ok) return { ok: false, error: { field: 'baseUrl', message: baseUrl.error.message } };
  const { timeoutMs } = input;
  if (!Number.isInteger(timeoutMs) || timeoutMs < MIN_TIMEOUT_MS || timeoutMs > MAX_TIMEOUT_MS) {
    return {
      ok: false,
      error: { field: 'timeoutMs', message: `The timeout must be between ${MIN_TIMEOUT_MS / 1000} and ${MAX_TIMEOUT_MS / 1000} seconds.` },
    };
  }
  return { ok: true, value: { baseUrl: baseUrl.value, timeoutMs } };
}
