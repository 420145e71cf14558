// Red-flag detector for helpline chat messages: finds signs of grooming, sextortion, threats, self-harm...
// in French and English teen writing, and says where and why. Pure and synchronous; it assists counsellors
// and never decides anything on its own.
export { type DetectOptions, detectRedFlags, type RedFlag } from './detect.ts';
export { type NormalizedText, normalize } from './normalize.ts';
export { FLAG_NAMES, type FlagName, type Language } from './rule.ts';
