import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  centredDefault,
  createWindowStateSaver,
  DEFAULT_SIZE,
  MIN_SIZE,
  readWindowState,
  restorePlacement,
  stateFrom,
  writeWindowState,
  type Rect,
  type WindowState,
} from '../../../src/main/settings/window-state';

const LAPTOP: Rect = { x: 0, y: 25, width: 1440, height: 875 };
/** A second monitor to the right of the laptop. */
const MONITOR: Rect = { x: 1440, y: 0, width: 2560, height: 1415 };
/** A monitor placed left of the primary one: negative coordinates. */
const LEFT: Rect = { x: -1920, y: 0, width: 1920, height: 1080 };

const saved = (over: Partial<WindowState> = {}): WindowState => ({ x: 100, y: 100, width: 1000, height: 700, maximized: false, ...over });

function fullyInside(bounds: Rect, display: Rect): boolean {
  return bounds.x >= display.x && bounds.y >= display.y && bounds.x + bounds.width <= display.x + display.width && bounds.y + bounds.height <= display.y + display.height;
}

describe('restorePlacement', () => {
  it('opens centred at the default size when nothing was saved', () => {
    const { bounds, maximized } = restorePlacement(null, [LAPTOP]);
    expect(maximized).toBe(false);
    expect(bounds).toEqual({ x: 170, y: 83, width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height });
    expect(fullyInside(bounds, LAPTOP)).toBe(true);
  });

  it('restores saved bounds that fit a display exactly as saved', () => {
    expect(restorePlacement(saved(), [LAPTOP, MONITOR])).toEqual({ bounds: { x: 100, y: 100, width: 1000, height: 700 }, maximized: false });
    expect(restorePlacement(saved({ x: 2000, y: 300, maximized: true }), [LAPTOP, MONITOR])).toEqual({
      bounds: { x: 2000, y: 300, width: 1000, height: 700 },
      maximized: true,
    });
  });

  it('restores onto a display at negative coordinates', () => {
    const placement = restorePlacement(saved({ x: -1500, y: 50 }), [LAPTOP, LEFT]);
    expect(placement.bounds).toEqual({ x: -1500, y: 50, width: 1000, height: 700 });
  });

  it('falls back to the centred default on the primary display when the saved monitor is gone', () => {
    const placement = restorePlacement(saved({ x: 2000, y: 300, maximized: true }), [LAPTOP]);
    expect(placement).toEqual({ bounds: centredDefault(LAPTOP), maximized: false });
  });

  it('falls back when the window only touches a display edge', () => {
    const placement = restorePlacement(saved({ x: 1440, y: 100 }), [LAPTOP]);
    expect(placement.bounds).toEqual(centredDefault(LAPTOP));
  });

  it('pulls a window hanging off the edge fully onto the display it mostly covers', () => {
    const { bounds } = restorePlacement(saved({ x: 1000, y: 500 }), [LAPTOP]);
    expect(bounds).toEqual({ x: 440, y: 200, width: 1000, height: 700 });
    expect(fullyInside(bounds, LAPTOP)).toBe(true);
  });

  it('picks the display with the larger share of the window when it straddles two', () => {
    const { bounds } = restorePlacement(saved({ x: 1300, y: 100 }), [LAPTOP, MONITOR]);
    expect(fullyInside(bounds, MONITOR)).toBe(true);
    expect(bounds.x).toBe(1440);
  });

  it('shrinks a window larger than its display, but never below the minimum size', () => {
    const { bounds } = restorePlacement(saved({ x: 0, y: 0, width: 3000, height: 2000 }), [LAPTOP]);
    expect(bounds).toEqual({ x: 0, y: 25, width: 1440, height: 875 });

    const tiny: Rect = { x: 0, y: 0, width: 640, height: 480 };
    const small = restorePlacement(saved({ x: 0, y: 0 }), [tiny]).bounds;
    expect(small.width).toBe(MIN_SIZE.width);
    expect(small.height).toBe(MIN_SIZE.height);
    expect(small.x).toBe(0);
    expect(small.y).toBe(0);
  });

  it('raises a saved size below the minimum', () => {
    const { bounds } = restorePlacement(saved({ width: 300, height: 200 }), [LAPTOP]);
    expect(bounds.width).toBe(MIN_SIZE.width);
    expect(bounds.height).toBe(MIN_SIZE.height);
  });

  it('still gives a default when no display is known', () => {
    const { bounds } = restorePlacement(saved(), []);
    expect(bounds.width).toBe(DEFAULT_SIZE.width);
    expect(bounds.height).toBe(DEFAULT_SIZE.height);
  });
});

describe('window state on disk', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'window-state-'));
    file = join(dir, 'nested', 'window-state.json');
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips a state, creating the folder, without leaving a temporary file', () => {
    expect(writeWindowState(file, saved({ x: -20, maximized: true }))).toBe(true);
    expect(readWindowState(file)).toEqual(saved({ x: -20, maximized: true }));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(saved({ x: -20, maximized: true }));
    expect(readdirSync(join(dir, 'nested'))).toEqual(['window-state.json']);
  });

  it('reads a missing file as nothing saved, silently', () => {
    expect(readWindowState(file)).toBeNull();
    expect(console.warn).not.toHaveBeenCalled();
  });

  it.each([
    ['not JSON', '{oops'],
    ['a missing field', JSON.stringify({ x: 1, y: 2, width: 800, height: 600 })],
    ['a string for a number', JSON.stringify({ ...saved(), width: '800' })],
    ['a zero width', JSON.stringify({ ...saved(), width: 0 })],
    ['a fractional coordinate', JSON.stringify({ ...saved(), x: 1.5 })],
    ['an absurd coordinate', JSON.stringify({ ...saved(), x: 1e9 })],
    ['an array', '[]'],
    ['null', 'null'],
  ])('reads %s as nothing saved, with a warning', (_why, text) => {
    mkdirSync(join(dir, 'nested'), { recursive: true });
    writeFileSync(file, text);
    expect(readWindowState(file)).toBeNull();
    expect(console.warn).toHaveBeenCalledOnce();
  });

  it('refuses to write an invalid state', () => {
    expect(writeWindowState(file, { ...saved(), width: -5 })).toBe(false);
    expect(existsSync(file)).toBe(false);
  });

  it('reports a failed write (a file where the folder should be) as false, without throwing', () => {
    writeFileSync(join(dir, 'nested'), 'a file where the folder should be');
    expect(writeWindowState(file, saved())).toBe(false);
    expect(console.warn).toHaveBeenCalledOnce();
  });

  it('rounds fractional bounds (high-DPI scaling) into a state that validates', () => {
    const state = stateFrom({ x: 10.4, y: -3.6, width: 1000.5, height: 700.2 }, true);
    expect(state).toEqual({ x: 10, y: -4, width: 1001, height: 700, maximized: true });
    expect(writeWindowState(file, state)).toBe(true);
  });
});

describe('createWindowStateSaver', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('writes once, with the last state, after the window has been still for the delay', () => {
    const write = vi.fn(() => true);
    const saver = createWindowStateSaver('state.json', { delayMs: 500, write });
    saver.schedule(saved({ x: 1 }));
    vi.advanceTimersByTime(400);
    saver.schedule(saved({ x: 2 }));
    vi.advanceTimersByTime(400);
    saver.schedule(saved({ x: 3 }));
    expect(write).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(write).toHaveBeenCalledOnce();
    expect(write).toHaveBeenCalledWith('state.json', saved({ x: 3 }));
  });

  it('flush writes the pending state at once and cancels the timer', () => {
    const write = vi.fn(() => true);
    const saver = createWindowStateSaver('state.json', { write });
    saver.schedule(saved({ x: 7 }));
    saver.flush();
    expect(write).toHaveBeenCalledOnce();
    expect(write).toHaveBeenCalledWith('state.json', saved({ x: 7 }));
    vi.advanceTimersByTime(10_000);
    expect(write).toHaveBeenCalledOnce();
  });

  it('flush with nothing pending writes nothing', () => {
    const write = vi.fn(() => true);
    createWindowStateSaver('state.json', { write }).flush();
    expect(write).not.toHaveBeenCalled();
  });

  it('saves to the real file by default', () => {
    vi.useRealTimers();
    const dir = mkdtempSync(join(tmpdir(), 'window-state-'));
    try {
      const file = join(dir, 'window-state.json');
      const saver = createWindowStateSaver(file);
      saver.schedule(saved({ y: 42 }));
      saver.flush();
      expect(readWindowState(file)).toEqual(saved({ y: 42 }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
