/** The filters of the tenant list, as the page keeps them in its URL and sends them to the API. */
export interface TenantFilters {
  partnerId?: string;
  softwareVersion?: string;
  state?: 'active' | 'updating' | 'locked' | 'failed';
  tags: string[];
  pendingUpdate?: boolean;
  search?: string;
}

const STATES = ['active', 'updating', 'locked', 'failed'] as const;

export function parseTenantFilters(params: URLSearchParams): TenantFilters {
  const state = params.get('state');
  const pending = params.get('pending');
  return {
    partnerId: params.get('partner') || undefined,
    softwareVersion: params.get('version') || undefined,
    state: (STATES as readonly string[]).includes(state ?? '')
      ? (state as TenantFilters['state'])
      : undefined,
    tags: (params.get('tags') ?? '')
      .split(',')
      .map((t) => t.trim().toLowerCase())
      .filter(Boolean),
    pendingUpdate: pending === 'yes' ? true : pending === 'no' ? false : undefined,
    search: params.get('q')?.trim() || undefined,
  };
}

export function tenantFiltersToParams(filters: TenantFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.partnerId) params.set('partner', filters.partnerId);
  if (filters.softwareVersion) params.set('version', filters.softwareVersion);
  if (filters.state) params.set('state', filters.state);
  if (filters.tags.length) params.set('tags', filters.tags.join(','));
  if (filters.pendingUpdate !== undefined)
    params.set('pending', filters.pendingUpdate ? 'yes' : 'no');
  if (filters.search) params.set('q', filters.search);
  return params;
}

/** The query of GET /api/v1/tenants (and /tenants/count). */
export function tenantListQuery(filters: TenantFilters) {
  return {
    partnerId: filters.partnerId,
    softwareVersion: filters.softwareVersion,
    state: filters.state,
    tags: filters.tags.length ? filters.tags.join(',') : undefined,
    pendingUpdate: filters.pendingUpdate,
    search: filters.search,
  };
}

/** The `filter` scope of POST /api/v1/update-tasks: every tenant the list shows, on every page. */
export function tenantScopeFilter(filters: TenantFilters) {
  return {
    ...(filters.partnerId && { partnerId: filters.partnerId }),
    ...(filters.softwareVersion && { softwareVersion: filters.softwareVersion }),
    ...(filters.state && { state: filters.state }),
    ...(filters.tags.length && { tags: filters.tags }),
    ...(filters.pendingUpdate !== undefined && { pendingUpdate: filters.pendingUpdate }),
    ...(filters.search && { search: filters.search }),
  };
}
