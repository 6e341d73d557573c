import { describe, expect, it } from 'vitest';
import { SwitchboardError } from '../core/index.ts';
import { genesysConfigFromEnv } from './config.ts';

const creds = { GENESYSCLOUD_OAUTHCLIENT_ID: 'id-1', GENESYSCLOUD_OAUTHCLIENT_SECRET: 's3cret' };

function configFailure(env: Record<string, string | undefined>): SwitchboardError {
  try {
    genesysConfigFromEnv(env);
  } catch (e) {
    if (e instanceof SwitchboardError) return e;
    throw e;
  }
  throw new Error('expected a configuration error');
}

describe('genesysConfigFromEnv', () => {
  it('maps GENESYSCLOUD_REGION to api.<env> and login.<env>/oauth/token', () => {
    const c = genesysConfigFromEnv({ ...creds, GENESYSCLOUD_REGION: 'eu-west-1' });
    expect(c).toMatchObject({
      clientId: 'id-1',
      clientSecret: 's3cret',
      baseUrl: 'https://api.mypurecloud.ie',
      tokenUrl: 'https://login.mypurecloud.ie/oauth/token',
    });
    expect(c.region?.key).toBe('eu_west_1');
  });

  it('defaults to us-east-1 like CX as Code when no region is set', () => {
    expect(genesysConfigFromEnv(creds).baseUrl).toBe('https://api.mypurecloud.com');
    expect(genesysConfigFromEnv({ ...creds, GENESYSCLOUD_REGION: '  ' }).tokenUrl).toBe(
      'https://login.mypurecloud.com/oauth/token',
    );
  });

  it('lets GENESYSCLOUD_API_URL win, with its token endpoint under <API_URL>/oauth/token', () => {
    const c = genesysConfigFromEnv({
      ...creds,
      GENESYSCLOUD_REGION: 'eu-west-1',
      GENESYSCLOUD_API_URL: 'http://127.0.0.1:8080/',
    });
    expect(c).toMatchObject({ baseUrl: 'http://127.0.0.1:8080', tokenUrl: 'http://127.0.0.1:8080/oauth/token' });
    expect(c.region).toBeUndefined();
  });

  it('names the missing variable', () => {
    const e = configFailure({ GENESYSCLOUD_OAUTHCLIENT_ID: 'x' });
    expect(e.code).toBe('SB_GENESYS_CONFIG');
    expect(e.message).toBe(
      'Genesys Cloud connection settings must be complete and valid; GENESYSCLOUD_OAUTHCLIENT_SECRET is not set',
    );
    expect(e.details).toEqual({ variable: 'GENESYSCLOUD_OAUTHCLIENT_SECRET' });
    expect(configFailure({}).details).toEqual({ variable: 'GENESYSCLOUD_OAUTHCLIENT_ID' });
  });

  it('names an invalid region or API URL and says what was given', () => {
    const region = configFailure({ ...creds, GENESYSCLOUD_REGION: 'moon-1' });
    expect(region.details).toEqual({ variable: 'GENESYSCLOUD_REGION' });
    expect(region.message).toMatch(
      /GENESYSCLOUD_REGION must be a Genesys Cloud region \(us-east-1, .*\); got "moon-1"$/,
    );
    for (const bad of ['api.mypurecloud.com', 'ftp://x.example', 'http://x.example/?a=1']) {
      const e = configFailure({ ...creds, GENESYSCLOUD_API_URL: bad });
      expect(e.details, bad).toEqual({ variable: 'GENESYSCLOUD_API_URL' });
      expect(e.message).toContain(JSON.stringify(bad));
    }
  });
});
