import { describe, expect, it } from 'vitest';
import { GENESYS_REGIONS, findRegion, regionNames } from './regions.ts';

describe('regions', () => {
  it('holds the 18 regions of the SDK host table with api.<env> and login.<env>', () => {
    expect(GENESYS_REGIONS).toHaveLength(18);
    const usEast = findRegion('us_east_1');
    expect(usEast).toMatchObject({
      key: 'us_east_1',
      name: 'us-east-1',
      env: 'mypurecloud.com',
      apiBaseUrl: 'https://api.mypurecloud.com',
      loginBaseUrl: 'https://login.mypurecloud.com',
    });
  });

  it('accepts the SDK key, the dash form and the env host (any case)', () => {
    for (const name of [
      'eu_central_1',
      'eu-central-1',
      'EU-CENTRAL-1',
      'mypurecloud.de',
      'api.mypurecloud.de',
      'https://login.mypurecloud.de/',
    ]) {
      expect(findRegion(name)?.apiBaseUrl, name).toBe('https://api.mypurecloud.de');
    }
    expect(findRegion('ap-southeast-2')?.loginBaseUrl).toBe('https://login.mypurecloud.com.au');
    expect(findRegion('us-east-2')?.env).toBe('use2.us-gov-pure.cloud');
    expect(findRegion('eusc-de-east-1')?.apiBaseUrl).toBe('https://api.edee1.eusc-pure.cloud');
  });

  it('answers undefined for an unknown region and lists the known names', () => {
    expect(findRegion('mars-north-1')).toBeUndefined();
    expect(findRegion('pure.cloud')).toBeUndefined();
    expect(regionNames()).toContain('me-central-1');
    expect(new Set(GENESYS_REGIONS.map((r) => r.env)).size).toBe(18);
  });
});
