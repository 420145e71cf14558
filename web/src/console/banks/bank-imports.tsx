// The imports of a bank, newest first as the server lists them: when, which file, by whom, how malformed
// lines were treated, whether it was applied or refused whole, and what each added.
import type { TBankDetail } from '@abri/contracts';
import { useTranslation } from '../../i18n/index.ts';
import { TableWrap } from '../../ui/table-wrap.tsx';
import { formatDateTime } from '../format.ts';
import { useBanksT } from './i18n.ts';

export function BankImports({ bank }: { bank: TBankDetail }) {
  const t = useBanksT();
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  const caption = t('history.caption', { name: bank.name });
  return (
    <section className="card" aria-labelledby="banks-history-title" data-testid="banks-history">
      <h2 id="banks-history-title">{t('history.title')}</h2>
      {bank.imports.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <TableWrap label={caption}>
          <table className="table table--dense">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t('history.colWhen')}</th>
                <th scope="col">{t('history.colFile')}</th>
                <th scope="col">{t('history.colBy')}</th>
                <th scope="col">{t('history.colMode')}</th>
                <th scope="col">{t('history.colResult')}</th>
                <th scope="col">{t('history.colFormat')}</th>
                <th scope="col">{t('history.colLines')}</th>
                <th scope="col">{t('history.colAdded')}</th>
                <th scope="col">{t('history.colDuplicates')}</th>
                <th scope="col">{t('history.colInvalid')}</th>
              </tr>
            </thead>
            <tbody>
              {bank.imports.map((entry) => (
                <tr key={entry.id}>
                  <th scope="row" className="banks-nowrap">
                    {formatDateTime(entry.importedAt, i18n.language)}
                  </th>
                  <td className="banks-break">
                    {entry.filename ?? <span className="muted">{t('history.noFile')}</span>}
                  </td>
                  <td>{entry.importedBy ?? <span className="muted">{t('history.nobody')}</span>}</td>
                  <td>{t(`history.modes.${entry.mode}`)}</td>
                  <td>
                    {entry.applied ? (
                      t('history.applied')
                    ) : (
                      <strong className="banks-refused">{t('history.refused')}</strong>
                    )}
                  </td>
                  <td>{t(`import.formats.${entry.format}`)}</td>
                  <td>{format.format(entry.lines)}</td>
                  <td>{format.format(entry.added)}</td>
                  <td>{format.format(entry.duplicates)}</td>
                  <td>{format.format(entry.invalid)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </section>
  );
}
