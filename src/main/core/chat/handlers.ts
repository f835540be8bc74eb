import type { chatRoutes } from '@shared/api';
import type { HandlersFor } from '../router';
import type { ChatService } from './service';

export function chatHandlers(chat: ChatService): HandlersFor<typeof chatRoutes> {
  return {
    'chat.conversations.create': (input) => chat.create(input?.title),
    'chat.conversations.list': () => chat.list(),
    'chat.conversations.rename': ({ conversationId, title }) => chat.rename(conversationId, title),
    'chat.conversations.delete': async ({ conversationId }) => {
      await chat.delete(conversationId);
      return { deleted: true as const };
    },
    'chat.conversations.search': ({ query }) => chat.search(query),
    'chat.messages.list': ({ conversationId }) => chat.view(conversationId),
    'chat.send': ({ conversationId, text }) => chat.send(conversationId, text),
    'chat.stop': async ({ conversationId }) => ({ stopped: await chat.stop(conversationId) }),
    'chat.regenerate': ({ conversationId }) => chat.regenerate(conversationId),
    'chat.editAndResend': ({ conversationId, messageId, text }) => chat.editAndResend(conversationId, messageId, text),
    'chat.export': ({ conversationId, format }) => chat.export(conversationId, format),
    'chat.active': () => chat.active(),
  };
}
