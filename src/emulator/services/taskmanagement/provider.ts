/**
 * @module
 * Task Management API (work automation): workbins, worktypes with their statuses and flow rules,
 * and the workitems data actions create (`POST /api/v2/taskmanagement/workitems`), to the official SDK's
 * paths and models. Permissions are those the SDK documents for each operation.
 *
 * | Method | Path (after `/api/v2/taskmanagement`) | Permission |
 * |---|---|---|
 * | POST | `/workbins` | `workitems:workbin:add` |
 * | POST | `/workbins/query` | ALL `workitems:workbin:view` |
 * | GET | `/workbins/{workbinId}` | `workitems:workbin:view` |
 * | PATCH | `/workbins/{workbinId}` | `workitems:workbin:edit` |
 * | DELETE | `/workbins/{workbinId}` | `workitems:workbin:delete` |
 * | POST | `/worktypes` | `workitems:worktype:add` |
 * | POST | `/worktypes/query` | ALL `workitems:worktype:view` |
 * | GET | `/worktypes/{worktypeId}` | `workitems:worktype:view` |
 * | PATCH | `/worktypes/{worktypeId}` | ALL `workitems:worktype:edit` |
 * | DELETE | `/worktypes/{worktypeId}` | `workitems:worktype:delete` |
 * | POST, GET | `/worktypes/{worktypeId}/statuses` | `workitems:status:add`, `:view` |
 * | GET, PATCH, DELETE | `/worktypes/{worktypeId}/statuses/{statusId}` | `workitems:status:view`, `:edit`, `:delete` |
 * | POST, GET | `/worktypes/{worktypeId}/flows/oncreate/rules` | `workitems:flowRuleOnCreate:add`, `:view` |
 * | GET, PATCH, DELETE | `/worktypes/{worktypeId}/flows/oncreate/rules/{ruleId}` | `workitems:flowRuleOnCreate:view`, `:edit`, `:delete` |
 * | POST, GET | `/worktypes/{worktypeId}/flows/onattributechange/rules` | `workitems:flowRuleOnAttributeChange:add`, `:view` |
 * | GET, PATCH, DELETE | `/worktypes/{worktypeId}/flows/onattributechange/rules/{ruleId}` | `workitems:flowRuleOnAttributeChange:view`, `:edit`, `:delete` |
 * | POST, GET | `/worktypes/{worktypeId}/flows/datebased/rules` | `workitems:flowRuleDateBased:add`, `:view` |
 * | GET, PATCH, DELETE | `/worktypes/{worktypeId}/flows/datebased/rules/{ruleId}` | `workitems:flowRuleDateBased:view`, `:edit`, `:delete` |
 * | POST | `/workitems` | `workitems:workitem:add` |
 * | POST | `/workitems/query` | `workitems:workitem:view` |
 * | GET | `/workitems/{workitemId}` | `workitems:workitem:view` |
 * | PATCH | `/workitems/{workitemId}` | `workitems:workitem:edit` or `workitems:workitem:accept` |
 * | DELETE | `/workitems/{workitemId}` | `workitems:workitem:delete` |
 * | POST | `/workitems/{workitemId}/terminate` | `workitems:workitem:terminate` |
 * | POST | `/workitems/{workitemId}/disconnect` | `workitems:workitem:disconnect` |
 * | PATCH | `/workitems/{workitemId}/assignment` | `workitems:workitem:pull` or `workitems:workitem:assign` |
 *
 * An unknown id is 404 `not.found`, a body that breaks a rule 400 naming the field
 * (`details[].fieldName`), a missing permission 403 `missing.permissions`. DELETE and the
 * assignment answer 204.
 * Each file states its rules and what is [INFERRED]. Every stored workitem change is published on
 * the org's event bus as `v2.taskmanagement.workitems.{id}` (workitem-events.ts) and runs the
 * worktype's flow rules, which launch its workitem flow through the attached flow launcher
 * (flow-launch.ts). Not modeled: schemas, ACD assignment and routing of workitems, wrap-up codes,
 * history and versions, bulk and query jobs.
 */
import type { EmulatorApp, Provider } from '../../provider-contract.ts';
import { registerFlowRules } from './flow-rules.ts';
import { registerStatuses } from './statuses.ts';
import { registerWorkbins } from './workbins.ts';
import { registerWorkitemActions } from './workitem-actions.ts';
import { registerWorkitems } from './workitems.ts';
import { registerWorktypes } from './worktypes.ts';

/** The Task Management provider. */
export const taskManagementProvider: Provider = {
  name: 'taskmanagement',
  register(app: EmulatorApp): void {
    registerWorkbins(app);
    registerWorktypes(app);
    registerStatuses(app);
    registerFlowRules(app);
    registerWorkitemActions(app);
    registerWorkitems(app);
  },
};
