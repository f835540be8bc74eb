/** Starts the chat in core over the `chat` database, with the assistant answering. */
import type { AiService } from '../ai/service';
import type { Database } from '../db/open';
import type { EventBus } from '../events';
import { assistantProducer } from './producer';
import { ChatService } from './service';
import { ChatStore } from './store';

export async function startChat(db: Database, ai: AiService, events: EventBus): Promise<ChatService> {
  const chat = new ChatService({ store: new ChatStore(db), events, ai, producer: assistantProducer(ai) });
  await chat.recover();
  return chat;
}
