import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { createValidationPipe } from './core/http/validation';
import { assignRequestId, REQUEST_ID_HEADER } from './core/request-context/request-id.middleware';

/** What the HTTP app needs besides its modules; shared by main.ts and the end-to-end tests. */
export function configureHttpApp(app: INestApplication, options: { swagger: boolean }): void {
  app.use(assignRequestId);
  app.useGlobalPipes(createValidationPipe());
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable(
    'x-powered-by',
  );
  app.enableShutdownHooks();
  if (options.swagger) setUpApiDocs(app);
}

function setUpApiDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('MCH case tracking')
    .setDescription(
      'Maternal and child health case tracking: registration (建册), pregnancies, audit. ' +
        'Every response carries an ' +
        REQUEST_ID_HEADER +
        ' header; errors share one shape { statusCode, code, message, details[] }.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
}
