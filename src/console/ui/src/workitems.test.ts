// The simulator's workitems panel: the rows of a worktype with their status names, the statuses a
// workitem can be moved to, and the create form checked before it is sent.
import { describe, expect, it } from 'vitest';
import type { SimWorkitem, SimWorktype } from './types.ts';
import { moveTargets, pickWorktype, workitemCreateBody, workitemRows } from './workitems.ts';

const expense: SimWorktype = {
  id: 't1',
  name: 'Expense',
  statuses: [
    { id: 'open', name: 'Open', category: 'Open' },
    { id: 'review', name: 'Review', category: 'InProgress' },
    { id: 'closed', name: 'Closed', category: 'Closed' },
  ],
  flow: { id: 'f1', name: 'Expense review' },
};

const item = (id: string, typeId: string, statusId: string, dateCreated: string): SimWorkitem => ({
  id,
  name: `Item ${id}`,
  type: { id: typeId },
  status: { id: statusId },
  priority: 3,
  dateCreated,
});

describe('pickWorktype', () => {
  const errand: SimWorktype = { id: 't0', name: 'Errand', statuses: [] };
  it('keeps the chosen worktype, else opens on the first with a workitem flow, else the first', () => {
    expect(pickWorktype([errand, expense], 't0')?.name).toBe('Errand');
    expect(pickWorktype([errand, expense], '')?.name).toBe('Expense');
    expect(pickWorktype([errand, expense], 'deleted')?.name).toBe('Expense');
    expect(pickWorktype([errand], '')?.name).toBe('Errand');
    expect(pickWorktype([], '')).toBeUndefined();
  });
});

describe('workitemRows', () => {
  it('keeps the workitems of the worktype, newest first, with their status names and categories', () => {
    const rows = workitemRows(expense, [
      item('a', 't1', 'open', '2026-01-05T09:00:00.000Z'),
      item('b', 't2', 'elsewhere', '2026-01-05T09:05:00.000Z'),
      item('c', 't1', 'review', '2026-01-05T09:02:00.000Z'),
    ]);
    expect(rows.map((r) => [r.id, r.statusName, r.statusCategory])).toEqual([
      ['c', 'Review', 'InProgress'],
      ['a', 'Open', 'Open'],
    ]);
  });

  it('shows the status id when the worktype does not list the status', () => {
    const [row] = workitemRows(expense, [item('a', 't1', 'gone', '2026-01-05T09:00:00.000Z')]);
    expect([row?.statusName, row?.statusCategory]).toEqual(['gone', '']);
  });
});

describe('moveTargets', () => {
  it('offers every other status of the worktype', () => {
    expect(moveTargets(expense, 'review').map((s) => s.name)).toEqual(['Open', 'Closed']);
  });
});

describe('workitemCreateBody', () => {
  it('sends the trimmed name, and the priority only when one is given', () => {
    expect(workitemCreateBody('t1', { name: '  Taxi receipt ', priority: '' })).toEqual({
      body: { name: 'Taxi receipt', typeId: 't1' },
    });
    expect(workitemCreateBody('t1', { name: 'Hotel', priority: ' -7 ' })).toEqual({
      body: { name: 'Hotel', typeId: 't1', priority: -7 },
    });
  });

  it('refuses an empty or too long name, naming the field', () => {
    expect(workitemCreateBody('t1', { name: '   ', priority: '' })).toEqual({
      problem: 'name: give the workitem a name',
    });
    expect(workitemCreateBody('t1', { name: 'x'.repeat(257), priority: '' })).toEqual({
      problem: 'name: at most 256 characters (257 given)',
    });
  });

  it('refuses a priority that is not a whole number within ±25,000,000', () => {
    for (const priority of ['high', '2.5', '25000001']) {
      const checked = workitemCreateBody('t1', { name: 'Hotel', priority });
      expect(checked).toEqual({ problem: expect.stringContaining(`priority: a whole number`) });
      expect(checked).toEqual({ problem: expect.stringContaining(`"${priority}" given`) });
    }
    expect(workitemCreateBody('t1', { name: 'Hotel', priority: '25000000' })).toEqual({
      body: { name: 'Hotel', typeId: 't1', priority: 25_000_000 },
    });
  });
});
