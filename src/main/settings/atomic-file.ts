/**
 * Small files that are read only when they are plain regular files and are
 * replaced whole, atomically: a temporary file in the same folder, fsynced,
 * renamed over the target, then the folder fsynced. Every function answers a
 * Result (or nothing) and never throws.
 */
import { randomUUID } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, mkdir, open, readdir, rename, rm, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fail, ok, type Result } from '../../shared/result';

/** Why a file operation failed: the errno code (EACCES, ENOTDIR...), or 'unknown'. */
export interface FileError {
  code: string;
}

function fileError(error: unknown): FileError {
  return { code: (error as NodeJS.ErrnoException | null)?.code ?? 'unknown' };
}

/** What is at a path, seen without following a link. `refused` says what it is instead of a regular file. */
export type Entry = { kind: 'missing' } | { kind: 'file'; size: number } | { kind: 'refused'; what: string; link: boolean };

function whatItIs(stats: Stats): string {
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}

/** lstat only: a link is never followed and a FIFO never opened. A missing file (or folder) is `missing`. */
export async function inspect(path: string): Promise<Result<Entry, FileError>> {
  try {
    const stats = await lstat(path);
    if (stats.isFile()) return ok({ kind: 'file', size: stats.size });
    return ok({ kind: 'refused', what: whatItIs(stats), link: stats.isSymbolicLink() });
  } catch (error) {
    const failure = fileError(error);
    return failure.code === 'ENOENT' ? ok({ kind: 'missing' }) : fail(failure);
  }
}

// Not defined on Windows, where lstat before opening is the guard.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NO_BLOCK = constants.O_NONBLOCK ?? 0;

/**
 * Reads at most `maxBytes + 1` bytes of a file that `inspect` found regular: so a
 * file that grew past the cap shows as longer than `maxBytes` without being read
 * whole. The open neither follows a link nor waits on a FIFO swapped in since.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Result<Buffer, FileError>> {
  try {
    const handle = await open(path, constants.O_RDONLY | NO_FOLLOW | NO_BLOCK);
    try {
      if (!(await handle.stat()).isFile()) return fail({ code: 'ENOTREG' });
      const buffer = Buffer.alloc(maxBytes + 1);
      let length = 0;
      while (length < buffer.length) {
        const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
        if (bytesRead === 0) break;
        length += bytesRead;
      }
      return ok(buffer.subarray(0, length));
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail(fileError(error));
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TEMPORARY = '.tmp';

/** `<file>.<uuid>.tmp`, in the file's own folder (a rename across folders would not be atomic). */
function temporaryFor(path: string): string {
  return `${path}.${randomUUID()}${TEMPORARY}`;
}

function isTemporaryOf(name: string, base: string): boolean {
  const middle = name.startsWith(`${base}.`) && name.endsWith(TEMPORARY) ? name.slice(base.length + 1, -TEMPORARY.length) : '';
  return UUID.test(middle);
}

/**
 * Removes what an interrupted `writeAtomic` of this path left behind: regular
 * files named `<file>.<uuid>.tmp`, nothing else. Best effort: what cannot be
 * listed or removed is left.
 */
export async function removeTemporaries(path: string): Promise<void> {
  const base = basename(path);
  let entries;
  try {
    entries = await readdir(dirname(path), { withFileTypes: true });
  } catch {
    return;
  }
  const leftovers = entries.filter((entry) => entry.isFile() && isTemporaryOf(entry.name, base));
  await Promise.all(leftovers.map((entry) => unlink(join(dirname(path), entry.name)).catch(() => undefined)));
}

/** fsync of a folder, so a rename in it survives a power cut. Windows cannot open a folder for this: ignored there only. */
async function syncFolder(folder: string): Promise<Result<void, FileError>> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    return ok(undefined);
  } catch (error) {
    return process.platform === 'win32' ? ok(undefined) : fail(fileError(error));
  }
}

/**
 * Replaces `path` with `text` (creating its folder if needed) so that a crash
 * leaves either the old file or the new one, whole. On failure the temporary
 * file is removed.
 */
export async function writeAtomic(path: string, text: string, mode = 0o600): Promise<Result<void, FileError>> {
  const temporary = temporaryFor(path);
  let created = false;
  try {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(temporary, 'wx', mode);
    created = true;
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
    created = false;
  } catch (error) {
    if (created) await rm(temporary, { force: true }).catch(() => undefined);
    return fail(fileError(error));
  }
  return syncFolder(dirname(path));
}

/**
 * Moves `path` to `<path>.<label>-<UTC time>` (then `-1`, `-2`... if that name is
 * taken), never over an existing file, and answers the new path. The app runs as
 * a single instance, so nothing else creates these names between the check and
 * the rename.
 */
export async function moveAside(path: string, label: string, now = new Date()): Promise<Result<string, FileError>> {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  for (let attempt = 0; attempt < 1000; attempt++) {
    const candidate = `${path}.${label}-${stamp}${attempt === 0 ? '' : `-${attempt}`}`;
    const taken = await inspect(candidate);
    if (!taken.ok) return taken;
    if (taken.value.kind !== 'missing') continue;
    try {
      await rename(path, candidate);
      return ok(candidate);
    } catch (error) {
      return fail(fileError(error));
    }
  }
  return fail({ code: 'EEXIST' });
}
