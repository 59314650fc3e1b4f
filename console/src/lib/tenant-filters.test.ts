import { describe, expect, it } from 'vitest';
import {
  parseTenantFilters,
  tenantFiltersToParams,
  tenantListQuery,
  tenantScopeFilter,
} from './tenant-filters';

describe('tenant list filters', () => {
  const filters = {
    partnerId: 'p1',
    softwareVersion: '13.2.0',
    state: 'active' as const,
    tags: ['region:eu', 'ring:canary'],
    pendingUpdate: false,
    search: 'mario',
  };

  it('survive a round trip through the URL', () => {
    expect(parseTenantFilters(tenantFiltersToParams(filters))).toEqual(filters);
    expect(tenantFiltersToParams(filters).toString()).toBe(
      'partner=p1&version=13.2.0&state=active&tags=region%3Aeu%2Cring%3Acanary&pending=no&q=mario',
    );
  });

  it('ignore what is not a filter', () => {
    expect(parseTenantFilters(new URLSearchParams('state=melting&pending=maybe&tags=,,'))).toEqual({
      partnerId: undefined,
      softwareVersion: undefined,
      state: undefined,
      tags: [],
      pendingUpdate: undefined,
      search: undefined,
    });
  });

  it('become the list query and the same tenants as a scheduling scope', () => {
    expect(tenantListQuery(filters)).toEqual({
      partnerId: 'p1',
      softwareVersion: '13.2.0',
      state: 'active',
      tags: 'region:eu,ring:canary',
      pendingUpdate: false,
      search: 'mario',
    });
    expect(tenantScopeFilter(filters)).toEqual({ ...filters });
    expect(tenantScopeFilter({ tags: [] })).toEqual({});
  });
});
