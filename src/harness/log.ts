// --log: one line per answered request, as text or as a JSON object.

export type LogFormat = 'text' | 'json';

export interface LogOptions {
  /** Print one line per request (time, tenant, method, path, status, ms, request id). */
  log?: boolean;
  /** Add the request and response bodies to each line (implies log). */
  logBodies?: boolean;
  /** "text" (default) or "json": one JSON object per line. */
  logFormat?: LogFormat;
  /** Where lines go, without their newline (default: process.stdout). */
  logger?: (line: string) => void;
}

export interface LogLine {
  time: Date;
  tenant: string | undefined;
  method: string;
  path: string;
  status: number;
  ms: number;
  requestId: string;
  body: unknown;
  json: string | undefined;
}

export type Log = (line: LogLine) => void;

const stdout = (line: string) => void process.stdout.write(`${line}\n`);

/** The log function the options ask for, or undefined when quiet. */
export function createLog(options: LogOptions): Log | undefined {
  if (!options.log && !options.logBodies) return undefined;
  const format = options.logFormat ?? 'text';
  if (format !== 'text' && format !== 'json') throw new RangeError(`logFormat must be "text" or "json", not ${JSON.stringify(format)}`);
  const write = options.logger ?? stdout;
  const bodies = options.logBodies === true;
  if (format === 'json') {
    return (line) => {
      const entry: Record<string, unknown> = {
        time: line.time.toISOString(),
        tenant: line.tenant ?? null,
        method: line.method,
        path: line.path,
        status: line.status,
        ms: round(line.ms),
        request_id: line.requestId,
      };
      if (bodies) {
        entry.request_body = line.body ?? null;
        entry.response_body = line.json === undefined ? null : JSON.parse(line.json);
      }
      write(JSON.stringify(entry));
    };
  }
  return (line) => {
    let text = `${line.time.toISOString()} ${line.tenant ?? '-'} ${line.method} ${line.path} ${line.status} ${round(line.ms)}ms ${line.requestId}`;
    if (bodies) text += ` request=${line.body === undefined ? '-' : JSON.stringify(line.body)} response=${line.json ?? '-'}`;
    write(text);
  };
}

const round = (ms: number) => Math.round(ms * 10) / 10;
