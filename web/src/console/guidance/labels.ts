// How guidance codes are named on screen: steps, callers, partner kinds, detector flags, platforms.
import type {
  TGuidePlatform,
  TPartnerKind,
  TPlatformHowTo,
  TProtocolCaller,
  TProtocolStep,
} from '@abri/contracts';
import { PLATFORM_NAMES, type TRedFlagName } from './constants.ts';
import type { GuidanceT } from './i18n.ts';

export const stepName = (t: GuidanceT, step: TProtocolStep) => t(`steps.${step}`);
export const callerName = (t: GuidanceT, caller: TProtocolCaller) => t(`callers.${caller}`);
export const partnerKindName = (t: GuidanceT, kind: TPartnerKind) => t(`partnerKinds.${kind}`);
export const flagName = (t: GuidanceT, flag: TRedFlagName) => t(`flags.${flag}`);

/** A platform's name as its how-to gives it, else its brand name. */
export function platformName(platform: TGuidePlatform, howTos?: readonly TPlatformHowTo[]): string {
  return howTos?.find((entry) => entry.platform === platform)?.name || PLATFORM_NAMES[platform];
}

/** Names as one list, in the interface's language ("Instagram, TikTok et Snapchat"). */
export function listOf(names: readonly string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(names);
}

/** A size in bytes, kB or MB, in the interface's language. */
export function byteSize(bytes: number, language: string): string {
  const format = (value: number, unit: 'byte' | 'kilobyte' | 'megabyte') =>
    new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: 1 }).format(value);
  if (bytes < 1024) return format(bytes, 'byte');
  if (bytes < 1024 * 1024) return format(bytes / 1024, 'kilobyte');
  return format(bytes / (1024 * 1024), 'megabyte');
}
