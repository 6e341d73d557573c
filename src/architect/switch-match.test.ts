// Switch in its "first match" form (Archy `evaluate: firstMatch: <type>: { value, cases }`): the
// first case whose value equals the switch's runs, else the default; a Switch of another form is
// refused at import rather than run as if it had no cases.
import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { runFlow } from './interpreter.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';

const YAML = `workflow:
  name: Route by status
  startUpRef: "/workflow/states/state[main]"
  variables:
    - stringVariable:
        name: Flow.status
        initialValue:
          noValue: true
        isInput: true
        isOutput: false
  states:
    - state:
        name: Main
        refId: main
        actions:
          - switch:
              name: Which status?
              evaluate:
                firstMatch:
                  string:
                    value:
                      exp: Flow.status
                    cases:
                      - case:
                          value:
                            lit: Open
                          actions:
                            - endWorkflow:
                                name: Open
                                exitReason:
                                  lit: open
                      - case:
                          value:
                            exp: Append("Anal", "yze")
                          actions:
                            - endWorkflow:
                                name: Analyze
                                exitReason:
                                  lit: analyze
                    default:
                      actions:
                        - endWorkflow:
                            name: Other
                            exitReason:
                              lit: other
`;

const flow = importArchyYaml(YAML);
const run = (status: unknown) => runFlow(flow, { status }, new ScriptedTools({}));

describe('Switch, first match', () => {
  it('runs the first case whose value equals the switch value (case-sensitively), else the default', async () => {
    expect((await run('Open')).exitReason).toBe('open');
    expect((await run('Analyze')).exitReason).toBe('analyze');
    expect((await run('open')).exitReason).toBe('other');
    // NOT_SET equals no case's value.
    expect((await run(null)).exitReason).toBe('other');
    const r = await run('Open');
    expect(r.path.find((p) => p.type === 'switch')?.outcome).toBe('case1');
  });

  it('a case value of another type than the switch is refused at import', () => {
    expect(() => importArchyYaml(YAML.replace('lit: Open', 'lit: 3'))).toThrow(
      /\[type-mismatch\] case 1 must be String; got Integer/,
    );
  });

  it('a Switch of an evaluation it does not know is refused, not run without cases', () => {
    expect(() => importArchyYaml(YAML.replace('firstMatch:', 'firstSomething:'))).toThrow(
      /\[unsupported\] a Switch evaluates firstTrue or firstMatch; found firstSomething/,
    );
  });
});
