import { listenerPriorities, specificityRank } from '../../lib/plan/routing';

/** Listener rule priorities: the most specific rule is evaluated first, and priorities stay put as services come. */

describe('listener priorities', () => {
  it('evaluates a host rule before a rule for any host', () => {
    const p = listenerPriorities([
      { service: 'site', paths: ['/*'] },
      { service: 'admin', host: 'admin.example.com', paths: ['/*'] },
    ]);
    expect(p.get('admin')).toBeLessThan(p.get('site') as number);
  });

  it('evaluates a longer literal path prefix before a shorter one', () => {
    const p = listenerPriorities([
      { service: 'site', paths: ['/*'] },
      { service: 'api', paths: ['/api/*'] },
      { service: 'v2', paths: ['/api/v2/*'] },
    ]);
    expect(p.get('v2')).toBeLessThan(p.get('api') as number);
    expect(p.get('api')).toBeLessThan(p.get('site') as number);
  });

  it('ranks a rule by its least specific path', () => {
    expect(specificityRank({ paths: ['/api/v2/*', '/*'] })).toBe(specificityRank({ paths: ['/*'] }));
  });

  it('keeps pinned priorities and gives the others different ones', () => {
    const p = listenerPriorities([
      { service: 'a', paths: ['/*'], priority: 7 },
      { service: 'b', paths: ['/b/*'] },
    ]);
    expect(p.get('a')).toBe(7);
    expect(p.get('b')).not.toBe(7);
  });

  it('gives 100 services in one band 100 different priorities within 1-50000', () => {
    const routes = Array.from({ length: 100 }, (_, i) => ({
      service: `svc-${i}`,
      host: `h${i}.example.com`,
      paths: ['/*'],
    }));
    const values = [...listenerPriorities(routes).values()];
    expect(new Set(values).size).toBe(100);
    expect(Math.min(...values)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...values)).toBeLessThanOrEqual(50000);
  });

  it('does not move an existing service when another one is added without colliding', () => {
    const before = listenerPriorities([{ service: 'api', paths: ['/api/*'] }]);
    const after = listenerPriorities([
      { service: 'api', paths: ['/api/*'] },
      { service: 'web', paths: ['/*'] },
    ]);
    expect(after.get('api')).toBe(before.get('api'));
  });
});
