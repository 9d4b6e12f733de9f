// Every scenario, in the order `npm run bench` runs them: the comparisons that a busy machine
// disturbs most (baseline, lists) first, before other scenarios leave large processes and heaps behind.

import type { Scenario } from '../harness/context.js';
import { baseline } from './baseline.js';
import { checkout } from './checkout.js';
import { durability } from './durability.js';
import { holders } from './holders.js';
import { installed } from './installed.js';
import { lists } from './lists.js';
import { qualifications } from './qualifications.js';
import { reset } from './reset.js';
import { rules } from './rules.js';
import { scale } from './scale.js';
import { startup } from './startup.js';
import { tenants } from './tenants.js';

export const scenarios: Scenario[] = [startup, reset, baseline, lists, checkout, rules, qualifications, holders, scale, tenants, durability, installed];
