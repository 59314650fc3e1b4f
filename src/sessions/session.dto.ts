import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { type Role, ROLES } from '../auth/api-key.entity';
import type { Caller } from '../auth/caller';
import type { RequestSession } from '../auth/sessions/session-authenticator';
import { csrfTokenFor } from '../auth/sessions/session-token';

export class CreateSessionDto {
  @ApiProperty({ description: 'The API key to sign in with; it is not kept by the browser' })
  @IsString()
  @Length(1, 200)
  apiKey!: string;
}

export class SessionResponse {
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partnerId!: string | null;
  @ApiProperty({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "The partner's platform",
  })
  platformId!: string | null;
  @ApiProperty({ description: "The API key's name" }) name!: string;
  @ApiProperty({ format: 'uuid', description: 'The API key the session acts for' }) keyId!: string;
  @ApiProperty({ description: 'The session ends at this time at the latest' }) expiresAt!: string;
  @ApiProperty({ description: 'The session also ends after this many minutes without a request' })
  idleTimeoutMinutes!: number;
  @ApiProperty({
    description:
      'Send it back in the X-CSRF-Token header with every POST, PATCH and DELETE carried by the session cookie',
  })
  csrfToken!: string;

  static from(caller: Caller, session: RequestSession, idleMinutes: number): SessionResponse {
    return {
      role: caller.role,
      partnerId: caller.partnerId,
      platformId: caller.platformId,
      name: caller.name,
      keyId: caller.keyId,
      expiresAt: session.expiresAt.toISOString(),
      idleTimeoutMinutes: idleMinutes,
      csrfToken: csrfTokenFor(session.token),
    };
  }
}
