import type { ConversationState } from '../core/conversation.js';

/** Reads a stored conversation; a damaged row only costs the context (the next turn starts afresh and overwrites it). */
export function parseConversationState(json: string): ConversationState | undefined {
  try {
    return JSON.parse(json) as ConversationState;
  } catch {
    return undefined;
  }
}
