/**
 * @module
 * Conversation insights a workflow may read after a call: the AI summary
 * (`GET /api/v2/conversations/{id}/summaries`) and speech-and-text-analytics metrics
 * (`GET /api/v2/speechandtextanalytics/conversations/{id}`).
 *
 * The emulator has no speech to analyse, so a conversation has no summary and uncalculated
 * sentiment until a test or scenario sets them through the control API
 * (`PUT /_switchboard/conversations/{id}/insights`) — as in an org where the summary is not
 * generated yet. Permissions: `conversation:summary:view`, `speechAndTextAnalytics:data:view`
 * `[INFERRED]`.
 */
import { z } from 'zod';
import { badRequest, notFound } from '../../errors.ts';
import { readJsonObject } from '../../http.ts';
import type { EmulatorApp, Provider } from '../../provider-contract.ts';
import { declareStore } from '../../provider-contract.ts';
import { requirePermission } from '../../permissions.ts';
import { simOf } from '../conversations/shared.ts';
import { EMULATOR_ORG_ID } from '../seed.ts';

const TREND_CLASSES = [
  'NotCalculated',
  'Declining',
  'SlightlyDeclining',
  'NoChange',
  'SlightlyImproving',
  'Improving',
] as const;

const Insights = z
  .object({
    summary: z
      .object({
        text: z.string().max(20_000),
        reason: z.string().max(2_000).optional(),
        resolution: z.string().max(2_000).optional(),
        followup: z.string().max(2_000).optional(),
        confidence: z.number().min(0).max(1).optional(),
        language: z.string().optional(),
      })
      .strict()
      .optional(),
    sentimentScore: z.number().min(-1).max(1).optional(),
    sentimentTrend: z.number().min(-2).max(2).optional(),
    sentimentTrendClass: z.enum(TREND_CLASSES).optional(),
    empathyScores: z
      .array(z.object({ userId: z.string(), score: z.number().min(0).max(100) }).strict())
      .max(100)
      .optional(),
  })
  .strict();

/** What a test set about a conversation's insights, and when. */
type InsightsRecord = z.infer<typeof Insights> & { dateCreated: string };

/** conversationId → insights. */
const insightsStore = declareStore<{ conversations: Record<string, InsightsRecord> }>('insights', () => ({
  conversations: {},
}));

function register(app: EmulatorApp): void {
  app.get('/api/v2/conversations/:conversationId/summaries', requirePermission('conversation:summary:view'), (c) => {
    const id = c.req.param('conversationId');
    if (!simOf(c).get(id)) throw notFound('conversation', id);
    const set = c.get('org').get(insightsStore).conversations[id];
    const ref = { id, selfUri: `/api/v2/conversations/${id}` };
    if (!set?.summary) return c.json({ conversation: ref, sessionSummaries: [] });
    const s = set.summary;
    const summary = {
      id: `${id}-summary`,
      text: s.text,
      ...(s.confidence === undefined ? {} : { confidence: s.confidence }),
      status: 'COMPLETE',
      mediaType: 'Call',
      language: s.language ?? 'en-us',
      ...(s.reason === undefined ? {} : { reason: { text: s.reason } }),
      ...(s.resolution === undefined ? {} : { resolution: { text: s.resolution } }),
      ...(s.followup === undefined ? {} : { followup: { text: s.followup } }),
      dateCreated: set.dateCreated,
    };
    return c.json({ conversation: ref, summary, sessionSummaries: [] });
  });

  app.get(
    '/api/v2/speechandtextanalytics/conversations/:conversationId',
    requirePermission('speechAndTextAnalytics:data:view', 'recording:recording:view'),
    (c) => {
      const id = c.req.param('conversationId');
      if (!simOf(c).get(id)) throw notFound('conversation', id);
      const set = c.get('org').get(insightsStore).conversations[id];
      return c.json({
        conversation: { id, selfUri: `/api/v2/conversations/${id}` },
        ...(set?.sentimentScore === undefined ? {} : { sentimentScore: set.sentimentScore }),
        ...(set?.sentimentTrend === undefined ? {} : { sentimentTrend: set.sentimentTrend }),
        sentimentTrendClass: set?.sentimentTrendClass ?? 'NotCalculated',
        empathyScores: set?.empathyScores ?? [],
      });
    },
  );

  app.put('/_switchboard/conversations/:conversationId/insights', async (c) => {
    const services = c.get('services');
    const org = services.org(c.req.query('orgId') ?? EMULATOR_ORG_ID);
    const id = c.req.param('conversationId');
    const parsed = Insights.safeParse(await readJsonObject(c));
    if (!parsed.success) {
      const first = parsed.error.issues[0]!;
      throw badRequest(
        `The insights are invalid: ${parsed.error.issues.map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ')}`,
        [{ errorCode: 'invalid.value', fieldName: first.path.join('.') }],
      );
    }
    org.get(insightsStore).conversations[id] = {
      ...parsed.data,
      dateCreated: new Date(services.clock.now()).toISOString(),
    };
    org.touch(insightsStore);
    return c.json({ conversationId: id, ...parsed.data });
  });
}

/** The conversation-insights provider (summaries, speech and text analytics). */
export const insightsProvider: Provider = { name: 'insights', register };
