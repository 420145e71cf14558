// Tabs as WAI-ARIA describes them: one tab stop, arrow keys (and Home / End) move between tabs and select
// them. Used for the languages and callers of the guidance editors; the panel is the caller's element
// with the props of tabPanelProps().
import { type KeyboardEvent, useRef } from 'react';

export type TabItem<Value extends string> = {
  value: Value;
  label: string;
  /** Said after the label (e.g. "has errors"), shown as a mark. */
  alert?: string | null | undefined;
};

export function Tabs<Value extends string>({
  id,
  label,
  items,
  value,
  onChange,
}: {
  /** Prefix of the tabs' and panel's ids (unique on the page). */
  id: string;
  label: string;
  items: readonly TabItem<Value>[];
  value: Value;
  onChange: (value: Value) => void;
}) {
  const buttons = useRef(new Map<Value, HTMLButtonElement>());
  const onKey = (event: KeyboardEvent, index: number) => {
    const last = items.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const item = items[next]!;
    onChange(item.value);
    buttons.current.get(item.value)?.focus();
  };
  return (
    <div role="tablist" aria-label={label} className="guidance-tabs">
      {items.map((item, index) => {
        const selected = item.value === value;
        return (
          <button
            key={item.value}
            ref={(element) => {
              if (element) buttons.current.set(item.value, element);
              else buttons.current.delete(item.value);
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${item.value}`}
            aria-selected={selected}
            aria-controls={`${id}-panel`}
            tabIndex={selected ? 0 : -1}
            className="guidance-tab"
            onClick={() => onChange(item.value)}
            onKeyDown={(event) => onKey(event, index)}
          >
            {item.label}
            {item.alert && (
              <span className="guidance-tab__alert">
                <span aria-hidden="true">!</span>
                <span className="visually-hidden">{` (${item.alert})`}</span>
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

/** The props of the panel of a Tabs whose id is `id` and selected value `value`. */
export function tabPanelProps(id: string, value: string) {
  return {
    role: 'tabpanel' as const,
    id: `${id}-panel`,
    'aria-labelledby': `${id}-tab-${value}`,
  };
}
