import type { ChatMessage, ChatModel } from '../../src/core/ports.js';

/** A `ChatModel` that replies from a script (a text, or an error to throw) and records every conversation it got. */
export class ScriptedChatModel implements ChatModel {
  readonly name = 'scripted';
  readonly calls: ChatMessage[][] = [];
  private readonly replies: Array<string | Error>;

  constructor(replies: Array<string | Error>) {
    this.replies = [...replies];
  }

  async complete(messages: ChatMessage[]): Promise<string> {
    this.calls.push(messages);
    const reply = this.replies.shift();
    if (reply === undefined) throw new Error('ScriptedChatModel: no scripted reply left');
    if (reply instanceof Error) throw reply;
    return reply;
  }
}
