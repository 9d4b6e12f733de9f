// Every scenario, in the order `npm run bench` runs them.

import type { Scenario } from '../harness/context.js';
import { baseline } from './baseline.js';
import { holders } from './holders.js';
import { installed } from './installed.js';
import { lists } from './lists.js';
import { reset } from './reset.js';
import { scale } from './scale.js';
import { startup } from './startup.js';
import { tenants } from './tenants.js';

export const scenarios: Scenario[] = [startup, reset, holders, scale, lists, tenants, installed, baseline];
