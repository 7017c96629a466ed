import { type FormEvent, useId, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import {
  isCalendarDate,
  localToday,
  presets,
  rangeFromSearch,
  rangeLabel,
  rangeToSearch,
} from '../lib/range';

/** Presets are links (a range is part of the address); a custom range is two dates and Apply. */
export function RangePicker() {
  const [search] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const range = rangeFromSearch(search);
  const isCustom = !('preset' in range);
  const [open, setOpen] = useState(isCustom);
  const [problem, setProblem] = useState<string | null>(null);
  const formId = useId();
  const today = localToday();

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const from = String(form.get('from') ?? '');
    const to = String(form.get('to') ?? '');
    if (!isCalendarDate(from) || !isCalendarDate(to)) return setProblem('Enter both dates.');
    if (from > to) return setProblem('The start date must not be after the end date.');
    setProblem(null);
    navigate({ pathname, search: rangeToSearch({ from, to }) });
  };

  return (
    <div className="range">
      <nav className="range-presets" aria-label="Date range">
        {presets.map((p) => {
          const active = 'preset' in range && range.preset === p.preset;
          return (
            <Link
              key={p.preset}
              className="chip"
              aria-current={active ? 'true' : undefined}
              to={{ pathname, search: rangeToSearch({ preset: p.preset }) }}
              onClick={() => setOpen(false)}
            >
              {p.label}
            </Link>
          );
        })}
        <button
          type="button"
          className="chip"
          aria-expanded={open}
          aria-controls={formId}
          aria-current={isCustom ? 'true' : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          Custom
        </button>
      </nav>
      {open && (
        <form
          id={formId}
          className="range-custom"
          onSubmit={apply}
          key={isCustom ? `${range.from}_${range.to}` : 'new'}
        >
          <label>
            From
            <input type="date" name="from" required max={today} defaultValue={isCustom ? range.from : ''} />
          </label>
          <label>
            To
            <input type="date" name="to" required max={today} defaultValue={isCustom ? range.to : today} />
          </label>
          <button type="submit" className="button">
            Apply
          </button>
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
      <p className="range-label" data-testid="range-label">
        {rangeLabel(range)} <span className="muted">· compared with the period before</span>
      </p>
    </div>
  );
}
