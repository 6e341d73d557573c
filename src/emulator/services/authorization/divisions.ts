/**
 * @module
 * Divisions (the SDK's AuthorizationApi), which Terraform's `data "genesyscloud_auth_division"`
 * and `…_auth_division_home` read:
 *
 * | Method | Path | Permission |
 * |---|---|---|
 * | GET | `/api/v2/authorization/divisions` (`name`, `id`, paging) | — |
 * | GET | `/api/v2/authorization/divisions/home` | — |
 * | GET | `/api/v2/authorization/divisions/{divisionId}` | — |
 *
 * [INFERRED] The emulated org has one division, Home, which holds everything; reading divisions
 * takes no permission (the SDK lists none for these operations).
 */
import { notFound } from '../../errors.ts';
import { pageParams, paged } from '../../http.ts';
import type { EmulatorApp } from '../../provider-contract.ts';
import { DEMO } from '../seed.ts';

const DIVISIONS = '/api/v2/authorization/divisions';

/** The Home division, as `AuthzDivision`. */
export const HOME_DIVISION = {
  id: DEMO.divisionId,
  name: 'Home',
  description: 'The home division',
  homeDivision: true,
  selfUri: `${DIVISIONS}/${DEMO.divisionId}`,
} as const;

/**
 * Register the division routes. Call before any `/authorization/divisions/{id}` route of another kind.
 * @example
 * registerDivisions(app);
 */
export function registerDivisions(app: EmulatorApp): void {
  app.get(DIVISIONS, (c) => {
    const name = c.req.query('name');
    const ids = c.req.queries('id');
    const all = [HOME_DIVISION].filter(
      (d) =>
        (name === undefined || d.name.toLowerCase() === name.replace(/\*/g, '').toLowerCase()) &&
        (ids === undefined || ids.includes(d.id)),
    );
    return c.json(paged(all, pageParams(c), DIVISIONS));
  });
  app.get(`${DIVISIONS}/home`, (c) => c.json(HOME_DIVISION));
  app.get(`${DIVISIONS}/:divisionId`, (c) => {
    const id = c.req.param('divisionId');
    if (id !== HOME_DIVISION.id) throw notFound('Division', id);
    return c.json(HOME_DIVISION);
  });
}
