// The headings a list's items are grouped under, with their labels in both languages. A group no item
// uses can be removed; a new one needs a code (lowercase, as item codes).
import type { TTaxonomy } from '@abri/contracts';
import { useId, useState } from 'react';
import { TextField } from '../../ui/fields.tsx';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { CODE_PATTERN } from './constants.ts';
import { errorAt, hasErrorUnder } from './errors.tsx';
import { useGuidanceT } from './i18n.ts';

type Groups = TTaxonomy['groups'];

export function TaxonomyGroups({
  groups,
  used,
  error,
  onChange,
}: {
  groups: Groups;
  used: ReadonlySet<string>;
  error: unknown;
  onChange: (groups: Groups) => void;
}) {
  const t = useGuidanceT();
  const id = useId();
  const [code, setCode] = useState('');
  const [codeError, setCodeError] = useState<string | null>(null);
  const codes = Object.keys(groups);

  const add = () => {
    const value = code.trim().toLowerCase();
    if (!CODE_PATTERN.test(value)) return setCodeError(t('taxonomies.codeInvalid'));
    if (value in groups) return setCodeError(t('taxonomies.codeTaken'));
    setCodeError(null);
    setCode('');
    onChange({ ...groups, [value]: { fr: '', en: '' } });
  };

  const setLabel = (group: string, lang: 'fr' | 'en', value: string) =>
    onChange({
      ...groups,
      [group]: { fr: groups[group]?.fr ?? '', en: groups[group]?.en ?? '', [lang]: value },
    });

  const remove = (group: string) => {
    const next = { ...groups };
    delete next[group];
    onChange(next);
  };

  return (
    <details className="card guidance-groups" open={hasErrorUnder(error, 'groups') || undefined}>
      <summary className="guidance-groups__summary">
        {t('taxonomies.groupsTitle', { count: codes.length })}
      </summary>
      <p className="field__hint">{t('taxonomies.groupsHint')}</p>
      {codes.length > 0 && (
        <TableWrap label={t('taxonomies.groupsTitle', { count: codes.length })}>
          <table className="table table--dense guidance-table">
            <thead>
              <tr>
                <th scope="col">{t('taxonomies.colCode')}</th>
                <th scope="col">{t('taxonomies.colLabelFr')}</th>
                <th scope="col">{t('taxonomies.colLabelEn')}</th>
                <th scope="col">{t('taxonomies.colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {codes.map((group) => (
                <tr key={group}>
                  <th scope="row">
                    <code>{group}</code>
                  </th>
                  {(['fr', 'en'] as const).map((lang) => {
                    const message = errorAt(error, `groups.${group}.${lang}`);
                    return (
                      <td key={lang}>
                        <input
                          className="field__input"
                          lang={lang}
                          value={groups[group]?.[lang] ?? ''}
                          maxLength={120}
                          required
                          aria-label={t(lang === 'fr' ? 'taxonomies.labelFrOf' : 'taxonomies.labelEnOf', {
                            code: group,
                          })}
                          aria-invalid={message ? true : undefined}
                          aria-describedby={message ? `${id}-${group}-${lang}` : undefined}
                          onChange={(event) => setLabel(group, lang, event.target.value)}
                        />
                        {message && (
                          <p id={`${id}-${group}-${lang}`} className="field__error">
                            {message}
                          </p>
                        )}
                      </td>
                    );
                  })}
                  <td>
                    <button
                      type="button"
                      className="button button--small button--danger"
                      disabled={used.has(group)}
                      title={used.has(group) ? t('taxonomies.groupUsed') : undefined}
                      onClick={() => remove(group)}
                    >
                      {t('taxonomies.remove')}
                      <span className="visually-hidden"> {group}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <div className="guidance-row">
        <TextField
          label={t('taxonomies.newGroupCode')}
          hint={t('taxonomies.codeHint')}
          value={code}
          error={codeError}
          autoCapitalize="none"
          spellCheck={false}
          maxLength={48}
          onChange={(event) => setCode(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              add();
            }
          }}
        />
        <button type="button" className="button button--secondary" onClick={add}>
          {t('taxonomies.addGroup')}
        </button>
      </div>
    </details>
  );
}
