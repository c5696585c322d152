/**
 * The live Q&A of a session: delegates ask and vote, moderators approve, reject, answer
 * and pin. Every change reaches the session's live viewers (vote tallies batched, see
 * core's questions/tallies.ts). The live channel's ask/vote/unvote/moderate frames run the
 * same use-cases with the same rules and status codes.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  askQuestion,
  invalid,
  listQuestions,
  moderateQuestion,
  setQa,
  voteQuestion,
} from '@kengash/core';
import {
  moderationActions,
  qaFrame,
  qaSettingsInput,
  qaSettingsView,
  questionCreated,
  questionInput,
  questionList,
  questionView,
  voteView,
  type ModerationAction,
} from '@kengash/core/schemas';
import { registerLiveCommand } from '../../live/commands.js';
import { anyone, errors, idParams, ok, signedIn } from '../openapi.js';

const tags = ['questions'];
const sessionParams = idParams('session');
const questionParams = idParams('question');

for (const type of ['ask', 'vote', 'unvote', 'moderate'] as const)
  registerLiveCommand(type, async ({ app, actor, session, frame }) => {
    const parsed = qaFrame.safeParse(frame);
    if (!parsed.success)
      throw invalid(
        parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'type', message: i.message })),
      );
    const f = parsed.data;
    const ctx = app.ctx;
    const sessionId = session.session.id;
    switch (f.type) {
      case 'ask':
        return askQuestion({
          ctx,
          actor,
          sessionId,
          question: { text: f.text, anonymous: f.anonymous },
        });
      case 'vote':
      case 'unvote':
        return voteQuestion({ ctx, actor, id: f.questionId, up: f.type === 'vote', sessionId });
      case 'moderate':
        return moderateQuestion({ ctx, actor, id: f.questionId, action: f.action, sessionId });
    }
  });

const summaries: Record<ModerationAction, string> = {
  approve: 'Approve a question: the room sees it (moderator)',
  reject: 'Reject a question: the room no longer sees it (moderator)',
  answer: 'Mark an approved question answered (moderator)',
  pin: 'Pin an approved question to the top of the list (moderator)',
  unpin: 'Unpin a question (moderator)',
};
const operationIds: Record<ModerationAction, string> = {
  approve: 'approveQuestion',
  reject: 'rejectQuestion',
  answer: 'answerQuestion',
  pin: 'pinQuestion',
  unpin: 'unpinQuestion',
};

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/sessions/:id/questions',
    {
      schema: {
        tags,
        operationId: 'askQuestion',
        summary: 'Ask a question (confirmed registrant or staff)',
        description:
          '`pending` while the session is moderated, else `approved`. Closed Q&A or a cancelled session → 409; more than 5 questions a minute from one delegate in one session → 429.',
        security: signedIn,
        params: sessionParams,
        body: questionInput,
        response: {
          201: ok(questionCreated, 'Asked'),
          ...errors(400, 401, 403, 404, 409, 429),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await askQuestion({
          ctx: app.ctx,
          actor: request.actor,
          sessionId: request.params.id,
          question: request.body,
        }),
      ),
  );

  app.get(
    '/api/sessions/:id/questions',
    {
      schema: {
        tags,
        operationId: 'listQuestions',
        summary: "A session's questions: pinned first, then most votes, then oldest",
        description:
          'Delegates and the public see approved and answered questions, plus their own pending ones; moderators see all. `author` is null on anonymous questions except to moderators.',
        security: anyone,
        params: sessionParams,
        response: { 200: ok(questionList, 'The questions'), ...errors(400, 404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listQuestions({ ctx: app.ctx, actor: request.actor, sessionId: request.params.id });
    },
  );

  for (const method of ['post', 'delete'] as const)
    app[method](
      '/api/questions/:id/vote',
      {
        schema: {
          tags,
          operationId: method === 'post' ? 'voteQuestion' : 'unvoteQuestion',
          summary:
            method === 'post'
              ? 'Vote for a question (confirmed registrant); once however often'
              : 'Take a vote back (confirmed registrant)',
          description:
            'A question the caller may not see → 404; a cancelled session or a session without Q&A → 409.',
          security: signedIn,
          params: questionParams,
          response: { 200: ok(voteView, 'The votes now'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        voteQuestion({
          ctx: app.ctx,
          actor: request.actor,
          id: request.params.id,
          up: method === 'post',
        }),
    );

  for (const action of moderationActions)
    app.post(
      `/api/questions/:id/${action}`,
      {
        schema: {
          tags,
          operationId: operationIds[action],
          summary: summaries[action],
          description:
            'Doing it twice changes nothing. Impossible moves → 409: answering or pinning a pending or rejected question, rejecting or approving an answered one.',
          security: signedIn,
          params: questionParams,
          response: { 200: ok(questionView, 'The question'), ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (request) =>
        moderateQuestion({ ctx: app.ctx, actor: request.actor, id: request.params.id, action }),
    );

  app.patch(
    '/api/sessions/:id/qa',
    {
      schema: {
        tags,
        operationId: 'setQa',
        summary: 'Open or close the Q&A; moderate it or not (moderator)',
        description:
          'Closing stops new questions (votes and moderation go on). `open` is false also while the session has no Q&A.',
        security: signedIn,
        params: sessionParams,
        body: qaSettingsInput,
        response: { 200: ok(qaSettingsView, 'The Q&A settings'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      setQa({
        ctx: app.ctx,
        actor: request.actor,
        sessionId: request.params.id,
        settings: request.body,
      }),
  );
};
export default routes;
