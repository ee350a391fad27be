// Form state whose field errors come from the API's problem document: errors[].path
// "body.representative.email" is shown beside the field named "representative.email".
import { useCallback, useState, type ChangeEvent } from 'react';
import { ApiError } from '../api/client';

export type FieldErrors = Record<string, string>;

export function fieldErrorsOf(error: unknown): { fields: FieldErrors; rest: string[] } {
  const fields: FieldErrors = {};
  const rest: string[] = [];
  if (!(error instanceof ApiError)) return { fields, rest };
  for (const e of error.problem.errors ?? []) {
    const name = e.path.replace(/^body\.?/, '');
    if (name && !fields[name]) fields[name] = e.message;
    else if (!name) rest.push(e.message);
  }
  return { fields, rest };
}

export function useProblemForm<V extends Record<string, unknown>>(initial: V) {
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const setValue = useCallback(<K extends keyof V>(name: K, value: V[K]) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => {
      if (!((name as string) in e)) return e;
      const { [name as string]: _gone, ...others } = e;
      return others;
    });
  }, []);

  /** Props for a Mantine input bound to a string field. */
  const text = (name: keyof V & string) => ({
    name,
    value: (values[name] as string | undefined) ?? '',
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      setValue(name, e.currentTarget.value as V[typeof name]),
    error: errors[name],
  });
  /** Props for a Mantine Select/NumberInput bound to a field. */
  const field = <K extends keyof V & string>(name: K) => ({
    name,
    value: values[name],
    onChange: (v: V[K]) => setValue(name, v),
    error: errors[name],
  });

  /** Show an API failure: field errors beside their fields, anything else above the form. */
  const setProblem = (error: unknown) => {
    const { fields, rest } = fieldErrorsOf(error);
    setErrors(fields);
    const unplaced = Object.entries(fields)
      .filter(([k]) => !(k in values) && !k.includes('.'))
      .map(([k, m]) => `${k}: ${m}`);
    const detail = error instanceof ApiError ? (error.problem.detail ?? error.problem.title ?? null) : null;
    setFormError(
      [detail, ...rest, ...unplaced].filter(Boolean).join(' — ') || (error instanceof ApiError ? null : String(error)),
    );
  };
  const clear = () => {
    setErrors({});
    setFormError(null);
  };
  const reset = (v: V = initial) => {
    setValues(v);
    clear();
  };
  return { values, setValues, setValue, text, field, errors, setErrors, formError, setProblem, clear, reset };
}
