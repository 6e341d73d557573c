/**
 * @module
 * A readable rendering of an execution result: the request after Velocity, the raw response, each
 * translation variable, the rendered success template, validation errors and the outcome.
 */
import { flattenFailure } from './failure.ts';
import { redactValue } from './secure.ts';
import type { ActionResult } from './types.ts';

const indent = (text: string, pad = '    '): string =>
  text
    .split('\n')
    .map((l) => pad + l)
    .join('\n');
const clip = (text: string, max = 4000): string =>
  text.length > max ? `${text.slice(0, max)}… (${text.length - max} more characters)` : text;

/**
 * Render a result as plain text (what `switchboard action test` prints). A secure action's
 * outputs are shown redacted, like its trace.
 * @example
 * process.stdout.write(formatTrace(result));
 */
export function formatTrace(result: ActionResult): string {
  const t = result.trace;
  const outputs = t.secure ? redactValue(result.outputs) : result.outputs;
  const flattened = t.secure
    ? t.failure
      ? flattenFailure(t.failure.errorBody)
      : redactValue(result.flattened)
    : result.flattened;
  const out: string[] = [
    `action  ${t.action}${t.secure ? '  (secure: values hidden)' : ''}`,
    `input   ${JSON.stringify(t.input)}`,
  ];
  for (const e of t.inputErrors) out.push(`  ✗ input ${e.pointer || '/'}: ${e.message}`);
  if (t.request) {
    out.push('', 'request', `  ${t.request.method} ${t.request.url}`);
    for (const [k, v] of Object.entries(t.request.headers)) out.push(`  ${k}: ${v}`);
    if (t.request.body !== undefined) out.push('  body:', indent(clip(t.request.body)));
  }
  if (t.response) {
    const by =
      t.response.route === 'mock'
        ? `  answered by mock "${t.response.mock ?? '?'}"`
        : t.response.route === 'passthrough'
          ? '  from the real service (passthrough)'
          : /^https?:\/\/apps\./i.test(t.request?.url ?? '')
            ? '  answered offline, as the Genesys Cloud chat webhook would'
            : '';
    out.push('', `response  HTTP ${t.response.status} (${t.response.durationMs} ms)${by}`);
    const ct = t.response.headers['content-type'];
    if (ct) out.push(`  content-type: ${ct}`);
    out.push(indent(clip(t.response.body || '(empty body)')));
  }
  if (t.translations.length > 0) {
    out.push('', 'translationMap');
    for (const v of t.translations) {
      const how =
        v.source === 'unresolved'
          ? 'resolved nothing, no default'
          : v.source === 'default'
            ? `default ${v.value}`
            : v.value;
      out.push(`  ${v.name} = ${how}    (${v.path})`);
    }
  }
  if (t.renderedSuccess !== undefined) out.push('', 'successTemplate (rendered)', indent(clip(t.renderedSuccess)));
  for (const e of t.outputErrors) out.push(`  ✗ output ${e.pointer || '/'}: ${e.message}`);
  out.push('');
  if (result.status === 'success') {
    out.push(
      'SUCCESS',
      indent(JSON.stringify(outputs, null, 2)),
      'flattened (Architect)',
      indent(JSON.stringify(flattened, null, 2)),
    );
  } else {
    const f = t.failure;
    out.push(
      `${result.status.toUpperCase()} at ${f?.stage ?? '?'}${f?.field ? ` (${f.field})` : ''}: ${f?.code ?? ''}`,
    );
    if (f) out.push(indent(f.message));
    out.push('failure outputs', indent(JSON.stringify(flattened, null, 2)));
  }
  out.push(`(${t.durationMs} ms)`, '');
  return out.join('\n');
}
