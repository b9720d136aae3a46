import { describe, expect, it } from 'vitest';
import { FeedbackReplies, parseFeedbackVote } from '../../../src/channels/zalo/feedback-replies.js';

describe('parseFeedbackVote', () => {
  it('reads 👍/👎 (with skin tones or presentation selectors) and 1/0 as votes, and nothing else', () => {
    expect(parseFeedbackVote('👍')).toBe('up');
    expect(parseFeedbackVote(' 👍🏽 ')).toBe('up');
    expect(parseFeedbackVote('👎\uFE0F')).toBe('down');
    expect(parseFeedbackVote('1')).toBe('up');
    expect(parseFeedbackVote('0')).toBe('down');
    expect(parseFeedbackVote('10')).toBeUndefined();
    expect(parseFeedbackVote('👍 cảm ơn')).toBeUndefined();
  });
});

describe('FeedbackReplies', () => {
  it('ties a vote to the last answer of the same user only', () => {
    const replies = new FeedbackReplies();
    replies.remember('u1', 'answer-1');
    expect(replies.voteFor('u1', '👍')).toEqual({ answerId: 'answer-1', vote: 'up' });
    expect(replies.voteFor('u2', '👍')).toBeUndefined();
    expect(replies.voteFor('u1', 'hỏi tiếp')).toBeUndefined();
  });

  it('forgets the answer when a later reply has none, and the least recent users when full', () => {
    const replies = new FeedbackReplies(2);
    replies.remember('u1', 'answer-1');
    replies.remember('u1', undefined);
    expect(replies.voteFor('u1', '1')).toBeUndefined();
    replies.remember('a', 'answer-a');
    replies.remember('b', 'answer-b');
    replies.remember('c', 'answer-c');
    expect(replies.voteFor('a', '1')).toBeUndefined();
    expect(replies.voteFor('c', '0')).toEqual({ answerId: 'answer-c', vote: 'down' });
  });
});
