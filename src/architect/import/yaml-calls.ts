/**
 * @module
 * The Archy YAML actions that call or choose: Call Data Action, Switch (first true or first
 * match), Call Task and Call Common Module, read for the importer through its {@link YamlActionContext}.
 */
import { isPlainObject } from '../../core/index.ts';
import { typeOfYamlKind } from '../data-types.ts';
import { durationFromYaml } from '../duration.ts';
import type { FlowIssue } from '../issues.ts';
import type { Action } from '../model.ts';
import { taskVariableName } from '../model-calls.ts';
import { bindingsOf, list, single, str, valueSourceOf } from './yaml-values.ts';

type Raw = Record<string, unknown>;

/** What these readers need of the importer: nested sequences, output branches, and issues. */
export interface YamlActionContext {
  sequence(raw: unknown, prefix: string): Action[];
  outputs(body: Raw, key: string, id: string): Action[];
  issue(rule: FlowIssue['rule'], message: string, action: { name: string; id: string }): void;
}

/** Call Data Action: `category: { <category>: { dataAction: { <name>: { inputs, successOutputs, failureOutputs } } } }`. */
export function callDataFromYaml(ctx: YamlActionContext, body: Raw, id: string, name: string): Action {
  const categories = isPlainObject(body.category) ? Object.entries(body.category) : [];
  const [category, catBody] = categories[0] ?? ['', {}];
  const actions = isPlainObject(catBody) && isPlainObject(catBody.dataAction) ? Object.entries(catBody.dataAction) : [];
  const [dataAction, daBody] = actions[0] ?? ['', {}];
  if (categories.length !== 1 || actions.length !== 1)
    ctx.issue('structure', 'callData needs exactly one category with exactly one dataAction', { name, id });
  const da = isPlainObject(daBody) ? daBody : {};
  const timeout = isPlainObject(body.timeout) ? durationFromYaml(body.timeout.lit) : undefined;
  return {
    id,
    name,
    type: 'callData',
    category,
    dataAction,
    inputs: Object.fromEntries(
      Object.entries(isPlainObject(da.inputs) ? da.inputs : {}).map(([k, v]) => [k, valueSourceOf(v)]),
    ),
    successOutputs: bindingsOf(da.successOutputs),
    failureOutputs: bindingsOf(da.failureOutputs),
    ...(timeout === undefined ? {} : { timeoutMs: timeout }),
    success: ctx.outputs(body, 'success', id),
    failure: ctx.outputs(body, 'failure', id),
    timeout: ctx.outputs(body, 'timeout', id),
  };
}

/**
 * `evaluate: { firstTrue: { possibilities: [{ case: { value, actions } }], default } }` (each
 * case a Boolean condition), or `evaluate: { firstMatch: { <type>: { value, cases: [{ case:
 * { value, actions } }] } } }` (each case a value compared with the switch's) [INFERRED: where
 * a first-match default sits, beside `cases` or beside the type].
 */
export function switchFromYaml(ctx: YamlActionContext, body: Raw, id: string, name: string): Action {
  const evaluate = isPlainObject(body.evaluate) ? body.evaluate : {};
  const cases = (raw: unknown) =>
    list(raw).flatMap((p, i) => {
      const c = single(p);
      if (!c || c[0] !== 'case') return [];
      return [{ condition: valueSourceOf(c[1].value), actions: ctx.sequence(c[1].actions, `${id}.case${i}`) }];
    });
  const defaults = (...places: unknown[]) =>
    ctx.sequence(places.map((d) => (isPlainObject(d) ? d.actions : undefined)).find(Array.isArray), `${id}.default`);
  if (isPlainObject(evaluate.firstTrue)) {
    const ft = evaluate.firstTrue;
    return { id, name, type: 'switch', cases: cases(ft.possibilities), default: defaults(ft.default) };
  }
  if (isPlainObject(evaluate.firstMatch)) {
    const fm = evaluate.firstMatch;
    const [kind, spec] = Object.entries(fm).find(([k, v]) => k !== 'default' && isPlainObject(v)) ?? ['', {}];
    const type = typeOfYamlKind(`${kind}Variable`);
    if (!type || !isPlainObject(spec))
      ctx.issue('unsupported', `a first-match Switch compares values of a type; "${kind || '(none)'}" is not one`, {
        name,
        id,
      });
    const s = isPlainObject(spec) ? spec : {};
    return {
      id,
      name,
      type: 'switch',
      cases: cases(s.cases),
      default: defaults(s.default, fm.default),
      match: { value: valueSourceOf(s.value), type: type ?? { base: 'String', collection: false } },
    };
  }
  ctx.issue(
    'unsupported',
    `a Switch evaluates firstTrue or firstMatch; found ${Object.keys(evaluate).join(', ') || 'none'}`,
    {
      name,
      id,
    },
  );
  return { id, name, type: 'switch', cases: [], default: [] };
}

/** Call Common Module: `commonModule: { <name>: { ver_latestPublished: { inputs, outputs } } }` (or another `ver_…`). */
export function callCommonModuleFromYaml(ctx: YamlActionContext, body: Raw, id: string, name: string): Action {
  const modules = isPlainObject(body.commonModule) ? Object.entries(body.commonModule) : [];
  const [module, versions] = modules[0] ?? ['', {}];
  const version = isPlainObject(versions) ? Object.values(versions).find(isPlainObject) : undefined;
  if (modules.length !== 1 || !version)
    ctx.issue('structure', 'callCommonModule needs one commonModule with one version (ver_latestPublished)', {
      name,
      id,
    });
  const v = version ?? {};
  return {
    id,
    name,
    type: 'callCommonModule',
    module,
    inputs: Object.fromEntries(
      Object.entries(isPlainObject(v.inputs) ? v.inputs : {}).map(([k, x]) => [k, valueSourceOf(x)]),
    ),
    outputs: bindingsOf(v.outputs),
  };
}

/**
 * Call Task: `targetTaskRef: "/workflow/tasks/task[<refId>]"` (as Archy writes it), with the task's
 * inputs and outputs written like Call Common Module's: `inputs: { Task.x: { exp | lit | var } }`,
 * `outputs: { Task.y: { var: Flow.z } }` [INFERRED: no public example shows them; `taskInputs` /
 * `taskOutputs`, the Scripting SDK's names, are read too, and a name may leave out `Task.`]. Archy's
 * `outputs` is also where an action's output paths go: a path (`{ actions }`) there is refused.
 */
export function callTaskFromYaml(ctx: YamlActionContext, body: Raw, id: string, name: string): Action {
  const at = { name, id };
  const ref = str(body.targetTaskRef) ?? str(body.targetTask) ?? str(body.task) ?? '';
  const target = /task\[([^\]]+)\]/.exec(ref)?.[1] ?? ref;
  if (target === '') ctx.issue('structure', 'Call Task needs its "targetTaskRef" (/workflow/tasks/task[<refId>])', at);
  const section = (...keys: string[]): Array<[string, unknown]> =>
    keys.flatMap((key) => {
      const raw = body[key];
      if (raw === undefined || raw === null) return [];
      if (isPlainObject(raw)) return Object.entries(raw);
      ctx.issue('structure', `Call Task ${key} must be a mapping of task variables ({ Task.x: ... })`, at);
      return [];
    });
  const outputs: Record<string, string> = {};
  for (const [out, v] of section('taskOutputs', 'outputs')) {
    const to = isPlainObject(v) ? str(v.var) : undefined;
    if (to) outputs[taskVariableName(out)] = to;
    else if (isPlainObject(v) && 'actions' in v) {
      // An empty output path holds nothing to run; one with actions would be dropped.
      if (list(v.actions).length > 0)
        ctx.issue('unsupported', `Call Task output path "${out}" (a task's own output paths) is not supported`, at);
    }
    // An output left unbound (`noValue: true`) is copied nowhere.
    else if (!(v === null || (isPlainObject(v) && v.noValue === true)))
      ctx.issue('structure', `Call Task output ${out} must name the variable that receives it ({ var: Flow.x })`, at);
  }
  return {
    id,
    name,
    type: 'callTask',
    target,
    inputs: Object.fromEntries(
      section('taskInputs', 'inputs').map(([k, v]) => [taskVariableName(k), valueSourceOf(v)]),
    ),
    outputs,
  };
}
