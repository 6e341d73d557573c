/**
 * @module
 * Building the runtime's parts from bundles: workflows and trigger routes (names must be unique
 * across bundles), data actions bound to their integration's fetch, the bundle views, and trigger
 * test mode.
 */
import { SwitchboardError, topicTemplate } from '../core/index.ts';
import { createIntegrationAuth } from '../actions/index.ts';
import type { IntegrationAuth } from '../actions/index.ts';
import type { LoadedBundle } from '../blueprints/index.ts';
import { TriggerIndex, compileTrigger, matchTrigger, validateTrigger, workflowInputs } from '../triggers/index.ts';
import type { Trigger } from '../triggers/index.ts';
import type { Flow } from '../architect/index.ts';
import type { FlowVersion } from '../store/index.ts';
import { architectWorkflow } from '../workflows/index.ts';
import type { ArchitectWorkflowOptions, WorkflowDefinition } from '../workflows/index.ts';
import type { Credentials } from './credentials.ts';
import type { Route } from './dispatch.ts';
import { RuntimeErrors } from './errors.ts';
import type { BoundAction } from './invoker.ts';
import { readEvent } from './read-event.ts';
import type { BundleView, RuntimeOptions, TriggerTestResult } from './types.ts';
import { workflowGenesys } from './workflow-clients.ts';

function configError(message: string, details: Record<string, unknown>): SwitchboardError {
  return new SwitchboardError(RuntimeErrors.SB_RUNTIME_CONFIG, message, { details });
}

/**
 * The id a bundle trigger has in a runtime: `<bundle>.<slug of its name>` (exported triggers carry
 * no id of their own, or the org's), made unique with a numeric suffix.
 * @example
 * runtimeTriggerId('presence-busy', 'GC Communicate Call User Start', new Map()) // 'presence-busy.gc-communicate-call-user-start'
 */
function runtimeTriggerId(bundle: string, name: string, taken: ReadonlyMap<string, unknown>): string {
  const slug =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'trigger';
  const base = `${bundle}.${slug}`;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * The workflows, the trigger routes and the index of a runtime's bundles and code-first parts.
 * @example
 * const { routes, workflows, index } = buildRoutes({ bundles, workflows: [], codeTriggers: [] });
 */
export function buildRoutes(
  options: Pick<RuntimeOptions, 'bundles' | 'workflows' | 'codeTriggers'>,
  credentials?: Credentials,
): {
  routes: Map<string, Route>;
  workflows: WorkflowDefinition[];
  index: TriggerIndex;
  /** Rebuild a kept version of a bundle workflow (the worker's `restoreVersion`). */
  restoreVersion: (saved: FlowVersion) => WorkflowDefinition | undefined;
} {
  const byName = new Map<string, { def: WorkflowDefinition; owner: string }>();
  const add = (def: WorkflowDefinition, owner: string): void => {
    const prior = byName.get(def.name);
    if (prior)
      throw configError(
        `workflow names must be unique in a runtime; "${def.name}" is in ${prior.owner} and in ${owner}`,
        { workflow: def.name },
      );
    byName.set(def.name, { def, owner });
  };
  const architectOptions = new Map<string, ArchitectWorkflowOptions>();
  for (const b of options.bundles) {
    for (const w of b.workflows) {
      const genesys = credentials ? workflowGenesys(credentials, b.name, w) : undefined;
      const opts = { name: w.name, ...(genesys ? { genesys } : {}) };
      architectOptions.set(w.name, opts);
      add(architectWorkflow(w.flow, opts), `bundle "${b.name}"`);
    }
  }
  // A run resumes with the flow version it started on: the kept flow, with today's clients.
  const restoreVersion = (saved: FlowVersion): WorkflowDefinition | undefined => {
    const opts = architectOptions.get(saved.flow);
    const source = saved.source as { flow?: Flow } | undefined;
    if (saved.kind !== 'architect' || !opts || !source?.flow) return undefined;
    const restored = architectWorkflow(source.flow, opts);
    return restored.version === saved.version ? restored : undefined;
  };
  for (const w of options.workflows ?? []) add(w, 'the code-first workflows');

  const routes = new Map<string, Route>();
  const index = new TriggerIndex();
  const route = (trigger: Trigger, workflow: string, bundle: string | undefined, where: string): void => {
    const def = byName.get(workflow)?.def;
    if (!def)
      throw configError(
        `a trigger must start a workflow of the runtime; ${where} starts "${workflow}", which is not loaded`,
        { trigger: trigger.id, workflow },
      );
    if (routes.has(trigger.id))
      throw configError(`trigger ids must be unique in a runtime; "${trigger.id}" (${where}) is loaded twice`, {
        trigger: trigger.id,
      });
    try {
      index.add(trigger);
    } catch (e) {
      throw configError(`${where} must be a valid trigger; ${(e as Error).message}`, { trigger: trigger.id });
    }
    routes.set(trigger.id, { trigger, workflow: def, bundle });
  };
  for (const b of options.bundles) {
    for (const t of b.triggers)
      route(
        { ...t.trigger, id: runtimeTriggerId(b.name, t.name, routes) },
        t.workflow,
        b.name,
        `trigger "${t.name}" of bundle "${b.name}" (${t.file})`,
      );
  }
  for (const t of options.codeTriggers ?? [])
    route(t.trigger, t.workflow, undefined, `code trigger "${t.trigger.name}"`);
  return { routes, workflows: [...byName.values()].map((v) => v.def), index, restoreVersion };
}

/**
 * Bind every bundle's data actions to the fetch of their integration's client.
 * @example
 * const { byFlow } = await bindActions(bundles, targetCredentials(target, clock, logger));
 */
export async function bindActions(
  bundles: readonly LoadedBundle[],
  credentials: Credentials,
): Promise<{
  byFlow: Map<string, Map<string, BoundAction>>;
  /** Bundle name → its actions by name. */
  byBundle: Map<string, Map<string, BoundAction>>;
  /** `bundle/integration` → how it is authenticated. */
  descriptions: Map<string, string>;
}> {
  const byFlow = new Map<string, Map<string, BoundAction>>();
  const byBundle = new Map<string, Map<string, BoundAction>>();
  const descriptions = new Map<string, string>();
  for (const b of bundles) {
    const fetches = new Map<string, BoundAction['fetch']>();
    for (const i of b.integrations) {
      const { client, description } = await credentials.client({
        name: `${b.name} / ${i.name}`,
        permissions: i.permissions,
        role: i.role,
        integration: i.name,
        maxAttempts: 1,
      });
      fetches.set(i.name, client.fetch);
      descriptions.set(`${b.name}/${i.name}`, description);
    }
    const auths = new Map<string, IntegrationAuth>();
    for (const i of b.integrations) {
      if (!i.credentials) continue;
      try {
        auths.set(
          i.name,
          createIntegrationAuth({ ...i.credentials, ...(i.authAction ? { authAction: i.authAction } : {}) }),
        );
      } catch (e) {
        throw configError(
          `integration "${i.name}" of bundle "${b.name}" must have usable credentials; ${(e as Error).message}`,
          { bundle: b.name, integration: i.name },
        );
      }
    }
    const actions = new Map<string, BoundAction>();
    for (const a of b.actions) {
      let fetch = fetches.get(a.integration);
      if (!fetch) {
        const { client, description } = await credentials.client({
          name: `${b.name} / ${a.integration || 'default'}`,
          integration: a.integration,
          maxAttempts: 1,
        });
        fetches.set(a.integration, (fetch = client.fetch));
        descriptions.set(`${b.name}/${a.integration}`, description);
      }
      const auth = auths.get(a.integration);
      actions.set(a.name, { action: a.action, fetch, integration: a.integration, ...(auth ? { auth } : {}) });
    }
    for (const w of b.workflows) byFlow.set(w.name, actions);
    byBundle.set(b.name, actions);
  }
  return { byFlow, byBundle, descriptions };
}

/** The bundles as the API shows them. */
export function bundleViews(bundles: readonly LoadedBundle[], descriptions: ReadonlyMap<string, string>): BundleView[] {
  return bundles.map((b) => ({
    name: b.name,
    title: b.title,
    variant: b.variant,
    dir: b.dir,
    workflows: b.workflows.map((w) => w.name),
    triggers: b.triggers.map((t) => t.trigger.id),
    integrations: b.integrations.map((i) => ({
      name: i.name,
      actions: i.actions,
      permissions: i.permissions,
      credentials: descriptions.get(`${b.name}/${i.name}`) ?? 'none',
    })),
    notes: b.manifest.notes ?? [],
  }));
}

/**
 * Trigger test mode: evaluate a trigger (a loaded one by id, or any trigger) against an event (a
 * notification, an envelope, or a bare event body), starting nothing.
 * @example
 * testTrigger(routes, 'no-queue', { topicName, eventBody }, clock.now()).trace.matches
 */
export function testTrigger(
  routes: ReadonlyMap<string, Route>,
  trigger: string | Trigger,
  event: unknown,
  now: number,
): TriggerTestResult {
  let t: Trigger;
  if (typeof trigger === 'string') {
    const known = routes.get(trigger)?.trigger;
    if (!known)
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_NOT_FOUND,
        `a trigger to test must be loaded; "${trigger}" is not one of ${JSON.stringify([...routes.keys()])}`,
        { details: { trigger } },
      );
    t = known;
  } else {
    const v = validateTrigger(trigger);
    if (!v.ok)
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_BAD_BODY,
        `a trigger to test must be valid; ${v.violations.map((x) => `${x.field}: ${x.message}`).join('; ')}`,
        { details: { violations: v.violations } },
      );
    t = trigger;
  }
  const wrapped = typeof event === 'object' && event !== null && ('topicName' in event || 'detail-type' in event);
  let topic = t.topicName;
  let body: unknown = event;
  if (wrapped) {
    const read = readEvent(event);
    if (!read.ok)
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_EVENT_INVALID,
        `a test event must be readable; ${read.control ? `${read.topic} is a channel message` : read.error}`,
      );
    topic = read.event.topic;
    body = read.event.body;
    if (topicTemplate(topic) !== t.topicName && topic !== t.topicName) {
      throw new SwitchboardError(
        RuntimeErrors.SB_RUNTIME_BAD_BODY,
        `a test event must be on the trigger's topic; the event is on ${topic}, trigger "${t.name}" listens to ${t.topicName}`,
        { details: { field: 'topicName' } },
      );
    }
  }
  const trace = matchTrigger(compileTrigger(t), body, now);
  return { trace, topic, inputs: trace.matches ? workflowInputs(t, body) : {} };
}
