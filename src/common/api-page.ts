import { applyDecorators, type Type } from '@nestjs/common';
import { ApiExtraModels, ApiOkResponse, getSchemaPath } from '@nestjs/swagger';

/** Documents a list answer: `{items: [model], nextCursor}` (see common/pagination.ts). */
export function ApiPageResponse(model: Type<unknown>, description?: string): MethodDecorator {
  return applyDecorators(
    ApiExtraModels(model),
    ApiOkResponse({
      description,
      schema: {
        type: 'object',
        required: ['items', 'nextCursor'],
        properties: {
          items: { type: 'array', items: { $ref: getSchemaPath(model) } },
          nextCursor: {
            type: 'string',
            nullable: true,
            description: 'Pass as ?cursor= for the next page; null on the last page',
          },
        },
      },
    }),
  );
}
