// The --db snapshot: lowdb's JSON file ({"tenants": {...}}), read and written through a lowdb adapter
// of our own. lowdb's JSONFile (steno) renames a temp file into place without fsync, and makes the
// whole text in one JSON.stringify; this one writes it a slice at a time (the server keeps answering
// meanwhile), fsyncs it, renames it into place and fsyncs the folder.

import { basename, dirname, join } from 'node:path';
import type { Adapter } from 'lowdb';
import type { Disk } from './disk.js';
import type { TenantData } from './tenant.js';

export interface Snapshot {
  /** Tenant id → its collections → id → record. */
  tenants: Record<string, TenantData>;
  /** The last change-log entry the snapshot holds; later entries are replayed over it. Absent in older files. */
  seq?: number;
}

/** Roughly how many characters are made between two writes of a snapshot (a few ms of JSON.stringify). */
const SLICE_CHARS = 1 << 20;

export class SnapshotFile implements Adapter<Snapshot> {
  /** Size in bytes of the file last read or written. */
  size = 0;

  constructor(
    readonly path: string,
    private readonly disk: Disk,
  ) {}

  /** Where a snapshot is written before it is renamed into place (as lowdb names it: `.state.json.tmp`). */
  get tempPath(): string {
    return join(dirname(this.path), `.${basename(this.path)}.tmp`);
  }

  async read(): Promise<Snapshot | null> {
    const text = await this.disk.readText(this.path);
    if (text === undefined) return null;
    this.size = Buffer.byteLength(text);
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (error) {
      throw new Error(`--db ${this.path}: not valid JSON (${(error as Error).message})`);
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error(`--db ${this.path}: not a mock-voucherify state file`);
    return data as Snapshot;
  }

  async write(data: Snapshot): Promise<void> {
    const temp = this.tempPath;
    this.size = await this.disk.writeFile(temp, snapshotText(data));
    await this.disk.rename(temp, this.path);
    await this.disk.syncDir(dirname(this.path));
  }
}

/** The snapshot's JSON (as JSON.stringify would make it), in slices of about SLICE_CHARS. */
export function* snapshotText(data: Snapshot): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  const add = (text: string) => {
    parts.push(text);
    length += text.length;
  };
  add('{"tenants":{');
  let tenantSep = '';
  for (const [tenantId, tenant] of Object.entries(data.tenants)) {
    add(`${tenantSep}${JSON.stringify(tenantId)}:{`);
    tenantSep = ',';
    let collectionSep = '';
    for (const [name, records] of Object.entries(tenant)) {
      add(`${collectionSep}${JSON.stringify(name)}:{`);
      collectionSep = ',';
      let recordSep = '';
      for (const [id, record] of Object.entries(records)) {
        add(`${recordSep}${JSON.stringify(id)}:${JSON.stringify(record)}`);
        recordSep = ',';
        if (length >= SLICE_CHARS) {
          yield parts.join('');
          parts = [];
          length = 0;
        }
      }
      add('}');
    }
    add('}');
  }
  add(data.seq === undefined ? '}}' : `},"seq":${data.seq}}`);
  yield parts.join('');
}
