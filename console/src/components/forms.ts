import type { UseFormReturnType } from '@mantine/form';
import { fieldErrors, toProblem } from '../api/problem';

/**
 * Puts the API's field errors on the form's fields; answers the error to show above the form when
 * the API named no field the form has (or null when every detail found its field).
 */
export function showProblemOnForm<T extends Record<string, unknown>>(
  form: UseFormReturnType<T>,
  error: unknown,
): unknown {
  const problem = toProblem(error);
  const errors = fieldErrors(problem, Object.keys(form.getValues()));
  form.setErrors(errors);
  return Object.keys(errors).length > 0 &&
    problem.details.every((d) => !d.field || errors[d.field.split(/[.[]/)[0]])
    ? null
    : error;
}
