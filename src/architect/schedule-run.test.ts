import { describe, expect, it } from 'vitest';
import { importArchyYaml } from './import/archy-yaml.ts';
import { importI3WorkFlow } from './import/i3workflow.ts';
import { runFlow } from './interpreter.ts';
import type { GenesysRequest, GenesysResponse } from './platform-actions.ts';
import { ScriptedTools } from './scripted-tools.test-util.ts';

const encodeI3 = (doc: unknown): string =>
  Buffer.from(encodeURIComponent(JSON.stringify(doc)), 'latin1').toString('base64');

const SCHEDULES: Record<string, Record<string, unknown>> = {
  s1: {
    id: 's1',
    name: 'Weekdays',
    start: '2026-01-05T08:00:00.000',
    end: '2026-01-05T17:00:00.000',
    rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
  },
  s2: {
    id: 's2',
    name: 'Broken',
    start: '2026-01-05T08:00:00.000',
    end: '2026-01-05T17:00:00.000',
    rrule: 'FREQ=SOMETIMES',
  },
};
const GROUPS = [
  {
    id: 'g1',
    name: 'Hours',
    timeZone: 'Europe/London',
    openSchedules: [{ id: 's1' }],
    closedSchedules: [],
    holidaySchedules: [],
  },
  { id: 'g2', name: 'Broken hours', timeZone: 'Europe/London', openSchedules: [{ id: 's2' }] },
];
const EMERGENCY = [{ id: 'e1', name: 'Fire', enabled: true }];

/** A fake Architect API (the emulator-backed run is in the workflows tests). */
class ArchitectApi extends ScriptedTools {
  readonly paths: string[] = [];
  constructor(at: number) {
    super();
    this.clock = at;
  }
  async genesys(_stepId: string, request: GenesysRequest): Promise<GenesysResponse> {
    this.paths.push(request.path);
    const [path, query = ''] = request.path.split('?');
    const name = new URLSearchParams(query).get('name')?.toLowerCase();
    const list = (items: Array<Record<string, unknown>>) => ({
      status: 200,
      body: {
        entities: items.filter((i) =>
          String(i.name)
            .toLowerCase()
            .includes(name ?? ''),
        ),
        pageNumber: 1,
        pageCount: 1,
      },
    });
    if (path === '/api/v2/architect/schedulegroups') return list(GROUPS);
    if (path === '/api/v2/architect/emergencygroups') return list(EMERGENCY);
    const m = /^\/api\/v2\/architect\/(schedules|schedulegroups)\/(.+)$/.exec(path!);
    const hit = m?.[1] === 'schedules' ? SCHEDULES[m[2]!] : GROUPS.find((g) => g.id === m?.[2]);
    return hit ? { status: 200, body: hit } : { status: 404, body: { code: 'not.found' } };
  }
}

describe('Evaluate Schedule (Group), .i3WorkFlow', () => {
  const emp = { config: { emp: {} }, text: '' };
  const lit = (text: string) => ({
    config: { lit: { pos: 1, text, type: 'str' } },
    text,
    type: 'str',
    uiMetaData: { mode: 1 },
  });
  const end = (id: string, reason: string) => ({
    id,
    name: reason,
    __type: 'EndWorkflowAction',
    exitReason: lit(reason),
  });
  const doc = (actions: unknown[]) =>
    encodeI3({
      name: 'Hours i3',
      type: 'workflow',
      initialSequence: 'st',
      errorHandling: { handlingType: 'EndWorkflow' },
      variables: [
        {
          id: 'v',
          name: 'Flow.x',
          __type: 'StringVariable',
          isCollection: false,
          isInput: false,
          isOutput: false,
          initialValue: emp,
        },
      ],
      flowSequenceItemList: [
        { __type: 'State', id: 'st', name: 'Main', startAction: 'a1', variables: [], actionList: actions },
      ],
    });
  const paths = (...ids: string[]) => ids.map((outputId, i) => ({ outputId, nextActionId: `e${i}` }));

  it('Evaluate Schedule Group takes the path its group gives, by id; Evaluate Schedule can read an emergency group', async () => {
    const group = importI3WorkFlow(
      doc([
        {
          id: 'a1',
          name: 'Hours?',
          __type: 'EvaluateScheduleGroupAction',
          scheduleGroup: { id: 'g1' },
          evaluateNow: true,
          paths: paths('__OPEN__', '__CLOSED__', '__HOLIDAY__', '__EMERGENCY__'),
        },
        end('e0', 'open'),
        end('e1', 'closed'),
        end('e2', 'holiday'),
        end('e3', 'emergency'),
      ]),
    );
    // Friday 2026-12-04 09:00 in London (UTC+0 in winter), then 18:00.
    const api = new ArchitectApi(Date.parse('2026-12-04T09:00:00Z'));
    const r = await runFlow(group, {}, api);
    expect(r.exitReason).toBe('open');
    expect(r.path[0]).toMatchObject({
      type: 'evaluateScheduleGroup',
      outcome: 'open',
      detail: { scheduleGroup: 'Hours', timeZone: 'Europe/London', activeSchedules: ['Weekdays'] },
    });
    expect(api.paths).toEqual(['/api/v2/architect/schedulegroups/g1', '/api/v2/architect/schedules/s1']);
    expect((await runFlow(group, {}, new ArchitectApi(Date.parse('2026-12-04T18:00:00Z')))).exitReason).toBe('closed');

    const emergency = importI3WorkFlow(
      doc([
        {
          id: 'a1',
          name: 'Fire?',
          __type: 'EvaluateScheduleAction',
          evaluateEmergencyGroup: true,
          emergencyGroup: { name: 'fire' },
          evaluateNow: true,
          paths: paths('__ACTIVE__', '__INACTIVE__'),
        },
        end('e0', 'burning'),
        end('e1', 'calm'),
      ]),
    );
    expect((await runFlow(emergency, {}, new ArchitectApi(0))).exitReason).toBe('burning');
  });
});

describe('Evaluate Schedule (Group), Archy YAML', () => {
  const flow = (action: string, variables = '') => `workflow:
  name: Hours
  startUpRef: "/workflow/states/state[S]"
  variables:
    - stringVariable:
        name: Flow.x
${variables}  states:
    - state:
        name: Main
        refId: S
        actions:
${action}`;

  it('refuses at import what cannot run: no group, a literal time zone that does not exist, active schedules into a non-collection', () => {
    expect(() =>
      importArchyYaml(
        flow(`          - evaluateScheduleGroup:
              name: Hours?
              scheduleGroup:
                noValue: true
              inServiceSchedules:
                var: Flow.x
`),
      ),
    ).toThrow(
      /Evaluate Schedule Group needs its "scheduleGroup"[\s\S]*the active schedules of Evaluate Schedule Group writes String collection to Flow.x, which is String/,
    );
    expect(() =>
      importArchyYaml(
        flow(`          - evaluateSchedule:
              name: Open?
              schedule:
                lit:
                  name: Weekdays
              timeZone:
                lit: Eastern
`),
      ),
    ).toThrow(/the time zone "Eastern" is not an IANA time zone/);
    expect(() =>
      importArchyYaml(
        flow(`          - evaluateSchedule:
              name: Open?
              evaluate:
                dateTime:
                  exp: Flow.x
              schedule:
                lit:
                  name: Weekdays
`),
      ),
    ).toThrow(/the evaluation DateTime must be DateTime; got String/);
  });

  it('ends the run through error handling when a schedule of the group cannot be evaluated', async () => {
    const f = importArchyYaml(
      flow(`          - evaluateScheduleGroup:
              name: Hours?
              evaluate:
                now: true
              scheduleGroup:
                lit:
                  name: Broken hours
`),
    );
    const r = await runFlow(f, {}, new ArchitectApi(0));
    expect(r.status).toBe('failed');
    expect(r.error?.message).toMatch(
      /schedule group "Broken hours" cannot be evaluated: open schedule "Broken": its rrule "FREQ=SOMETIMES" is not an RFC 5545 recurrence rule/,
    );
  });
});
