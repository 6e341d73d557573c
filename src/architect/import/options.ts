/**
 * @module
 * Options shared by both importers.
 */

/** How a flow is imported and validated. */
export interface ImportOptions {
  /** The file the flow came from, named in errors. */
  readonly file?: string;
  /**
   * The data-action names available to the flow. When given, a Call Data Action naming any other
   * action is an import error; when omitted, data-action availability is not checked.
   */
  readonly dataActions?: Iterable<string>;
  /** Run {@link validateFlow} after building the model (default true). */
  readonly validate?: boolean;
}
