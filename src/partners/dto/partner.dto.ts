import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Locale, LOCALES } from '../../common/locale';
import { PageQuery } from '../../common/pagination';
import { IsIanaTimeZone, IsUuid, Optional } from '../../common/validators';
import {
  CustomerPostponeDto,
  CustomerPostponeOverrideResponse,
} from '../../platforms/dto/customer-postpone.dto';
import { PartnerContact, PartnerEntity } from '../partner.entity';

export const MAX_CONTACTS = 50;

export class PartnerContactDto {
  @ApiProperty({ example: 'ops@reseller.example' })
  @IsEmail()
  email!: string;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en' })
  @Optional()
  @IsIn(LOCALES)
  locale?: Locale;

  @ApiPropertyOptional({
    example: 'Europe/Rome',
    description: "Defaults to the platform's timezone",
  })
  @Optional()
  @IsIanaTimeZone()
  timezone?: string;
}

export class CreatePartnerDto {
  @ApiProperty({ format: 'uuid' })
  @IsUuid()
  platformId!: string;

  @ApiProperty({ example: 'ACME Telecom' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ type: [PartnerContactDto], description: 'Receive partner notifications' })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_CONTACTS)
  @ValidateNested({ each: true })
  @Type(() => PartnerContactDto)
  contacts?: PartnerContactDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'licence@reseller.example',
    description:
      'The licence contact: one-time codes that confirm its risky rollouts are e-mailed here ' +
      '(docs/rollouts.md, "Confirmation"). null clears it.',
  })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsEmail()
  @MaxLength(254)
  licenceEmail?: string | null;

  @ApiPropertyOptional({
    type: CustomerPostponeDto,
    description:
      "Overrides the platform's customerPostpone for this partner's tenants, field by field " +
      "(a field not given is the platform's)",
  })
  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerPostponeDto)
  customerPostpone?: CustomerPostponeDto;
}

export class UpdatePartnerDto {
  @ApiPropertyOptional() @Optional() @IsString() @Length(1, 200) name?: string;

  @ApiPropertyOptional({ type: [PartnerContactDto] })
  @Optional()
  @IsArray()
  @ArrayMaxSize(MAX_CONTACTS)
  @ValidateNested({ each: true })
  @Type(() => PartnerContactDto)
  contacts?: PartnerContactDto[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: 'licence@reseller.example',
    description:
      'The licence contact: one-time codes that confirm its risky rollouts are e-mailed here ' +
      '(docs/rollouts.md, "Confirmation"). null clears it.',
  })
  @ValidateIf((_, v) => v !== undefined && v !== null)
  @IsEmail()
  @MaxLength(254)
  licenceEmail?: string | null;

  @ApiPropertyOptional({
    type: CustomerPostponeDto,
    nullable: true,
    description:
      "Replaces the partner's override of the platform's customerPostpone; null: the platform's again",
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => CustomerPostponeDto)
  customerPostpone?: CustomerPostponeDto | null;
}

export class ListPartnersQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @Optional() @IsUuid() platformId?: string;
}

export class PartnerContactResponse {
  @ApiProperty() email!: string;
  @ApiProperty({ enum: LOCALES }) locale!: Locale;
  @ApiProperty() timezone!: string;
}

export class PartnerResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) platformId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [PartnerContactResponse] }) contacts!: PartnerContact[];
  @ApiProperty({ type: String, nullable: true, description: 'Where its one-time codes go' })
  licenceEmail!: string | null;
  @ApiProperty({
    type: CustomerPostponeOverrideResponse,
    nullable: true,
    description: "Its override of the platform's customerPostpone (null: none)",
  })
  customerPostpone!: CustomerPostponeOverrideResponse | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;

  static from(p: PartnerEntity): PartnerResponse {
    return {
      id: p.id,
      platformId: p.platformId,
      name: p.name,
      contacts: p.contacts,
      licenceEmail: p.licenceEmail,
      customerPostpone: p.customerPostpone,
      createdAt: p.createdAt.toISOString(),
      updatedAt: p.updatedAt.toISOString(),
    };
  }
}
