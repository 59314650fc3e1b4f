import { Injectable } from '@nestjs/common';
import { AuditService, idSummary } from '../audit/audit.service';
import { type Caller, scopeOf } from '../auth/caller';
import { BadRequestError, RuleViolationError } from '../common/errors';
import { bulkRefusal } from '../common/row-errors';
import { lockInOrder } from '../database/lock-order';
import { Transactions } from '../database/transactions';
import { EditTenantTagsDto, TenantTagsResponse } from './dto/tenant-tags.dto';
import { MAX_TAGS } from './dto/tags';
import { checkFilterOwner } from './tenant-filter';
import { TenantSelection, TenantsRepository } from './tenants.repository';

/**
 * POST /tenants/tags: adds and removes tags on many tenants at once, all or nothing. The tenants
 * are locked in id order first, then checked (every id found, no tenant over the tag limit), then
 * changed by one UPDATE. Tags are labels for targeting, not part of what an update changes, so a
 * tenant being updated is tagged too (unlike PATCH /tenants/{id}, which it refuses).
 */
@Injectable()
export class TenantTagsService {
  constructor(
    private readonly db: Transactions,
    private readonly tenants: TenantsRepository,
    private readonly audit: AuditService,
  ) {}

  async edit(caller: Caller, dto: EditTenantTagsDto): Promise<TenantTagsResponse> {
    const scope = scopeOf(caller);
    const selection = selectionOf(dto);
    if ('filter' in selection) checkFilterOwner(scope, selection.filter);
    const edit = checkedEdit(dto);
    const answer = await this.db.run(async (tx) => {
      const { tenants: ids } = await lockInOrder(tx, {
        tenants: () => this.tenants.lockSelection(tx, scope, selection),
      });
      if ('tenantIds' in selection && ids.length < selection.tenantIds.length) {
        const found = new Set(ids);
        const problems = selection.tenantIds.flatMap((tenantId, index) =>
          found.has(tenantId)
            ? []
            : [
                {
                  status: 404,
                  detail: {
                    index,
                    field: `tenantIds[${index}]`,
                    tenantId,
                    reason: 'no such tenant',
                  },
                },
              ],
        );
        throw bulkRefusal(
          `${problems.length} of ${selection.tenantIds.length} tenants were not found; no tags changed`,
          problems,
        );
      }
      const overflow = await this.tenants.tagOverflow(tx, scope, selection, edit, MAX_TAGS);
      if (overflow.count > 0) {
        const reason = `would give the tenant more than ${MAX_TAGS} tags`;
        throw new RuleViolationError(
          `${overflow.count} tenant(s) would hold more than ${MAX_TAGS} tags; no tags changed`,
          overflow.ids.map((tenantId) => ({ field: 'add', tenantId, reason })),
        );
      }
      const updated = ids.length ? await this.tenants.editTags(tx, scope, selection, edit) : 0;
      await this.audit.record(tx, caller, {
        action: 'tenant.bulk_tags',
        entityType: 'tenant',
        entityId: null,
        after: {
          ...edit,
          by:
            'filter' in selection
              ? { filter: selection.filter }
              : { tenantIds: selection.tenantIds.length },
          matched: ids.length,
          updated,
          tenants: idSummary(ids),
        },
      });
      return { matched: ids.length, updated };
    });
    await this.db.refreshStatistics([{ table: 'tenant', rows: answer.updated }]);
    return answer;
  }
}

/** Exactly one of tenantIds and filter. */
function selectionOf(dto: EditTenantTagsDto): TenantSelection {
  if (dto.tenantIds && !dto.filter) return { tenantIds: dto.tenantIds };
  if (dto.filter && !dto.tenantIds) return { filter: { ...dto.filter } };
  const reason = dto.filter
    ? 'give only one of tenantIds and filter'
    : 'tenantIds or filter is required';
  throw new BadRequestError(`Name the tenants: ${reason}`, [
    { field: 'tenantIds', reason },
    { field: 'filter', reason },
  ]);
}

/** Something to add or remove, and no tag both added and removed. */
function checkedEdit(dto: EditTenantTagsDto): { add: string[]; remove: string[] } {
  const add = dto.add ?? [];
  const remove = dto.remove ?? [];
  if (add.length === 0 && remove.length === 0) {
    const reason = 'give at least one tag to add or to remove';
    throw new BadRequestError(`Nothing to change: ${reason}`, [
      { field: 'add', reason },
      { field: 'remove', reason },
    ]);
  }
  const both = remove.findIndex((tag) => add.includes(tag));
  if (both >= 0) {
    const reason = `"${remove[both]}" is also in add`;
    throw new BadRequestError(`A tag cannot be added and removed at once: ${reason}`, [
      { field: `remove[${both}]`, reason },
    ]);
  }
  return { add, remove };
}
