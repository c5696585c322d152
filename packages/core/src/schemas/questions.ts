/**
 * The live Q&A of a session: the bodies the API accepts, the views it answers, and the
 * client frames of the live channel (validated by the same schemas as HTTP). The question
 * view is an item of GET /api/sessions/:id/questions, of the `questions` key of a live
 * snapshot, and the `data` of `question.created` / `question.updated` events.
 */
import { z } from 'zod';
import { questionStatuses } from '@kengash/db/values';
import { instant, trimmed, uuid } from './common.js';

export { questionStatuses };
export type QuestionStatus = (typeof questionStatuses)[number];

/** The longest question, in characters after trimming. */
export const QUESTION_MAX = 500;
/** Questions one delegate may ask in one session per minute. */
export const QUESTIONS_PER_MINUTE = 5;

export const questionInput = z.object({
  text: trimmed(QUESTION_MAX).meta({ description: '1–500 characters after trimming' }),
  anonymous: z.boolean().optional().meta({
    description: 'true hides the author from everyone but the moderators',
  }),
});
export type QuestionInput = z.infer<typeof questionInput>;

export const questionCreated = z
  .object({
    id: z.string(),
    status: z.enum(['pending', 'approved']).meta({
      description: 'pending while the session is moderated, else approved',
    }),
  })
  .meta({ id: 'QuestionCreated' });
export type QuestionCreated = z.infer<typeof questionCreated>;

export const questionView = z
  .object({
    id: z.string(),
    text: z.string(),
    status: z.enum(questionStatuses),
    votes: z.number().int(),
    pinned: z.boolean(),
    author: z
      .object({ name: z.string() })
      .nullable()
      .meta({ description: 'null for anonymous questions, except to moderators' }),
    createdAt: instant,
    answeredAt: instant.nullable(),
    anonymous: z.boolean().optional().meta({
      description: 'Moderators and the author only: whether the room sees the author',
    }),
    mine: z.boolean().optional().meta({
      description:
        "true on the signed-in caller's own questions; absent in events shared by a class",
    }),
    voted: z.boolean().optional().meta({
      description:
        'Whether the signed-in caller has voted for it; absent in live events (keep it from the snapshot and the acks)',
    }),
  })
  .meta({ id: 'Question' });
export type QuestionView = z.infer<typeof questionView>;

export const questionList = z.object({ items: z.array(questionView) }).meta({ id: 'QuestionList' });
export type QuestionList = z.infer<typeof questionList>;

export const voteView = z
  .object({ votes: z.number().int().meta({ description: 'The question’s votes now' }) })
  .meta({ id: 'QuestionVotes' });
export type VoteView = z.infer<typeof voteView>;

export const qaSettingsInput = z.object({
  open: z.boolean().optional().meta({ description: 'false closes the Q&A to new questions' }),
  moderated: z.boolean().optional().meta({
    description: 'true holds new questions as pending until a moderator approves them',
  }),
});
export type QaSettingsInput = z.infer<typeof qaSettingsInput>;

export const qaSettingsView = z
  .object({
    open: z.boolean().meta({ description: 'Whether new questions are taken' }),
    moderated: z.boolean().meta({ description: 'Whether new questions wait for approval' }),
  })
  .meta({ id: 'QaSettings' });
export type QaSettingsView = z.infer<typeof qaSettingsView>;

export const moderationActions = ['approve', 'reject', 'answer', 'pin', 'unpin'] as const;
export type ModerationAction = (typeof moderationActions)[number];

/**
 * The data of a `question.updated` event that carries votes: votes are not one event each;
 * at most every ~250 ms one event per session carries the tallies that changed, read from
 * the table when it is written (only the questions this viewer may see). Any other
 * `question.updated` (and every `question.created`) carries one Question.
 */
export const questionTallies = z
  .object({ questions: z.array(z.object({ id: z.string(), votes: z.number().int() })) })
  .meta({ id: 'QuestionTallies' });
export type QuestionTallies = z.infer<typeof questionTallies>;

const questionId = uuid('question');
const ref = z.unknown().optional();

/** Client frames of the live channel for the Q&A (`{"type": …, "ref": …}`). */
export const qaFrame = z.discriminatedUnion('type', [
  questionInput.extend({ type: z.literal('ask'), ref }),
  z.object({ type: z.literal('vote'), questionId, ref }),
  z.object({ type: z.literal('unvote'), questionId, ref }),
  z.object({
    type: z.literal('moderate'),
    questionId,
    action: z.enum(moderationActions),
    ref,
  }),
]);
export type QaFrame = z.infer<typeof qaFrame>;
