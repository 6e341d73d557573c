// Small flows for the interpreter tests: a one-state workflow "T" around given actions.
import { importArchyYaml } from './import/archy-yaml.ts';
import type { Flow } from './model.ts';

const VARS = `    - stringVariable:
        name: Flow.s
        initialValue:
          noValue: true
        isInput: true
        isOutput: true
    - integerVariable:
        name: Flow.n
        initialValue:
          lit: 0
        isInput: true
        isOutput: true
    - stringVariable:
        name: Flow.err
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - stringCollectionVariable:
        name: Flow.codes
        initialValue:
          noValue: true
        isInput: false
        isOutput: true
    - integerVariable:
        name: Flow.i
        initialValue:
          noValue: true
        isInput: false
        isOutput: false
    - integerVariable:
        name: Flow.j
        initialValue:
          noValue: true
        isInput: false
        isOutput: false
`;
/** A one-state workflow named "T" around the given actions; validation can be skipped. */
export function flow(actions: string, validate = true): Flow {
  const text = `workflow:
  name: T
  startUpRef: "/workflow/states/state[S]"
  variables:
${VARS}  states:
    - state:
        name: Main
        refId: S
        actions:
${actions}`;
  return importArchyYaml(text, { validate });
}
export const update = (variable: string, exp: string, kind = 'integer') => `          - updateData:
              name: Set ${variable}
              statements:
                - ${kind}:
                    variable: ${variable}
                    value:
                      exp: ${JSON.stringify(exp)}
`;
