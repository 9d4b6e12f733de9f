// The --db change log: an append-only file of JSON lines, one per committed request (its tenant's
// changed records) or reset, written and fsync'd in small batches; an answer that waits on its batch
// goes out only once the batch is on disk (group commit). A batch the disk refuses is undone in memory.

import { dirname } from 'node:path';
import type { AppendFile, Disk } from './disk.js';

/** A change the --db files could not keep: it was undone, with every change made after it. */
export class PersistenceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PersistenceError';
  }
}

/** One file of the log, open for appending. */
export interface Segment {
  path: string;
  file: AppendFile;
  /** Bytes known to be on disk: the file is cut back to this after a failed batch. */
  size: number;
  /** True once the folder entry of a new file has been fsync'd (before its first batch counts as saved). */
  dirSynced: boolean;
  /** True while bytes past `size` may be in the file (a batch failed and the file could not be cut back yet). */
  damaged: boolean;
}

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

interface Pending {
  seq: number;
  line: string;
  /** Takes the entry's change back out of memory, when it cannot be saved. */
  rollback?: () => void;
}

export interface ChangeLogHooks {
  /** A batch could not be saved (or a file could not be closed): reported, never thrown. */
  onError(error: unknown): void;
  /** After every batch that reached the disk. */
  onSaved?(): void;
}

export class ChangeLog {
  /** Appended, not yet being written: the next batch. */
  private queue: Pending[] = [];
  /** Resolves when the next batch is on disk; made only when someone waits. */
  private queueSaved: Deferred | undefined;
  /** Resolves when the batch being written is on disk; made only when someone waits. */
  private batchSaved: Deferred | undefined;
  private writing: Promise<void> | undefined;
  private scheduled = false;
  private closed = false;
  /** Bytes saved since the start (the files found at start included), for the compaction trigger. */
  savedBytes: number;

  constructor(
    private readonly disk: Disk,
    private segment: Segment,
    /** The last sequence number given, in the log or the snapshot. */
    private lastSeq: number,
    private readonly hooks: ChangeLogHooks,
    initialBytes = 0,
  ) {
    this.savedBytes = initialBytes;
  }

  /** The sequence number of the last entry appended. */
  get seq(): number {
    return this.lastSeq;
  }

  /** The file every new batch goes to. */
  get current(): Segment {
    return this.segment;
  }

  /**
   * Appends one entry (its sequence number is added) to the next batch. Throws, appending nothing,
   * when the entry cannot be serialised. `rollback` takes its change back out of memory if the
   * batch cannot be saved.
   */
  append(entry: Record<string, unknown>, rollback?: () => void): void {
    if (this.closed) throw new PersistenceError('the --db change log is closed');
    const seq = this.lastSeq + 1;
    const line = `${JSON.stringify({ seq, ...entry })}\n`;
    this.lastSeq = seq;
    this.queue.push({ seq, line, rollback });
    if (!this.scheduled && !this.writing) {
      this.scheduled = true;
      // Requests answered in the same turn of the event loop share one write and one fsync.
      setImmediate(() => this.startBatch());
    }
  }

  /**
   * Resolves once every entry appended so far is on disk; rejects (PersistenceError) if the disk
   * refused one of them, which is then undone. Undefined when everything is on disk already.
   */
  saved(): Promise<void> | undefined {
    if (this.queue.length > 0) return (this.queueSaved ??= deferred()).promise;
    if (this.writing) return (this.batchSaved ??= deferred()).promise;
    return undefined;
  }

  /** Sends every later batch to `next`; resolves once the file given up is closed (after its last batch). */
  async switchTo(next: Segment): Promise<void> {
    const previous = this.segment;
    this.segment = next;
    await this.writing;
    await previous.file.close();
  }

  /** Waits for every entry to be saved (or undone), then closes the file; later appends throw. */
  async close(): Promise<void> {
    this.closed = true;
    await this.saved()?.catch(() => undefined);
    await this.writing;
    await this.segment.file.close();
  }

  private startBatch(): void {
    this.scheduled = false;
    if (this.writing || this.queue.length === 0) return;
    const entries = this.queue;
    this.batchSaved = this.queueSaved;
    this.queue = [];
    this.queueSaved = undefined;
    this.writing = this.write(this.segment, entries).finally(() => {
      this.writing = undefined;
      // What was appended meanwhile is the next batch, written at once.
      if (this.queue.length > 0) this.startBatch();
    });
  }

  /** Writes and fsyncs one batch; never rejects (a failure undoes and rejects the waiters instead). */
  private async write(segment: Segment, entries: Pending[]): Promise<void> {
    let ok = false;
    try {
      if (segment.damaged) {
        await segment.file.truncate(segment.size);
        segment.damaged = false;
      }
      if (!segment.dirSynced) {
        await this.disk.syncDir(dirname(segment.path));
        segment.dirSynced = true;
      }
      let text = '';
      for (const entry of entries) text += entry.line;
      const data = Buffer.from(text, 'utf8');
      segment.damaged = true;
      await segment.file.write(data);
      await segment.file.sync();
      segment.damaged = false;
      segment.size += data.length;
      this.savedBytes += data.length;
      ok = true;
    } catch (cause) {
      await this.fail(segment, entries, cause);
    }
    // After a failure: those who started waiting during it saw the undone state, which is on disk.
    const saved = this.batchSaved;
    this.batchSaved = undefined;
    saved?.resolve();
    if (ok) this.hooks.onSaved?.();
  }

  /**
   * The batch was not saved: everything not on disk (this batch, and what was appended after it,
   * which may have read it) is undone, newest first, before anything else runs; the file is cut
   * back to what is on disk, so that a restart does not bring the undone changes back; then the
   * requests waiting on them are told.
   */
  private async fail(segment: Segment, entries: Pending[], cause: unknown): Promise<void> {
    const undone = [...entries, ...this.queue];
    const waiting = [this.batchSaved, this.queueSaved];
    this.queue = [];
    this.batchSaved = this.queueSaved = undefined;
    for (let i = undone.length - 1; i >= 0; i--) {
      try {
        undone[i].rollback?.();
      } catch (error) {
        this.hooks.onError(error);
      }
    }
    const reason = cause instanceof Error ? cause.message : String(cause);
    const error = new PersistenceError(
      `could not save to the --db change log ${segment.path} (${reason}); the change was undone, with ${undone.length - 1} made after it`,
      { cause },
    );
    this.hooks.onError(error);
    if (segment.damaged) {
      try {
        await segment.file.truncate(segment.size);
        segment.damaged = false;
      } catch {
        // Tried again before the next batch is written to this file.
      }
    }
    for (const saved of waiting) saved?.reject(error);
  }
}

/**
 * The entries of one log file: its complete lines. A last line without its newline was cut by a
 * crash in the middle of a write (its batch was never acknowledged): it is left out. Any other
 * line that is not an entry means the file is damaged, and start-up stops with its name and line.
 */
export function parseLog(text: string, path: string): { entries: { seq: number }[]; torn: boolean } {
  const lines = text.split('\n');
  const tail = lines.pop() as string;
  const entries: { seq: number }[] = [];
  lines.forEach((line, i) => {
    if (line === '') return;
    let entry: unknown;
    try {
      entry = JSON.parse(line);
    } catch (error) {
      throw new Error(`${path}: line ${i + 1} of the --db change log is not valid JSON (${(error as Error).message})`);
    }
    const seq = (entry as { seq?: unknown } | null)?.seq;
    if (typeof seq !== 'number' || !Number.isSafeInteger(seq)) throw new Error(`${path}: line ${i + 1} of the --db change log has no sequence number`);
    entries.push(entry as { seq: number });
  });
  return { entries, torn: tail !== '' };
}
