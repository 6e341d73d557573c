// The bench runner's table: values beside the peer measured in the same run, with their ratio.
import { describe, expect, it } from 'vitest';
import { formatRatio, formatValue, renderTable } from '../bench/index.ts';
import { interleaved } from '../bench/measure.ts';

describe('bench harness', () => {
  it('formats large values as grouped integers and small ones to 3 significant digits', () => {
    expect(formatValue(17552.4)).toBe('17,552');
    expect(formatValue(8.254)).toBe('8.25');
    expect(formatValue(0.012345)).toBe('0.0123');
  });

  it('prints value ÷ peer value as the ratio, keeping two significant digits for tiny ratios', () => {
    expect(formatRatio({ suite: 's', name: 'n', value: 1500, unit: 'req/s', peerValue: 1000 })).toBe('1.50x');
    expect(formatRatio({ suite: 's', name: 'n', value: 8.25, unit: 'µs', peerValue: 5834 })).toBe('0.0014x');
    expect(formatRatio({ suite: 's', name: 'n', value: 1, unit: 'ms' })).toBe('');
  });

  it('renders one aligned table with a header row', () => {
    const table = renderTable([
      { suite: 'client', name: 'client.fetch', value: 2000, unit: 'req/s', peer: 'raw fetch', peerValue: 4000 },
      { suite: 'emulator', name: 'p99', value: 6, unit: 'ms', note: 'n' },
    ]);
    const lines = table.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^suite +name +value +unit +peer +peer value +ratio +note$/);
    expect(lines[2]).toContain('2,000');
    expect(lines[2]).toContain('0.50x');
    expect(lines[2]!.indexOf('req/s')).toBe(lines[0]!.indexOf('unit'));
  });

  it('measures every subject in alternating rounds and counts failures', async () => {
    let a = 0;
    let b = 0;
    const r = await interleaved(
      {
        ok: async () => void a++,
        failing: async () => {
          b++;
          throw new Error('x');
        },
      },
      { concurrency: 2, rounds: 3, roundMs: 20 },
    );
    expect(r.ok.count).toBeGreaterThan(0);
    expect(r.ok.errors).toBe(0);
    expect(r.failing.count).toBe(0);
    expect(r.failing.errors).toBeGreaterThan(0);
    expect(a).toBeGreaterThanOrEqual(r.ok.count);
    expect(b).toBeGreaterThanOrEqual(r.failing.errors);
  });
});
