import { changeLanguage, currentLanguage, LANGUAGES, useTranslation } from '../i18n/index.ts';

/** FR / EN switch: each button is labelled in its own language, the current one is marked pressed. */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const active = currentLanguage();
  return (
    <fieldset className="language-switch">
      <legend className="visually-hidden">{t('lang.label')}</legend>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={active === language}
          onClick={() => void changeLanguage(language)}
        >
          {t(`lang.${language}`)}
        </button>
      ))}
    </fieldset>
  );
}
