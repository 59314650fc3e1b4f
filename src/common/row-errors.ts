import { ApiError, ErrorDetail } from './errors';

/** One refused row of a bulk request, with the status it would have on its own. */
export interface RowProblem {
  status: number;
  detail: ErrorDetail;
}

/**
 * A bulk request is all or nothing: every refused row is listed. The status is the rows' own
 * status when they agree (all 404, all 409 ...), otherwise 422.
 */
export function bulkRefusal(message: string, problems: RowProblem[]): ApiError {
  const statuses = new Set(problems.map((p) => p.status));
  const status = statuses.size === 1 ? [...statuses][0] : 422;
  return new ApiError(
    status,
    message,
    problems.map((p) => p.detail),
  );
}
