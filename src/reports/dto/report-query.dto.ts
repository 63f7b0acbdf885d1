import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { UuidParamDto } from '../../http/uuid-param.dto.js';
import { REPORT_TABLES, type ReportTableName } from '../report-tables.js';

export class ReportVariantQueryDto {
  @ApiProperty({
    required: false,
    enum: ['true', 'false'],
    description: 'true: the variant for publication, without person names, and naming only the duos that agreed to it.',
  })
  @IsOptional()
  @IsIn(['true', 'false'], { message: '$property must be true or false' })
  anonymised?: 'true' | 'false';
}

/** `:id` (a cohort) and `:table`, one of the report's main tables. */
export class ReportTableParamDto extends UuidParamDto {
  @ApiProperty({ enum: REPORT_TABLES })
  @IsIn(REPORT_TABLES, { message: `table must be one of ${REPORT_TABLES.join(', ')}` })
  table: ReportTableName;
}
