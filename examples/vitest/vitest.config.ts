import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // One mock for the whole run: started before the first test file, stopped after the last.
    globalSetup: ['./mock-voucherify.setup.ts'],
  },
});
