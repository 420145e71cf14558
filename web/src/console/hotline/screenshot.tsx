// One screenshot: shown as the server's blurred greyscale preview (not counted); "Reveal" loads the image
// itself, which counts in the analyst's exposure, and "Hide" puts the preview back. Only one is revealed
// at a time (the item page keeps which). Alt texts name the picture, never what it shows.
import type { THotlineFile } from '@abri/contracts';
import { useState } from 'react';
import { useTranslation } from '../../i18n/index.ts';
import { hotlineLinks } from './api.ts';
import { formatBytes, shortHash } from './display.ts';
import { refreshExposure } from './exposure.tsx';
import { useHotlineT } from './i18n.ts';

type Props = {
  file: THotlineFile;
  /** Its number on the item page, from 1. */
  number: number;
  revealed: boolean;
  onReveal: () => void;
  onHide: () => void;
};

export function Screenshot({ file, number, revealed, onReveal, onHide }: Props) {
  const t = useHotlineT();
  const { i18n } = useTranslation();
  const [colour, setColour] = useState(false);
  return (
    <figure className="hotline-shot" data-testid="hotline-screenshot">
      <div className="hotline-shot__frame">
        {revealed ? (
          <img
            src={hotlineLinks.reveal(file.id)}
            alt={t('shots.altRevealed', { number })}
            className={colour ? undefined : 'hotline-shot__grey'}
            onLoad={() => void refreshExposure()}
            data-testid="hotline-screenshot-revealed"
          />
        ) : (
          <img
            src={hotlineLinks.preview(file.id)}
            alt={t('shots.altBlurred', { number })}
            className="hotline-shot__preview"
            loading="lazy"
          />
        )}
      </div>
      <figcaption className="hotline-shot__caption">
        <div className="row-actions">
          {revealed ? (
            <button type="button" className="button button--primary button--small" onClick={onHide}>
              {t('shots.hide', { number })}
            </button>
          ) : (
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => {
                setColour(false);
                onReveal();
              }}
            >
              {t('shots.reveal', { number })}
            </button>
          )}
          {revealed && (
            <button
              type="button"
              className="button button--secondary button--small"
              aria-pressed={colour}
              onClick={() => setColour((current) => !current)}
            >
              {t('shots.colour')}
            </button>
          )}
        </div>
        <p className="hotline-shot__hash">
          {t('shots.sha256')} <code title={file.sha256}>{shortHash(file.sha256)}</code>
        </p>
        <details className="hotline-shot__details">
          <summary>{t('shots.details')}</summary>
          <dl>
            <dt>{t('shots.type')}</dt>
            <dd>
              {file.contentType} · {formatBytes(t, file.size, i18n.language)}
            </dd>
            <dt>SHA-256</dt>
            <dd>
              <code>{file.sha256}</code>
            </dd>
            <dt>SHA-1</dt>
            <dd>
              <code>{file.sha1}</code>
            </dd>
            <dt>MD5</dt>
            <dd>
              <code>{file.md5}</code>
            </dd>
          </dl>
        </details>
      </figcaption>
    </figure>
  );
}
