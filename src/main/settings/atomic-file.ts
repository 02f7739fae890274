/**
 * Small files that are read only when they are plain regular files and are
 * replaced whole, atomically: a temporary file in the same folder, fsynced,
 * renamed over the target, then the folder fsynced. Every function answers a
 * Result (or nothing) and never throws.
 *
 * Inspecting, reading, removing leftovers and writing each have a synchronous
 * twin (`...Sync`) for callers that cannot wait: the window's size and
 * position, read while the window is being created and written while it
 * closes. The twins take the same steps with Node's synchronous calls; what
 * both need (the temporary names, what an lstat means, errors) is written once.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  constants,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  type Dirent,
  type Stats,
} from 'node:fs';
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

function entryOf(stats: Stats): Entry {
  if (stats.isFile()) return { kind: 'file', size: stats.size };
  return { kind: 'refused', what: whatItIs(stats), link: stats.isSymbolicLink() };
}

/** A failed lstat: nothing at the path (or no folder for it) is an answer, `missing`; anything else an error. */
function entryOfFailure(error: unknown): Result<Entry, FileError> {
  const failure = fileError(error);
  return failure.code === 'ENOENT' ? ok({ kind: 'missing' }) : fail(failure);
}

/** lstat only: a link is never followed and a FIFO never opened. A missing file (or folder) is `missing`. */
export async function inspect(path: string): Promise<Result<Entry, FileError>> {
  try {
    return ok(entryOf(await lstat(path)));
  } catch (error) {
    return entryOfFailure(error);
  }
}

/** `inspect`, synchronously. */
export function inspectSync(path: string): Result<Entry, FileError> {
  try {
    return ok(entryOf(lstatSync(path)));
  } catch (error) {
    return entryOfFailure(error);
  }
}

// Not defined on Windows, where lstat before opening is the guard.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const NO_BLOCK = constants.O_NONBLOCK ?? 0;
const READ_ONLY = constants.O_RDONLY | NO_FOLLOW | NO_BLOCK;
/** What a read answers when the path turned out, once opened, not to be a regular file. */
const NOT_REGULAR: FileError = { code: 'ENOTREG' };

/**
 * Reads at most `maxBytes + 1` bytes of a file that `inspect` found regular: so a
 * file that grew past the cap shows as longer than `maxBytes` without being read
 * whole. The open neither follows a link nor waits on a FIFO swapped in since.
 */
export async function readRegularFile(path: string, maxBytes: number): Promise<Result<Buffer, FileError>> {
  try {
    const handle = await open(path, READ_ONLY);
    try {
      const stat = await handle.stat();
      if (!stat.isFile()) return fail(NOT_REGULAR);
      const read = new CappedRead(stat.size, maxBytes);
      for (let room = read.room(); room > 0; room = read.room()) {
        const { bytesRead } = await handle.read(read.buffer, read.length, room, read.length);
        if (!read.took(bytesRead)) break;
      }
      return ok(read.bytes());
    } finally {
      await handle.close();
    }
  } catch (error) {
    return fail(fileError(error));
  }
}

/**
 * The bytes of one read of a file, at most maxBytes + 1 (one more than allowed shows it is too large). The
 * buffer starts at the file's size and one byte more (to see it grew since), and doubles when filled.
 */
class CappedRead {
  buffer: Buffer;
  length = 0;
  constructor(
    size: number,
    private readonly maxBytes: number,
  ) {
    this.buffer = Buffer.alloc(Math.min(size, maxBytes) + 1);
  }
  /** Where the next read may write, after growing a full buffer; 0 when maxBytes + 1 are read. */
  room(): number {
    if (this.length === this.buffer.length && this.length <= this.maxBytes) {
      const grown = Buffer.alloc(Math.min(this.buffer.length * 2, this.maxBytes + 1));
      this.buffer.copy(grown);
      this.buffer = grown;
    }
    return this.buffer.length - this.length;
  }
  /** Counts what a read gave; false at the end of the file. */
  took(bytesRead: number): boolean {
    this.length += bytesRead;
    return bytesRead > 0;
  }
  bytes(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

/** `readRegularFile`, synchronously: the same guards, so it never waits on a FIFO either. */
export function readRegularFileSync(path: string, maxBytes: number): Result<Buffer, FileError> {
  try {
    const fd = openSync(path, READ_ONLY);
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return fail(NOT_REGULAR);
      const read = new CappedRead(stat.size, maxBytes);
      for (let room = read.room(); room > 0; room = read.room()) {
        if (!read.took(readSync(fd, read.buffer, read.length, room, read.length))) break;
      }
      return ok(read.bytes());
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return fail(fileError(error));
  }
}

/**
 * A file's bytes as UTF-8 text, a leading byte order mark dropped (some
 * editors add one); null when they are not valid UTF-8 (rather than U+FFFD).
 */
export function utf8Text(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A small JSON file's bytes as JSON, or why they cannot be, in words for a person ("it is not JSON"). */
export function jsonFromBytes(bytes: Uint8Array, maxBytes: number): Result<unknown, string> {
  if (bytes.length > maxBytes) return fail(tooLarge(maxBytes));
  const text = utf8Text(bytes);
  if (text === null) return fail('it is not UTF-8 text');
  try {
    return ok(JSON.parse(text));
  } catch {
    return fail('it is not JSON');
  }
}

/**
 * What a small JSON file at a path holds, read with every guard above: never through a link, never
 * anything but a regular file, never more than `maxBytes`. `invalid` says why, in words for a person.
 */
export type JsonFile =
  | { kind: 'missing' }
  | { kind: 'refused'; entry: Extract<Entry, { kind: 'refused' }> }
  | { kind: 'unreadable'; code: string }
  | { kind: 'invalid'; reason: string }
  | { kind: 'json'; value: unknown };

export async function readJsonFile(path: string, maxBytes: number): Promise<JsonFile> {
  const entry = await inspect(path);
  if (!entry.ok) return { kind: 'unreadable', code: entry.error.code };
  if (entry.value.kind === 'missing') return { kind: 'missing' };
  if (entry.value.kind === 'refused') return { kind: 'refused', entry: entry.value };
  if (entry.value.size > maxBytes) return { kind: 'invalid', reason: tooLarge(maxBytes) };
  const bytes = await readRegularFile(path, maxBytes);
  if (!bytes.ok) return { kind: 'unreadable', code: bytes.error.code };
  const json = jsonFromBytes(bytes.value, maxBytes);
  return json.ok ? { kind: 'json', value: json.value } : { kind: 'invalid', reason: json.error };
}

/** Why a file over `maxBytes` is not read. */
export function tooLarge(maxBytes: number): string {
  return `it is larger than ${maxBytes / 1024} KiB`;
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

/** The paths, among a listing of the folder of `path`, of regular files named `<file>.<uuid>.tmp`. */
function leftoversOf(path: string, entries: readonly Dirent[]): string[] {
  const base = basename(path);
  return entries.filter((entry) => entry.isFile() && isTemporaryOf(entry.name, base)).map((entry) => join(dirname(path), entry.name));
}

/**
 * Removes what an interrupted `writeAtomic` of this path left behind: regular
 * files named `<file>.<uuid>.tmp`, nothing else. Best effort: what cannot be
 * listed or removed is left.
 */
export async function removeTemporaries(path: string): Promise<void> {
  let entries;
  try {
    entries = await readdir(dirname(path), { withFileTypes: true });
  } catch {
    return;
  }
  await Promise.all(leftoversOf(path, entries).map((leftover) => unlink(leftover).catch(() => undefined)));
}

function unlinkQuietlySync(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // Best effort, as in the async functions.
  }
}

/** `removeTemporaries`, synchronously. */
export function removeTemporariesSync(path: string): void {
  let entries;
  try {
    entries = readdirSync(dirname(path), { withFileTypes: true });
  } catch {
    return;
  }
  for (const leftover of leftoversOf(path, entries)) unlinkQuietlySync(leftover);
}

/** A folder's fsync failed: Windows cannot open a folder for it, so there only that is no failure. */
function folderSyncFailure(error: unknown): Result<void, FileError> {
  return process.platform === 'win32' ? ok(undefined) : fail(fileError(error));
}

/** fsync of a folder, so a rename in it survives a power cut. */
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
    return folderSyncFailure(error);
  }
}

function syncFolderSync(folder: string): Result<void, FileError> {
  try {
    const fd = openSync(folder, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    return ok(undefined);
  } catch (error) {
    return folderSyncFailure(error);
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

/** `writeAtomic`, synchronously. */
export function writeAtomicSync(path: string, text: string, mode = 0o600): Result<void, FileError> {
  const temporary = temporaryFor(path);
  let created = false;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(temporary, 'wx', mode);
    created = true;
    try {
      writeFileSync(fd, text, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
    created = false;
  } catch (error) {
    if (created) unlinkQuietlySync(temporary);
    return fail(fileError(error));
  }
  return syncFolderSync(dirname(path));
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
