// A textarea for a list of short texts, one per line. The text typed is kept as is (blank lines and all)
// while the list it gives, trimmed and without blank lines, goes to onChange; a new list from outside
// (a reload, a version copied into the editor) replaces the text.
import { type TextareaHTMLAttributes, useState } from 'react';
import { TextAreaField } from '../../ui/fields.tsx';

export function toLines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

const same = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((value, index) => value === b[index]);

export function LinesField({
  label,
  hint,
  error,
  value,
  onChange,
  ...textarea
}: {
  label: string;
  hint?: string | undefined;
  error?: string | null | undefined;
  value: readonly string[];
  onChange: (lines: string[]) => void;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'value' | 'onChange' | 'className'>) {
  const [text, setText] = useState(() => value.join('\n'));
  // Adjusting state while rendering (React's pattern for props that change from outside).
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (!same(toLines(text), value)) setText(value.join('\n'));
  }
  return (
    <TextAreaField
      label={label}
      hint={hint}
      error={error}
      rows={Math.min(12, Math.max(3, value.length + 1))}
      value={text}
      onChange={(event) => {
        setText(event.target.value);
        onChange(toLines(event.target.value));
      }}
      {...textarea}
    />
  );
}
