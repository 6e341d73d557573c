/**
 * @module
 * Fault injection per route pattern: added latency (on the injected clock), a deterministic 5xx
 * rate, forced 429 bursts and hangs — so solutions can be tested against a misbehaving Genesys.
 * A 5xx may also come after the request was processed (`errorAfterProcessing`): the effect
 * happened, only the answer was lost — the case that makes retrying a create dangerous.
 */
import { SwitchboardError, seededRandom } from '../core/index.ts';
import type { Clock } from '../core/index.ts';
import { ApiError } from './errors.ts';
import { tooManyRequests } from './rate-limit.ts';

/** What to inject into the requests a rule matches. */
export interface FaultSpec {
  /** HTTP method to match (any when absent). */
  readonly method?: string;
  /** Path glob: `*` is one path segment (or part of it), `**` any number of segments. */
  readonly path?: string;
  /** A regular expression (source) matched against the path instead of `path`. */
  readonly pathRegex?: string;
  /** Delay before the request goes on, in ms of the emulator's clock. */
  readonly latencyMs?: number;
  /** Share of matching requests (0..1) answered with `errorStatus`. */
  readonly errorRate?: number;
  /** The 5xx status of injected errors (default 503). */
  readonly errorStatus?: number;
  /** The next N matching requests answer 429. */
  readonly burst429?: number;
  /** `Retry-After` seconds of the injected 429s (default 1). */
  readonly retryAfterSeconds?: number;
  /** Never answer until the caller aborts the request. */
  readonly hang?: boolean;
  /**
   * Process the request first, then answer the injected 5xx instead of the real answer (the
   * request's effects stay). Applies to the `errorRate` draw of this rule.
   */
  readonly errorAfterProcessing?: boolean;
  /** The rule injects its 5xx at most this many times, then lets requests through. */
  readonly times?: number;
}

/** An installed fault rule. */
export interface FaultRule extends FaultSpec {
  readonly id: string;
  /** Injected 429s still to answer. */
  readonly remaining429: number;
  /** Injected 5xx still to answer when the rule has `times` (absent: unlimited). */
  readonly remainingErrors?: number;
}

interface LiveRule {
  id: string;
  spec: FaultSpec;
  matcher: RegExp;
  method: string | undefined;
  remaining429: number;
  remainingErrors: number;
}

const ERROR_CODES: Record<number, string> = {
  500: 'internal.server.error',
  502: 'bad.gateway',
  503: 'service.unavailable',
  504: 'gateway.timeout',
};

/** A glob over URL paths as a regular expression. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (ch === '*') out += '[^/]*';
    else out += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function invalid(message: string, field: string): SwitchboardError {
  return new SwitchboardError('SB_INPUT_INVALID', message, { details: { field } });
}

/** Check a fault spec; throws `SB_INPUT_INVALID` naming the field. */
function validateFaultSpec(spec: unknown): FaultSpec {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw invalid('a fault rule must be an object; got ' + JSON.stringify(spec), 'rule');
  const s = spec as Record<string, unknown>;
  const known = [
    'method',
    'path',
    'pathRegex',
    'latencyMs',
    'errorRate',
    'errorStatus',
    'burst429',
    'retryAfterSeconds',
    'hang',
    'errorAfterProcessing',
    'times',
  ];
  for (const k of Object.keys(s))
    if (!known.includes(k)) throw invalid(`a fault rule takes only ${known.join(', ')}; got unknown field "${k}"`, k);
  if (s.path === undefined && s.pathRegex === undefined)
    throw invalid('a fault rule needs "path" (glob) or "pathRegex"; got neither', 'path');
  if (s.path !== undefined && typeof s.path !== 'string') throw invalid('fault "path" must be a string glob', 'path');
  if (s.pathRegex !== undefined) {
    if (typeof s.pathRegex !== 'string') throw invalid('fault "pathRegex" must be a string', 'pathRegex');
    try {
      new RegExp(s.pathRegex);
    } catch (e) {
      throw invalid(`fault "pathRegex" must be a valid regular expression; ${(e as Error).message}`, 'pathRegex');
    }
  }
  if (s.method !== undefined && typeof s.method !== 'string')
    throw invalid('fault "method" must be a string', 'method');
  const nonNeg = (k: string): void => {
    const v = s[k];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v < 0))
      throw invalid(`fault "${k}" must be a number ≥ 0; got ${JSON.stringify(v)}`, k);
  };
  ['latencyMs', 'burst429', 'retryAfterSeconds', 'errorRate'].forEach(nonNeg);
  if (typeof s.errorRate === 'number' && s.errorRate > 1)
    throw invalid(`fault "errorRate" must be between 0 and 1; got ${s.errorRate}`, 'errorRate');
  if (
    s.errorStatus !== undefined &&
    !(
      typeof s.errorStatus === 'number' &&
      Number.isInteger(s.errorStatus) &&
      s.errorStatus >= 500 &&
      s.errorStatus <= 599
    )
  ) {
    throw invalid(`fault "errorStatus" must be a 5xx status; got ${JSON.stringify(s.errorStatus)}`, 'errorStatus');
  }
  if (s.hang !== undefined && typeof s.hang !== 'boolean') throw invalid('fault "hang" must be a boolean', 'hang');
  if (s.errorAfterProcessing !== undefined && typeof s.errorAfterProcessing !== 'boolean')
    throw invalid('fault "errorAfterProcessing" must be a boolean', 'errorAfterProcessing');
  if (s.times !== undefined && !(typeof s.times === 'number' && Number.isInteger(s.times) && s.times >= 0)) {
    throw invalid(`fault "times" must be an integer ≥ 0; got ${JSON.stringify(s.times)}`, 'times');
  }
  return s;
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * The installed fault rules and their application to one request.
 * @example
 * emulator.faults.add({ method: 'GET', path: '/api/v2/users/*', latencyMs: 2000 });
 * emulator.faults.add({ path: '/api/v2/**', burst429: 3, retryAfterSeconds: 5 });
 */
export class FaultInjector {
  readonly #clock: Clock;
  readonly #seed: number;
  #random: () => number;
  #rules: LiveRule[] = [];
  #seq = 0;

  constructor(clock: Clock, seed = 1) {
    this.#clock = clock;
    this.#seed = seed;
    this.#random = seededRandom(seed);
  }

  /** Install a rule; returns its id. Throws `SB_INPUT_INVALID` for a malformed rule. */
  add(spec: FaultSpec): string {
    const s = validateFaultSpec(spec);
    const id = `fault-${++this.#seq}`;
    this.#rules.push({
      id,
      spec: s,
      matcher: s.pathRegex !== undefined ? new RegExp(s.pathRegex) : globToRegExp(s.path ?? '/**'),
      method: s.method?.toUpperCase(),
      remaining429: s.burst429 ?? 0,
      remainingErrors: s.times ?? Infinity,
    });
    return id;
  }

  /** Replace every rule (validating all first, so a bad list changes nothing). */
  replace(specs: readonly FaultSpec[]): string[] {
    specs.forEach(validateFaultSpec);
    this.clear();
    return specs.map((s) => this.add(s));
  }

  /** Remove one rule; false when it does not exist. */
  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    return this.#rules.length !== before;
  }

  /** Remove every rule and restart the random sequence. */
  clear(): void {
    this.#rules = [];
    this.#random = seededRandom(this.#seed);
  }

  /** The installed rules. */
  list(): FaultRule[] {
    return this.#rules.map((r) => ({
      ...r.spec,
      id: r.id,
      remaining429: r.remaining429,
      ...(r.spec.times === undefined ? {} : { remainingErrors: r.remainingErrors }),
    }));
  }

  /**
   * Apply the matching rules to a request, in order: hang, latency, 429 burst, 5xx. Resolves when
   * the request may go on; throws the injected `ApiError` otherwise. A rule with
   * `errorAfterProcessing` does not stop the request: its 5xx is returned, to be answered once
   * the request has been processed (the gateway replaces the real answer with it).
   */
  async apply(method: string, path: string, signal?: AbortSignal): Promise<ApiError | undefined> {
    const m = method.toUpperCase();
    let after: ApiError | undefined;
    for (const rule of this.#rules) {
      if (rule.method !== undefined && rule.method !== m) continue;
      if (!rule.matcher.test(path)) continue;
      const s = rule.spec;
      if (s.hang) await hang(signal);
      if (s.latencyMs) await this.#clock.sleep(s.latencyMs, signal);
      if (rule.remaining429 > 0) {
        rule.remaining429--;
        throw tooManyRequests(s.retryAfterSeconds ?? 1);
      }
      if (s.errorRate && rule.remainingErrors > 0 && this.#random() < s.errorRate) {
        rule.remainingErrors--;
        const status = s.errorStatus ?? 503;
        const when = s.errorAfterProcessing ? ' after processing it' : '';
        const error = new ApiError(
          status,
          ERROR_CODES[status] ?? 'internal.server.error',
          `Injected fault (${rule.id}): ${m} ${path} answered ${status}${when}`,
        );
        if (!s.errorAfterProcessing) throw error;
        after ??= error;
      }
    }
    return after;
  }
}

function hang(signal?: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (!signal) return;
    if (signal.aborted) return reject(abortReason(signal));
    signal.addEventListener('abort', () => reject(abortReason(signal)), { once: true });
  });
}
