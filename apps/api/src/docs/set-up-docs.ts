import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';

export const DOCS_PATH = 'api/docs';

/** The OpenAPI document and Swagger UI, served by the API itself (no CDN). */
export function setUpDocs(app: NestFastifyApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Movie Recommendation API')
    .setDescription('Ratings, watch history, rankings and personal recommendations.')
    .setVersion('1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup(`${DOCS_PATH}/swagger`, app, document, {
    jsonDocumentUrl: `${DOCS_PATH}/openapi.json`,
    swaggerOptions: { persistAuthorization: true },
  });
}
