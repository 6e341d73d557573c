/**
 * @module
 * Reading the platform actions (Get/Set Participant Data, Find User/Queue/Group, Get External
 * Contact, Evaluate Schedule (Group)) from both formats. Their exact shapes in an export are [INFERRED] (docs/architect-semantics.md).
 */
import { isPlainObject } from '../../core/index.ts';
import type { Action, LookupKind, ValueSource } from '../model.ts';
import { LOOKUPS } from '../platform-actions.ts';
import { scheduleActionFromI3, scheduleActionFromYaml } from './schedule-actions.ts';

type Raw = Record<string, unknown>;

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const isLookup = (kind: string): kind is LookupKind => Object.hasOwn(LOOKUPS, kind);

/** What the YAML builder lends the platform-action reader. */
export interface YamlHelpers {
  valueSource(raw: unknown): ValueSource;
  /** The actions of an `outputs.<key>` branch. */
  outputs(key: string): Action[];
  issue(message: string): void;
}

/**
 * A platform action from its Archy YAML body, or `undefined` when `kind` is not one.
 * @example
 * platformActionFromYaml('findUserById', { userId: { exp: 'Flow.id' }, findResult: { var: 'Flow.user' } }, '0', 'Find', helpers);
 */
export function platformActionFromYaml(
  yamlKind: string,
  body: Raw,
  id: string,
  name: string,
  h: YamlHelpers,
): Action | undefined {
  // A workflow's toolbox calls them Get / Set Conversation Data; Archy writes either name.
  const kind =
    yamlKind === 'getConversationData'
      ? 'getParticipantData'
      : yamlKind === 'setConversationData'
        ? 'setParticipantData'
        : yamlKind;
  if (kind === 'getParticipantData' || kind === 'setParticipantData') {
    const attributes = list(body.attributes).flatMap((item) => {
      const attr =
        isPlainObject(item) && isPlainObject(item.attribute) ? item.attribute : isPlainObject(item) ? item : undefined;
      if (!attr) return [];
      return [
        {
          name: h.valueSource(attr.name),
          variable:
            typeof attr.variable === 'string'
              ? attr.variable
              : isPlainObject(attr.variable) && typeof attr.variable.var === 'string'
                ? attr.variable.var
                : '',
          value: h.valueSource(attr.value),
        },
      ];
    });
    const common = {
      id,
      name,
      conversationId: h.valueSource(body.conversationId),
      participantId: h.valueSource(body.participantId),
    };
    // The workflow toolbox's Get / Set Conversation Data have paths (Found / Not Found, Success /
    // Failure); Get / Set Participant Data have them when the YAML gives outputs.
    const withPaths = yamlKind !== kind || isPlainObject(body.outputs);
    if (kind === 'getParticipantData') {
      for (const a of attributes)
        if (a.variable === '') h.issue('every attribute of Get Participant Data needs a variable to write to');
      return {
        ...common,
        type: 'getParticipantData',
        attributes: attributes.map((a) => ({ name: a.name, variable: a.variable })),
        ...(withPaths ? { paths: { found: h.outputs('found'), notFound: h.outputs('notFound') } } : {}),
      };
    }
    return {
      ...common,
      type: 'setParticipantData',
      attributes: attributes.map((a) => ({ name: a.name, value: a.value })),
      ...(withPaths ? { paths: { success: h.outputs('success'), failure: h.outputs('failure') } } : {}),
    };
  }
  if (kind === 'dataTableLookup') return dataTableLookupFromYaml(body, id, name, h);
  const schedule = scheduleActionFromYaml(kind, body, id, name, h);
  if (schedule) return schedule;
  if (!isLookup(kind)) return undefined;
  const spec = LOOKUPS[kind];
  const keyName = spec.keys.find((k) => k in body);
  if (!keyName) h.issue(`${spec.label} needs its input "${spec.keys[0]}"`);
  const resultKey = spec.resultKeys.find((k) => k in body);
  const resultRaw = resultKey ? body[resultKey] : undefined;
  const result =
    typeof resultRaw === 'string'
      ? resultRaw
      : isPlainObject(resultRaw) && typeof resultRaw.var === 'string'
        ? resultRaw.var
        : undefined;
  return {
    id,
    name,
    type: 'lookup',
    lookup: kind,
    key: keyName ? h.valueSource(body[keyName]) : { kind: 'notSet' },
    ...(result ? { result } : {}),
    found: h.outputs('found'),
    notFound: h.outputs('notFound'),
  };
}

const varOf = (raw: unknown): string | undefined =>
  typeof raw === 'string' ? raw : isPlainObject(raw) && typeof raw.var === 'string' ? raw.var : undefined;

/** `dataTableLookup: { lookupValue, dataTable: { <table>: { foundOutputs: { <column>: { var } }, failureOutputs: { errorType, errorMessage } } }, outputs }`. */
function dataTableLookupFromYaml(body: Raw, id: string, name: string, h: YamlHelpers): Action {
  const tables = isPlainObject(body.dataTable) ? Object.entries(body.dataTable) : [];
  if (tables.length !== 1) h.issue(`Data Table Lookup names one data table under "dataTable"; found ${tables.length}`);
  const [table, spec] = tables[0] ?? ['', {}];
  const conf: Raw = isPlainObject(spec) ? spec : {};
  const found = isPlainObject(conf.foundOutputs) ? conf.foundOutputs : {};
  const failure = isPlainObject(conf.failureOutputs) ? conf.failureOutputs : {};
  const outputs = Object.entries(found).flatMap(([column, raw]) => {
    const variable = varOf(raw);
    return variable ? [{ column, variable }] : [];
  });
  if (!('lookupValue' in body)) h.issue('Data Table Lookup needs its "lookupValue"');
  const errorType = varOf(failure.errorType);
  const errorMessage = varOf(failure.errorMessage);
  return {
    id,
    name,
    type: 'dataTableLookup',
    table,
    key: h.valueSource(body.lookupValue),
    outputs,
    ...(errorType ? { errorType } : {}),
    ...(errorMessage ? { errorMessage } : {}),
    found: h.outputs('found'),
    notFound: h.outputs('notFound'),
    failure: h.outputs('failure'),
  };
}

/** What the .i3WorkFlow builder lends the platform-action reader. */
export interface I3Helpers {
  valueSource(raw: unknown): ValueSource;
  /** The variable a `mode: 2` target names. */
  target(raw: unknown): string | undefined;
  /** The sequence behind a path's `outputId`. */
  branch(outputId: string): Action[];
}

/**
 * A platform action from its `.i3WorkFlow` form (`__type` `FindUserByIdAction`…), or `undefined`.
 * Found and Not Found are the paths `__FOUND__` and `__NOT_FOUND__`.
 */
export function platformActionFromI3(
  type: string,
  raw: Raw,
  id: string,
  name: string,
  h: I3Helpers,
): Action | undefined {
  // [INFERRED] the workflow toolbox's Get / Set Conversation Data export under either name, with
  // the paths __FOUND__ / __NOT_FOUND__ and __SUCCESS__ / __FAILURE__.
  const withPaths = type === 'GetConversationDataAction' || type === 'SetConversationDataAction';
  if (type === 'GetConversationDataAction') type = 'GetParticipantDataAction';
  if (type === 'SetConversationDataAction') type = 'SetParticipantDataAction';
  if (type === 'DataTableLookupAction') return dataTableLookupFromI3(raw, id, name, h);
  if (type === 'GetParticipantDataAction' || type === 'SetParticipantDataAction') {
    const common = {
      id,
      name,
      conversationId: h.valueSource(raw.conversationId),
      participantId: h.valueSource(raw.participantId),
    };
    const attrs = list(raw.attributes).filter(isPlainObject);
    if (type === 'GetParticipantDataAction')
      return {
        ...common,
        type: 'getParticipantData',
        attributes: attrs.map((a) => ({ name: h.valueSource(a.name), variable: h.target(a.variable) ?? '' })),
        ...(withPaths ? { paths: { found: h.branch('__FOUND__'), notFound: h.branch('__NOT_FOUND__') } } : {}),
      };
    return {
      ...common,
      type: 'setParticipantData',
      attributes: attrs.map((a) => ({ name: h.valueSource(a.name), value: h.valueSource(a.value) })),
      ...(withPaths ? { paths: { success: h.branch('__SUCCESS__'), failure: h.branch('__FAILURE__') } } : {}),
    };
  }
  const schedule = scheduleActionFromI3(type, raw, id, name, h);
  if (schedule) return schedule;
  const kind = (Object.keys(LOOKUPS) as LookupKind[]).find((k) => LOOKUPS[k].i3 === type);
  if (!kind) return undefined;
  const spec = LOOKUPS[kind];
  const keyName = spec.keys.find((k) => k in raw);
  const resultKey = spec.resultKeys.find((k) => k in raw);
  const result = resultKey ? h.target(raw[resultKey]) : undefined;
  return {
    id,
    name,
    type: 'lookup',
    lookup: kind,
    key: keyName ? h.valueSource(raw[keyName]) : { kind: 'notSet' },
    ...(result ? { result } : {}),
    found: h.branch('__FOUND__'),
    notFound: h.branch('__NOT_FOUND__'),
  };
}

/**
 * `DataTableLookupAction`: `datatableName`, `lookupKeyValue`, `outputs` (`{ name: <column>,
 * value: <variable> }`), `errorBindings` (`errorType`, `errorMessage`) and the paths `__FOUND__`,
 * `__NOT_FOUND__`, `__FAILURE__`.
 */
function dataTableLookupFromI3(raw: Raw, id: string, name: string, h: I3Helpers): Action {
  const bindings = (v: unknown) =>
    list(v)
      .filter(isPlainObject)
      .flatMap((b) => {
        const variable = h.target(b.value);
        return typeof b.name === 'string' && variable ? [{ name: b.name, variable }] : [];
      });
  const errors = Object.fromEntries(bindings(raw.errorBindings).map((b) => [b.name, b.variable]));
  return {
    id,
    name,
    type: 'dataTableLookup',
    table: typeof raw.datatableName === 'string' ? raw.datatableName : '',
    key: h.valueSource(raw.lookupKeyValue),
    outputs: bindings(raw.outputs).map((b) => ({ column: b.name, variable: b.variable })),
    ...(errors.errorType ? { errorType: errors.errorType } : {}),
    ...(errors.errorMessage ? { errorMessage: errors.errorMessage } : {}),
    found: h.branch('__FOUND__'),
    notFound: h.branch('__NOT_FOUND__'),
    failure: h.branch('__FAILURE__'),
  };
}
