/** An update from the Zalo Bot Platform (the fields this channel reads). */
export interface ZaloBotUpdate {
  event_name?: string;
  message?: {
    message_id?: string;
    from?: { id?: string; display_name?: string; is_bot?: boolean };
    chat?: { id?: string; chat_type?: string };
    date?: number;
    text?: string;
  };
}

/**
 * The updates in a webhook body or a `getUpdates` answer, which may be bare, wrapped in `{ok, result}`, or a list:
 * the platform's documentation does not settle which, so all are accepted.
 */
export function readBotUpdates(body: unknown): ZaloBotUpdate[] {
  const unwrapped = isObject(body) && 'result' in body && !('event_name' in body) ? body.result : body;
  const candidates = Array.isArray(unwrapped) ? unwrapped : [unwrapped];
  return candidates.filter((candidate): candidate is ZaloBotUpdate => isObject(candidate) && typeof candidate.event_name === 'string');
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
