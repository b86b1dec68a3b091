import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ProblemDetails } from '../http/problem-details.filter.js';

/** An error, as `application/problem+json` (RFC 9457). `code` and `errors` are extension members. */
@ApiSchema({ name: 'ProblemDetails' })
export class ProblemDetailsDto implements ProblemDetails {
  /** Always `about:blank`: the status code says what kind of problem it is. */
  @ApiProperty({ example: 'about:blank' })
  type: string;

  /** The HTTP status phrase. */
  @ApiProperty({ example: 'Not Found' })
  title: string;

  /** The HTTP status code, repeated. */
  @ApiProperty({ type: 'integer', example: 404 })
  status: number;

  /** What went wrong, as a sentence for people. */
  @ApiProperty({ example: 'Not found.' })
  detail: string;

  /** A stable machine-readable error code, when the domain has one. */
  @ApiPropertyOptional({ example: 'MOVIE_NOT_FOUND' })
  code?: string;

  /** Validation errors (400 only): every bad field with all its messages. */
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
    example: { email: ['email must be an email'] },
  })
  errors?: Record<string, string[]>;
}
