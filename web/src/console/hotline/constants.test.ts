// The hotline pages' copies of contract values stay in step with the contracts they mirror.
import {
  HOTLINE_ACTION_KINDS as CONTRACT_ACTION_KINDS,
  HOTLINE_CLASSIFICATIONS as CONTRACT_CLASSIFICATIONS,
  NOT_ACTIONABLE_REASONS as CONTRACT_CLOSE_REASONS,
  HOTLINE_CONTENT_TYPES as CONTRACT_CONTENT_TYPES,
  HOTLINE_ITEM_STATUSES as CONTRACT_ITEM_STATUSES,
  MAIL_STATUSES as CONTRACT_MAIL_STATUSES,
  NOTICE_LANGUAGES as CONTRACT_NOTICE_LANGUAGES,
  REMOVAL_OUTCOMES as CONTRACT_REMOVAL_OUTCOMES,
  REPORT_CATEGORIES as CONTRACT_REPORT_CATEGORIES,
  REPORT_SOURCES as CONTRACT_REPORT_SOURCES,
  HOTLINE_SITE_TYPES as CONTRACT_SITE_TYPES,
  HOTLINE_VICTIM_AGES as CONTRACT_VICTIM_AGES,
  HOTLINE_VICTIM_GENDERS as CONTRACT_VICTIM_GENDERS,
  ZHotlineQueueQuery,
  ZProviderNoticeInput,
  ZSettings,
} from '@abri/contracts';
import { describe, expect, test } from 'vitest';
import {
  HOTLINE_ACTION_KINDS,
  HOTLINE_CLASSIFICATIONS,
  HOTLINE_CONTENT_TYPES,
  HOTLINE_ITEM_STATUSES,
  HOTLINE_NUMBER_BOUNDS,
  HOTLINE_SITE_TYPES,
  HOTLINE_VICTIM_AGES,
  HOTLINE_VICTIM_GENDERS,
  MAIL_STATUSES,
  NOT_ACTIONABLE_REASONS,
  NOTICE_EXPLANATION_MAX,
  NOTICE_EXPLANATION_MIN,
  NOTICE_LANGUAGES,
  PAGE_SIZE,
  PRIORITIES,
  QUEUE_STATUS_FILTERS,
  REMOVAL_OUTCOMES,
  REPORT_CATEGORIES,
  REPORT_SOURCES,
} from './constants.ts';

describe('hotline constants', () => {
  test('lists are those of the contracts, in order', () => {
    expect(HOTLINE_ITEM_STATUSES).toEqual(CONTRACT_ITEM_STATUSES);
    expect(REPORT_CATEGORIES).toEqual(CONTRACT_REPORT_CATEGORIES);
    expect(REPORT_SOURCES).toEqual(CONTRACT_REPORT_SOURCES);
    expect(HOTLINE_CLASSIFICATIONS).toEqual(CONTRACT_CLASSIFICATIONS);
    expect(HOTLINE_CONTENT_TYPES).toEqual(CONTRACT_CONTENT_TYPES);
    expect(HOTLINE_VICTIM_AGES).toEqual(CONTRACT_VICTIM_AGES);
    expect(HOTLINE_VICTIM_GENDERS).toEqual(CONTRACT_VICTIM_GENDERS);
    expect(HOTLINE_SITE_TYPES).toEqual(CONTRACT_SITE_TYPES);
    expect(HOTLINE_ACTION_KINDS).toEqual(CONTRACT_ACTION_KINDS);
    expect(NOT_ACTIONABLE_REASONS).toEqual(CONTRACT_CLOSE_REASONS);
    expect(NOTICE_LANGUAGES).toEqual(CONTRACT_NOTICE_LANGUAGES);
    expect(REMOVAL_OUTCOMES).toEqual(CONTRACT_REMOVAL_OUTCOMES);
    expect(MAIL_STATUSES).toEqual(CONTRACT_MAIL_STATUSES);
  });

  test('the queue filters are those the queue accepts', () => {
    const status = ZHotlineQueueQuery.shape.status.unwrap();
    expect([...QUEUE_STATUS_FILTERS].sort()).toEqual([...status.options].sort());
    for (const priority of PRIORITIES) {
      expect(ZHotlineQueueQuery.safeParse({ priority: String(priority) }).success).toBe(true);
    }
    expect(ZHotlineQueueQuery.safeParse({ priority: '5' }).success).toBe(false);
    expect(ZHotlineQueueQuery.safeParse({ limit: String(PAGE_SIZE) }).success).toBe(true);
  });

  test('the notice explanation bounds are those of ZProviderNoticeInput', () => {
    const explanation = ZProviderNoticeInput.shape.explanation;
    expect({ min: explanation.minLength, max: explanation.maxLength }).toEqual({
      min: NOTICE_EXPLANATION_MIN,
      max: NOTICE_EXPLANATION_MAX,
    });
  });

  test('the settings bounds are those of settings.hotline', () => {
    for (const [key, bounds] of Object.entries(HOTLINE_NUMBER_BOUNDS)) {
      const field = ZSettings.shape.hotline.shape[key as keyof typeof HOTLINE_NUMBER_BOUNDS];
      expect({ key, min: field.minValue, max: field.maxValue, int: field.isInt }).toEqual({
        key,
        ...bounds,
        int: true,
      });
    }
  });
});
