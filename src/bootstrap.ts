import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { NumericPathParamsPipe } from './core/http/id-param';
import { RejectPrototypeKeysPipe } from './core/http/prototype-keys';
import { createValidationPipe } from './core/http/validation';
import { assignRequestId, REQUEST_ID_HEADER } from './core/request-context/request-id.middleware';

export interface HttpOptions {
  /** Serve the Swagger UI at /docs and the OpenAPI document at /docs-json. */
  swagger: boolean;
  /** Browser origins allowed to call the API cross-origin; none: no CORS headers at all. */
  corsOrigins: readonly string[];
}

const DOCS_PATH = 'docs';

/** What the HTTP app needs besides its modules; shared by main.ts and the end-to-end tests. */
export function configureHttpApp(app: INestApplication, options: HttpOptions): void {
  app.use(assignRequestId);
  app.use(securityHeaders(options.swagger));
  if (options.corsOrigins.length > 0) {
    // Bearer tokens, no cookies: credentials are never needed cross-origin.
    app.enableCors({ origin: [...options.corsOrigins], credentials: false, maxAge: 600 });
  }
  // Both before validation: it would drop `__proto__` silently, and read `1e3` as 1000.
  app.useGlobalPipes(
    new RejectPrototypeKeysPipe(),
    new NumericPathParamsPipe(),
    createValidationPipe(),
  );
  (app.getHttpAdapter().getInstance() as { disable(setting: string): void }).disable(
    'x-powered-by',
  );
  app.enableShutdownHooks();
  if (options.swagger) setUpApiDocs(app);
}

/**
 * helmet's headers everywhere. The API answers JSON only, so its policy forbids everything a page
 * could load; the Swagger UI page needs its own scripts and styles, some of them inline.
 */
function securityHeaders(swagger: boolean): RequestHandler {
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
  });
  if (!swagger) return api;
  const docs = helmet({
    contentSecurityPolicy: {
      directives: {
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // Swagger on plain http (development) must not be told to fetch its files over https.
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
  });
  return (request: Request, response: Response, next: NextFunction) => {
    const isDocs = request.path === `/${DOCS_PATH}` || request.path.startsWith(`/${DOCS_PATH}/`);
    (isDocs ? docs : api)(request, response, next);
  };
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
  SwaggerModule.setup(DOCS_PATH, app, document, { jsonDocumentUrl: 'docs-json' });
}
