/**
 * The API's types, generated from the service's OpenAPI document by openapi-typescript.
 * Do not edit: run `npm run api:types` at the repository root after changing the API.
 * test/console/api-types.spec.ts fails when this file differs from what the live document gives.
 */

export interface paths {
    "/api/v1/announcements": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Current and upcoming platform maintenance
         * @description Every platform’s current and upcoming maintenance with its message, soonest first, for a status page or a sign-in screen. No API key needed.
         */
        get: operations["AnnouncementsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List API keys
         * @description Oldest first, without the keys themselves. Revoked keys only when asked for.
         */
        get: operations["ApiKeysController_list"];
        put?: never;
        /**
         * Create an API key
         * @description The key is in the answer once: only its SHA-256 is stored. A `partner_admin` key is bound to one partner.
         */
        post: operations["ApiKeysController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/api-keys/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Revoke an API key
         * @description At once: the next request with the key gets 401. The last platform admin key cannot be revoked.
         */
        delete: operations["ApiKeysController_revoke"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/audit-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Read the audit log
         * @description Every write: who (API key, role, partner), what, when, and the entity before and after (secrets are never recorded). Oldest first, or newest first with `order=desc`.
         */
        get: operations["AuditController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/executor-callbacks/{taskId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Report on a step (deployment API → this service)
         * @description Sent by the platform’s deployment API for the http executor: signed with the platform secret (`X-Signature: sha256=<hex HMAC-SHA256 of the raw body>`), naming its task in the body and dated (`sentAt`, within 5 minutes). A bad signature, an unknown task or a stale report get 401. See docs/scheduler.md.
         */
        post: operations["ExecutorCallbacksController_report"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List e-mails
         * @description The outbox, oldest first: pending, sending, sent and dead e-mails, filtered by status, task, batch, event or recipient. Their content is rendered when sent and is not stored.
         */
        get: operations["NotificationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/notifications/{id}/resend": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send an e-mail again
         * @description A dead e-mail after its cause is fixed, or a sent one its recipient lost: queued again as a new e-mail (new Message-ID, fresh attempts).
         */
        post: operations["NotificationsController_resend"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List partners
         * @description Every partner for platform admins (optionally of one platform); a partner admin sees its own.
         */
        get: operations["PartnersController_list"];
        put?: never;
        /**
         * Create a partner
         * @description A partner (reseller) of a platform. Its contacts receive the partner e-mails (digests of scheduled, started and finished updates) in their own language and time zone.
         */
        post: operations["PartnersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a partner
         * @description A partner admin may read its own partner only.
         */
        get: operations["PartnersController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a partner
         * @description Only a partner without tenants can be deleted.
         */
        delete: operations["PartnersController_delete"];
        options?: never;
        head?: never;
        /**
         * Change a partner
         * @description Only the fields sent change; `contacts` replaces the whole list.
         */
        patch: operations["PartnersController_update"];
        trace?: never;
    };
    "/api/v1/partners/{partnerId}/blackouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a partner’s blackouts
         * @description Blackouts that apply to every tenant of the partner, oldest first.
         */
        get: operations["PartnerBlackoutsController_list"];
        put?: never;
        /**
         * Add a blackout to a partner (all its tenants)
         * @description No update starts inside a blackout: maintenance-window updates take the first window outside it; an immediate or custom update inside it is refused with 422 `blackout_overlap`, unless a platform admin forces it (`forced: true`). Scheduled updates inside the new blackout are moved to the first free window after it or cancelled (`conflictPolicy`; forced ones are always moved), and whoever was told about them is told again; held tasks of rollouts are always moved and stay held. A platform admin's forced immediate or custom update stays inside it, scheduled or held. Partner admins set blackouts for their own partner and tenants; platform admins for all.
         */
        post: operations["PartnerBlackoutsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/partners/{partnerId}/blackouts/{blackoutId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a partner’s blackout
         * @description Updates it moved or cancelled stay where they are.
         */
        delete: operations["PartnerBlackoutsController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platforms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List platforms
         * @description Every platform for platform admins; a partner admin sees its own platform.
         */
        get: operations["PlatformsController_list"];
        put?: never;
        /**
         * Create a platform
         * @description A platform groups partners and their tenants, publishes software versions and has one update executor. `executor.secret` is write-only: answers only say whether one is set.
         */
        post: operations["PlatformsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platforms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a platform
         * @description A partner admin may read its own platform only.
         */
        get: operations["PlatformsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a platform
         * @description Only the fields sent change. Changing the default maintenance window does not move the windows of existing tenants.
         */
        patch: operations["PlatformsController_update"];
        trace?: never;
    };
    "/api/v1/platforms/{platformId}/maintenance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a platform’s maintenance periods
         * @description Current and upcoming periods (`includePast=true` adds ended ones). A partner admin may read its own platform’s.
         */
        get: operations["PlatformMaintenanceController_list"];
        put?: never;
        /**
         * Announce platform maintenance
         * @description No update may run during [startsAt, endsAt). Scheduled updates that overlap the period are cancelled or moved to their next free window (`conflictPolicy`; forced ones are always moved), and whoever was told about them is told again. Every partner contact of the platform receives the announcement.
         */
        post: operations["PlatformMaintenanceController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platforms/{platformId}/maintenance/{maintenanceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Withdraw platform maintenance
         * @description Partner contacts are told. Updates the period cancelled stay cancelled; moved ones stay where they were moved.
         */
        delete: operations["PlatformMaintenanceController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platforms/{platformId}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the versions of a platform
         * @description In the order they were published. A partner admin may list the versions of its own platform.
         */
        get: operations["VersionsController_list"];
        put?: never;
        /**
         * Publish a software version
         * @description Tenants of the platform may be updated to a published version. The channel says who may install it: `recommended` and `available` everyone, `test` platform admins only, `prohibited` nobody (scheduled tasks to it fail their pre-check).
         */
        post: operations["VersionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/platforms/{platformId}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a version
         * @description One version of the platform with its channel and release notes.
         */
        get: operations["VersionsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Change a version’s channel or release notes
         * @description Moving a version to `prohibited` does not cancel tasks already scheduled to it: they fail their pre-check when they start.
         */
        patch: operations["VersionsController_update"];
        trace?: never;
    };
    "/api/v1/rollouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List rollouts
         * @description Oldest first, filtered by state, partner or target version. A partner admin sees its own.
         */
        get: operations["RolloutsController_list"];
        put?: never;
        /**
         * Create a rollout: an update in waves behind success and error gates
         * @description The scope and options of POST /update-tasks, plus `waves` (each a `percent` or `count` of the tenants not placed in an earlier wave, or the tenants having `tags`; leftovers join the last wave; default one wave), `successThreshold`, `errorThreshold` with `onError`, `soakMinutes` and `maxConcurrency`. Every task of every wave is created now, in one transaction, under every scheduling rule; the tasks of waves that have not opened are `held`. With `dryRun`: 200 and how the tenants split into waves. docs/rollouts.md has the gate arithmetic.
         */
        post: operations["RolloutsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rollouts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a rollout
         * @description Its state, its counts per task status, and each wave with its counts and its gate in words.
         */
        get: operations["RolloutsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rollouts/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel a rollout
         * @description Its held and scheduled tasks are cancelled and their recipients told; running tasks finish. The partner contacts are e-mailed.
         */
        post: operations["RolloutsController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rollouts/{id}/confirm": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Confirm a rollout with its one-time code
         * @description The code e-mailed to the licence contact starts the rollout: its first wave opens, and its customers and partners are told now. A code is valid 30 minutes and once; after 5 wrong codes no try is accepted until a platform admin sends a new code.
         */
        post: operations["RolloutsController_confirm"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rollouts/{id}/confirmation-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a new one-time code for a rollout awaiting confirmation
         * @description A new code goes to the licence contact; the old one no longer works (and its e-mail, if not sent yet, is not sent). After 5 wrong codes only a platform admin may ask, which lifts the lock.
         */
        post: operations["RolloutsController_confirmationCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rollouts/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a rollout
         * @description No further task of it starts (its scheduled tasks are held again); running tasks finish. The partner contacts are e-mailed.
         */
        post: operations["RolloutsController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rollouts/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused rollout
         * @description The held tasks of its open waves are scheduled from now; the error gate counts the failures after the resume.
         */
        post: operations["RolloutsController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/rollouts/{id}/waves/{index}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a wave's failed tasks
         * @description Every failed task of the wave (`index` as in `waves[].index`, 0 for the first) gets a new run, under the rules of POST /update-tasks/{id}/retry, all or nothing: if any of them cannot be retried, the answer lists each with its reason and nothing is retried. They run now in a scheduled or running rollout; in a paused one they are held until it resumes. A rollout that ended failed is reopened: it runs again, its tripped waves reopen and its gates count the new runs. Their earlier failures no longer count for the error gate.
         */
        post: operations["RolloutsController_retryWave"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/self-service/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What a customer’s link shows
         * @description The update the link is about as it is now, and the windows it may be postponed to. An older e-mail’s link shows the update but cannot postpone it (canPostpone false).
         */
        get: operations["SelfServiceController_view"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/self-service/{token}/postpone": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Postpone the update to one of the windows offered
         * @description Moves the update like a reschedule (notice sequence raised, calendar entry moved, partner told, `task.rescheduled` and `task.postponed` webhooks); the audit log names the customer via link as the actor.
         */
        post: operations["SelfServiceController_postpone"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is signed in
         * @description The session of the cookie: role, partner, expiry and its CSRF token (a reloaded console page asks again, since the token is kept in memory only). A Bearer key is not a session: 401.
         */
        get: operations["SessionController_current"];
        put?: never;
        /**
         * Sign in to the console
         * @description Exchanges an API key for a session: the answer sets an HttpOnly, SameSite=Strict cookie (Secure and `__Host-` prefixed over HTTPS) and carries the CSRF token that every change made with the cookie must send in `X-CSRF-Token`. The session ends after `SESSION_IDLE_MINUTES` without a request, `SESSION_TTL_HOURS` after sign-in, at sign-out, or when its key is revoked. The key itself is not kept by the browser.
         */
        post: operations["SessionController_signIn"];
        /**
         * Sign out
         * @description Revokes the session at once and clears its cookie. Needs `X-CSRF-Token`.
         */
        delete: operations["SessionController_signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/snapshots/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One snapshot
         * @description Its state, expiry, pin and the executor’s answer to its delete.
         */
        get: operations["SnapshotsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a snapshot early
         * @description The snapshot expires now (and is unpinned); the expiry job of any scheduler process deletes it through the executor within `SNAPSHOT_EXPIRY_INTERVAL_MS`. Platform admins.
         */
        delete: operations["SnapshotsController_delete"];
        options?: never;
        head?: never;
        /**
         * Pin or unpin a snapshot
         * @description A pinned snapshot is kept past its expiry until it is unpinned. Platform admins.
         */
        patch: operations["SnapshotsController_update"];
        trace?: never;
    };
    "/api/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List tenants
         * @description In the order they were created, filtered by partner, platform, version, state, tags (all of them), part of the name, or whether an update is pending (`pendingTask` says when it runs). A partner admin sees its own tenants only.
         */
        get: operations["TenantsController_list"];
        put?: never;
        /**
         * Create a tenant
         * @description Platform admins name the partner; a partner admin creates tenants of its own partner. Without `maintenanceWindow` the tenant gets its platform’s default window in its time zone.
         */
        post: operations["TenantsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a tenant
         * @description With its next maintenance window and whether an update is pending.
         */
        get: operations["TenantsController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a tenant
         * @description A tenant with an open update task (scheduled or running) cannot be deleted.
         */
        delete: operations["TenantsController_delete"];
        options?: never;
        head?: never;
        /**
         * Change a tenant
         * @description Only the fields sent change; `null` clears `customerEmail` and `simulate`. A new maintenance window moves the maintenance-window update that has not started (scheduled, or held by a rollout's wave) to the new one, telling whoever was told of it if its time changed. While the tenant is being updated every change is refused with 409.
         */
        patch: operations["TenantsController_update"];
        trace?: never;
    };
    "/api/v1/tenants/{id}/calendar-token": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Replace a tenant’s calendar feed address
         * @description A new secret token for the tenant’s calendar feed (`calendarUrl`); the previous address answers 404 from now on. For a customer who shared the address by mistake.
         */
        post: operations["TenantsController_rotateCalendarToken"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{id}/snapshots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant's snapshots
         * @description What the backup steps of its updates left behind, oldest first, deleted ones included. Each is kept for the platform's `snapshotRetentionDays` (default 7) unless pinned.
         */
        get: operations["SnapshotsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/blackouts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a tenant’s blackouts
         * @description The tenant’s own blackouts, oldest first; its partner’s are listed on the partner.
         */
        get: operations["TenantBlackoutsController_list"];
        put?: never;
        /**
         * Add a blackout to a tenant
         * @description No update starts inside a blackout: maintenance-window updates take the first window outside it; an immediate or custom update inside it is refused with 422 `blackout_overlap`, unless a platform admin forces it (`forced: true`). Scheduled updates inside the new blackout are moved to the first free window after it or cancelled (`conflictPolicy`; forced ones are always moved), and whoever was told about them is told again; held tasks of rollouts are always moved and stay held. A platform admin's forced immediate or custom update stays inside it, scheduled or held. Partner admins set blackouts for their own partner and tenants; platform admins for all.
         */
        post: operations["TenantBlackoutsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/{tenantId}/blackouts/{blackoutId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /**
         * Remove a tenant’s blackout
         * @description Updates it moved or cancelled stay where they are.
         */
        delete: operations["TenantBlackoutsController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/bulk": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create up to 10,000 tenants at once
         * @description All or nothing: if any row is refused nothing is created, and `details` lists every refused row (`index`, `field` such as `tenants[3].customerEmail`, `reason`). The status is the rows’ own when they agree (all 404, all 409), otherwise 422.
         */
        post: operations["TenantsController_bulkCreate"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/count": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Count tenants
         * @description How many tenants the filters of the list match (a partner admin: of its own).
         */
        get: operations["TenantsController_count"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Add and remove tags on many tenants
         * @description The tenants are named by `tenantIds` or matched by `filter` (the filters of GET /tenants; a partner admin reaches its own tenants only). All or nothing: an unknown id (404, every one listed) or a tenant that would hold more than 32 tags (422) means no tag changes. Tags are removed first, then added after the ones a tenant has, without repeats. A tenant being updated is tagged too. One audit entry (`tenant.bulk_tags`) with the counts and the first ids.
         */
        post: operations["TenantsController_editTags"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List update batches
         * @description Oldest first (newest first with `order=desc`). A partner admin sees the batches holding its tasks, counted for its tasks.
         */
        get: operations["UpdateBatchesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an update batch
         * @description The request that created it and how many of its tasks are in each status.
         */
        get: operations["UpdateBatchesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-batches/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel every task of a batch that has not started
         * @description Running and finished tasks are left alone, and a partner admin’s cancel acts on its own tasks only. All or nothing: if the batch holds forced tasks and the caller is a partner admin, nothing is cancelled and the answer (403) lists them. The recipients of the original notices are told.
         */
        post: operations["UpdateBatchesController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-tasks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List update tasks
         * @description Oldest first (newest first with `order=desc`), filtered by status, tenant, partner, platform, batch or a `runAt` range. A partner admin sees its own tenants’ tasks only.
         */
        get: operations["UpdateTasksController_list"];
        put?: never;
        /**
         * Schedule updates for one, some or all tenants
         * @description Exactly one scope: `tenantIds`, `partnerId` (all of a partner’s tenants) or `platformId` (platform admins). `mode`: `immediate`, `maintenance_window` (each tenant’s next window) or `custom` (`runAt`). With `onConflict: "reject"` (default) any refused tenant means nothing is created and `details` lists every refused tenant; with `"skip"` the others are created and the refused ones listed in `skipped`. With `dryRun` the answer is 200, the same shape with `batchId: null`, and nothing is written.
         */
        post: operations["UpdateTasksController_schedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-tasks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get an update task
         * @description Its status, progress (step, percent, ETA), attempts and error.
         */
        get: operations["UpdateTasksController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-tasks/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an update task
         * @description A scheduled task is cancelled at once; a running one is asked to stop (the answer waits a few seconds for the executor). The recipients of its notices are told, with `reason` when given. Forced tasks can be cancelled by platform admins only.
         */
        post: operations["UpdateTasksController_cancel"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-tasks/{id}/log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a task’s step log
         * @description One line per event: time, attempt, step and message. Sent as a download.
         */
        get: operations["UpdateTasksController_log"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-tasks/{id}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move a scheduled task
         * @description A new mode (and `runAt` for `custom`) under the same rules as scheduling. The recipients of its notices get a rescheduled notice and an updated calendar invitation.
         */
        post: operations["UpdateTasksController_reschedule"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-tasks/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a stuck running task
         * @description A running task whose lease is gone (its process stopped) continues after its last completed step, in any process with a dispatcher.
         */
        post: operations["UpdateTasksController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-tasks/{id}/retry": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry a failed task
         * @description failed → scheduled, due now: a new run from the first step, under the rules of scheduling.
         */
        post: operations["UpdateTasksController_retry"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/update-tasks/{id}/rollback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Roll a task back to the snapshots it took
         * @description For a succeeded or failed task whose snapshots still exist: a new task of kind `rollback` that restores them (precheck, then restore, reboot, verify node by node; failover frozen on an HA tenant), scheduled like any update (immediate, maintenance_window or custom), with its notices. Afterwards the tenant runs the snapshots’ version. Platform admins; partner admins for their own tasks that are not forced.
         */
        post: operations["UpdateTasksController_rollback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List webhook endpoints
         * @description A partner admin sees its partner’s; a platform admin every one.
         */
        get: operations["WebhooksController_list"];
        put?: never;
        /**
         * Register a webhook endpoint
         * @description Events are POSTed to `url` as the Standard Webhooks specification describes (headers `webhook-id`, `webhook-timestamp`, `webhook-signature`; body `WebhookBody`), written in the same transaction as the change they report, retried on WEBHOOK_RETRY_SCHEDULE, in order per task. A partner admin’s endpoint receives its partner’s events; a platform admin’s, the events of `partnerId`, or of every partner without it. The secret is answered once.
         */
        post: operations["WebhooksController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a webhook endpoint
         * @description Its settings and health (`enabled`, `failingSince`); never its secret.
         */
        get: operations["WebhooksController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a webhook endpoint
         * @description With its delivery log.
         */
        delete: operations["WebhooksController_delete"];
        options?: never;
        head?: never;
        /**
         * Change, enable, disable a webhook endpoint or rotate its secret
         * @description `rotateSecret: true` answers the new secret once (`secret`); the previous one signs beside it for 24 hours. `enabled: true` enables an endpoint that was disabled after failing.
         */
        patch: operations["WebhooksController_update"];
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An endpoint’s delivery log
         * @description Each delivery with its status, last response code, latency and error, and its attempts. `order=desc`: newest first.
         */
        get: operations["WebhooksController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a delivery again
         * @description A new delivery of the same message (same `webhook-id`, body and signature scheme), due now.
         */
        post: operations["WebhooksController_redeliver"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/webhooks/{id}/ping": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Send a test event
         * @description Queues a `webhook.ping` delivery, signed and retried like any other; its outcome shows in the delivery log.
         */
        post: operations["WebhooksController_ping"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/calendar/{file}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A tenant’s calendar feed (iCalendar)
         * @description The tenant’s planned update and its platform’s announced maintenance as an RFC 5545 calendar to subscribe to. An update’s entry has the UID and SEQUENCE of the invitation e-mailed for it, so the two show as one event. The address is `calendarUrl` of the tenant; `POST /api/v1/tenants/{id}/calendar-token` replaces it (the old address then answers 404). No API key.
         */
        get: operations["CalendarFeedController_feed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Health check
         * @description For load balancers and orchestrators: 200 when the database answers within 2 seconds, 503 otherwise. No API key needed, not rate limited.
         */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description The Prometheus text exposition format. Open unless the service runs with `METRICS_TOKEN`; then send `Authorization: Bearer <METRICS_TOKEN>`. Not rate limited.
         */
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AffectedTasks: {
            cancelled: number;
            rescheduled: number;
        };
        AmountDto: {
            count?: number;
            percent?: number;
        };
        AnnouncementList: {
            items: components["schemas"]["AnnouncementResponse"][];
        };
        AnnouncementResponse: {
            /** Format: date-time */
            endsAt: string;
            /** Format: uuid */
            id: string;
            message: string;
            /** Format: uuid */
            platformId: string;
            platformName: string;
            /** Format: date-time */
            startsAt: string;
            /** @enum {string} */
            status: "current" | "upcoming";
        };
        ApiKeyPage: {
            /** @description This page, in list order */
            items: components["schemas"]["ApiKeyResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        ApiKeyResponse: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @description First characters of the key, to recognise it */
            keyPrefix: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            /** Format: uuid */
            partnerId: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /** @enum {string} */
            role: "platform_admin" | "partner_admin";
        };
        AuditActorResponse: {
            /** Format: uuid */
            keyId: string | null;
            /** Format: uuid */
            partnerId: string | null;
            /** @example platform_admin */
            role: string | null;
        };
        AuditLogPage: {
            /** @description This page, in list order */
            items: components["schemas"]["AuditLogResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        AuditLogResponse: {
            /** @example tenant.update */
            action: string;
            actor: components["schemas"]["AuditActorResponse"];
            /** @description The entity after the change (secrets left out) */
            after: {
                [key: string]: unknown;
            } | null;
            /** Format: date-time */
            at: string;
            /** @description The entity before the change (secrets left out) */
            before: {
                [key: string]: unknown;
            } | null;
            entityId: string | null;
            /** @example tenant */
            entityType: string;
            /** @description Increasing with time */
            id: string;
        };
        BatchPage: {
            /** @description This page, in list order */
            items: components["schemas"]["BatchResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        BatchResponse: {
            counts: components["schemas"]["StatusCountsResponse"];
            /** Format: date-time */
            createdAt: string;
            createdBy: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            /** @description The options of the request (mode, runAt, forced, notifications …) */
            options: {
                [key: string]: unknown;
            };
            /** @description The scope of the request: tenantIds, partnerId or platformId */
            scope: {
                [key: string]: unknown;
            };
            targetVersion: string;
            /** @description Tasks created (for a partner admin: its own tasks in the batch) */
            total: number;
        };
        BlackoutAffected: {
            cancelled: number;
            rescheduled: number;
        };
        BlackoutList: {
            items: components["schemas"]["BlackoutResponse"][];
        };
        BlackoutResponse: {
            /** @enum {string} */
            conflictPolicy: "cancel" | "reschedule";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            endsAt: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            partnerId: string | null;
            reason: string;
            /** @enum {string} */
            repeat: "none" | "weekly" | "monthly" | "yearly";
            /** Format: date-time */
            startsAt: string;
            /** Format: uuid */
            tenantId: string | null;
            /** @example Europe/Rome */
            timezone: string;
        };
        BulkCreatedResponse: {
            created: number;
            /** @description Ids in the order of the request */
            ids: string[];
        };
        BulkCreateTenantsDto: {
            tenants: components["schemas"]["CreateTenantDto"][];
        };
        CalendarTokenResponse: {
            /**
             * Format: uri
             * @description The feed’s new address; the previous one now answers 404
             * @example http://localhost:3000/calendar/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.ics
             */
            calendarUrl: string;
        };
        CancelTaskDto: {
            /** @description Told to the recipients of the cancellation notice, as given. Without it they are told, in their language, who cancelled it. */
            reason?: string;
        };
        ConfirmationResponse: {
            /**
             * Format: date-time
             * @description Unless confirmed by then, it is cancelled with its tasks (ROLLOUT_CONFIRMATION_EXPIRY_HOURS after its creation; a new code does not move it)
             */
            cancelsAt: string | null;
            /** Format: date-time */
            confirmedAt: string | null;
            /**
             * Format: date-time
             * @description When the current code stops working
             */
            expiresAt: string;
            /** @description No try is accepted until a platform admin sends a new code */
            locked: boolean;
            /** @description Why it needs confirmation (the rules of its platform that matched) */
            reasons: ("downgrade" | "forced" | "platform_scope" | "tenants_over")[];
            /** Format: date-time */
            sentAt: string;
            /** @description The licence e-mail(s) the current code went to */
            sentTo: string[];
            /** @description Tries left before the rollout is locked (after 5 wrong codes) */
            triesLeft: number;
            /** @description Wrong codes entered since the current code was sent */
            wrongCodes: number;
        };
        ConfirmRolloutDto: {
            /**
             * @description The one-time code from the e-mail (8 characters; letter case, spaces and dashes do not matter)
             * @example K7M2-QX9P
             */
            code: string;
        };
        CreateApiKeyDto: {
            /** @example ACME reseller automation */
            name: string;
            /**
             * Format: uuid
             * @description Required for partner_admin keys
             */
            partnerId?: string;
            /** @enum {string} */
            role: "platform_admin" | "partner_admin";
        };
        CreateBlackoutDto: {
            /**
             * @description What happens to scheduled updates inside the blackout: moved to the first free window after it, or cancelled (forced ones, and held tasks of rollouts, are always moved; a platform admin's forced immediate or custom update stays inside it). Default: `"reschedule"`.
             * @enum {string}
             */
            conflictPolicy?: "cancel" | "reschedule";
            /**
             * @description The (first) end, exclusive
             * @example 2027-01-07T00:00:00+01:00
             */
            endsAt: string;
            /** @example Christmas sales: no updates */
            reason: string;
            /**
             * @description Repeats every week, month or year at the same wall-clock time in `timezone` (a repeating blackout lasts at most 7, 28 or 365 days). Default: `"none"`.
             * @enum {string}
             */
            repeat?: "none" | "weekly" | "monthly" | "yearly";
            /**
             * @description The (first) start
             * @example 2026-12-20T00:00:00+01:00
             */
            startsAt: string;
            /**
             * @description The zone a repeating blackout keeps its wall-clock times in; defaults to the tenant's time zone (a partner's: its platform's)
             * @example Europe/Rome
             */
            timezone?: string;
        };
        CreatedApiKeyResponse: {
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @description The key itself. Shown once: only its hash is stored. */
            key: string;
            /** @description First characters of the key, to recognise it */
            keyPrefix: string;
            /** Format: date-time */
            lastUsedAt: string | null;
            name: string;
            /** Format: uuid */
            partnerId: string | null;
            /** Format: date-time */
            revokedAt: string | null;
            /** @enum {string} */
            role: "platform_admin" | "partner_admin";
        };
        CreatedBlackoutResponse: {
            /** @description Updates inside the blackout: scheduled ones, and held tasks of rollouts (always moved, never cancelled by the policy) */
            affected: components["schemas"]["BlackoutAffected"];
            /** @enum {string} */
            conflictPolicy: "cancel" | "reschedule";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            endsAt: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            partnerId: string | null;
            reason: string;
            /** @enum {string} */
            repeat: "none" | "weekly" | "monthly" | "yearly";
            /** Format: date-time */
            startsAt: string;
            /** Format: uuid */
            tenantId: string | null;
            /** @example Europe/Rome */
            timezone: string;
            warnings: string[];
        };
        CreatedMaintenanceResponse: {
            /** @description Updates that overlapped the period: scheduled ones, and held tasks of rollouts (always moved, never cancelled by the policy) */
            affected: components["schemas"]["AffectedTasks"];
            /** @enum {string} */
            conflictPolicy: "cancel" | "reschedule";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            endsAt: string;
            /** Format: uuid */
            id: string;
            message: string;
            /** Format: uuid */
            platformId: string;
            /** Format: date-time */
            startsAt: string;
            warnings: string[];
        };
        CreateMaintenanceDto: {
            /**
             * @description What happens to scheduled updates that overlap the period (forced ones, and held tasks of rollouts, are always rescheduled). Default: `"cancel"`.
             * @enum {string}
             */
            conflictPolicy?: "cancel" | "reschedule";
            /** @description Answer (200) how many scheduled updates announcing would cancel or move, and write nothing */
            dryRun?: boolean;
            /** @example 2027-03-07T04:00:00+01:00 */
            endsAt: string;
            /** @example Database cluster upgrade. The portal stays available. */
            message: string;
            /** @example 2027-03-06T22:00:00+01:00 */
            startsAt: string;
        };
        CreatePartnerDto: {
            /** @description Receive partner notifications */
            contacts?: components["schemas"]["PartnerContactDto"][];
            /** @description Overrides the platform's customerPostpone for this partner's tenants, field by field (a field not given is the platform's) */
            customerPostpone?: components["schemas"]["CustomerPostponeDto"];
            /**
             * @description The licence contact: one-time codes that confirm its risky rollouts are e-mailed here (docs/rollouts.md, "Confirmation"). null clears it.
             * @example licence@reseller.example
             */
            licenceEmail?: string | null;
            /** @example ACME Telecom */
            name: string;
            /** Format: uuid */
            platformId: string;
        };
        CreatePlatformDto: {
            /** @description What customers may do with the self-service link in their e-mails (partners may override it); fields not given keep their value (on creation: allowed true, maxDays 14, maxTimes 2) */
            customerPostpone?: components["schemas"]["CustomerPostponeDto"];
            /** @description Window given to new tenants that do not bring their own (default 0 2 * * SUN, 240 min) */
            defaultMaintenanceWindow?: components["schemas"]["WindowScheduleDto"];
            executor?: components["schemas"]["ExecutorSettingsDto"];
            /**
             * @description The platform's licence contact: one-time codes of platform admins' rollouts across partners go here (docs/rollouts.md, "Confirmation"). null clears it.
             * @example licence@cloud.example
             */
            licenceEmail?: string | null;
            /** @example EU cloud */
            name: string;
            /** @description Which rollouts need confirmation with an e-mailed one-time code; fields left out keep their value (default: a downgrade, a whole platform, or more than 1,000 tenants) */
            rolloutConfirmation?: components["schemas"]["RolloutConfirmationDto"];
            /** @description Days a snapshot is kept before the expiry job deletes it (unless pinned). Default: `7`. */
            snapshotRetentionDays?: number;
            /** @example Europe/Berlin */
            timezone: string;
            /**
             * @description The steps its updates run, among precheck, backup (takes the snapshot a rollback restores), apply, migrate, reboot, verify; they run in that order whatever the order given, and apply, migrate and reboot once per hop of an upgrade path. Must include apply. Default: precheck, backup, apply, reboot, verify
             * @example [
             *       "precheck",
             *       "backup",
             *       "apply",
             *       "migrate",
             *       "reboot",
             *       "verify"
             *     ]
             */
            updateSteps?: ("precheck" | "backup" | "apply" | "migrate" | "reboot" | "verify")[];
        };
        CreateRolloutDto: {
            /** @description Confirms that an older version may be installed */
            allowDowngrade?: boolean;
            /** @description Answer as if scheduling, write nothing */
            dryRun?: boolean;
            /** @description Failures that trip the error gate: a count (over the whole rollout), or a percent (of a wave, and of the whole rollout). Default: none. */
            errorThreshold?: components["schemas"]["AmountDto"];
            /** @description Default: `60`. */
            expectedDurationMinutes?: number;
            /** @description Scope: every tenant matching the filter (the filters of GET /tenants); a partner admin's filter covers its own tenants only */
            filter?: components["schemas"]["TenantFilterDto"];
            /** @description Only platform admins can cancel a forced task */
            forced?: boolean;
            /** @description How many of the rollout's tasks may run at once: a count, or a percent of its tasks (rounded up) */
            maxConcurrency?: components["schemas"]["AmountDto"];
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            /** @description E-mail the tenant's customer contact */
            notifyCustomer?: boolean;
            /** @description E-mail the partner's contacts */
            notifyPartner?: boolean;
            /**
             * @description Default: `"reject"`.
             * @enum {string}
             */
            onConflict?: "reject" | "skip";
            /**
             * @description Default: `"pause"`.
             * @enum {string}
             */
            onError?: "pause" | "stop";
            /**
             * Format: uuid
             * @description Scope: all of a partner's tenants
             */
            partnerId?: string;
            /**
             * Format: uuid
             * @description Scope: all of a platform's tenants (platform admins)
             */
            platformId?: string;
            /** @description Redeploy the tenant (also allows installing the current version again) */
            redeploy?: boolean;
            /** @description When a step fails after the update was applied (e.g. verify), restore the snapshots taken before it at once, in the same run; the task then ends failed with rolledBack: true. Default: `false`. */
            rollbackOnFailure?: boolean;
            /** @description Custom mode: when the update runs (ISO 8601 with offset) */
            runAt?: string;
            /** @description Minutes to wait after a wave passed before the next opens. Default: `0`. */
            soakMinutes?: number;
            /** @description Percent of a wave that must succeed before the next wave opens (cancelled tasks left out). Default: `100`. */
            successThreshold?: number;
            /** @example 14.0.0 */
            targetVersion: string;
            /** @description Scope: these tenants */
            tenantIds?: string[];
            /** @description In order; tenants left over after the last wave join it. Default: one wave of every tenant. */
            waves?: components["schemas"]["WaveDto"][];
        };
        CreateSessionDto: {
            /** @description The API key to sign in with; it is not kept by the browser */
            apiKey: string;
        };
        CreateTenantDto: {
            /** @description Default: `true`. */
            autoUpdateAllowed?: boolean;
            /** @example it@damario.example */
            customerEmail?: string | null;
            /** @description When true the update pre-check fails until removed. Default: `false`. */
            customizations?: boolean;
            /**
             * @description Default: `"en"`.
             * @enum {string}
             */
            locale?: "en" | "de" | "it";
            /** @description Defaults to the platform's default window */
            maintenanceWindow?: components["schemas"]["MaintenanceWindowDto"];
            /** @example Pizzeria Da Mario */
            name: string;
            /** @description HA tenants: updated node by node */
            nodes?: components["schemas"]["TenantNodeDto"][];
            /**
             * Format: uuid
             * @description Required for platform admins; a partner admin's own partner by default
             */
            partnerId?: string;
            simulate?: components["schemas"]["TenantSimulationDto"];
            /** @example 13.2.0 */
            softwareVersion: string;
            /**
             * @description Lower-case words: letters, digits and ":._-", at most 64 characters each
             * @example [
             *       "ring:canary",
             *       "region:eu"
             *     ]
             */
            tags?: string[];
            /**
             * @description Defaults to the platform's timezone
             * @example Europe/Rome
             */
            timezone?: string;
        };
        CreateVersionDto: {
            /**
             * @description Default: `"available"`.
             * @enum {string}
             */
            channel?: "recommended" | "available" | "test" | "prohibited";
            /**
             * @description The oldest installed version this one may be applied on: a tenant on an older version is updated through the platform's versions in turn (the fewest hops). null: any version.
             * @example 13.5.0
             */
            minimumFrom?: string | null;
            /** @example Fixes call forwarding on HA nodes. */
            releaseNotes?: string;
            /** @example 14.2.0 */
            version: string;
        };
        CreateWebhookDto: {
            /** @example Tickets in our PSA */
            description?: string;
            /** @description The events sent to the endpoint. Task events carry `WebhookTaskData`, maintenance events `WebhookMaintenanceData`, blackout events `WebhookBlackoutData`, rollout events `WebhookRolloutData` (see `WebhookBody`). */
            events: ("task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "task.postponed" | "blackout.created" | "blackout.deleted" | "rollout.resumed")[];
            /**
             * Format: uuid
             * @description Platform admins: the partner whose events the endpoint receives; omitted: every partner’s. Partner admins: their own partner (the default).
             */
            partnerId?: string;
            /**
             * @description Where deliveries are POSTed: https only, not resolving to a loopback, private or link-local address (unless the service runs with WEBHOOK_ALLOW_PRIVATE=true)
             * @example https://psa.partner.example/hooks/updates
             */
            url: string;
        };
        CustomerPostponeDto: {
            /** @description Customers may postpone an update to a later maintenance window of their tenant. Default: `true`. */
            allowed?: boolean;
            /** @description The new time starts at most this many days after the time first announced. Default: `14`. */
            maxDays?: number;
            /** @description How often the customer may postpone one update. Default: `2`. */
            maxTimes?: number;
        };
        CustomerPostponeOverrideResponse: {
            allowed?: boolean;
            maxDays?: number;
            maxTimes?: number;
        };
        CustomerPostponeResponse: {
            allowed: boolean;
            maxDays: number;
            maxTimes: number;
        };
        DeliveryAttemptResponse: {
            /** Format: date-time */
            at: string;
            error: string | null;
            latencyMs: number;
            /** @description null: no response */
            responseCode: number | null;
        };
        DryRunConfirmation: {
            /** @description Whether the rollout would be created awaiting confirmation with an e-mailed one-time code (202) */
            needed: boolean;
            /** @description The rules of its platforms that match, as confirmation.reasons of the rollout would show them (empty: none) */
            reasons: ("downgrade" | "forced" | "platform_scope" | "tenants_over")[];
        };
        EditTenantTagsDto: {
            /**
             * @example [
             *       "ring:canary"
             *     ]
             */
            add?: string[];
            /** @description Every tenant matching the filters of GET /tenants; a partner admin's filter covers its own tenants only */
            filter?: components["schemas"]["TenantFilterDto"];
            /**
             * @example [
             *       "ring:late"
             *     ]
             */
            remove?: string[];
            /** @description These tenants (every one must exist and be yours, or nothing changes) */
            tenantIds?: string[];
        };
        ErrorDetailResponse: {
            /**
             * @description A stable code for the refusal (e.g. `open_task`, `maintenance_overlap`)
             * @example open_task
             */
            code?: string;
            /**
             * @description The failing field (`tenants[3].customerEmail`, `Authorization`, `body` …)
             * @example runAt
             */
            field?: string;
            /**
             * @description Position of the failing row in a bulk request
             * @example 3
             */
            index?: number;
            /**
             * @description Why, in one readable phrase
             * @example must be in the future
             */
            reason: string;
            /**
             * Format: uuid
             * @description The tenant a refusal concerns
             */
            tenantId?: string;
        };
        ErrorResponse: {
            /** @description Every failing field (or failing row of a bulk request); may be empty */
            details: components["schemas"]["ErrorDetailResponse"][];
            /**
             * @description The HTTP reason phrase of statusCode
             * @example Bad Request
             */
            error: string;
            /**
             * @description One readable sentence
             * @example runAt must be in the future
             */
            message: string;
            /** @example 400 */
            statusCode: number;
        };
        ExecutorReportAnswer: {
            /** @description false: the task no longer runs that run (the report is ignored) */
            accepted: boolean;
        };
        ExecutorReportDto: {
            /** @description What the executor is doing, or why the step failed */
            message?: string;
            /** @description The step's own progress */
            percent?: number;
            /** @description The run the step belongs to (from the step request) */
            run: number;
            /** @description When the report was sent (ISO 8601); at most 5 minutes off */
            sentAt: string;
            /** @enum {string} */
            status: "running" | "succeeded" | "failed";
            /**
             * @description stepKey of the step request
             * @example apply@node-b
             */
            stepKey: string;
            /**
             * Format: uuid
             * @description The task of the path: the signature covers the body only, so the body names it
             */
            taskId: string;
        };
        ExecutorSettingsDto: {
            /**
             * @description Unset: the EXECUTOR setting applies
             * @enum {string}
             */
            driver?: "simulated" | "http";
            /** @description HMAC-SHA256 key shared with the deployment API (write-only) */
            secret?: string;
            /** @example https://deploy.example.com/api/updates */
            url?: string;
        };
        ExecutorSettingsResponse: {
            /** @enum {string|null} */
            driver: "simulated" | "http" | null;
            /** @description Whether a secret is stored (the secret itself is never returned) */
            secretSet: boolean;
            url: string | null;
        };
        HealthChecks: {
            /** @enum {string} */
            database: "up" | "down";
        };
        HealthResponse: {
            checks: components["schemas"]["HealthChecks"];
            /** @enum {string} */
            status: "ok" | "error";
        };
        MaintenancePage: {
            /** @description This page, in list order */
            items: components["schemas"]["MaintenanceResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        MaintenanceResponse: {
            /** @enum {string} */
            conflictPolicy: "cancel" | "reschedule";
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            endsAt: string;
            /** Format: uuid */
            id: string;
            message: string;
            /** Format: uuid */
            platformId: string;
            /** Format: date-time */
            startsAt: string;
        };
        MaintenanceWindowDto: {
            /**
             * @description 5-field cron: minute hour day month weekday
             * @example 0 2 * * SUN
             */
            cron: string;
            /** @example 240 */
            durationMinutes: number;
            /**
             * @description Defaults to the tenant's timezone
             * @example Europe/Rome
             */
            timezone?: string;
        };
        NotificationPage: {
            /** @description This page, in list order */
            items: components["schemas"]["NotificationResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        NotificationResponse: {
            /** @description Sending attempts since it was queued (or resent) */
            attempts: number;
            /** Format: uuid */
            batchId: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @enum {string} */
            event: "task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "rollout.confirmation" | "webhook.disabled";
            /** @description Partner e-mails with the same key that are due together go out as one digest */
            groupKey: string | null;
            /** Format: uuid */
            id: string;
            /** @description Why the last attempt failed */
            lastError: string | null;
            /** @example de */
            locale: string;
            /** @description Message-ID of the sent e-mail */
            messageId: string | null;
            /**
             * Format: date-time
             * @description When a pending e-mail is (re)tried next
             */
            nextAttemptAt: string;
            /** Format: uuid */
            partnerId: string | null;
            recipient: string;
            /** @enum {string} */
            recipientKind: "partner" | "customer";
            /** @description How often an admin had it sent again */
            resends: number;
            /** Format: date-time */
            sentAt: string | null;
            /** @enum {string} */
            status: "pending" | "sending" | "sent" | "dead";
            /** Format: uuid */
            taskId: string | null;
            /** @example Europe/Berlin */
            timezone: string;
        };
        PartnerContactDto: {
            /** @example ops@reseller.example */
            email: string;
            /**
             * @description Default: `"en"`.
             * @enum {string}
             */
            locale?: "en" | "de" | "it";
            /**
             * @description Defaults to the platform's timezone
             * @example Europe/Rome
             */
            timezone?: string;
        };
        PartnerContactResponse: {
            email: string;
            /** @enum {string} */
            locale: "en" | "de" | "it";
            timezone: string;
        };
        PartnerPage: {
            /** @description This page, in list order */
            items: components["schemas"]["PartnerResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        PartnerResponse: {
            contacts: components["schemas"]["PartnerContactResponse"][];
            /** Format: date-time */
            createdAt: string;
            /** @description Its override of the platform's customerPostpone (null: none) */
            customerPostpone: components["schemas"]["CustomerPostponeOverrideResponse"] | null;
            /** Format: uuid */
            id: string;
            /** @description Where its one-time codes go */
            licenceEmail: string | null;
            name: string;
            /** Format: uuid */
            platformId: string;
            /** Format: date-time */
            updatedAt: string;
        };
        PendingTaskResponse: {
            forced: boolean;
            /** Format: uuid */
            id: string;
            mode: string;
            /** @description When it is planned to run (or started) */
            runAt: string;
            /** @enum {string} */
            status: "held" | "scheduled" | "running";
            targetVersion: string;
        };
        PlannedSlot: {
            /** @description Latest start (window mode) */
            expiresAt: string | null;
            /** @description When the tasks run */
            runAt: string;
            tenants: number;
            /**
             * @description The tenants' maintenance window time zone
             * @example Europe/Rome
             */
            timezone: string;
        };
        PlatformPage: {
            /** @description This page, in list order */
            items: components["schemas"]["PlatformResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        PlatformResponse: {
            /** Format: date-time */
            createdAt: string;
            /** @description What customers may do with the self-service link (partners may override it) */
            customerPostpone: components["schemas"]["CustomerPostponeResponse"];
            defaultMaintenanceWindow: components["schemas"]["WindowScheduleDto"];
            executor: components["schemas"]["ExecutorSettingsResponse"];
            /** Format: uuid */
            id: string;
            /** @description Where its one-time codes go */
            licenceEmail: string | null;
            name: string;
            rolloutConfirmation: components["schemas"]["RolloutConfirmationResponse"];
            /** @description Days a snapshot is kept (unless pinned) */
            snapshotRetentionDays: number;
            timezone: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description The steps its updates run, in the order they run */
            updateSteps: ("precheck" | "backup" | "apply" | "migrate" | "reboot" | "verify")[];
        };
        PostponeDto: {
            /**
             * Format: date-time
             * @description The start of one of postponeOptions
             */
            start: string;
        };
        PostponeOption: {
            /**
             * Format: date-time
             * @description The window’s end
             */
            end: string;
            /**
             * Format: date-time
             * @description The window’s start: the update’s new time
             */
            start: string;
        };
        RescheduleTaskDto: {
            expectedDurationMinutes?: number;
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            /** @description Custom mode: the new time (ISO 8601 with offset) */
            runAt?: string;
        };
        RollbackTaskDto: {
            /** @description Default: the task's */
            expectedDurationMinutes?: number;
            /**
             * @description When the rollback runs, as for an update
             * @enum {string}
             */
            mode: "immediate" | "maintenance_window" | "custom";
            /** @description E-mail the tenant's customer (default: as the task did) */
            notifyCustomer?: boolean;
            /** @description E-mail the partner's contacts (default: as the task did) */
            notifyPartner?: boolean;
            /** @description Custom mode: when (ISO 8601 with offset) */
            runAt?: string;
        };
        RolloutConfirmationDto: {
            /** @description A rollout that downgrades any tenant (default true) */
            downgrade?: boolean;
            /** @description A forced rollout (default false) */
            forced?: boolean;
            /** @description A rollout scoped by platformId, or a filter by platformId (default true) */
            platformScope?: boolean;
            /** @description A rollout of more than this many tenants (default 1000; null: no count rule) */
            tenantsOver?: number | null;
        };
        RolloutConfirmationResponse: {
            downgrade: boolean;
            forced: boolean;
            platformScope: boolean;
            tenantsOver: number | null;
        };
        RolloutDryRunResponse: {
            confirmation: components["schemas"]["DryRunConfirmation"];
            /** @description Tasks that would be created */
            created: number;
            /** @description Tenants that would be skipped (onConflict: skip), with why */
            skipped: string[];
            warnings: string[];
            waves: components["schemas"]["WaveSplit"][];
        };
        RolloutPage: {
            /** @description This page, in list order */
            items: components["schemas"]["RolloutResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        RolloutResponse: {
            /**
             * Format: uuid
             * @description The update batch holding its tasks
             */
            batchId: string;
            /** @description Its confirmation with a one-time code, if it needed one (docs/rollouts.md, "Confirmation") */
            confirmation: components["schemas"]["ConfirmationResponse"] | null;
            counts: components["schemas"]["StatusCountsResponse"];
            /** Format: date-time */
            createdAt: string;
            /** @description The API key that created it */
            createdBy: string | null;
            /** @description The error gate in words */
            errorGate: string;
            errorThreshold: components["schemas"]["AmountDto"] | null;
            /** Format: date-time */
            finishedAt: string | null;
            forced: boolean;
            /** Format: uuid */
            id: string;
            maxConcurrency: components["schemas"]["AmountDto"] | null;
            /** @description maxConcurrency as a count */
            maxRunning: number | null;
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            /** @enum {string} */
            onError: "pause" | "stop";
            /**
             * Format: uuid
             * @description The partner it belongs to (null: a platform admin’s rollout across partners)
             */
            partnerId: string | null;
            /** @description Why it paused, stopped, failed or was cancelled */
            pausedReason: string | null;
            /** Format: date-time */
            runAt: string | null;
            soakMinutes: number;
            /** @enum {string} */
            state: "awaiting_confirmation" | "scheduled" | "running" | "paused" | "succeeded" | "failed" | "stopped" | "cancelled";
            successThreshold: number;
            targetVersion: string;
            /** @description Its tasks */
            total: number;
            /** Format: date-time */
            updatedAt: string;
            waves: components["schemas"]["WaveResponse"][];
        };
        ScheduleResponse: {
            /** Format: uuid */
            batchId: string | null;
            created: number;
            /** @description How many tenants the scope matched (created and skipped) */
            matched: number;
            skipped: components["schemas"]["SkippedTenant"][];
            /** @description When the tasks run, earliest first (at most 100 slots) */
            slots: components["schemas"]["PlannedSlot"][];
            warnings: string[];
        };
        ScheduleUpdatesDto: {
            /** @description Confirms that an older version may be installed */
            allowDowngrade?: boolean;
            /** @description Answer as if scheduling, write nothing */
            dryRun?: boolean;
            /** @description Default: `60`. */
            expectedDurationMinutes?: number;
            /** @description Scope: every tenant matching the filter (the filters of GET /tenants); a partner admin's filter covers its own tenants only */
            filter?: components["schemas"]["TenantFilterDto"];
            /** @description Only platform admins can cancel a forced task */
            forced?: boolean;
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            /** @description E-mail the tenant's customer contact */
            notifyCustomer?: boolean;
            /** @description E-mail the partner's contacts */
            notifyPartner?: boolean;
            /**
             * @description Default: `"reject"`.
             * @enum {string}
             */
            onConflict?: "reject" | "skip";
            /**
             * Format: uuid
             * @description Scope: all of a partner's tenants
             */
            partnerId?: string;
            /**
             * Format: uuid
             * @description Scope: all of a platform's tenants (platform admins)
             */
            platformId?: string;
            /** @description Redeploy the tenant (also allows installing the current version again) */
            redeploy?: boolean;
            /** @description When a step fails after the update was applied (e.g. verify), restore the snapshots taken before it at once, in the same run; the task then ends failed with rolledBack: true. Default: `false`. */
            rollbackOnFailure?: boolean;
            /** @description Custom mode: when the update runs (ISO 8601 with offset) */
            runAt?: string;
            /** @example 14.0.0 */
            targetVersion: string;
            /** @description Scope: these tenants */
            tenantIds?: string[];
        };
        SelfServiceResponse: {
            /** @description This link may postpone the update now (the latest e-mail’s link, scheduled, not forced, within the policy, and a free window exists) */
            canPostpone: boolean;
            /** @description Required by the platform operator: never postponed */
            forced: boolean;
            fromVersion: string;
            /** @example de */
            locale: string;
            /** @description The windows it may be postponed to */
            postponeOptions: components["schemas"]["PostponeOption"][];
            /** Format: date-time */
            runAt: string;
            /** @enum {string} */
            status: "held" | "scheduled" | "running" | "succeeded" | "failed" | "cancelled";
            targetVersion: string;
            tenantName: string;
            /** @description The tenant’s time zone (the page shows times in it) */
            timezone: string;
        };
        SessionResponse: {
            /** @description Send it back in the X-CSRF-Token header with every POST, PATCH and DELETE carried by the session cookie */
            csrfToken: string;
            /** @description The session ends at this time at the latest */
            expiresAt: string;
            /** @description The session also ends after this many minutes without a request */
            idleTimeoutMinutes: number;
            /**
             * Format: uuid
             * @description The API key the session acts for
             */
            keyId: string;
            /** @description The API key's name */
            name: string;
            /** Format: uuid */
            partnerId: string | null;
            /**
             * Format: uuid
             * @description The partner's platform
             */
            platformId: string | null;
            /** @enum {string} */
            role: "platform_admin" | "partner_admin";
        };
        SkippedTenant: {
            code: string;
            /** @description Position in tenantIds */
            index?: number;
            reason: string;
            /** Format: uuid */
            tenantId: string;
        };
        SnapshotPage: {
            /** @description This page, in list order */
            items: components["schemas"]["SnapshotResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        SnapshotResponse: {
            /** Format: date-time */
            deletedAt: string | null;
            /** @description The executor's answer to the last delete */
            deleteResult: string | null;
            /**
             * Format: date-time
             * @description Deleted after this time unless pinned (the platform's snapshotRetentionDays)
             */
            expiresAt: string;
            /** @description The executor's id of the snapshot (what a restore names) */
            externalId: string;
            /** Format: uuid */
            id: string;
            /** @description The node (HA tenants) */
            node: string | null;
            /** @description Kept past its expiry until unpinned */
            pinned: boolean;
            /** Format: uuid */
            platformId: string;
            /** @description The run of the task that took it */
            run: number;
            /**
             * @description available: kept and restorable; deleting: the expiry job is deleting it (or tries again); deleted; delete_failed: the executor refused every try
             * @enum {string}
             */
            state: "available" | "deleting" | "deleted" | "delete_failed";
            /** Format: date-time */
            takenAt: string;
            /**
             * Format: uuid
             * @description The update task whose backup step took it
             */
            taskId: string;
            /** Format: uuid */
            tenantId: string;
            /** @description The version the node ran when it was taken: what a restore brings back */
            version: string;
        };
        StatusCountsResponse: {
            cancelled: number;
            failed: number;
            held: number;
            running: number;
            scheduled: number;
            succeeded: number;
        };
        TaskPage: {
            /** @description This page, in list order */
            items: components["schemas"]["TaskResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        TaskProgress: {
            /**
             * Format: date-time
             * @description Estimated completion time
             */
            eta: string | null;
            percent: number;
            step: string | null;
        };
        TaskResponse: {
            /** @description The actions the caller's role may take on the task in its current status */
            actions: ("cancel" | "reschedule" | "retry" | "resume" | "rollback")[];
            allowDowngrade: boolean;
            attempts: number;
            /** Format: uuid */
            batchId: string;
            cancelReason: string | null;
            /** Format: date-time */
            createdAt: string;
            /** @description The API key that scheduled it */
            createdBy: string | null;
            error: string | null;
            expectedDurationMinutes: number;
            /**
             * Format: date-time
             * @description Latest start: the end of the maintenance window
             */
            expiresAt: string | null;
            /** Format: date-time */
            finishedAt: string | null;
            forced: boolean;
            fromVersion: string;
            /** Format: uuid */
            id: string;
            /**
             * @description update, or rollback: restores the snapshots of the task `rollbackOf`
             * @enum {string}
             */
            kind: "update" | "rollback";
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            notifyCustomer: boolean;
            notifyPartner: boolean;
            /** Format: uuid */
            partnerId: string;
            /**
             * @description The versions in turn: the installed one, every hop of the upgrade path, the target last
             * @example [
             *       "13.2.0",
             *       "13.5.0",
             *       "14.0.0"
             *     ]
             */
            path: string[];
            /** Format: uuid */
            platformId: string;
            progress: components["schemas"]["TaskProgress"];
            redeploy: boolean;
            /**
             * Format: uuid
             * @description A rollback: the task whose snapshots it restores
             */
            rollbackOf: string | null;
            /** @description A failure after the apply restores the snapshots in the same run */
            rollbackOnFailure: boolean;
            /** @description The run failed and its automatic rollback restored the tenant (status: failed) */
            rolledBack: boolean;
            /**
             * Format: uuid
             * @description The rollout the task belongs to (null for a plain batch)
             */
            rolloutId: string | null;
            /** Format: date-time */
            runAt: string;
            /** @description GET /update-tasks/{id} only: the snapshots its backup steps took (its latest run that took any) */
            snapshots?: components["schemas"]["SnapshotResponse"][];
            /** Format: date-time */
            startedAt: string | null;
            /** @enum {string} */
            status: "held" | "scheduled" | "running" | "succeeded" | "failed" | "cancelled";
            targetVersion: string;
            /** Format: uuid */
            tenantId: string;
            /** @description The tenant's name */
            tenantName: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description Its wave in the rollout, 0 for the first (null for a plain batch) */
            wave: number | null;
        };
        TenantCountResponse: {
            /** @description How many tenants match the filters */
            count: number;
        };
        TenantFilterDto: {
            /** Format: uuid */
            partnerId?: string;
            /** @description With (true) or without (false) an open update task */
            pendingUpdate?: boolean;
            /** Format: uuid */
            platformId?: string;
            /** @description Part of the name, in any letter case */
            search?: string;
            /**
             * @description The installed version: a semver range (`<14.0.0`, `>=13.0.0 <14.0.0`, `^13.2`) or a version
             * @example <14.0.0
             */
            softwareVersion?: string;
            /** @enum {string} */
            state?: "active" | "updating" | "locked" | "failed";
            /** @description All of these tags */
            tags?: string[];
        };
        TenantNodeDto: {
            /** @example node-a */
            name: string;
        };
        TenantPage: {
            /** @description This page, in list order */
            items: components["schemas"]["TenantResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        TenantResponse: {
            autoUpdateAllowed: boolean;
            /**
             * Format: uri
             * @description The tenant’s calendar feed (iCalendar: its planned update and platform maintenance) for its customer to subscribe to. The address is the secret: `POST /tenants/{id}/calendar-token` replaces it.
             * @example http://localhost:3000/calendar/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef.ics
             */
            calendarUrl: string;
            /** Format: date-time */
            createdAt: string;
            customerEmail: string | null;
            customizations: boolean;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            locale: "en" | "de" | "it";
            maintenanceWindow: components["schemas"]["MaintenanceWindowDto"];
            name: string;
            /** @description The next maintenance window from now */
            nextMaintenanceWindow: components["schemas"]["TimeSlotResponse"];
            nodes: components["schemas"]["TenantNodeDto"][];
            /** Format: uuid */
            partnerId: string;
            /** @description The open update task, when pendingUpdate */
            pendingTask: components["schemas"]["PendingTaskResponse"] | null;
            /** @description Whether an update task is scheduled or running */
            pendingUpdate: boolean;
            /** Format: uuid */
            platformId: string;
            /** @description Simulated executor only: a step that fails on purpose */
            simulate: components["schemas"]["TenantSimulationDto"] | null;
            softwareVersion: string;
            /** @enum {string} */
            state: "active" | "updating" | "locked" | "failed";
            /**
             * @example [
             *       "ring:canary"
             *     ]
             */
            tags: string[];
            timezone: string;
            /** Format: date-time */
            updatedAt: string;
        };
        TenantSimulationDto: {
            /**
             * @description Simulated executor only: the step at which the update fails
             * @example apply
             */
            failStep?: string;
        };
        TenantTagsResponse: {
            /** @description How many tenants the ids or the filter named */
            matched: number;
            /** @description How many of them changed (the others had the tags already) */
            updated: number;
        };
        TimeSlotResponse: {
            /** Format: date-time */
            end: string;
            /** Format: date-time */
            start: string;
        };
        UpdatedWebhookResponse: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** Format: date-time */
            disabledAt: string | null;
            /** @description Why it was disabled automatically */
            disabledReason: string | null;
            /** @description false: nothing is sent (disabled by an admin or after failing) */
            enabled: boolean;
            events: ("task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "task.postponed" | "blackout.created" | "blackout.deleted" | "rollout.resumed")[];
            /**
             * Format: date-time
             * @description Every attempt has failed since then; null when the last one succeeded
             */
            failingSince: string | null;
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description null: a platform admin’s endpoint for every partner’s events
             */
            partnerId: string | null;
            /**
             * Format: date-time
             * @description After a rotation: until then deliveries are also signed with the previous secret
             */
            previousSecretExpiresAt: string | null;
            /**
             * @description Only after `rotateSecret: true`: the new secret, shown only in this answer
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret?: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        UpdatePartnerDto: {
            contacts?: components["schemas"]["PartnerContactDto"][];
            /** @description Replaces the partner's override of the platform's customerPostpone; null: the platform's again */
            customerPostpone?: components["schemas"]["CustomerPostponeDto"] | null;
            /**
             * @description The licence contact: one-time codes that confirm its risky rollouts are e-mailed here (docs/rollouts.md, "Confirmation"). null clears it.
             * @example licence@reseller.example
             */
            licenceEmail?: string | null;
            name?: string;
        };
        UpdatePlatformDto: {
            /** @description What customers may do with the self-service link in their e-mails (partners may override it); fields not given keep their value (on creation: allowed true, maxDays 14, maxTimes 2) */
            customerPostpone?: components["schemas"]["CustomerPostponeDto"];
            defaultMaintenanceWindow?: components["schemas"]["WindowScheduleDto"];
            executor?: components["schemas"]["ExecutorSettingsDto"];
            /**
             * @description The platform's licence contact: one-time codes of platform admins' rollouts across partners go here (docs/rollouts.md, "Confirmation"). null clears it.
             * @example licence@cloud.example
             */
            licenceEmail?: string | null;
            name?: string;
            /** @description Which rollouts need confirmation with an e-mailed one-time code; fields left out keep their value (default: a downgrade, a whole platform, or more than 1,000 tenants) */
            rolloutConfirmation?: components["schemas"]["RolloutConfirmationDto"];
            /** @description Days a snapshot is kept before the expiry job deletes it (unless pinned). Default: `7`. */
            snapshotRetentionDays?: number;
            timezone?: string;
            /**
             * @description The steps its updates run, among precheck, backup (takes the snapshot a rollback restores), apply, migrate, reboot, verify; they run in that order whatever the order given, and apply, migrate and reboot once per hop of an upgrade path. Must include apply. Default: precheck, backup, apply, reboot, verify
             * @example [
             *       "precheck",
             *       "backup",
             *       "apply",
             *       "migrate",
             *       "reboot",
             *       "verify"
             *     ]
             */
            updateSteps?: ("precheck" | "backup" | "apply" | "migrate" | "reboot" | "verify")[];
        };
        UpdateSnapshotDto: {
            /** @description true: kept until unpinned, whatever its expiry */
            pinned: boolean;
        };
        UpdateTenantDto: {
            autoUpdateAllowed?: boolean;
            /** @description null removes it */
            customerEmail?: string | null;
            customizations?: boolean;
            /** @enum {string} */
            locale?: "en" | "de" | "it";
            maintenanceWindow?: components["schemas"]["MaintenanceWindowDto"];
            name?: string;
            nodes?: components["schemas"]["TenantNodeDto"][];
            /** @description null removes it */
            simulate?: components["schemas"]["TenantSimulationDto"] | null;
            softwareVersion?: string;
            /**
             * @description Platform admins only
             * @enum {string}
             */
            state?: "active" | "locked";
            /** @description Replaces the tags */
            tags?: string[];
            timezone?: string;
        };
        UpdateVersionDto: {
            /** @enum {string} */
            channel?: "recommended" | "available" | "test" | "prohibited";
            /**
             * @description The oldest installed version this one may be applied on: a tenant on an older version is updated through the platform's versions in turn (the fewest hops). null: any version.
             * @example 13.5.0
             */
            minimumFrom?: string | null;
            releaseNotes?: string;
        };
        UpdateWebhookDto: {
            /** @description null clears it */
            description?: Record<string, never> | null;
            /** @description `true` enables a disabled endpoint again (it receives new events; failed deliveries can be redelivered); `false` stops deliveries to it */
            enabled?: boolean;
            events?: ("task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "task.postponed" | "blackout.created" | "blackout.deleted" | "rollout.resumed")[];
            /** @description A new secret, answered once as `secret`; the previous one keeps signing beside it for 24 hours, so receivers can switch without losing a delivery */
            rotateSecret?: boolean;
            /** @description As for creating */
            url?: string;
        };
        VersionPage: {
            /** @description This page, in list order */
            items: components["schemas"]["VersionResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        VersionResponse: {
            /** @enum {string} */
            channel: "recommended" | "available" | "test" | "prohibited";
            /** Format: date-time */
            createdAt: string;
            /**
             * @description The oldest installed version this one may be applied on: a tenant on an older version is updated through the platform's versions in turn (the fewest hops). null: any version.
             * @example 13.5.0
             */
            minimumFrom: string | null;
            /** Format: uuid */
            platformId: string;
            releaseNotes: string;
            /** Format: date-time */
            updatedAt: string;
            version: string;
        };
        WaveDto: {
            /** @description This many of the tenants not placed yet */
            count?: number;
            /** @description Shown in views and e-mails (default "wave N") */
            name?: string;
            /** @description This percent of the tenants not placed in an earlier wave, rounded up (at least one tenant) */
            percent?: number;
            /**
             * @description Every tenant not placed yet that has all of these tags
             * @example [
             *       "ring:canary"
             *     ]
             */
            tags?: string[];
        };
        WaveResponse: {
            counts: components["schemas"]["StatusCountsResponse"];
            /** @description Its gate in words, e.g. "opens when 95% of wave 1 succeeded: 91% so far" */
            gate: string;
            /** @description 0 for the first wave */
            index: number;
            name: string;
            /** Format: date-time */
            openedAt: string | null;
            /** Format: date-time */
            passedAt: string | null;
            /** @description How the wave picked its tenants: {percent}, {count} or {tags} */
            selector: Record<string, never>;
            /** @enum {string} */
            state: "held" | "open" | "passed" | "tripped";
            /** @description Its tasks */
            total: number;
        };
        WaveSplit: {
            index: number;
            name: string;
            tenants: number;
        };
        WebhookBlackoutData: {
            /** Format: uuid */
            blackoutId: string;
            /** @enum {string} */
            conflictPolicy: "cancel" | "reschedule";
            /** Format: date-time */
            endsAt: string;
            /**
             * Format: uuid
             * @description A partner’s blackout (null for a tenant’s)
             */
            partnerId: string | null;
            /** Format: uuid */
            platformId: string;
            reason: string;
            /** @enum {string} */
            repeat: "none" | "weekly" | "monthly" | "yearly";
            /** Format: date-time */
            startsAt: string;
            /**
             * Format: uuid
             * @description A tenant’s blackout
             */
            tenantId: string | null;
            /**
             * @description The zone a repeating blackout repeats in
             * @example Europe/Berlin
             */
            timezone: string;
        };
        WebhookBody: {
            data: components["schemas"]["WebhookTaskData"] | components["schemas"]["WebhookMaintenanceData"] | components["schemas"]["WebhookBlackoutData"] | components["schemas"]["WebhookRolloutData"] | components["schemas"]["WebhookPingData"];
            /**
             * Format: date-time
             * @description When the change happened
             */
            timestamp: string;
            /**
             * @description task.* events (task.postponed included: a customer postponed the task through its self-service link, sent after its task.rescheduled) carry WebhookTaskData, maintenance.* WebhookMaintenanceData, blackout.* WebhookBlackoutData, rollout.* WebhookRolloutData, webhook.ping WebhookPingData
             * @enum {string}
             */
            type: "task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "task.postponed" | "blackout.created" | "blackout.deleted" | "rollout.resumed" | "webhook.ping";
            /**
             * @description The version of the body; raised if a field changes meaning (new fields may appear)
             * @enum {number}
             */
            version: 1;
        };
        WebhookDeliveryPage: {
            /** @description This page, in list order */
            items: components["schemas"]["WebhookDeliveryResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        WebhookDeliveryResponse: {
            /** @description The latest attempts, oldest first */
            attemptLog: components["schemas"]["DeliveryAttemptResponse"][];
            attempts: number;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            deliveredAt: string | null;
            /** Format: uuid */
            endpointId: string;
            /** @description Of the last attempt */
            error: string | null;
            /** @enum {string} */
            event: "task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "task.postponed" | "blackout.created" | "blackout.deleted" | "rollout.resumed" | "webhook.ping";
            /** Format: uuid */
            id: string;
            /** Format: date-time */
            lastAttemptAt: string | null;
            /** @description Of the last attempt */
            latencyMs: number | null;
            /** @description The `webhook-id` header: the same for every attempt and redelivery of one message */
            messageId: string;
            /** Format: date-time */
            nextAttemptAt: string | null;
            /** @description The body sent */
            payload: components["schemas"]["WebhookBody"];
            /** @description Of the last attempt */
            responseCode: number | null;
            /**
             * @description `pending` (waiting for its first attempt or a retry), `delivering`, `succeeded` (a 2xx answer), `failed` (the retry schedule is used up, or the endpoint was disabled)
             * @enum {string}
             */
            status: "pending" | "delivering" | "succeeded" | "failed";
        };
        WebhookMaintenanceData: {
            /** @enum {string} */
            conflictPolicy: "cancel" | "reschedule";
            /** Format: date-time */
            endsAt: string;
            /** Format: uuid */
            maintenanceId: string;
            message: string;
            /** Format: uuid */
            platformId: string;
            /** Format: date-time */
            startsAt: string;
        };
        WebhookPage: {
            /** @description This page, in list order */
            items: components["schemas"]["WebhookResponse"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example null
             */
            nextCursor: string | null;
        };
        WebhookPingData: {
            /** Format: uuid */
            endpointId: string;
            /** @example ping */
            message: string;
        };
        WebhookResponse: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** Format: date-time */
            disabledAt: string | null;
            /** @description Why it was disabled automatically */
            disabledReason: string | null;
            /** @description false: nothing is sent (disabled by an admin or after failing) */
            enabled: boolean;
            events: ("task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "task.postponed" | "blackout.created" | "blackout.deleted" | "rollout.resumed")[];
            /**
             * Format: date-time
             * @description Every attempt has failed since then; null when the last one succeeded
             */
            failingSince: string | null;
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description null: a platform admin’s endpoint for every partner’s events
             */
            partnerId: string | null;
            /**
             * Format: date-time
             * @description After a rotation: until then deliveries are also signed with the previous secret
             */
            previousSecretExpiresAt: string | null;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WebhookRolloutData: {
            cancelled: number;
            failed: number;
            /**
             * Format: uuid
             * @description The partner whose rollout it is (null for a platform-wide one)
             */
            partnerId: string | null;
            platformIds: string[];
            /** @description Why it paused, stopped or ended (null when resumed) */
            reason: string | null;
            /** Format: uuid */
            rolloutId: string;
            /**
             * @description The state it changed to (a resumed rollout: scheduled or running)
             * @enum {string}
             */
            state: "paused" | "scheduled" | "running" | "stopped" | "succeeded" | "failed" | "cancelled";
            succeeded: number;
            targetVersion: string;
            /** @description Tenants in the rollout */
            total: number;
        };
        WebhookTaskData: {
            attempts: number;
            /** Format: uuid */
            batchId: string;
            /** Format: date-time */
            expiresAt: string | null;
            forced: boolean;
            fromVersion: string;
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            /** Format: uuid */
            partnerId: string;
            /** Format: uuid */
            platformId: string;
            /** @description Why: a cancellation’s reason, a failure’s error, why a task moved */
            reason: string | null;
            /** Format: date-time */
            runAt: string;
            /** @description Raised with every move (the calendar SEQUENCE) */
            sequence: number;
            /** @description The task’s status after the change */
            status: string;
            targetVersion: string;
            /** Format: uuid */
            taskId: string;
            /** Format: uuid */
            tenantId: string;
            tenantName: string;
        };
        WebhookWithSecretResponse: {
            /** Format: date-time */
            createdAt: string;
            description: string | null;
            /** Format: date-time */
            disabledAt: string | null;
            /** @description Why it was disabled automatically */
            disabledReason: string | null;
            /** @description false: nothing is sent (disabled by an admin or after failing) */
            enabled: boolean;
            events: ("task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "task.postponed" | "blackout.created" | "blackout.deleted" | "rollout.resumed")[];
            /**
             * Format: date-time
             * @description Every attempt has failed since then; null when the last one succeeded
             */
            failingSince: string | null;
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description null: a platform admin’s endpoint for every partner’s events
             */
            partnerId: string | null;
            /**
             * Format: date-time
             * @description After a rotation: until then deliveries are also signed with the previous secret
             */
            previousSecretExpiresAt: string | null;
            /**
             * @description The signing secret (Standard Webhooks: `whsec_` + base64 of the key). Shown only in this answer; keep it.
             * @example whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
             */
            secret: string;
            /** Format: date-time */
            updatedAt: string;
            url: string;
        };
        WindowScheduleDto: {
            /**
             * @description 5-field cron: minute hour day month weekday
             * @example 0 2 * * SUN
             */
            cron: string;
            /** @example 240 */
            durationMinutes: number;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AnnouncementsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The announcements */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnnouncementList"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ApiKeysController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Include revoked keys */
                includeRevoked?: boolean;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ApiKeysController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateApiKeyDto"];
            };
        };
        responses: {
            /** @description The key, shown this once */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The partner is unknown */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ApiKeysController_revoke: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key, now revoked */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiKeyResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is the last platform admin key */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    AuditController_list: {
        parameters: {
            query?: {
                /** @description e.g. tenant.update, update_task.cancel */
                action?: string;
                /** @description The API key that acted */
                actorKeyId?: string;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description The id of the changed entity */
                entityId?: string;
                /** @description e.g. tenant, partner, update_task */
                entityType?: string;
                limit?: number;
                /** @description `desc`: newest first. Default: `asc` (oldest first). */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AuditLogPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    ExecutorCallbacksController_report: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                taskId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExecutorReportDto"];
            };
        };
        responses: {
            /** @description Whether the report was taken */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutorReportAnswer"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    NotificationsController_list: {
        parameters: {
            query?: {
                batchId?: string;
                /** @description nextCursor of the previous page */
                cursor?: string;
                event?: "task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "rollout.confirmation" | "webhook.disabled";
                limit?: number;
                /** @description E-mail address (any letter case) */
                recipient?: string;
                status?: "pending" | "sending" | "sent" | "dead";
                taskId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    NotificationsController_resend: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The e-mail, queued again */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The e-mail is still pending or being sent */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PartnersController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                platformId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PartnersController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePartnerDto"];
            };
        };
        responses: {
            /** @description The new partner */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The platform is unknown */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A partner with this name already exists on the platform */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PartnersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The partner */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PartnersController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The partner still has tenants */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PartnersController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePartnerDto"];
            };
        };
        responses: {
            /** @description The partner as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another partner of the platform has this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PartnerBlackoutsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The blackouts, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlackoutList"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PartnerBlackoutsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBlackoutDto"];
            };
        };
        responses: {
            /** @description The blackout, with how many scheduled updates it moved or cancelled */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedBlackoutResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PartnerBlackoutsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                blackoutId: string;
                partnerId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The partner or the blackout is unknown */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PlatformsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PlatformsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreatePlatformDto"];
            };
        };
        responses: {
            /** @description The new platform */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A platform with this name already exists */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PlatformsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The platform */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PlatformsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdatePlatformDto"];
            };
        };
        responses: {
            /** @description The platform as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Another platform has this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PlatformMaintenanceController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description Include periods that have ended */
                includePast?: boolean;
                limit?: number;
            };
            header?: never;
            path: {
                platformId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MaintenancePage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PlatformMaintenanceController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platformId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateMaintenanceDto"];
            };
        };
        responses: {
            /** @description `dryRun`: what announcing would do to scheduled updates; nothing was written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedMaintenanceResponse"];
                };
            };
            /** @description The period, with how many updates it cancelled or moved */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedMaintenanceResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    PlatformMaintenanceController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                maintenanceId: string;
                platformId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Withdrawn */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The platform or the period is unknown */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    VersionsController_list: {
        parameters: {
            query?: {
                channel?: "recommended" | "available" | "test" | "prohibited";
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                platformId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    VersionsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platformId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateVersionDto"];
            };
        };
        responses: {
            /** @description The published version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The version already exists on this platform */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    VersionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platformId: string;
                /** @description A semantic version such as 14.0.0 */
                version: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The version */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The platform or the version is unknown (or outside your scope) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    VersionsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                platformId: string;
                /** @description A semantic version such as 14.0.0 */
                version: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateVersionDto"];
            };
        };
        responses: {
            /** @description The version as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The platform or the version is unknown */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RolloutsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                partnerId?: string;
                state?: "awaiting_confirmation" | "scheduled" | "running" | "paused" | "succeeded" | "failed" | "stopped" | "cancelled";
                targetVersion?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RolloutsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateRolloutDto"];
            };
        };
        responses: {
            /** @description dryRun: how many tasks and how they split into waves */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutDryRunResponse"];
                };
            };
            /** @description The rollout */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutResponse"];
                };
            };
            /** @description The rollout, awaiting confirmation: its platform says it needs a one-time code (a downgrade, a whole platform, many tenants …); the code was e-mailed to the licence contact. Nothing runs and nobody is told until POST /rollouts/{id}/confirm. */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutResponse"];
                };
            };
            /** @description Bad input, named per field: a wave with none or several of percent, count, tags; a wave that takes no tenant; thresholds out of range */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A partner admin asked for a test version or a whole platform */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The partner, platform or tenants are unknown or outside your scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description With onConflict "reject": tenants already have an open task or are locked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description With onConflict "reject": tenants were refused by a rule, or the scope holds no tenants; or the rollout needs confirmation and the partner (or platform) has no licenceEmail (code licence_email_missing) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RolloutsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rollout */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RolloutsController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The cancelled rollout */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A partner admin acting on a forced rollout */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The rollout is over */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RolloutsController_confirm: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ConfirmRolloutDto"];
            };
        };
        responses: {
            /** @description The confirmed rollout (scheduled) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutResponse"];
                };
            };
            /** @description No code, or not a string of 8 to 32 characters (field code) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The rollout does not await confirmation (code not_awaiting_confirmation) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Wrong code (code confirmation_code_wrong, with the tries left) or expired code (confirmation_code_expired) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Five wrong codes: locked until a platform admin sends a new code (code confirmation_locked) */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RolloutsController_confirmationCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rollout, with the new code’s expiry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The rollout does not await confirmation */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The partner (or platform) has no licenceEmail any more (code licence_email_missing) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Locked after 5 wrong codes: only a platform admin may send a new code */
            423: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RolloutsController_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The paused rollout */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A partner admin acting on a forced rollout */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The rollout is not scheduled or running */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RolloutsController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The resumed rollout */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A partner admin acting on a forced rollout */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The rollout is not paused */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    RolloutsController_retryWave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                index: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The rollout after the retry */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RolloutResponse"];
                };
            };
            /** @description The index is not a whole number */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A partner admin acting on a forced rollout */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The rollout or the wave is unknown or outside your scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The rollout is not scheduled, running, paused or failed (a stopped, cancelled or succeeded rollout stays over), or the wave has no failed task, or a task cannot be retried now (another open task) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Tasks cannot be retried, for different reasons (each listed) */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SelfServiceController_view: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The update */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfServiceResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The link is not valid (forged, or its update no longer exists); nothing more is said */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The link has expired (its update’s window ended); nothing more is said */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SelfServiceController_postpone: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PostponeDto"];
            };
        };
        responses: {
            /** @description The update at its new time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SelfServiceResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The link is not valid (forged, or its update no longer exists); nothing more is said */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description An older e-mail’s link, or the update is no longer scheduled (started, ended, cancelled) */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The link has expired (its update’s window ended); nothing more is said */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Beyond the policy (forced, not allowed, maxTimes reached) or start not offered */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SessionController_current: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Who the session cookie signs in */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SessionController_signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateSessionDto"];
            };
        };
        responses: {
            /** @description Signed in: the session cookie is set (HttpOnly, SameSite=Strict, Secure over HTTPS) */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The API key is unknown or revoked (`details` names `apiKey`) */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SessionController_signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out: the session is revoked and its cookie cleared */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The CSRF token is missing or does not match the session */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SnapshotsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The snapshot is unknown or outside your scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SnapshotsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The snapshot, now expiring */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The snapshot was deleted already */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SnapshotsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateSnapshotDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The key is valid but its role may not do this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The snapshot was deleted */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                partnerId?: string;
                /** @description Only tenants with (true) or without (false) an open update task */
                pendingUpdate?: boolean;
                platformId?: string;
                /** @description Part of the name, in any letter case */
                search?: string;
                /** @description The installed version: a semver range (`<14.0.0`, `>=13.0.0 <14.0.0`, `^13.2`) or a version */
                softwareVersion?: string;
                state?: "active" | "updating" | "locked" | "failed";
                /** @description Comma-separated: tenants having all of these tags */
                tags?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateTenantDto"];
            };
        };
        responses: {
            /** @description The new tenant */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The partner is unknown or outside your scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The partner already has a tenant with this name */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The tenant */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tenant has an open update task or is being updated */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateTenantDto"];
            };
        };
        responses: {
            /** @description The tenant as changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A partner admin changed `state`, or a window change would move a forced update */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tenant is being updated, the name is taken, or the scheduled or held update does not fit the new window */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantsController_rotateCalendarToken: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new address */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarTokenResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    SnapshotsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SnapshotPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tenant is unknown or outside your scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantBlackoutsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The blackouts, oldest first */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BlackoutList"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantBlackoutsController_create: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBlackoutDto"];
            };
        };
        responses: {
            /** @description The blackout, with how many scheduled updates it moved or cancelled */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedBlackoutResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantBlackoutsController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                blackoutId: string;
                tenantId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The tenant or the blackout is unknown */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantsController_bulkCreate: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["BulkCreateTenantsDto"];
            };
        };
        responses: {
            /** @description Every tenant was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkCreatedResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A row names a partner that is unknown or outside your scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A row’s name is already used by a tenant of its partner */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Rows were refused for different reasons */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantsController_count: {
        parameters: {
            query?: {
                partnerId?: string;
                /** @description Only tenants with (true) or without (false) an open update task */
                pendingUpdate?: boolean;
                platformId?: string;
                /** @description Part of the name, in any letter case */
                search?: string;
                /** @description The installed version: a semver range (`<14.0.0`, `>=13.0.0 <14.0.0`, `^13.2`) or a version */
                softwareVersion?: string;
                state?: "active" | "updating" | "locked" | "failed";
                /** @description Comma-separated: tenants having all of these tags */
                tags?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantCountResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    TenantsController_editTags: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EditTenantTagsDto"];
            };
        };
        responses: {
            /** @description How many matched and how many changed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantTagsResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A tenant id, or the partner or platform of the filter, is unknown or outside your scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A tenant would hold more than 32 tags */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateBatchesController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                /** @description `desc`: newest first. Default: `asc` (oldest first). */
                order?: "asc" | "desc";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateBatchesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The batch with its counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateBatchesController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The batch with its new counts */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A partner admin’s cancel would touch forced tasks (listed in details) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateTasksController_list: {
        parameters: {
            query?: {
                batchId?: string;
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description runAt at or after (ISO 8601) */
                from?: string;
                limit?: number;
                /** @description `desc`: newest first. Default: `asc` (oldest first). */
                order?: "asc" | "desc";
                partnerId?: string;
                platformId?: string;
                status?: "held" | "scheduled" | "running" | "succeeded" | "failed" | "cancelled";
                tenantId?: string;
                /** @description runAt before (ISO 8601) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateTasksController_schedule: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScheduleUpdatesDto"];
            };
        };
        responses: {
            /** @description dryRun: what would be created */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleResponse"];
                };
            };
            /** @description The batch that was created */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description A partner admin asked for a test version or scheduled a whole platform */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The partner, platform or tenants are unknown or outside your scope */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description With onConflict "reject": tenants already have an open task or are locked */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description With onConflict "reject": tenants were refused by a rule (unknown or prohibited version, downgrade without allowDowngrade, overlap with platform maintenance …), or the scope holds no tenants */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateTasksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateTasksController_cancel: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["CancelTaskDto"];
            };
        };
        responses: {
            /** @description The task, cancelled (or failed) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The task is forced and the caller is not a platform admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The task has already finished */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateTasksController_log: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task's step log (time, attempt, step, message) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateTasksController_reschedule: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RescheduleTaskDto"];
            };
        };
        responses: {
            /** @description The task at its new time */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The task is forced and the caller is not a platform admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The task is not scheduled, or the tenant has another open task, is locked or is being updated */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The new time breaks a rule: overlaps platform maintenance, the version is no longer allowed … */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateTasksController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task, resumed */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Only platform admins resume a task (it overrides a process’s lease) */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The task is not running, or its lease is still held */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateTasksController_retry: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The task, scheduled again */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The task is forced and the caller is not a platform admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The task has not failed, or the tenant has another open task */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The new time breaks a rule: overlaps platform maintenance, the version is no longer allowed … */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    UpdateTasksController_rollback: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RollbackTaskDto"];
            };
        };
        responses: {
            /** @description The rollback task */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The task is forced and the caller is not a platform admin */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The task is not succeeded or failed, is itself a rollback, its snapshots are gone (the error names the snapshot), or the tenant has an open task */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The new time breaks a rule: overlaps platform maintenance, the version is no longer allowed … */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                /** @description `desc`: newest first. Default: `asc` (oldest first). */
                order?: "asc" | "desc";
                /** @description Only this partner’s endpoints */
                partnerId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookDto"];
            };
        };
        responses: {
            /** @description The endpoint and its secret */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookWithSecretResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The partner is unknown (or not the caller’s) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The endpoint (without its secret) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookDto"];
            };
        };
        responses: {
            /** @description The endpoint; with `secret` after a rotation */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UpdatedWebhookResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is larger than the service accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request body is not JSON (or uses a content encoding the service does not accept) */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_deliveries: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                event?: "task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn" | "rollout.paused" | "rollout.stopped" | "rollout.completed" | "task.postponed" | "blackout.created" | "blackout.deleted" | "rollout.resumed" | "webhook.ping";
                limit?: number;
                /** @description `desc`: newest first. Default: `asc` (oldest first). */
                order?: "asc" | "desc";
                status?: "pending" | "delivering" | "succeeded" | "failed";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of the list */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_redeliver: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                deliveryId: string;
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The new delivery */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The endpoint is disabled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    WebhooksController_ping: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The queued delivery */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No API key, or an unknown or revoked one */
            401: {
                headers: {
                    /** @description Bearer */
                    "WWW-Authenticate"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Unknown, or outside the caller’s scope (never revealed) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The endpoint is disabled */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    CalendarFeedController_feed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The tenant’s calendar token followed by `.ics` */
                file: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The calendar */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/calendar": string;
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description No calendar has this address (unknown or replaced token) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description Too many requests for this API key: wait for `Retry-After` seconds */
            429: {
                headers: {
                    /** @description Seconds until the key may send requests again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service and its database are up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The database does not answer */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponse"];
                };
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header: {
                authorization: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The metrics */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
            /** @description The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description METRICS_TOKEN is set and the request does not carry it */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
            /** @description The request line or headers are larger than the service reads (16 KB) */
            431: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ErrorResponse"];
                };
            };
        };
    };
}
