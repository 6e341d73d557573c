/**
 * @module
 * `integration/missing-permission`: the permissions an integration's data actions need (the
 * route table of platform.md §4) against the role its OAuth client is given. A role that lacks
 * one is an error; a setup that names no role at all (the callback blueprint, §4.4) is a
 * warning listing what the client needs; a plain folder with no setup file gets that list as info.
 */
import type { ActionRoute, IntegrationArtifact } from '../../artifacts.ts';
import type { Finding } from '../finding.ts';
import { covers, routePermissions, templatePath } from '../permissions.ts';
import type { Rule } from '../rule.ts';

function describe(a: ActionRoute): string {
  return `"${a.name}" (${a.method} ${templatePath(a.url)})`;
}

function satisfied(granted: readonly string[], need: { anyOf: readonly string[]; all: boolean }): boolean {
  const has = (p: string) => granted.some((g) => covers(g, p));
  return need.all ? need.anyOf.every(has) : need.anyOf.some(has);
}

/**
 * Whether a request URL template is a Platform API route: Genesys Cloud data actions call
 * `/api/v2/…` (or Genesys's own API host); a web-services action calls another service (its URL
 * absolute, or built from `${credentials.*}`), where no Genesys permission applies.
 */
function platformRoute(url: string): boolean {
  const u = url.trim();
  return (
    /^\/api\/v2\//.test(u) || /^https?:\/\/api\.(mypurecloud\.[a-z.]+|[a-z0-9-]+\.pure\.cloud)\/api\/v2\//i.test(u)
  );
}

function check(i: IntegrationArtifact, id: string): Finding[] {
  const findings: Finding[] = [];
  const needs: string[] = [];
  const where = i.role ? `integration "${i.name}" (role "${i.role}")` : `integration "${i.name}"`;
  for (const a of i.actions) {
    if (!platformRoute(a.url)) continue;
    const need = routePermissions(a.method, a.url);
    if (!need) {
      findings.push({
        severity: 'info',
        file: a.file,
        location: `${a.method} ${a.url}`,
        rule: id,
        message: `${where}: cannot tell which permission data action ${describe(a)} needs`,
        hint: 'Check the route in the Genesys API reference and grant its permission.',
      });
      continue;
    }
    if (need.anyOf.length === 0) continue;
    const text = need.anyOf.join(need.all ? ' and ' : ' or ');
    if (i.permissions === undefined) {
      needs.push(`${describe(a)} needs ${text}`);
    } else if (!satisfied(i.permissions, need)) {
      findings.push({
        severity: 'error',
        file: i.file,
        location: i.location,
        rule: id,
        message: `${where}: data action ${describe(a)} needs ${text}, which the role does not grant (it grants ${i.permissions.join(', ') || 'nothing'})`,
        hint: `Add ${need.anyOf[0]} to the role of the integration's OAuth client.`,
      });
    }
  }
  if (needs.length > 0) {
    findings.push({
      severity: i.implicit ? 'info' : 'warning',
      file: i.file,
      location: i.location,
      rule: id,
      message: `${where}: the setup names no role or permissions for its OAuth client; ${needs.join('; ')}`,
      hint: 'Create a role with these permissions for the Client Credentials OAuth client (and list them in the bundle\'s "permissions").',
    });
  }
  return findings;
}

/** The rule. */
export const integrationMissingPermission: Rule = {
  id: 'integration/missing-permission',
  severity: 'error',
  summary: "An integration's role lacks a permission its data actions need.",
  check(set) {
    return set.integrations.flatMap((i) => check(i, this.id));
  },
};
