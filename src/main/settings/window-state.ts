/**
 * The window's size and position across restarts: a small JSON file in the
 * app's data folder, checked with zod when read. On restore the saved bounds
 * are fitted onto one of the current displays (plain rectangles, so this runs
 * without Electron); a window that would land off-screen (a monitor unplugged,
 * a resolution changed) opens centred at the default size instead. Saves are
 * debounced while the user drags, and flushed when the window closes.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

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

/** The saved state, or null when there is none or it is not valid (then the default placement is used). */
export function readWindowState(file: string): WindowState | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') console.warn(`Window state in ${file} could not be read; using the default placement.`);
    return null;
  }
  try {
    const parsed = windowStateSchema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
  } catch {
    // Not JSON: treated like any other invalid content below.
  }
  console.warn(`Window state in ${file} is not valid; using the default placement.`);
  return null;
}

/**
 * Writes the state atomically (temporary file, then rename). Synchronous on
 * purpose: the last save happens while the window closes, and an async write
 * could be cut off by the app quitting. The file is a few dozen bytes.
 * Returns false (and warns) when it could not be written: never throws.
 */
export function writeWindowState(file: string, state: WindowState): boolean {
  const checked = windowStateSchema.safeParse(state);
  if (!checked.success) return false;
  try {
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(checked.data)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
    return true;
  } catch (error) {
    console.warn(`Window state could not be saved to ${file} (${(error as NodeJS.ErrnoException).code ?? 'unknown error'}).`);
    return false;
  }
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
