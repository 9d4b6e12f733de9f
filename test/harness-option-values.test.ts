// Option values from text (flags, MOCK_VOUCHERIFY_* variables): body limits as Express reads them,
// booleans, errors naming their source; and the Jest global setup/teardown that reads them.

import globalSetup from '../src/jest/global-setup.js';
import globalTeardown from '../src/jest/global-teardown.js';
import { createApp } from '../src/index.js';
import { OptionError, booleanOption, checkBodyLimit, integerOption, serverOptionsFromEnv } from '../src/option-values.js';

describe('checkBodyLimit', () => {
  it.each(['1mb', '512kb', '100', '100b', '1.5kb', '2 MB', ' 1gb '])('accepts %j', (value) => {
    expect(checkBodyLimit(value)).toBe(value.trim());
  });

  // Sizes the body parser would read as "no limit" (null) or as a different number than written.
  it.each(['', 'lots', '1 megabyte', '10xyz', '-1mb', '0', '0.5b', '1e3'])('refuses %j, naming the option', (value) => {
    expect(() => checkBodyLimit(value, '--body-limit')).toThrow(
      new OptionError(`--body-limit must be a size of at least 1 byte such as 512kb or 1mb (a number, then b, kb, mb, gb, tb or pb), not "${value}"`),
    );
  });

  it('is checked by createApp too', async () => {
    await expect(createApp({ bodyLimit: 'lots' })).rejects.toThrow('bodyLimit must be a size of at least 1 byte');
  });
});

describe('option values and their sources', () => {
  it('takes the flag over the variable, and names the one that is wrong', () => {
    expect(integerOption('port', '80', { MOCK_VOUCHERIFY_PORT: 'x' }, 0, 65535)).toBe(80);
    expect(integerOption('port', undefined, { MOCK_VOUCHERIFY_PORT: '81' }, 0, 65535)).toBe(81);
    expect(() => integerOption('port', undefined, { MOCK_VOUCHERIFY_PORT: '8o' }, 0, 65535)).toThrow('MOCK_VOUCHERIFY_PORT must be a whole number from 0 to 65535, not "8o"');
    expect(() => integerOption('max-tenants', '0', {}, 1, 9)).toThrow('--max-tenants must be a whole number from 1 to 9, not "0"');
  });

  it.each([
    ['true', true],
    ['TRUE', true],
    ['1', true],
    ['false', false],
    ['0', false],
    [undefined, undefined],
  ])('reads a boolean variable %j as %j', (value, expected) => {
    expect(booleanOption('validate-responses', undefined, { MOCK_VOUCHERIFY_VALIDATE_RESPONSES: value })).toBe(expected);
  });

  it.each(['yes', 'on', '', '2'])('refuses the boolean variable value %j', (value) => {
    expect(() => booleanOption('validate-responses', undefined, { MOCK_VOUCHERIFY_VALIDATE_RESPONSES: value })).toThrow(
      `MOCK_VOUCHERIFY_VALIDATE_RESPONSES must be true, false, 1 or 0, not "${value}"`,
    );
  });

  it('reads every startServer option that has a variable, and only those set', () => {
    expect(serverOptionsFromEnv({})).toEqual({});
    expect(
      serverOptionsFromEnv({
        MOCK_VOUCHERIFY_PORT: '0',
        MOCK_VOUCHERIFY_HOST: '::1',
        MOCK_VOUCHERIFY_FIXTURES: 'f.json',
        MOCK_VOUCHERIFY_DB: 'db.json',
        MOCK_VOUCHERIFY_SEED: '9',
        MOCK_VOUCHERIFY_APP_ID: 'id',
        MOCK_VOUCHERIFY_APP_TOKEN: 'token',
        MOCK_VOUCHERIFY_MAX_TENANTS: '3',
        MOCK_VOUCHERIFY_VALIDATE_RESPONSES: '0',
        MOCK_VOUCHERIFY_BODY_LIMIT: '2mb',
        MOCK_VOUCHERIFY_URL: 'http://elsewhere',
      }),
    ).toEqual({ port: 0, host: '::1', fixtures: 'f.json', db: 'db.json', seed: 9, appId: 'id', appToken: 'token', maxTenants: 3, validateResponses: false, bodyLimit: '2mb' });
  });
});

describe('mock-voucherify/jest global setup and teardown', () => {
  const saved = { ...process.env };
  afterEach(async () => {
    await globalTeardown();
    for (const name of Object.keys(process.env)) if (name.startsWith('MOCK_VOUCHERIFY_')) delete process.env[name];
    Object.assign(process.env, Object.fromEntries(Object.entries(saved).filter(([name]) => name.startsWith('MOCK_VOUCHERIFY_'))));
  });

  it('starts one mock, publishes MOCK_VOUCHERIFY_URL, and stops it in teardown', async () => {
    delete process.env.MOCK_VOUCHERIFY_URL;
    await globalSetup({}, { globals: {} });
    const url = process.env.MOCK_VOUCHERIFY_URL!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${url}/v1/vouchers/REF-ALICE001`, { headers: { 'X-App-Id': 'a', 'X-App-Token': 't' } });
    expect(res.status).toBe(200);
    await globalTeardown();
    expect(process.env.MOCK_VOUCHERIFY_URL).toBeUndefined();
    await expect(fetch(`${url}/v1/vouchers/REF-ALICE001`)).rejects.toThrow();
  });

  it("takes options from the config's globals.mockVoucherify, the environment winning", async () => {
    process.env.MOCK_VOUCHERIFY_APP_TOKEN = 'from-env';
    await globalSetup({}, { globals: { mockVoucherify: { appId: 'from-config', appToken: 'from-config' } } });
    const url = process.env.MOCK_VOUCHERIFY_URL!;
    const get = (id: string, token: string) => fetch(`${url}/v1/vouchers/REF-ALICE001`, { headers: { 'X-App-Id': id, 'X-App-Token': token } });
    expect((await get('from-config', 'from-config')).status).toBe(401);
    expect((await get('other', 'from-env')).status).toBe(401);
    expect((await get('from-config', 'from-env')).status).toBe(200);
  });

  it('fails the run on a bad variable, naming it, and on globals.mockVoucherify that is not an object', async () => {
    process.env.MOCK_VOUCHERIFY_SEED = 'seven';
    await expect(globalSetup({}, {})).rejects.toThrow('MOCK_VOUCHERIFY_SEED must be a whole number from 0 to 4294967295, not "seven"');
    delete process.env.MOCK_VOUCHERIFY_SEED;
    await expect(globalSetup({}, { globals: { mockVoucherify: 'seed=7' } })).rejects.toThrow(
      'mock-voucherify/jest: globals.mockVoucherify must be an object of startServer options',
    );
  });
});
