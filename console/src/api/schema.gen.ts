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
        get: operations["ApiKeysController_list"];
        put?: never;
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
        get: operations["PartnersController_list"];
        put?: never;
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
        get: operations["PartnersController_get"];
        put?: never;
        post?: never;
        delete: operations["PartnersController_delete"];
        options?: never;
        head?: never;
        patch: operations["PartnersController_update"];
        trace?: never;
    };
    "/api/v1/platforms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["PlatformsController_list"];
        put?: never;
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
        get: operations["PlatformsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
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
        get: operations["PlatformMaintenanceController_list"];
        put?: never;
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
        get: operations["VersionsController_list"];
        put?: never;
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
        get: operations["VersionsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch: operations["VersionsController_update"];
        trace?: never;
    };
    "/api/v1/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["SessionController_current"];
        put?: never;
        post: operations["SessionController_signIn"];
        delete: operations["SessionController_signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/v1/tenants": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get: operations["TenantsController_list"];
        put?: never;
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
        get: operations["TenantsController_get"];
        put?: never;
        post?: never;
        delete: operations["TenantsController_delete"];
        options?: never;
        head?: never;
        patch: operations["TenantsController_update"];
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
        get: operations["TenantsController_count"];
        put?: never;
        post?: never;
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
        get: operations["UpdateTasksController_list"];
        put?: never;
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
        post: operations["UpdateTasksController_retry"];
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
        get: operations["HealthController_check"];
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
        AnnouncementResponse: {
            endsAt: string;
            /** Format: uuid */
            id: string;
            message: string;
            /** Format: uuid */
            platformId: string;
            platformName: string;
            startsAt: string;
            /** @enum {string} */
            status: "current" | "upcoming";
        };
        AnnouncementsResponse: {
            items: components["schemas"]["AnnouncementResponse"][];
        };
        ApiKeyResponse: {
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @description First characters of the key, to recognise it */
            keyPrefix: string;
            lastUsedAt: string | null;
            name: string;
            /** Format: uuid */
            partnerId: string | null;
            revokedAt: string | null;
            /** @enum {string} */
            role: "platform_admin" | "partner_admin";
        };
        AuditActor: {
            /** Format: uuid */
            keyId: string | null;
            /** Format: uuid */
            partnerId: string | null;
            role: string | null;
        };
        AuditLogResponse: {
            /** @example update_batch.create */
            action: string;
            actor: components["schemas"]["AuditActor"];
            /** @description The entity after the change (secrets redacted) */
            after: Record<string, never> | null;
            at: string;
            /** @description The entity before the change (secrets redacted) */
            before: Record<string, never> | null;
            entityId: string | null;
            entityType: string;
            id: string;
        };
        BatchResponse: {
            counts: components["schemas"]["StatusCountsResponse"];
            createdAt: string;
            createdBy: string | null;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            options: Record<string, never>;
            scope: Record<string, never>;
            targetVersion: string;
            /** @description Tasks created (for a partner admin: its own tasks in the batch) */
            total: number;
        };
        BulkCreatedResponse: {
            created: number;
            /** @description Ids in the order of the request */
            ids: string[];
        };
        BulkCreateTenantsDto: {
            tenants: components["schemas"]["CreateTenantDto"][];
        };
        CancelTaskDto: {
            /** @description Told to the recipients of the cancellation notice */
            reason?: string;
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
        CreatedApiKeyResponse: {
            createdAt: string;
            /** Format: uuid */
            id: string;
            /** @description The key itself. Shown once: only its hash is stored. */
            key: string;
            /** @description First characters of the key, to recognise it */
            keyPrefix: string;
            lastUsedAt: string | null;
            name: string;
            /** Format: uuid */
            partnerId: string | null;
            revokedAt: string | null;
            /** @enum {string} */
            role: "platform_admin" | "partner_admin";
        };
        CreatedMaintenanceResponse: {
            /** @description Scheduled updates that overlapped the period */
            affected: components["schemas"]["AffectedTasks"];
            /** @enum {string} */
            conflictPolicy: "cancel" | "reschedule";
            createdAt: string;
            endsAt: string;
            /** Format: uuid */
            id: string;
            message: string;
            /** Format: uuid */
            platformId: string;
            startsAt: string;
            warnings: string[];
        };
        CreateMaintenanceDto: {
            /**
             * @description What happens to scheduled updates that overlap the period (forced ones are always rescheduled)
             * @default cancel
             * @enum {string}
             */
            conflictPolicy?: "cancel" | "reschedule";
            /** @description Answer how many scheduled updates would be cancelled or moved; write nothing */
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
            /** @example ACME Telecom */
            name: string;
            /** Format: uuid */
            platformId: string;
        };
        CreatePlatformDto: {
            /** @description Window given to new tenants that do not bring their own (default 0 2 * * SUN, 240 min) */
            defaultMaintenanceWindow?: components["schemas"]["WindowScheduleDto"];
            executor?: components["schemas"]["ExecutorSettingsDto"];
            /** @example EU cloud */
            name: string;
            /** @example Europe/Berlin */
            timezone: string;
        };
        CreateSessionDto: {
            /** @description The API key to sign in with; it is not kept by the browser */
            apiKey: string;
        };
        CreateTenantDto: {
            /** @default true */
            autoUpdateAllowed?: boolean;
            /** @example it@damario.example */
            customerEmail?: string | null;
            /**
             * @description When true the update pre-check fails until removed
             * @default false
             */
            customizations?: boolean;
            /**
             * @default en
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
             * @default available
             * @enum {string}
             */
            channel?: "recommended" | "available" | "test" | "prohibited";
            /** @example Fixes call forwarding on HA nodes. */
            releaseNotes?: string;
            /** @example 14.2.0 */
            version: string;
        };
        ErrorResponse: {
            /** @description Every failing field, or the failing rows of a bulk request */
            details: {
                code?: string;
                /** @example runAt */
                field?: string;
                index?: number;
                reason: string;
                /** Format: uuid */
                tenantId?: string;
            }[];
            /** @example Bad Request */
            error: string;
            /** @description One readable sentence */
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
        MaintenanceResponse: {
            /** @enum {string} */
            conflictPolicy: "cancel" | "reschedule";
            createdAt: string;
            endsAt: string;
            /** Format: uuid */
            id: string;
            message: string;
            /** Format: uuid */
            platformId: string;
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
        NotificationResponse: {
            /** @description Sending attempts since it was queued (or resent) */
            attempts: number;
            /** Format: uuid */
            batchId: string | null;
            createdAt: string;
            /** @enum {string} */
            event: "task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn";
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
            /** @description When a pending e-mail is (re)tried next */
            nextAttemptAt: string;
            /** Format: uuid */
            partnerId: string | null;
            recipient: string;
            /** @enum {string} */
            recipientKind: "partner" | "customer";
            /** @description How often an admin had it sent again */
            resends: number;
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
             * @default en
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
        PartnerResponse: {
            contacts: components["schemas"]["PartnerContactResponse"][];
            createdAt: string;
            /** Format: uuid */
            id: string;
            name: string;
            /** Format: uuid */
            platformId: string;
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
            status: "scheduled" | "running";
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
        PlatformResponse: {
            createdAt: string;
            defaultMaintenanceWindow: components["schemas"]["WindowScheduleDto"];
            executor: components["schemas"]["ExecutorSettingsResponse"];
            /** Format: uuid */
            id: string;
            name: string;
            timezone: string;
            updatedAt: string;
        };
        RescheduleTaskDto: {
            expectedDurationMinutes?: number;
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            /** @description Custom mode: the new time (ISO 8601 with offset) */
            runAt?: string;
        };
        ScheduleResponse: {
            /** Format: uuid */
            batchId: string | null;
            created: number;
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
            /** @default 60 */
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
             * @default reject
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
            /** @description Custom mode: when the update runs (ISO 8601 with offset) */
            runAt?: string;
            /** @example 14.0.0 */
            targetVersion: string;
            /** @description Scope: these tenants */
            tenantIds?: string[];
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
        StatusCountsResponse: {
            cancelled: number;
            failed: number;
            running: number;
            scheduled: number;
            succeeded: number;
        };
        TaskProgress: {
            /** @description Estimated completion time */
            eta: string | null;
            percent: number;
            step: string | null;
        };
        TaskResponse: {
            /** @description The actions the caller's role may take on the task in its current status */
            actions: ("cancel" | "reschedule" | "retry" | "resume")[];
            allowDowngrade: boolean;
            attempts: number;
            /** Format: uuid */
            batchId: string;
            cancelReason: string | null;
            createdAt: string;
            /** @description The API key that scheduled it */
            createdBy: string | null;
            error: string | null;
            expectedDurationMinutes: number;
            /** @description Latest start: the end of the maintenance window */
            expiresAt: string | null;
            finishedAt: string | null;
            forced: boolean;
            fromVersion: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            mode: "immediate" | "maintenance_window" | "custom";
            notifyCustomer: boolean;
            notifyPartner: boolean;
            /** Format: uuid */
            partnerId: string;
            /** Format: uuid */
            platformId: string;
            progress: components["schemas"]["TaskProgress"];
            redeploy: boolean;
            runAt: string;
            startedAt: string | null;
            /** @enum {string} */
            status: "scheduled" | "running" | "succeeded" | "failed" | "cancelled";
            targetVersion: string;
            /** Format: uuid */
            tenantId: string;
            /** @description The tenant's name */
            tenantName: string | null;
            updatedAt: string;
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
             * @description The installed version
             * @example 13.2.0
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
        TenantResponse: {
            autoUpdateAllowed: boolean;
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
            simulate?: components["schemas"]["TenantSimulationDto"] | null;
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
            updatedAt: string;
        };
        TenantSimulationDto: {
            /**
             * @description Simulated executor only: the step at which the update fails
             * @example apply
             */
            failStep?: string;
        };
        TimeSlotResponse: {
            end: string;
            start: string;
        };
        UpdatePartnerDto: {
            contacts?: components["schemas"]["PartnerContactDto"][];
            name?: string;
        };
        UpdatePlatformDto: {
            defaultMaintenanceWindow?: components["schemas"]["WindowScheduleDto"];
            executor?: components["schemas"]["ExecutorSettingsDto"];
            name?: string;
            timezone?: string;
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
            releaseNotes?: string;
        };
        VersionResponse: {
            /** @enum {string} */
            channel: "recommended" | "available" | "test" | "prohibited";
            createdAt: string;
            /** Format: uuid */
            platformId: string;
            releaseNotes: string;
            updatedAt: string;
            version: string;
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnnouncementsResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
                limit?: number;
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
                    "application/json": {
                        items: components["schemas"]["ApiKeyResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedApiKeyResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
                /** @description nextCursor of the previous page */
                cursor?: string;
                limit?: number;
                /** @description desc: newest first */
                order?: "asc" | "desc";
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
                    "application/json": {
                        items: components["schemas"]["AuditLogResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ExecutorReportAnswer"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
                event?: "task.scheduled" | "task.rescheduled" | "task.cancelled" | "task.started" | "task.succeeded" | "task.failed" | "maintenance.announced" | "maintenance.withdrawn";
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["NotificationResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PartnerResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PartnerResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["PlatformResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PlatformResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["MaintenanceResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description dryRun: what announcing would do to scheduled updates; nothing written */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedMaintenanceResponse"];
                };
            };
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedMaintenanceResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["VersionResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
                version: string;
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
                    "application/json": components["schemas"]["VersionResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
                    "application/json": {
                        items: components["schemas"]["TenantResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TenantResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BulkCreatedResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
                /** @description desc: newest first */
                order?: "asc" | "desc";
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
                    "application/json": {
                        items: components["schemas"]["BatchResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
                /** @description desc: newest first */
                order?: "asc" | "desc";
                partnerId?: string;
                platformId?: string;
                status?: "scheduled" | "running" | "succeeded" | "failed" | "cancelled";
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": {
                        items: components["schemas"]["TaskResponse"][];
                        /** @description Pass as ?cursor= for the next page; null on the last page */
                        nextCursor: string | null;
                    };
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
        requestBody: {
            content: {
                "application/json": components["schemas"]["CancelTaskDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description A running task whose lease is gone continues */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            /** @description failed → scheduled, due now (a new run) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TaskResponse"];
                };
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description An error: `{statusCode, error, message, details}` */
            default: {
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
