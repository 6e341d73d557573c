/**
 * @module
 * The shapes a module instance works with: the data-source request, the project host, declared
 * resources and evaluated instances.
 */
import type { TfDiagnostic } from './errors.ts';
import type { ModuleInstance } from './module.ts';
import type { HclBlock, HclFile, Node } from './parser.ts';
import type { TfObject, TfValue } from './values.ts';

/** A data source lookup handed to the resolver. */
export interface DataRequest {
  /** `genesyscloud_routing_queue` */
  readonly type: string;
  readonly name: string;
  /** `data.genesyscloud_routing_queue.q` (with the module path when inside a module). */
  readonly address: string;
  /** The data source's arguments, evaluated (usually `name`). */
  readonly attributes: Readonly<Record<string, unknown>>;
}

/** The project-wide services a module instance uses. */
export interface ProjectHost {
  readonly root: string;
  /** Report a problem (deduplicated by the host). */
  report(d: TfDiagnostic): void;
  /** Display path of a file (relative to the root). */
  display(file: string): string;
  /** The parsed .tf files of a module folder; undefined when the folder does not exist. */
  moduleFiles(dir: string): readonly HclFile[] | undefined;
  /** The folder of a non-local module source, if installed or given. */
  remoteModuleDir(source: string, key: string): string | undefined;
  /** Resolve a data source: the object's attributes, or an Unknown saying why not. */
  resolveData(req: DataRequest): TfValue;
  /** Render a templatefile template. */
  renderTemplate(text: string, file: string, vars: TfObject, node: Node, ctxFile: string): TfValue;
  /** Note a file a function read, by its absolute path. */
  read(file: string): void;
}

/** A declared resource or data source. */
export interface ResourceDecl {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  readonly block: HclBlock;
  readonly file: string;
}

/** One instance of a resource, evaluated. */
export interface ResourceInstance {
  readonly decl: ResourceDecl;
  /** `module.flow.genesyscloud_flow.f["key"]` */
  readonly address: string;
  readonly key: string | number | undefined;
  readonly id: string;
  /** Argument and nested-block values (blocks: one object, or a list when repeated). */
  readonly attributes: TfObject;
  readonly module: ModuleInstance;
}
