/**
 * @module
 * The flow versions a worker keeps and restores, so a waiting run resumes with the version it
 * started with: a version is saved to the store the first time one of its runs waits, and loaded
 * (once per version) when a run of an older version than the registered one resumes.
 */
import type { Clock, Logger } from '../core/index.ts';
import type { FlowVersion, RunRecord, Store } from '../store/index.ts';
import type { WorkflowDefinition } from './types.ts';

/** Keep and restore the versions of a worker's flows. */
export function flowVersions(
  store: Pick<Store, 'saveFlowVersion' | 'loadFlowVersion'>,
  restoreVersion: ((saved: FlowVersion) => WorkflowDefinition | undefined) | undefined,
  clock: Clock,
  logger: Logger,
): {
  keep(def: WorkflowDefinition): Promise<void>;
  olderVersionOf(run: RunRecord, current: WorkflowDefinition): Promise<WorkflowDefinition> | undefined;
} {
  // A version is kept the first time one of its runs waits: a run that ends in one execution
  // never needs it, and the store then holds no flow definition (literals included) it does not need.
  const kept = new Map<WorkflowDefinition, Promise<void>>();
  const keep = (def: WorkflowDefinition): Promise<void> => {
    if (def.version === undefined || def.source === undefined) return Promise.resolve();
    let p = kept.get(def);
    if (!p) {
      p = store
        .saveFlowVersion({
          flow: def.name,
          version: def.version,
          kind: def.kind,
          source: def.source,
          savedAt: clock.now(),
        })
        .catch((e: unknown) => {
          kept.delete(def);
          logger.warn(
            { flow: def.name, version: def.version, err: e instanceof Error ? e.message : String(e) },
            'keeping the workflow version failed; if the flow changes before the run resumes, it resumes on the new version',
          );
        });
      kept.set(def, p);
    }
    return p;
  };
  const olderVersions = new Map<string, Promise<WorkflowDefinition>>();
  /** The version a run started with, when it is not the registered one (`current`); else undefined. */
  const olderVersionOf = (run: RunRecord, current: WorkflowDefinition): Promise<WorkflowDefinition> | undefined => {
    if (run.flowVersion === undefined || current.version === undefined || run.flowVersion === current.version)
      return undefined;
    const key = `${run.flow}\n${run.flowVersion}`;
    let older = olderVersions.get(key);
    if (!older) {
      older = store.loadFlowVersion(run.flow, run.flowVersion).then((saved) => {
        const restored = saved && restoreVersion?.(saved);
        if (restored) return restored;
        logger.warn(
          { runId: run.id, flow: run.flow, version: run.flowVersion, current: current.version },
          'the workflow version this run started with is not kept; it goes on with the registered version',
        );
        return current;
      });
      olderVersions.set(key, older);
      older.catch(() => olderVersions.delete(key));
    }
    return older;
  };
  return { keep, olderVersionOf };
}
