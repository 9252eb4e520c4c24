import { type ErrorCode, Lv2enError } from './errors.js';

/**
 * What the machine refused (a permission, a full disk, a read-only mount) as
 * a typed error naming the path, instead of an "internal error": these are
 * the user's to fix, and each says how.
 */
const ERRNO: ReadonlyMap<string, { code: ErrorCode; message: string; hint: string }> = new Map([
  [
    'EACCES',
    { code: 'PERMISSION_DENIED', message: 'permission denied', hint: 'Make it writable for this user, or choose another folder (-o)' },
  ],
  [
    'EPERM',
    {
      code: 'PERMISSION_DENIED',
      message: 'operation not permitted',
      hint: 'Check its permissions and attributes (lsattr), or choose another folder (-o)',
    },
  ],
  ['EROFS', { code: 'READ_ONLY_FILESYSTEM', message: 'the file system is read-only', hint: 'Write to a folder on a writable disk (-o)' }],
  [
    'ENOTDIR',
    {
      code: 'NOT_A_FOLDER',
      message: 'this path (or a part of it) is a file, not a folder',
      hint: 'Name a folder with -o, or move the file away',
    },
  ],
  [
    'EISDIR',
    {
      code: 'IS_A_FOLDER',
      message: 'a folder is in the way of a file lv2en writes',
      hint: 'Move the folder away, or choose another output folder (-o)',
    },
  ],
  [
    'ENOSPC',
    {
      code: 'DISK_FULL',
      message: 'no space left on the device',
      hint: 'Free some space or write elsewhere (-o, LV2EN_CACHE); nothing was half-written',
    },
  ],
  [
    'EDQUOT',
    {
      code: 'DISK_FULL',
      message: 'disk quota exceeded',
      hint: 'Free some space or write elsewhere (-o, LV2EN_CACHE); nothing was half-written',
    },
  ],
  [
    'EMFILE',
    {
      code: 'TOO_MANY_OPEN_FILES',
      message: 'too many open files',
      hint: 'Raise the limit (ulimit -n 4096) or translate fewer files at once',
    },
  ],
  [
    'ENFILE',
    {
      code: 'TOO_MANY_OPEN_FILES',
      message: 'the system has too many open files',
      hint: 'Close other programs or translate fewer files at once',
    },
  ],
]);

const SQLITE: ReadonlyMap<string, { code: ErrorCode; message: string; hint: string }> = new Map([
  [
    'SQLITE_READONLY',
    {
      code: 'MEMORY_READ_ONLY',
      message: 'the translation memory is read-only',
      hint: 'Make the file and its folder writable, or use --memory <other file> or --no-memory',
    },
  ],
  [
    'SQLITE_CANTOPEN',
    {
      code: 'MEMORY_READ_ONLY',
      message: 'the translation memory cannot be opened for writing',
      hint: 'Make the file and its folder writable, or use --memory <other file> or --no-memory',
    },
  ],
  [
    'SQLITE_BUSY',
    {
      code: 'MEMORY_LOCKED',
      message: 'the translation memory is locked by another process',
      hint: 'Wait for the other lv2en to finish, or use --memory <other file>',
    },
  ],
  [
    'SQLITE_LOCKED',
    {
      code: 'MEMORY_LOCKED',
      message: 'the translation memory is locked',
      hint: 'Wait for the other lv2en to finish, or use --memory <other file>',
    },
  ],
  [
    'SQLITE_FULL',
    { code: 'DISK_FULL', message: 'no space left for the translation memory', hint: 'Free some space, or use --memory on another disk' },
  ],
]);

/** The typed error for a failed file-system or SQLite call, or null when it is none of these (a bug). `memoryPath` names the SQLite file. */
export function environmentError(error: unknown, memoryPath?: string | null): Lv2enError | null {
  if (error instanceof Lv2enError || typeof error !== 'object' || error === null) return null;
  const code = String((error as { code?: unknown }).code ?? '');
  // Recursive mkdir reports a folder it cannot create on a read-only mount as missing.
  if (code === 'ENOENT' && (error as NodeJS.ErrnoException).syscall === 'mkdir') {
    const path = (error as NodeJS.ErrnoException).path;
    return new Lv2enError(
      'READ_ONLY_FILESYSTEM',
      'this folder cannot be created (is the disk read-only?)',
      'Choose a folder on a writable disk',
      path ? { file: path } : {},
      { cause: error },
    );
  }
  const errno = ERRNO.get(code);
  if (errno) {
    const path = (error as NodeJS.ErrnoException).path;
    return new Lv2enError(errno.code, errno.message, errno.hint, path ? { file: path } : {}, { cause: error });
  }
  const sqlite = SQLITE.get(code.replace(/^(SQLITE_[A-Z]+)_.*$/, '$1'));
  if (sqlite) return new Lv2enError(sqlite.code, sqlite.message, sqlite.hint, memoryPath ? { file: memoryPath } : {}, { cause: error });
  return null;
}
