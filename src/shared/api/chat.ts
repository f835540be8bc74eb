/**
 * Chat: conversations with the assistant, one document per message, replies streamed by
 * core. A conversation's id is its document id (`conv:<ulid>`); a message's id is its
 * document id (`msg:<conversation ulid>:<ulid>`), so a conversation's messages are one
 * key range and sort by time.
 */
import { z } from 'zod';
import { AiErrorInfoSchema } from './ai';
import { route } from './route';

const ULID = '[0-9A-HJKMNP-TV-Z]{26}';
export const ConversationIdSchema = z
  .string()
  .regex(new RegExp(`^conv:${ULID}$`), 'That is not a conversation id (conv:…); pick a conversation from the list.');
export const MessageIdSchema = z
  .string()
  .regex(
    new RegExp(`^msg:${ULID}:${ULID}$`),
    'That is not a message id (msg:…); pick a message from the conversation.',
  );

export const MessageStatusSchema = z.enum(['streaming', 'done', 'stopped', 'failed']);
export type MessageStatus = z.infer<typeof MessageStatusSchema>;

export const MessageUsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  cachedTokens: z.number().int().nonnegative(),
});

export const ToolCallRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  arguments: z.string(),
  /** What the tool answered, when the agents work ran it. */
  result: z.string().optional(),
});

export const ChatMessageSchema = z.object({
  id: MessageIdSchema,
  conversationId: ConversationIdSchema,
  role: z.enum(['user', 'assistant']),
  text: z.string(),
  createdAt: z.string(),
  /** A user message is always `done`; an assistant reply goes streaming → done | stopped | failed. */
  status: MessageStatusSchema,
  /** Set when the reply failed: the AI layer's classified error, with its hint. */
  error: AiErrorInfoSchema.optional(),
  /** The reply was cut off by a restart of FlipSync, not by the seller. */
  interrupted: z.boolean().optional(),
  model: z.string().optional(),
  usage: MessageUsageSchema.optional(),
  /** null: the model has no price in the table, so the cost is unknown (not zero). */
  costUsd: z.number().nonnegative().nullable().optional(),
  /** Which agent answered (the assistant unless a specialist took over). */
  agent: z.string().optional(),
  toolCalls: z.array(ToolCallRecordSchema).optional(),
  /** This message takes the place of an earlier one (regenerate, edit-and-resend). */
  replaces: MessageIdSchema.optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ConversationSchema = z.object({
  id: ConversationIdSchema,
  title: z.string(),
  /** Who chose the title: nobody yet, the first words, the AI, or the seller (never overwritten). */
  titleBy: z.enum(['none', 'words', 'ai', 'seller']),
  createdAt: z.string(),
  /** The time of the newest message, or of creation for an empty conversation. */
  updatedAt: z.string(),
  lastMessage: z.object({ role: z.enum(['user', 'assistant']), preview: z.string() }).nullable(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ChatTotalsSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  /** Sum of the priced replies. */
  costUsd: z.number().nonnegative(),
  /** Replies whose cost is unknown (no price for their model); not counted in costUsd. */
  unpricedReplies: z.number().int().nonnegative(),
});
export type ChatTotals = z.infer<typeof ChatTotalsSchema>;

export const ConversationViewSchema = z.object({
  conversation: ConversationSchema,
  /** The visible thread, oldest first (replaced versions are kept in storage, not listed). */
  messages: z.array(ChatMessageSchema),
  /** Everything this conversation's replies used, replaced versions included: they were paid for. */
  totals: ChatTotalsSchema,
});
export type ConversationView = z.infer<typeof ConversationViewSchema>;

export const SearchHitSchema = z.object({
  conversationId: ConversationIdSchema,
  title: z.string(),
  /** The matching message, or absent when only the title matched. */
  messageId: MessageIdSchema.optional(),
  snippet: z.string(),
});
export type SearchHit = z.infer<typeof SearchHitSchema>;

export const ReplyStartedSchema = z.object({
  conversationId: ConversationIdSchema,
  userMessageId: MessageIdSchema,
  assistantMessageId: MessageIdSchema,
});
export type ReplyStarted = z.infer<typeof ReplyStartedSchema>;

export const ActiveReplySchema = z.object({
  conversationId: ConversationIdSchema,
  messageId: MessageIdSchema,
  /** Everything received so far; deltas after it carry `offset` = its length. */
  text: z.string(),
});
export type ActiveReply = z.infer<typeof ActiveReplySchema>;

export const ChatExportSchema = z.object({ fileName: z.string(), mimeType: z.string(), text: z.string() });

const MessageTextSchema = z
  .string()
  .max(100_000, 'That message is too long (over 100,000 characters); split it up.')
  .refine((t) => t.trim().length > 0, 'Type a message first.');
const TitleSchema = z
  .string()
  .trim()
  .min(1, 'A title cannot be empty.')
  .max(200, 'Keep the title under 200 characters.');
const byConversation = z.object({ conversationId: ConversationIdSchema }).strict();

export const chatRoutes = {
  'chat.conversations.create': route({
    summary: 'Start an empty conversation.',
    input: z.object({ title: TitleSchema.optional() }).strict().optional(),
    output: ConversationSchema,
  }),
  'chat.conversations.list': route({
    summary: 'Conversations, most recently active first, with a preview of the last message.',
    input: z.object({}).strict().optional(),
    output: z.array(ConversationSchema),
  }),
  'chat.conversations.rename': route({
    summary: 'Give a conversation a title of your own (never replaced by a generated one).',
    input: z.object({ conversationId: ConversationIdSchema, title: TitleSchema }).strict(),
    output: ConversationSchema,
  }),
  'chat.conversations.delete': route({
    summary: 'Delete a conversation and all its messages (stopping a reply in progress).',
    input: byConversation,
    output: z.object({ deleted: z.literal(true) }),
  }),
  'chat.conversations.search': route({
    summary: 'Conversations whose title or messages contain the words, newest first.',
    input: z.object({ query: z.string().trim().min(1, 'Type something to search for.').max(500) }).strict(),
    output: z.array(SearchHitSchema),
  }),
  'chat.messages.list': route({
    summary: "A conversation's visible messages (including a reply in progress, as saved) and its totals.",
    input: byConversation,
    output: ConversationViewSchema,
  }),
  'chat.send': route({
    summary: 'Add a message and start the streamed reply; answers the ids at once (no conversation: a new one).',
    input: z.object({ conversationId: ConversationIdSchema.optional(), text: MessageTextSchema }).strict(),
    output: ReplyStartedSchema,
  }),
  'chat.stop': route({
    summary: "Stop the conversation's reply in progress; what arrived is kept as a stopped reply.",
    input: byConversation,
    output: z.object({ stopped: z.boolean() }),
  }),
  'chat.regenerate': route({
    summary: 'Answer the last message again; the new reply replaces the last one (which is kept in storage).',
    input: byConversation,
    output: ReplyStartedSchema,
  }),
  'chat.editAndResend': route({
    summary: 'Replace one of your messages with new text and answer it; later messages leave the thread.',
    input: z
      .object({ conversationId: ConversationIdSchema, messageId: MessageIdSchema, text: MessageTextSchema })
      .strict(),
    output: ReplyStartedSchema,
  }),
  'chat.export': route({
    summary: 'The conversation as a Markdown or JSON file: its text and a suggested file name.',
    input: z.object({ conversationId: ConversationIdSchema, format: z.enum(['markdown', 'json']) }).strict(),
    output: ChatExportSchema,
  }),
  'chat.active': route({
    summary: 'Replies in progress with the text so far, so a reloaded window can re-attach.',
    input: z.object({}).strict().optional(),
    output: z.array(ActiveReplySchema),
  }),
};

export const ChatDeltaEventSchema = z.object({
  conversationId: ConversationIdSchema,
  messageId: MessageIdSchema,
  text: z.string(),
  /** Where `text` starts in the reply, so a listener that re-attached can drop what it has. */
  offset: z.number().int().nonnegative(),
});
export type ChatDeltaEvent = z.infer<typeof ChatDeltaEventSchema>;

export const ChatMessageEventSchema = z.object({ message: ChatMessageSchema });

export const ChatConversationEventSchema = z.object({
  change: z.enum(['created', 'renamed', 'deleted']),
  conversationId: ConversationIdSchema,
  /** Absent for `deleted`. */
  conversation: ConversationSchema.optional(),
});
