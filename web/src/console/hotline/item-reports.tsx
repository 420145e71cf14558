// The reports behind an item, oldest first: when, what the reporter chose and wrote, whether they want
// news, and their screenshots (see screenshot.tsx), numbered across the item. Known material is said in
// words in place of its picture.
import type { THotlineItem } from '@abri/contracts';
import { useTranslation } from '../../i18n/index.ts';
import { formatDateTime } from '../format.ts';
import { useHotlineT } from './i18n.ts';
import { Screenshot } from './screenshot.tsx';

type Props = {
  item: THotlineItem;
  revealed: string | null;
  onReveal: (fileId: string | null) => void;
  /** A picture was checked against the banks since the item was read: read it again. */
  onChecked: () => void;
};

export function ItemReports({ item, revealed, onReveal, onChecked }: Props) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  let shots = 0;
  return (
    <section className="card" aria-labelledby="hotline-reports-title" data-testid="hotline-reports">
      <h2 id="hotline-reports-title">{t('reports.title', { count: item.reports.length })}</h2>
      {item.fileCount > 0 && <p className="muted">{t('shots.intro')}</p>}
      <ol className="hotline-reports">
        {item.reports.map((report, index) => (
          <li key={report.id} className="hotline-report">
            <h3>
              {t('reports.heading', {
                number: index + 1,
                when: formatDateTime(report.receivedAt, i18n.language),
              })}
            </h3>
            <dl className="hotline-facts hotline-facts--compact">
              <div>
                <dt>{t('reports.category')}</dt>
                <dd>{t(`category.${report.category}`)}</dd>
              </div>
              <div>
                <dt>{t('reports.source')}</dt>
                <dd>{report.source ? t(`source.${report.source}`) : t('reports.notGiven')}</dd>
              </div>
              {(report.platform || report.account) && (
                <div>
                  <dt>{t('reports.platformAccount')}</dt>
                  <dd className="hotline-break">
                    {[report.platform, report.account].filter(Boolean).join(' · ')}
                  </dd>
                </div>
              )}
              <div>
                <dt>{t('reports.language')}</dt>
                <dd>{t(`reports.languages.${report.language}`)}</dd>
              </div>
              <div>
                <dt>{t('reports.feedback')}</dt>
                <dd>
                  {report.wantsFeedback ? t('reports.wantsFeedback') : t('reports.noFeedback')}
                  {report.feedbackSentAt &&
                    ` · ${t('reports.feedbackSent', { when: formatDateTime(report.feedbackSentAt, i18n.language) })}`}
                </dd>
              </div>
            </dl>
            <h4 className="hotline-report__label">{t('reports.description')}</h4>
            {report.description ? (
              <blockquote className="hotline-report__description preserve-lines">
                {report.description}
              </blockquote>
            ) : (
              <p className="muted">{t('reports.noDescription')}</p>
            )}
            {report.files.length > 0 && (
              <div className="hotline-shots">
                {report.files.map((file) => {
                  shots += 1;
                  return (
                    <Screenshot
                      key={file.id}
                      file={file}
                      number={shots}
                      revealed={revealed === file.id}
                      onReveal={() => onReveal(file.id)}
                      onHide={() => onReveal(null)}
                      onChecked={onChecked}
                    />
                  );
                })}
              </div>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
