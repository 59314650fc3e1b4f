import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

/** POST /rollouts/{id}/confirm. */
export class ConfirmRolloutDto {
  @ApiProperty({
    example: 'K7M2-QX9P',
    description:
      'The one-time code from the e-mail (8 characters; letter case, spaces and dashes do not matter)',
  })
  @IsString()
  @Length(8, 32)
  code!: string;
}
