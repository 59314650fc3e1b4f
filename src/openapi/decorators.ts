import { applyDecorators, Type } from '@nestjs/common';
import { ApiOkResponse, ApiProperty, ApiResponse } from '@nestjs/swagger';
import { ERROR_MEANINGS, ErrorResponse, ErrorStatus } from './error-response';

/** A status, or statuses with what they mean for this operation. */
export type ErrorSpec = ErrorStatus | Partial<Record<ErrorStatus, string>>;

/**
 * The 4xx answers of an operation, each with the API's error body (ErrorResponse):
 * `@ApiErrors(404, { 409: 'The tenant is being updated' })`. 400 (when the operation takes
 * input), 401, 403 (platform-admin-only operations) and 429 are added for every operation from the
 * guards' own metadata (see access.ts); list them here only to say something more specific.
 */
export function ApiErrors(...specs: ErrorSpec[]): MethodDecorator & ClassDecorator {
  const described = new Map<ErrorStatus, string>();
  for (const spec of specs) {
    if (typeof spec === 'number') described.set(spec, described.get(spec) ?? ERROR_MEANINGS[spec]);
    else
      for (const [status, text] of Object.entries(spec))
        described.set(Number(status) as ErrorStatus, text);
  }
  return applyDecorators(
    ...[...described].map(([status, description]) =>
      ApiResponse({ status, description, type: ErrorResponse }),
    ),
  );
}

const pageClasses = new Map<Type, Type>();

/**
 * The schema of one page of a list, `{items: Item[], nextCursor: string | null}`, named after its
 * item (`TenantResponse` → `TenantPage`), so generated clients get a named type for every list.
 */
export function PageOf(item: Type): Type {
  let page = pageClasses.get(item);
  if (!page) {
    const name = `${item.name.replace(/Response$/, '')}Page`;
    page = { [name]: class {} }[name] as Type;
    ApiProperty({ type: [item], description: 'This page, in list order' })(page.prototype, 'items');
    ApiProperty({
      type: String,
      nullable: true,
      description: 'Pass as `cursor` for the next page; null on the last page',
      example: null,
    })(page.prototype, 'nextCursor');
    pageClasses.set(item, page);
  }
  return page;
}

/** A list operation's 200: one page of `item` (`?limit=` and `?cursor=` come from PageQuery). */
export function ApiPage(item: Type, description = 'One page of the list'): MethodDecorator {
  return applyDecorators(ApiOkResponse({ type: PageOf(item), description }));
}
