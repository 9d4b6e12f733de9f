// Option values given as text (CLI flags, MOCK_VOUCHERIFY_* environment variables): parsed and checked,
// with errors that name where the value came from (--port, or MOCK_VOUCHERIFY_PORT).

/** A bad option value; its message names the flag or environment variable it came from. */
export class OptionError extends Error {
  override name = 'OptionError';
}

/** The environment variable of a flag: --max-tenants → MOCK_VOUCHERIFY_MAX_TENANTS. */
export const envName = (flag: string): string => `MOCK_VOUCHERIFY_${flag.toUpperCase().replace(/-/g, '_')}`;

type Env = Record<string, string | undefined>;

/** The flag's value when it was given, else its environment variable's; with the name of where it came from. */
function pick<T>(flag: string, flagValue: T | undefined, env: Env): { value: T | string | undefined; source: string } {
  if (flagValue !== undefined) return { value: flagValue, source: `--${flag}` };
  const name = envName(flag);
  return { value: env[name], source: name };
}

export function stringOption(flag: string, flagValue: string | undefined, env: Env): string | undefined {
  return pick(flag, flagValue, env).value as string | undefined;
}

export function integerOption(flag: string, flagValue: string | undefined, env: Env, min: number, max: number): number | undefined {
  const { value, source } = pick(flag, flagValue, env);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new OptionError(`${source} must be a whole number from ${min} to ${max}, not "${value}"`);
  }
  return Number(value);
}

/** A boolean flag (true when given) or its environment variable: true, false, 1 or 0 (any case). */
/** --log-format: text or json. */
export function logFormatOption(flagValue: string | undefined, env: Env): 'text' | 'json' | undefined {
  const { value, source } = pick('log-format', flagValue, env);
  if (value === undefined || value === 'text' || value === 'json') return value;
  throw new OptionError(`${source} must be text or json, not "${value}"`);
}

export function booleanOption(flag: string, flagValue: boolean | undefined, env: Env): boolean | undefined {
  const { value, source } = pick(flag, flagValue, env);
  if (value === undefined || typeof value === 'boolean') return value;
  switch (value.trim().toLowerCase()) {
    case 'true':
    case '1':
      return true;
    case 'false':
    case '0':
      return false;
  }
  throw new OptionError(`${source} must be true, false, 1 or 0, not "${value}"`);
}

/**
 * A size as Express's body parser reads it (the `bytes` package): a whole or decimal number of bytes,
 * optionally followed by b, kb, mb, gb, tb or pb (1kb = 1024 bytes). Anything else would silently
 * mean "no limit" to the body parser, so it is refused.
 */
const SIZE = /^(\d+(?:\.\d+)?) *(b|kb|mb|gb|tb|pb)?$/i;

/** Checks a body limit (`source` names the option in the message) and answers it unchanged. */
/** The bytes a size such as 512kb or 1mb stands for (body-parser's reading: 1kb is 1024 bytes); 0 when unreadable. */
export function sizeInBytes(value: string): number {
  const match = typeof value === 'string' ? SIZE.exec(value.trim()) : null;
  const unit = match?.[2]?.toLowerCase() ?? 'b';
  return match ? Math.floor(Number(match[1]) * 1024 ** ['b', 'kb', 'mb', 'gb', 'tb', 'pb'].indexOf(unit)) : 0;
}

export function checkBodyLimit(value: string, source = 'bodyLimit'): string {
  if (sizeInBytes(value) < 1) {
    throw new OptionError(`${source} must be a size of at least 1 byte such as 512kb or 1mb (a number, then b, kb, mb, gb, tb or pb), not "${String(value)}"`);
  }
  return value.trim();
}

export function sizeOption(flag: string, flagValue: string | undefined, env: Env): string | undefined {
  const { value, source } = pick(flag, flagValue, env);
  return value === undefined ? undefined : checkBodyLimit(value as string, source);
}

/** The startServer options that have a flag and an environment variable (app.ts and server.ts document them). */
export interface EnvServerOptions {
  port?: number;
  host?: string;
  fixtures?: string;
  db?: string;
  seed?: number;
  appId?: string;
  appToken?: string;
  maxTenants?: number;
  validateResponses?: boolean;
  bodyLimit?: string;
  webhookUrl?: string;
  webhookSecret?: string;
  journalSize?: number;
  latency?: number;
  log?: boolean;
  logBodies?: boolean;
  logFormat?: 'text' | 'json';
  cors?: boolean;
}

/**
 * The startServer options set by MOCK_VOUCHERIFY_* environment variables (the CLI's, for the Jest
 * global setup): only those that are set. Throws OptionError naming the variable of a bad value.
 */
export function serverOptionsFromEnv(env: Env = process.env): EnvServerOptions {
  const options: EnvServerOptions = {
    port: integerOption('port', undefined, env, 0, 65535),
    host: stringOption('host', undefined, env),
    fixtures: stringOption('fixtures', undefined, env),
    db: stringOption('db', undefined, env),
    seed: integerOption('seed', undefined, env, 0, 0xffffffff),
    appId: stringOption('app-id', undefined, env),
    appToken: stringOption('app-token', undefined, env),
    maxTenants: integerOption('max-tenants', undefined, env, 1, 1_000_000_000),
    validateResponses: booleanOption('validate-responses', undefined, env),
    bodyLimit: sizeOption('body-limit', undefined, env),
    webhookUrl: stringOption('webhook-url', undefined, env),
    webhookSecret: stringOption('webhook-secret', undefined, env),
    journalSize: integerOption('journal-size', undefined, env, 0, 1_000_000),
    latency: integerOption('latency', undefined, env, 0, 600_000),
    log: booleanOption('log', undefined, env),
    logBodies: booleanOption('log-bodies', undefined, env),
    logFormat: logFormatOption(undefined, env),
    cors: booleanOption('cors', undefined, env),
  };
  for (const key of Object.keys(options) as (keyof EnvServerOptions)[]) if (options[key] === undefined) delete options[key];
  return options;
}
