// Durable --db: lowdb's JSON file is the snapshot, and an append-only change log beside it
// (state.json.1.log, state.json.2.log, …) holds every change since. A request's answer goes out
// once its changes are fsync'd in the log; the log is replayed over the snapshot at start, and
// folded into a new snapshot in the background (once it outgrows the snapshot) and at shutdown.
//
// Folding is safe at every step, because each log entry has a sequence number and the snapshot
// names the last one it holds: (1) a new log file is opened and later changes go there; (2) the
// state is captured at that point, sequence number N; (3) once every change up to N is on disk,
// the snapshot is written to a temp file, fsync'd and renamed over the old one; (4) the older log
// files are deleted. A crash before (3) replays the old snapshot and every log file; after it, the
// new snapshot and whatever is left of the logs, skipping entries up to N.

import { basename, dirname, join, resolve } from 'node:path';
import { Low } from 'lowdb';
import { ChangeLog, parseLog, PersistenceError, type Segment } from './change-log.js';
import type { Change, Identified } from './collection.js';
import { nodeDisk, type Disk } from './disk.js';
import { SnapshotFile, type Snapshot } from './snapshot-file.js';
import type { Tenant, TenantData } from './tenant.js';

export { PersistenceError } from './change-log.js';
export type { Disk } from './disk.js';

export interface PersistenceOptions {
  /** The snapshot file (--db); the log files are named after it. */
  dbFile: string;
  /** What a tenant that is not in the snapshot starts from, when the log replays its changes. */
  fixtures: TenantData;
  /** Errors of the disk (a batch undone, a fold that failed): reported, never thrown. */
  onError?: (error: unknown) => void;
  /** The file operations (tests pass a disk that fails on demand). */
  disk?: Disk;
  /** Fold the log into the snapshot once it holds this many bytes, or the snapshot's size if larger. */
  foldAfterBytes?: number;
}

/** What the log holds for one committed request: the tenant and its writes, in order. */
export type ChangeOp = ['put', string, Identified] | ['remove', string, string];
export type LogEntry =
  | { seq: number; tenant: string; changes: ChangeOp[] }
  | { seq: number; reset: string }
  | { seq: number; reset_all: true }
  /** A tenant's state replaced as a whole (PUT /_mock/state, a snapshot restored): collection → id → record. */
  | { seq: number; replace: string; data: TenantData };

const DEFAULT_FOLD_AFTER_BYTES = 4 << 20;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A request's writes as log entry changes: one per record, its last value, at the place of its first
 * write (a record's place in its collection is that of its first put), and a removal where one was.
 */
export function changeOps(changes: readonly Change[]): ChangeOp[] {
  const ops: ChangeOp[] = [];
  const putAt = new Map<string, number>();
  for (const change of changes) {
    const key = `${change.collection}\u0000${change.id}`;
    if (change.record) {
      const at = putAt.get(key);
      if (at === undefined) {
        putAt.set(key, ops.length);
        ops.push(['put', change.collection, change.record]);
      } else ops[at] = ['put', change.collection, change.record];
    } else {
      putAt.delete(key);
      ops.push(['remove', change.collection, change.id]);
    }
  }
  return ops;
}

/** The tenants of a snapshot, as the store keeps those it has not opened yet. */
function tenantsOf(snapshot: Snapshot | null): Map<string, TenantData> {
  const tenants = new Map<string, TenantData>();
  const saved = isObject(snapshot?.tenants) ? snapshot.tenants : {};
  for (const [id, data] of Object.entries(saved)) if (isObject(data)) tenants.set(id, data as TenantData);
  return tenants;
}

/**
 * Replays log entries over the tenants read from the snapshot, in place. Collections are copied
 * (into null-prototype objects: a record id may be "__proto__") the first time an entry changes
 * them; a tenant the snapshot does not hold starts from the fixtures, as it did when it was written.
 */
export function replay(tenants: Map<string, TenantData>, entries: Iterable<LogEntry>, fixtures: TenantData): void {
  const copied = new WeakSet<object>();
  for (const entry of entries) {
    if ('reset_all' in entry) tenants.clear();
    else if ('reset' in entry) tenants.delete(entry.reset);
    // A copy of the collection map: later entries copy each collection they change, never the entry's own.
    else if ('replace' in entry) tenants.set(entry.replace, Object.assign(Object.create(null) as TenantData, entry.data));
    else {
      let data = tenants.get(entry.tenant);
      if (!data) tenants.set(entry.tenant, (data = Object.assign(Object.create(null) as TenantData, fixtures)));
      for (const [op, name, value] of entry.changes) {
        let records = data[name];
        if (!records || !copied.has(records)) {
          records = Object.assign(Object.create(null) as Record<string, Identified>, records);
          copied.add(records);
          data[name] = records;
        }
        if (op === 'put') records[value.id] = value;
        else delete records[value];
      }
    }
  }
}

function checkEntry(entry: { seq: number }, path: string): LogEntry {
  const e = entry as Record<string, unknown>;
  const ok =
    (typeof e.tenant === 'string' &&
      Array.isArray(e.changes) &&
      e.changes.every(
        (op: unknown) =>
          Array.isArray(op) &&
          typeof op[1] === 'string' &&
          ((op[0] === 'put' && isObject(op[2]) && typeof op[2].id === 'string') || (op[0] === 'remove' && typeof op[2] === 'string')),
      )) ||
    typeof e.reset === 'string' ||
    (typeof e.replace === 'string' && isObject(e.data) && Object.values(e.data).every(isObject)) ||
    e.reset_all === true;
  if (!ok) throw new Error(`${path}: entry ${entry.seq} of the --db change log is not a change this version knows`);
  return entry as LogEntry;
}

/** How long after the start the last run's log files are folded into the snapshot. */
const START_FOLD_DELAY_MS = 2000;

export class Persistence {
  private compacting: Promise<void> | undefined;
  private closing = false;
  /** The next fold starts once ChangeLog.savedBytes reaches this. */
  private foldAt: number;
  private capture: () => Record<string, TenantData> = () => Object.create(null);

  private constructor(
    private readonly db: Low<Snapshot>,
    private readonly snapshot: SnapshotFile,
    private readonly log: ChangeLog,
    private readonly disk: Disk,
    /** Every log file not yet folded into the snapshot, oldest first, the current one last. */
    private segments: string[],
    private generation: number,
    /** The last log entry the snapshot on disk holds. */
    private foldedSeq: number,
    private readonly onError: (error: unknown) => void,
    private readonly foldAfterBytes: number,
  ) {
    this.foldAt = log.savedBytes + this.foldThreshold();
  }

  /** How much log a fold waits for: as much as the snapshot holds, so that folding costs O(1) per byte logged. */
  private foldThreshold(): number {
    return Math.max(this.foldAfterBytes, this.snapshot.size);
  }

  /**
   * Reads the snapshot, replays the log files over it, and opens a new log file. Fails at once, with
   * a message naming the file, when the folder does not exist or cannot be written, or a file is
   * damaged: a server that starts must be able to keep what it acknowledges.
   */
  static async open(options: PersistenceOptions): Promise<{ persistence: Persistence; tenants: Map<string, TenantData> }> {
    const disk = options.disk ?? nodeDisk;
    const onError = options.onError ?? (() => undefined);
    const file = resolve(options.dbFile);
    const dir = dirname(file);
    let isDir: boolean;
    try {
      isDir = await disk.isDirectory(dir);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw new Error(`--db ${options.dbFile}: the folder ${dir} does not exist`);
      throw new Error(`--db ${options.dbFile}: ${(error as Error).message}`);
    }
    if (!isDir) throw new Error(`--db ${options.dbFile}: ${dir} is not a folder`);
    if (!(await disk.canWrite(dir))) throw new Error(`--db ${options.dbFile}: the folder ${dir} cannot be written (no permission, or a read-only file system)`);

    const snapshot = new SnapshotFile(file, disk);
    const db = new Low<Snapshot>(snapshot, { tenants: {} });
    await db.read();
    const tenants = tenantsOf(db.data);
    const snapshotSeq = typeof db.data.seq === 'number' ? db.data.seq : 0;

    // Log files, oldest first: state.json.<generation>.log.
    const prefix = `${basename(file)}.`;
    const logs = (await disk.list(dir))
      .filter((name) => name.startsWith(prefix) && /^\d+\.log$/.test(name.slice(prefix.length)))
      .map((name) => ({ path: join(dir, name), generation: Number(name.slice(prefix.length, -'.log'.length)) }))
      .sort((a, b) => a.generation - b.generation);
    let seq = snapshotSeq;
    let logBytes = 0;
    for (const log of logs) {
      const text = (await disk.readText(log.path)) ?? '';
      logBytes += Buffer.byteLength(text);
      const entries = parseLog(text, log.path)
        .entries.filter((entry) => entry.seq > snapshotSeq)
        .map((entry) => checkEntry(entry, log.path));
      replay(tenants, entries, options.fixtures);
      for (const entry of entries) seq = Math.max(seq, entry.seq);
    }
    // A temp snapshot left by a crash in the middle of a fold was never renamed into place: not needed.
    try {
      await disk.remove(snapshot.tempPath);
    } catch (error) {
      throw new Error(`--db ${options.dbFile}: cannot remove the unfinished snapshot ${snapshot.tempPath}: ${(error as Error).message}`);
    }

    const generation = (logs.at(-1)?.generation ?? 0) + 1;
    const segment = await openSegment(disk, join(dir, `${prefix}${generation}.log`), options.dbFile);
    let persistence: Persistence | undefined;
    const log = new ChangeLog(disk, segment, seq, { onError, onSaved: () => persistence?.foldIfDue() }, logBytes);
    persistence = new Persistence(
      db,
      snapshot,
      log,
      disk,
      [...logs.map((l) => l.path), segment.path],
      generation,
      snapshotSeq,
      onError,
      options.foldAfterBytes ?? DEFAULT_FOLD_AFTER_BYTES,
    );
    // The log files of the last run are folded in the background, a little after the start: writing
    // a large snapshot at once would hold up the first requests (they are safe in the log meanwhile).
    if (logs.length > 0) setTimeout(() => void persistence.fold(), START_FOLD_DELAY_MS).unref();
    return { persistence, tenants };
  }

  /** Where a fold finds the state to write: every tenant's data, captured at one moment. */
  /** True while changes are queued or being written to the log. */
  get writing(): boolean {
    return this.log.saved() !== undefined;
  }

  track(capture: () => Record<string, TenantData>): void {
    this.capture = capture;
  }

  /**
   * Commits the tenant's transaction and logs its writes. Answers a promise that resolves once they
   * (and every change before them) are on disk, and rejects (PersistenceError, the writes undone)
   * if the disk refuses them; undefined when there is nothing to wait for. Throws, with the tenant's
   * writes rolled back, when they cannot be serialised.
   */
  commit(tenant: Tenant | undefined): Promise<void> | undefined {
    const committed = tenant?.commit();
    if (tenant && committed) {
      try {
        this.log.append({ tenant: tenant.id, changes: changeOps(committed.changes) }, () => committed.rollback());
      } catch (error) {
        committed.rollback();
        throw error;
      }
    }
    // A request that changed nothing still waits: its answer may show changes not yet on disk.
    return this.log.saved();
  }

  /** Logs a reset of one tenant (or of all when `tenantId` is undefined); `rollback` puts them back if it cannot be saved. */
  reset(tenantId: string | undefined, rollback: () => void): void {
    try {
      this.log.append(tenantId === undefined ? { reset_all: true } : { reset: tenantId }, rollback);
    } catch (error) {
      rollback();
      throw error;
    }
  }

  /** Logs one tenant's new state, as a whole; `rollback` puts the old one back if it cannot be saved. */
  replace(tenantId: string, data: TenantData, rollback: () => void): void {
    try {
      this.log.append({ replace: tenantId, data }, rollback);
    } catch (error) {
      rollback();
      throw error;
    }
  }

  /** Folds the log into the snapshot when it has grown past the snapshot's size (and foldAfterBytes). */
  private foldIfDue(): void {
    if (this.compacting || this.closing || this.log.savedBytes < this.foldAt) return;
    void this.fold();
  }

  /** Writes a new snapshot and deletes the log files it covers, in the background; a failure is reported and tried again later. */
  fold(): Promise<void> {
    if (this.closing) return Promise.resolve();
    return (this.compacting ??= this.foldOnce(false)
      .catch((error: unknown) => {
        // Tried again once as much log again has been written (or at shutdown).
        this.foldAt = this.log.savedBytes + this.foldThreshold();
        this.onError(new PersistenceError(`could not fold the --db change log into ${this.snapshot.path}: ${(error as Error).message}`, { cause: error }));
      })
      .finally(() => (this.compacting = undefined)));
  }

  /**
   * One fold (see the top of the file). `last` (at shutdown, the log closed): no later change can
   * come, so no new log file is opened and every log file goes once the snapshot is in place.
   */
  private async foldOnce(last: boolean): Promise<void> {
    if (this.log.seq === this.foldedSeq) {
      // Nothing logged since the snapshot (a run that only read): its log files hold nothing it lacks.
      const old = last ? this.segments : this.segments.slice(0, -1);
      for (const path of old) await this.disk.remove(path);
      this.segments = this.segments.filter((path) => !old.includes(path));
      return;
    }
    let next: Segment | undefined;
    if (!last) {
      this.generation += 1;
      next = await openSegment(this.disk, join(dirname(this.snapshot.path), `${basename(this.snapshot.path)}.${this.generation}.log`), this.snapshot.path);
    }
    // From here to the switch nothing waits: the state captured is exactly that of entries up to `seq`.
    const seq = this.log.seq;
    const tenants = this.capture();
    const bytes = this.log.savedBytes;
    const covered = this.segments;
    const saved = this.log.saved()?.then(
      () => true,
      () => false,
    );
    let switched: Promise<void> | undefined;
    if (next) {
      switched = this.log.switchTo(next);
      this.segments = [...covered, next.path];
    }
    try {
      // The snapshot may hold only changes that are on disk: if one was undone instead, it is not written.
      if (saved && !(await saved)) throw new Error('a change it holds could not be saved');
      this.db.data = { tenants, seq };
      await this.db.write();
    } finally {
      await switched;
    }
    this.foldedSeq = seq;
    this.foldAt = bytes + this.foldThreshold();
    for (const path of covered) await this.disk.remove(path);
    // Files removed now; a file that came back after a power cut only holds entries the snapshot has (skipped).
    this.segments = this.segments.filter((path) => !covered.includes(path));
  }

  /**
   * At shutdown: waits for the log, writes the final snapshot (unless nothing was logged since the
   * last one) and removes every log file. Rejects if that fails: the log still holds everything.
   */
  async close(): Promise<void> {
    this.closing = true;
    await this.compacting;
    await this.log.close();
    await this.foldOnce(true);
  }
}

/** Opens (creates) a log file; a folder that cannot be written fails here, at start. */
async function openSegment(disk: Disk, path: string, dbFile: string): Promise<Segment> {
  try {
    return { path, file: await disk.openAppend(path), size: 0, dirSynced: false, damaged: false };
  } catch (error) {
    throw new Error(`--db ${dbFile}: cannot create the change log ${path}: ${(error as Error).message}`);
  }
}
