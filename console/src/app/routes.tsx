import {
  IconBuildingStore,
  IconCalendarCog,
  IconChecklist,
  IconHistory,
  IconKey,
  IconMail,
  IconPackages,
  IconStairsUp,
  IconServer2,
  IconStack2,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { Session } from '../session/session-store';
import type { MessageKey } from '../i18n';

type Role = Session['role'];

export interface ConsoleRoute {
  path: string;
  page: LazyExoticComponent<ComponentType>;
  /** Roles that see the page; every role when absent. */
  roles?: Role[];
  /** Shown in the navigation when set. */
  nav?: { label: MessageKey; icon: Icon; section: 'operations' | 'platform' };
}

const page = (load: () => Promise<{ default: ComponentType }>) => lazy(load);

/**
 * Every page of the console, in navigation order. A new page (the rollouts page, for instance) is
 * one entry here: its route, who sees it, and its place in the navigation.
 */
export const ROUTES: ConsoleRoute[] = [
  {
    path: '/tenants',
    page: page(() => import('../pages/tenants/TenantsPage')),
    nav: { label: 'nav.tenants', icon: IconServer2, section: 'operations' },
  },
  { path: '/tenants/:id', page: page(() => import('../pages/tenants/TenantPage')) },
  {
    path: '/tasks',
    page: page(() => import('../pages/tasks/TasksPage')),
    nav: { label: 'nav.tasks', icon: IconChecklist, section: 'operations' },
  },
  { path: '/tasks/:id', page: page(() => import('../pages/tasks/TaskPage')) },
  {
    path: '/batches',
    page: page(() => import('../pages/tasks/BatchesPage')),
    nav: { label: 'nav.batches', icon: IconStack2, section: 'operations' },
  },
  { path: '/batches/:id', page: page(() => import('../pages/tasks/BatchPage')) },
  {
    path: '/rollouts',
    page: page(() => import('../pages/rollouts/RolloutsPage')),
    nav: { label: 'nav.rollouts', icon: IconStairsUp, section: 'operations' },
  },
  { path: '/rollouts/:id', page: page(() => import('../pages/rollouts/RolloutPage')) },
  {
    path: '/partner',
    roles: ['partner_admin'],
    page: page(() => import('../pages/admin/OwnPartnerPage')),
    nav: { label: 'nav.ownPartner', icon: IconBuildingStore, section: 'platform' },
  },
  {
    path: '/platforms',
    page: page(() => import('../pages/admin/PlatformsPage')),
    nav: { label: 'nav.platforms', icon: IconPackages, section: 'platform' },
  },
  { path: '/platforms/:id', page: page(() => import('../pages/admin/PlatformPage')) },
  {
    path: '/maintenance',
    page: page(() => import('../pages/admin/MaintenancePage')),
    nav: { label: 'nav.maintenance', icon: IconCalendarCog, section: 'platform' },
  },
  {
    path: '/partners',
    roles: ['platform_admin'],
    page: page(() => import('../pages/admin/PartnersPage')),
    nav: { label: 'nav.partners', icon: IconUsersGroup, section: 'platform' },
  },
  {
    path: '/partners/:id',
    roles: ['platform_admin'],
    page: page(() => import('../pages/admin/PartnerPage')),
  },
  {
    path: '/api-keys',
    roles: ['platform_admin'],
    page: page(() => import('../pages/admin/ApiKeysPage')),
    nav: { label: 'nav.apiKeys', icon: IconKey, section: 'platform' },
  },
  {
    path: '/notifications',
    roles: ['platform_admin'],
    page: page(() => import('../pages/admin/NotificationsPage')),
    nav: { label: 'nav.notifications', icon: IconMail, section: 'platform' },
  },
  {
    path: '/audit-log',
    roles: ['platform_admin'],
    page: page(() => import('../pages/admin/AuditPage')),
    nav: { label: 'nav.audit', icon: IconHistory, section: 'platform' },
  },
];

export function allowed(route: ConsoleRoute, role: Role): boolean {
  return !route.roles || route.roles.includes(role);
}
