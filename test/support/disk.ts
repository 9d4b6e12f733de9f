// A disk for --db tests: the real one, with switches that make one kind of operation fail, and a
// crash that closes every file under the store that uses it and refuses everything after.

import { nodeDisk, type AppendFile, type Disk } from '../../src/store/disk.js';

/** The real disk, with switches to make one kind of operation fail, and a crash that closes every file. */
export class TestDisk implements Disk {
  fail: Partial<Record<'write' | 'sync' | 'rename' | 'remove' | 'truncate', string>> = {};
  writes = 0;
  private crashed = false;
  private readonly open = new Set<AppendFile>();

  private check(op: keyof TestDisk['fail']): void {
    if (this.crashed) throw new Error('the process is gone');
    const code = this.fail[op];
    if (code) throw Object.assign(new Error(`${code}: ${op} refused`), { code });
  }

  /** The process dies here: nothing it does after reaches the disk. */
  async crash(): Promise<void> {
    this.crashed = true;
    for (const file of this.open) await file.close().catch(() => undefined);
    this.open.clear();
  }

  async openAppend(path: string): Promise<AppendFile> {
    if (this.crashed) throw new Error('the process is gone');
    const real = await nodeDisk.openAppend(path);
    const file: AppendFile = {
      write: async (data) => {
        this.check('write');
        this.writes++;
        await real.write(data);
      },
      sync: async () => {
        this.check('sync');
        await real.sync();
      },
      truncate: async (size) => {
        this.check('truncate');
        await real.truncate(size);
      },
      close: async () => {
        if (!this.open.delete(file)) return;
        await real.close();
      },
    };
    this.open.add(file);
    return file;
  }

  writeFile: Disk['writeFile'] = async (path, chunks) => {
    this.check('write');
    return nodeDisk.writeFile(path, chunks);
  };
  readText: Disk['readText'] = (path) => nodeDisk.readText(path);
  list: Disk['list'] = (dir) => nodeDisk.list(dir);
  isDirectory: Disk['isDirectory'] = (path) => nodeDisk.isDirectory(path);
  /** False makes every folder read-only, as a folder without write permission or on a read-only file system is. */
  writable = true;
  canWrite: Disk['canWrite'] = async (dir) => this.writable && nodeDisk.canWrite(dir);
  rename: Disk['rename'] = async (from, to) => {
    this.check('rename');
    await nodeDisk.rename(from, to);
  };
  remove: Disk['remove'] = async (path) => {
    this.check('remove');
    await nodeDisk.remove(path);
  };
  syncDir: Disk['syncDir'] = async (dir) => {
    this.check('sync');
    await nodeDisk.syncDir(dir);
  };
}
