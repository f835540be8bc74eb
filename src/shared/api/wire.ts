/** Messages of the browser-mode WebSocket. IPC needs none: `invoke` pairs calls itself. */
import { z } from 'zod';

export const ClientMessageSchema = z.object({
  id: z.union([z.string().max(64), z.number().int()]),
  route: z.string().max(128),
  input: z.unknown().optional(),
});
export type ClientMessage = z.infer<typeof ClientMessageSchema>;

export type ServerMessage =
  { type: 'result'; id: string | number | null; result: unknown } | { type: 'event'; event: string; payload: unknown };
