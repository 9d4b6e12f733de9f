// Tenant.attempt: one step of a request's change, undone alone when it throws (imports use it per row).

import { defineCollection, type CollectionDef, type Identified } from '../../src/store/collection.js';
import { Store } from '../../src/store/store.js';

interface Thing {
  id: string;
  name: string;
}

const things = defineCollection<Thing>()({ name: 'things', recordName: 'thing', unique: { name: (t) => t.name } });

function tenant() {
  const seed: Thing = { id: 't_seed', name: 'seed' };
  const store = Store.inMemory({ things: { t_seed: seed } }, [things] as unknown as readonly CollectionDef<Identified>[]);
  return store.tenant('attempts');
}

describe('Tenant.attempt', () => {
  it("undoes only the failed step's writes (puts, changes, removals, indexes), keeping the writes before it", () => {
    const state = tenant();
    state.begin();
    const all = state.collection(things);
    all.put({ id: 't_before', name: 'before' });
    expect(() =>
      state.attempt(() => {
        all.put({ id: 't_new', name: 'new' });
        all.put({ id: 't_before', name: 'renamed' });
        all.remove('t_seed');
        throw new Error('row refused');
      }),
    ).toThrow('row refused');
    expect(all.get('t_new')).toBeUndefined();
    expect(all.findBy('name', 'new')).toBeUndefined();
    expect(all.get('t_before')).toEqual({ id: 't_before', name: 'before' });
    expect(all.findBy('name', 'renamed')).toBeUndefined();
    expect(all.get('t_seed')).toEqual({ id: 't_seed', name: 'seed' });

    expect(state.attempt(() => all.put({ id: 't_kept', name: 'kept' }))).toEqual({ id: 't_kept', name: 'kept' });
    // What the request keeps (and a --db change log would save) holds no undone write.
    const committed = state.commit();
    expect(committed?.changes.map((change) => [change.id, (change.record as Thing | undefined)?.name])).toEqual([
      ['t_before', 'before'],
      ['t_kept', 'kept'],
    ]);
    expect(all.all().map((thing) => thing.id)).toEqual(['t_seed', 't_before', 't_kept']);
  });

  it("lets the request's own rollback still undo everything, the kept steps included", () => {
    const state = tenant();
    state.begin();
    const all = state.collection(things);
    state.attempt(() => all.put({ id: 't_step', name: 'step' }));
    expect(() =>
      state.attempt(() => {
        all.put({ id: 't_failed', name: 'failed' });
        throw new Error('no');
      }),
    ).toThrow('no');
    state.rollback();
    expect(all.all().map((thing) => thing.id)).toEqual(['t_seed']);
  });

  it('runs the work as it is outside a change (nothing to undo with)', () => {
    const state = tenant();
    expect(state.attempt(() => 42)).toBe(42);
    expect(() =>
      state.attempt(() => {
        throw new Error('plain');
      }),
    ).toThrow('plain');
  });
});
