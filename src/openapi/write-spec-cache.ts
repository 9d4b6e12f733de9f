// Build step (npm run build): writes dist/specs/, the JSON copy of specs/ that start-up reads.

import { writeSpecCache } from './spec-cache.js';

await writeSpecCache();
