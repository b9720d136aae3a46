import { describe, expect, it } from 'vitest';
import { feedbackButtons, feedbackCustomId, parseFeedbackCustomId } from '../../../src/channels/discord/feedback-buttons.js';

describe('feedback buttons', () => {
  it('round-trips a vote through the custom id', () => {
    expect(feedbackCustomId({ vote: 'up', answerId: 'a:b/1' })).toBe('fb:up:a:b/1');
    expect(parseFeedbackCustomId('fb:down:a:b/1')).toEqual({ vote: 'down', answerId: 'a:b/1' });
  });

  it('does not take other buttons for feedback', () => {
    expect(parseFeedbackCustomId('fb:maybe:1')).toBeUndefined();
    expect(parseFeedbackCustomId('other:up:1')).toBeUndefined();
    expect(parseFeedbackCustomId('fb:up:')).toBeUndefined();
  });

  it('labels the buttons in the answer language', () => {
    expect(feedbackButtons('a1', 'en')?.components.map((button) => button.label)).toEqual(['Helpful', 'Not right']);
    expect(feedbackButtons('a1', 'vi')?.components.map((button) => button.label)).toEqual(['Hữu ích', 'Chưa đúng']);
  });

  it('leaves the buttons out when the answer id would not fit in a 100-character custom id', () => {
    expect(feedbackButtons('x'.repeat(92), 'vi')).toBeDefined();
    expect(feedbackButtons('x'.repeat(93), 'vi')).toBeUndefined();
  });
});
