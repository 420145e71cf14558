// A path of the server's details said in words ("Français › Enfant › Étape 3 (Émotions)"), for the list
// of refusals above the save button: the field may be in a tab that is not shown.
import { PROTOCOL_CALLERS, PROTOCOL_STEPS } from './constants.ts';
import { relativePath } from './errors.tsx';
import type { GuidanceT } from './i18n.ts';
import { callerName, stepName } from './labels.ts';

const isIndex = (value: string | undefined): value is string => value !== undefined && /^\d+$/.test(value);

export function describeProtocolPath(t: GuidanceT, path: string): string | null {
  const rest = relativePath(path, 'body');
  if (rest === null) return null;
  const [language, ...parts] = rest.split('.');
  if (language !== 'fr' && language !== 'en') return null;
  const words = [t(`languages.${language}`)];
  const [first, second, third, fourth, fifth] = parts;
  if (first === 'title') words.push(t('form.title'));
  else if (first === 'summary') words.push(t('form.summary'));
  else if (first === 'redFlags') {
    words.push(
      isIndex(second) ? t('paths.redFlag', { index: Number(second) + 1 }) : t('form.redFlagsLegend'),
    );
  } else if (first === 'escalation') {
    words.push(t('form.escalationLegend'));
    if (second === 'steps') words.push(t('form.escalationSteps'));
    if (second === 'partners') words.push(t('form.escalationPartners'));
    if (isIndex(third)) words.push(t('paths.line', { index: Number(third) + 1 }));
  } else if (first === 'callers' && (PROTOCOL_CALLERS as readonly string[]).includes(second ?? '')) {
    words.push(callerName(t, second as (typeof PROTOCOL_CALLERS)[number]));
    if (third === 'steps' && isIndex(fourth)) {
      const step = PROTOCOL_STEPS[Number(fourth)];
      words.push(
        step
          ? t('form.stepLabel', { index: Number(fourth) + 1, step: stepName(t, step) })
          : t('form.stepsLegend'),
      );
    } else if (third === 'steps') words.push(t('form.stepsLegend'));
    else if (third === 'questions') {
      words.push(t('form.questions'));
      if (isIndex(fourth)) words.push(t('paths.line', { index: Number(fourth) + 1 }));
    } else if (third === 'advice') {
      words.push(isIndex(fourth) ? t('paths.card', { index: Number(fourth) + 1 }) : t('advice.legend'));
      if (fifth === 'title') words.push(t('advice.title'));
      if (fifth === 'points') words.push(t('advice.points'));
      if (fifth === 'platforms') words.push(t('advice.platforms'));
    }
  } else return null;
  return words.join(' › ');
}
