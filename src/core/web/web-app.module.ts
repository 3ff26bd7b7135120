import { Controller, Get, Module, Redirect } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { ApiExcludeController } from '@nestjs/swagger';
import { ServeStaticModule } from '@nestjs/serve-static';
import { resolve } from 'node:path';
import { appConfig } from '../../../config';
import { Public } from '../auth/auth.decorators';

/** Where the API serves the web application (`web/`, built by `npm run web:build`). */
export const WEB_APP_PATH = '/app';

@ApiExcludeController()
@Controller()
export class WebAppRedirectController {
  /** The service's address opens the web application. */
  @Get()
  @Public()
  @Redirect(`${WEB_APP_PATH}/`, 302)
  openWebApp(): void {}
}

/**
 * The built web application at /app: its files, and index.html for every other path under it
 * (the application routes in the browser). The API's paths stay as they are.
 */
@Module({
  imports: [
    ServeStaticModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (app: ConfigType<typeof appConfig>) => [
        {
          rootPath: resolve(app.webRoot),
          serveRoot: WEB_APP_PATH,
          serveStaticOptions: { index: ['index.html'], fallthrough: true },
        },
      ],
    }),
  ],
  controllers: [WebAppRedirectController],
})
export class WebAppModule {}
