// The environment of a user's shell, for a child process that must not inherit what the test
// runner set (the source switch, the published-exports folder, an org's credentials, vitest's own).

/** `process.env` without SWITCHBOARD_*, GENESYSCLOUD_*, VITEST* and NODE_OPTIONS. */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const k of Object.keys(env)) {
    if (k.startsWith('SWITCHBOARD_') || k.startsWith('GENESYSCLOUD_') || k.startsWith('VITEST') || k === 'NODE_OPTIONS')
      delete env[k];
  }
  return env;
}
