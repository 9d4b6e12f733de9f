// The file operations --db persistence makes, in one small interface, so that tests can make the
// disk fail at a chosen moment (jest cannot mock ESM imports; it is passed in instead).

import { constants, readFileSync } from 'node:fs';
import { access, open, readdir, rename, stat, unlink, type FileHandle } from 'node:fs/promises';

/** A file open for appending: each write goes to its end. */
export interface AppendFile {
  /** Writes all of `data` (a short write is continued). */
  write(data: Buffer): Promise<void>;
  /** fdatasync: what was written is on the disk, the file's new size included. */
  sync(): Promise<void>;
  /** Cuts the file back to `size` bytes (the next write goes there). */
  truncate(size: number): Promise<void>;
  close(): Promise<void>;
}

export interface Disk {
  /** Opens `path` for appending, creating it if needed. */
  openAppend(path: string): Promise<AppendFile>;
  /** Creates (or empties) `path`, writes `chunks` one by one as they come, fsyncs and closes it; answers its size. */
  writeFile(path: string, chunks: Iterable<string> | AsyncIterable<string>): Promise<number>;
  /** The file's text, or undefined when there is no such file. */
  readText(path: string): Promise<string | undefined>;
  /** Names in a folder. */
  list(dir: string): Promise<string[]>;
  /** True for a folder; false for anything else; an error (ENOENT…) when it cannot be looked at. */
  isDirectory(path: string): Promise<boolean>;
  /** Whether files can be created in a folder (false when permissions or a read-only file system forbid it). */
  canWrite(dir: string): Promise<boolean>;
  rename(from: string, to: string): Promise<void>;
  /** Removes a file; one already gone is fine. */
  remove(path: string): Promise<void>;
  /** fsync of a folder, so that files created, renamed or removed in it stay so after a power cut. */
  syncDir(dir: string): Promise<void>;
}

class NodeAppendFile implements AppendFile {
  constructor(private readonly handle: FileHandle) {}

  async write(data: Buffer): Promise<void> {
    let offset = 0;
    while (offset < data.length) offset += (await this.handle.write(data, offset, data.length - offset)).bytesWritten;
  }

  sync(): Promise<void> {
    return this.handle.datasync();
  }

  truncate(size: number): Promise<void> {
    return this.handle.truncate(size);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

/** The real disk (node:fs). */
export const nodeDisk: Disk = {
  async openAppend(path) {
    return new NodeAppendFile(await open(path, 'a'));
  },

  async writeFile(path, chunks) {
    const handle = await open(path, 'w');
    let size = 0;
    try {
      for await (const chunk of chunks) {
        const data = Buffer.from(chunk, 'utf8');
        let offset = 0;
        while (offset < data.length) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
        size += data.length;
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    return size;
  },

  async readText(path) {
    try {
      // Read at start-up, before anything else waits on the event loop: one read, not 512 KiB at a time.
      return readFileSync(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  },

  list: (dir) => readdir(dir),

  async isDirectory(path) {
    return (await stat(path)).isDirectory();
  },

  async canWrite(dir) {
    try {
      await access(dir, constants.W_OK | constants.X_OK);
      return true;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return false;
      throw error;
    }
  },

  rename: (from, to) => rename(from, to),

  async remove(path) {
    try {
      await unlink(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  },

  async syncDir(dir) {
    let handle: FileHandle | undefined;
    try {
      handle = await open(dir, 'r');
      await handle.sync();
    } catch (error) {
      // Some systems (Windows) cannot open or fsync a folder: there, renames are as durable as they get.
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw error;
    } finally {
      await handle?.close();
    }
  },
};
