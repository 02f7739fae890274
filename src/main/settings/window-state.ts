/**
 * The window's size and position across restarts: a small JSON file in the
 * app's data folder, checked with zod when read. On restore the saved bounds
 * are fitted onto one of the current displays (plain rectangles, so this runs
 * without Electron); a window that would land off-screen (a monitor unplugged,
 * a resolution changed) opens centred at the default size instead. Saves are
 * debounced while the user drags, and flushed when the window closes.
 *
 * The file follows settings.json's rules (atomic-file.ts), synchronously:
 * window creation cannot wait, and the last save happens while the window
 * closes. A symbolic link or anything but a regular file at the path is never
 * opened (so a FIFO cannot stall start-up) nor replaced; the file is read only
 * up to 16 KiB; saves write a temporary file, fsync it, rename it over the
 * file and fsync the folder; leftovers of interrupted saves are removed at
 * start-up; a UTF-8 byte order mark is accepted. Whatever goes wrong ends in
 * the default placement (or a skipped save) and a console warning, never an
 * exception. Unlike settings.json, a file that cannot be used is not kept
 * aside: it holds nothing of the user's (the next move or resize writes it
 * again), and it is left as it is until that save replaces it.
 */
import { z } from 'zod';
import { fail, ok, type Result } from '../../shared/result';
import { inspectSync, jsonFromBytes, readRegularFileSync, removeTemporariesSync, tooLarge, writeAtomicSync, type Entry } from './atomic-file';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

const coordinate = z.number().int().min(-100_000).max(100_000);
const length = z.number().int().min(1).max(100_000);

export const windowStateSchema = z.object({
  x: coordinate,
  y: coordinate,
  width: length,
  height: length,
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof windowStateSchema>;

export const DEFAULT_SIZE = { width: 1100, height: 760 } as const;
export const MIN_SIZE = { width: 720, height: 520 } as const;

/** How the window opens: explicit bounds, and whether to maximise it once shown. */
export interface WindowPlacement {
  bounds: Rect;
  maximized: boolean;
}

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), Math.max(low, high));
}

/** The default size (never below the minimum, never above the display), centred on the display. */
export function centredDefault(display: Rect): Rect {
  const width = Math.max(MIN_SIZE.width, Math.min(DEFAULT_SIZE.width, display.width));
  const height = Math.max(MIN_SIZE.height, Math.min(DEFAULT_SIZE.height, display.height));
  return {
    x: Math.round(display.x + (display.width - width) / 2),
    y: Math.round(display.y + (display.height - height) / 2),
    width,
    height,
  };
}

/**
 * Where to open the window. `displays` are the work areas of the current
 * displays, the primary one first. The saved bounds are kept on the display
 * they overlap most, shrunk to fit it and moved fully onto it; if they overlap
 * no display, the window opens centred on the primary display at the default
 * size, not maximised.
 */
export function restorePlacement(saved: WindowState | null, displays: readonly Rect[]): WindowPlacement {
  const primary = displays[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  if (!saved) return { bounds: centredDefault(primary), maximized: false };

  let best: Rect | null = null;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlapArea(saved, display);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  if (!best) return { bounds: centredDefault(primary), maximized: false };

  const width = Math.max(MIN_SIZE.width, Math.min(saved.width, best.width));
  const height = Math.max(MIN_SIZE.height, Math.min(saved.height, best.height));
  return {
    bounds: {
      x: clamp(saved.x, best.x, best.x + best.width - width),
      y: clamp(saved.y, best.y, best.y + best.height - height),
      width,
      height,
    },
    maximized: saved.maximized,
  };
}

/** A real window state is a few dozen bytes; anything larger is not read. */
export const MAX_WINDOW_STATE_BYTES = 16 * 1024;
const TOO_BIG = tooLarge(MAX_WINDOW_STATE_BYTES);

function refusal(entry: Extract<Entry, { kind: 'refused' }>): string {
  return `it is ${entry.what}; the app uses only a regular file there`;
}

/** The state in a file's bytes, or why they cannot be used. */
function parse(bytes: Buffer): Result<WindowState, string> {
  const json = jsonFromBytes(bytes, MAX_WINDOW_STATE_BYTES);
  if (!json.ok) return json;
  const checked = windowStateSchema.safeParse(json.value);
  return checked.success ? ok(checked.data) : fail('it does not hold a valid window state');
}

/** The saved state (null when there is no file), or why it cannot be used. */
function load(file: string): Result<WindowState | null, string> {
  const entry = inspectSync(file);
  if (!entry.ok) return fail(`it could not be read (${entry.error.code})`);
  if (entry.value.kind === 'missing') return ok(null);
  if (entry.value.kind === 'refused') return fail(refusal(entry.value));
  if (entry.value.size > MAX_WINDOW_STATE_BYTES) return fail(TOO_BIG);
  const bytes = readRegularFileSync(file, MAX_WINDOW_STATE_BYTES);
  return bytes.ok ? parse(bytes.value) : fail(`it could not be read (${bytes.error.code})`);
}

/**
 * The saved state, or null when there is none or it cannot be used (then the
 * default placement is used, with a warning; the file is not kept aside, as
 * it is not the user's data). First removes the temporary files interrupted
 * saves left. Never throws.
 */
export function readWindowState(file: string): WindowState | null {
  removeTemporariesSync(file);
  const loaded = load(file);
  if (loaded.ok) return loaded.value;
  console.warn(`Window state ${file} is not used (${loaded.error}); using the default placement.`);
  return null;
}

/** Writes the text unless a link or anything but a regular file is at the path; answers why it did not. */
function save(file: string, text: string): Result<void, string> {
  const entry = inspectSync(file);
  if (!entry.ok) return fail(entry.error.code);
  if (entry.value.kind === 'refused') return fail(refusal(entry.value));
  const written = writeAtomicSync(file, text);
  return written.ok ? written : fail(written.error.code);
}

/**
 * Writes the state atomically (see atomic-file.ts). Synchronous on purpose:
 * the last save happens while the window closes, and an async write could be
 * cut off by the app quitting. The file is a few dozen bytes. A link or
 * anything but a regular file at the path is left alone and the save skipped.
 * Returns false (and warns) when it was not written: never throws.
 */
export function writeWindowState(file: string, state: WindowState): boolean {
  const checked = windowStateSchema.safeParse(state);
  if (!checked.success) return false;
  const saved = save(file, `${JSON.stringify(checked.data)}\n`);
  if (!saved.ok) console.warn(`Window state could not be saved to ${file} (${saved.error}).`);
  return saved.ok;
}

export interface WindowStateSaver {
  /** Remembers the latest state and saves it once the window has been still for the delay. */
  schedule(state: WindowState): void;
  /** Saves the latest state now (if any change is pending) and cancels the pending save. */
  flush(): void;
}

/** Debounces saves while the window is being moved or resized. `write` is replaceable for tests. */
export function createWindowStateSaver(
  file: string,
  { delayMs = 500, write = writeWindowState }: { delayMs?: number; write?: (file: string, state: WindowState) => boolean } = {},
): WindowStateSaver {
  let pending: WindowState | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  function flush(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending) write(file, pending);
    pending = null;
  }

  return {
    schedule(state) {
      pending = state;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
  };
}

/** The state to save from a window's normal (un-maximised) bounds, rounded to whole pixels. */
export function stateFrom(bounds: Rect, maximized: boolean): WindowState {
  return {
    x: Math.round(bounds.x),
    y: Math.round(bounds.y),
    width: Math.round(bounds.width),
    height: Math.round(bounds.height),
    maximized,
  };
}
