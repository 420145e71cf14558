import { useTranslation } from '../i18n/index.ts';
import { usePageTitle } from '../ui/page-title.ts';
import { useHelplineName } from './settings-context.tsx';

const SECTIONS = [
  {
    id: 'young',
    title: 'resources.youngTitle',
    tips: [
      'resources.young1',
      'resources.young2',
      'resources.young3',
      'resources.young4',
      'resources.young5',
    ],
  },
  {
    id: 'parents',
    title: 'resources.parentsTitle',
    tips: [
      'resources.parents1',
      'resources.parents2',
      'resources.parents3',
      'resources.parents4',
      'resources.parents5',
    ],
  },
  {
    id: 'pros',
    title: 'resources.prosTitle',
    tips: ['resources.pros1', 'resources.pros2', 'resources.pros3', 'resources.pros4'],
  },
] as const;

export default function ResourcesPage() {
  const { t } = useTranslation();
  usePageTitle(t('resources.title'), useHelplineName(t('common.appName')));
  return (
    <>
      <h1>{t('resources.title')}</h1>
      <p className="lead">{t('resources.lead')}</p>
      {SECTIONS.map((section) => (
        <section key={section.id} className="card" aria-labelledby={`resources-${section.id}`}>
          <h2 id={`resources-${section.id}`}>{t(section.title)}</h2>
          <ul className="bullets">
            {section.tips.map((key) => (
              <li key={key}>{t(key)}</li>
            ))}
          </ul>
        </section>
      ))}
      <section className="card card--info" aria-labelledby="resources-numbers">
        <h2 id="resources-numbers">{t('resources.numbersTitle')}</h2>
        <ul className="bullets">
          <li>{t('resources.n3018')}</li>
          <li>{t('resources.n119')}</li>
          <li>{t('resources.n17')}</li>
        </ul>
      </section>
    </>
  );
}
