// One request to the gun and the reply it must get: the typed reply, or the gun's NAK as a LinkError
// (with its field), or a timeout after every retransmission. What that means for the connection is
// the caller's: `onUnusable` is told when the link cannot go on (no answer, or a gun that no longer
// knows this session) and the caller starts over, as after an unplug.
import type { MESSAGES, Message, MessageName, MessageOf } from '../protocol/index.js';
import { isLinkError, LinkError, nakToError } from './errors.js';
import type { RequestMessage, RequestQueue } from './requestQueue.js';

export type ReplyName = { [N in MessageName]: (typeof MESSAGES)[N]['from'] extends 'gun' ? N : never }[MessageName];

export async function requestReply<R extends ReplyName>(
  queue: RequestQueue,
  message: RequestMessage,
  expect: R,
  onUnusable: (reason: string, kind: 'timeout' | 'not-authenticated') => void,
): Promise<MessageOf<R>> {
  let reply: Message;
  try {
    reply = await queue.request(message);
  } catch (err) {
    // Five unanswered tries: the link is unusable even if STATUS still arrives.
    if (isLinkError(err, 'timeout')) onUnusable(`the gun did not answer ${message.type}`, 'timeout');
    throw err;
  }
  if (reply.type === expect) return reply as MessageOf<R>;
  if (reply.type === 'NAK') {
    const err = nakToError(reply, message.type);
    if (err.detail.nak === 'notAuthenticated') onUnusable('the gun no longer knows this session (restarted?)', 'not-authenticated');
    throw err;
  }
  throw new LinkError('unexpected-reply', `The gun answered ${message.type} with ${reply.type}, expected ${expect}`);
}
