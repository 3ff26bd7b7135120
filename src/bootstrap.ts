import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { useJsonBodyWithDepthLimit } from './core/http/body-depth';
import { NumericPathParamsPipe } from './core/http/id-param';
import { RejectPrototypeKeysPipe } from './core/http/prototype-keys';
import { createValidationPipe } from './core/http/validation';
import { QUEUE_BOARD_PATH } from './core/observability/queue-board.module';
import { WEB_APP_PATH } from './core/web/web-app.module';
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
  useJsonBodyWithDepthLimit(app);
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
 * could load; the web application and the Swagger UI page need their own scripts and styles.
 */
function securityHeaders(swagger: boolean): RequestHandler {
  const api = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    },
    frameguard: { action: 'deny' },
  });
  // The web application: its own scripts and styles only; Ant Design writes its styles inline.
  const web = helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
  });
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
  const under = (path: string, root: string) => path === root || path.startsWith(`${root}/`);
  return (request: Request, response: Response, next: NextFunction) => {
    if (under(request.path, WEB_APP_PATH)) return web(request, response, next);
    // The queue view's page (bull-board) sets its base path in an inline script, as Swagger does.
    const isDocs =
      (swagger && under(request.path, `/${DOCS_PATH}`)) || under(request.path, QUEUE_BOARD_PATH);
    (isDocs ? docs : api)(request, response, next);
  };
}

function setUpApiDocs(app: INestApplication): void {
  SwaggerModule.setup(DOCS_PATH, app, buildApiDocument(app), { jsonDocumentUrl: 'docs-json' });
}

/** The service's OpenAPI document, as /docs-json serves it; the web client's types come from it. */
export function buildApiDocument(app: INestApplication): OpenAPIObject {
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
  return withUnauthorizedResponses(SwaggerModule.createDocument(app, config));
}

/** Every operation behind a login may answer 401 (no token, an ended session): say so once. */
function withUnauthorizedResponses(document: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of ['get', 'put', 'post', 'patch', 'delete'] as const) {
      const operation = item[method];
      if (!operation?.security?.length || operation.responses['401']) continue;
      operation.responses['401'] = {
        description: 'UNAUTHORIZED: no token, or its session ended (logout, revoked, expired)',
        content: {
          'application/json': { schema: { $ref: '#/components/schemas/ErrorResponseDto' } },
        },
      };
    }
  }
  return document;
}
