// The console's copies of contract values stay in step with the schemas they mirror.
import { ZChatSettings } from '@abri/contracts';
import { describe, expect, test } from 'vitest';
import { CHAT_NUMBER_BOUNDS } from './constants.ts';

describe('console constants', () => {
  test('the chat settings bounds are those of ZChatSettings', () => {
    for (const [key, bounds] of Object.entries(CHAT_NUMBER_BOUNDS)) {
      const field = ZChatSettings.shape[key as keyof typeof CHAT_NUMBER_BOUNDS];
      expect({ key, min: field.minValue, max: field.maxValue, int: field.isInt }).toEqual({
        key,
        ...bounds,
        int: true,
      });
    }
  });
});
