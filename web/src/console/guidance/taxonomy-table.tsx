// The items of one list as an editable table: an item once saved keeps its code and is never removed
// (records refer to it); its labels, group and "retired" can change; new items can be taken out. Inputs are named by the item's code for screen readers.
import type { TTaxonomy } from '@abri/contracts';
import { useId } from 'react';
import { CODE_PATTERN } from './constants.ts';
import { errorAt } from './errors.tsx';
import { type GuidanceT, useGuidanceT } from './i18n.ts';

export type Row = TTaxonomy['items'][number] & {
  /** A key of the row for React (an item's code may still be typed). */
  key: string;
  /** Added in this edit: its code may still change. */
  isNew: boolean;
};

/** What is wrong with a new item's code, if anything (format, or used by another row). */
export function codeProblem(t: GuidanceT, rows: readonly Row[], row: Row): string | null {
  if (!row.isNew) return null;
  if (!CODE_PATTERN.test(row.code)) return t('taxonomies.codeInvalid');
  if (rows.some((other) => other !== row && other.code === row.code)) return t('taxonomies.codeTaken');
  return null;
}

export function TaxonomyTable({
  rows,
  allRows,
  groups,
  error,
  language,
  onChange,
  onRemove,
}: {
  /** The rows shown (filtered). */
  rows: readonly Row[];
  /** Every row, to find positions in the server's details and duplicate codes. */
  allRows: readonly Row[];
  groups: TTaxonomy['groups'];
  error: unknown;
  language: 'fr' | 'en';
  onChange: (key: string, patch: Partial<Row>) => void;
  /** Take out an item added in this edit. */
  onRemove: (row: Row) => void;
}) {
  const t = useGuidanceT();
  const id = useId();
  const groupCodes = Object.keys(groups);
  return (
    <table className="table table--dense guidance-table">
      <thead>
        <tr>
          <th scope="col">{t('taxonomies.colCode')}</th>
          <th scope="col">{t('taxonomies.colLabelFr')}</th>
          <th scope="col">{t('taxonomies.colLabelEn')}</th>
          <th scope="col">{t('taxonomies.colGroup')}</th>
          <th scope="col">{t('taxonomies.colRetired')}</th>
          <th scope="col">{t('taxonomies.colActions')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const index = allRows.indexOf(row);
          // A new item is named by its place among the new ones, not by its code being typed.
          const name = row.isNew
            ? t('taxonomies.newItem', { index: allRows.filter((other) => other.isNew).indexOf(row) + 1 })
            : row.code;
          const problem = codeProblem(t, allRows, row);
          const serverError = (field: string) => errorAt(error, `items.${index}.${field}`);
          const labelError = (lang: 'fr' | 'en') => serverError(`label.${lang}`) ?? serverError('label');
          const cellError = (cellId: string, message: string | null) =>
            message ? (
              <p id={cellId} className="field__error">
                {message}
              </p>
            ) : null;
          const codeError = problem ?? serverError('code');
          return (
            <tr key={row.key} className={row.retired ? 'guidance-row--retired' : undefined}>
              <th scope="row">
                {row.isNew ? (
                  <>
                    <input
                      className="field__input"
                      value={row.code}
                      aria-label={t('taxonomies.codeOf', { code: name })}
                      aria-invalid={codeError ? true : undefined}
                      aria-describedby={codeError ? `${id}-${row.key}-code` : undefined}
                      autoCapitalize="none"
                      spellCheck={false}
                      maxLength={48}
                      required
                      onChange={(event) =>
                        onChange(row.key, { code: event.target.value.trim().toLowerCase() })
                      }
                    />
                    {cellError(`${id}-${row.key}-code`, codeError)}
                  </>
                ) : (
                  <code>{row.code}</code>
                )}
              </th>
              {(['fr', 'en'] as const).map((lang) => (
                <td key={lang}>
                  <input
                    className="field__input"
                    lang={lang}
                    value={row.label[lang]}
                    aria-label={t(lang === 'fr' ? 'taxonomies.labelFrOf' : 'taxonomies.labelEnOf', {
                      code: name,
                    })}
                    aria-invalid={labelError(lang) ? true : undefined}
                    aria-describedby={labelError(lang) ? `${id}-${row.key}-${lang}` : undefined}
                    maxLength={120}
                    required
                    onChange={(event) =>
                      onChange(row.key, { label: { ...row.label, [lang]: event.target.value } })
                    }
                  />
                  {cellError(`${id}-${row.key}-${lang}`, labelError(lang))}
                </td>
              ))}
              <td>
                <select
                  className="field__input"
                  value={row.group ?? ''}
                  aria-label={t('taxonomies.groupOf', { code: name })}
                  onChange={(event) => onChange(row.key, { group: event.target.value || undefined })}
                >
                  <option value="">{t('taxonomies.noGroup')}</option>
                  {groupCodes.map((code) => (
                    <option key={code} value={code}>
                      {groups[code]?.[language] || code}
                    </option>
                  ))}
                  {row.group && !groupCodes.includes(row.group) && (
                    <option value={row.group}>{row.group}</option>
                  )}
                </select>
              </td>
              <td>
                <div className="checkbox">
                  <input
                    type="checkbox"
                    checked={row.retired ?? false}
                    aria-label={t('taxonomies.retiredOf', { code: name })}
                    onChange={(event) => onChange(row.key, { retired: event.target.checked })}
                  />
                </div>
              </td>
              <td>
                {row.isNew ? (
                  <button
                    type="button"
                    className="button button--small button--danger"
                    onClick={() => onRemove(row)}
                  >
                    {t('taxonomies.remove')}
                    <span className="visually-hidden"> {name}</span>
                  </button>
                ) : (
                  <span className="visually-hidden">{t('taxonomies.cannotRemove')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
