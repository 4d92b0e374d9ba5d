/** A form the user started: fields touched (by name, never value), the last one first to report. */
interface Started {
  fields: Set<string>;
  last: string;
}

/**
 * Form abandonment, pure: a form is started when one of its fields changes, finished when
 * it is submitted, and abandoned when the user leaves (the page, or an SPA route that
 * removed it) before that. Each start is reported at most once.
 */
export function createFormAbandon<F>() {
  const started = new Map<F, Started>();
  return {
    _touch(form: F, field: string): void {
      const s = started.get(form) ?? { fields: new Set<string>(), last: '' };
      s.fields.add(field);
      s.last = field;
      started.set(form, s);
    },
    _submit(form: F): void {
      started.delete(form);
    },
    /** The user left: the started forms `gone` says were left (all of them when omitted), forgotten once reported. */
    _leave(gone: (form: F) => boolean = () => true): [F, { fields_touched: number; last_field: string }][] {
      const out: [F, { fields_touched: number; last_field: string }][] = [];
      for (const [form, s] of started) {
        if (!gone(form)) continue;
        started.delete(form);
        out.push([form, { fields_touched: s.fields.size, last_field: s.last }]);
      }
      return out;
    },
  };
}
