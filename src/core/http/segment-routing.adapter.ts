import { ExpressAdapter } from '@nestjs/platform-express';
import { type Application, type RequestHandler, Router } from 'express';

/** `/pregnancies/:id/visits`: its first segment (a plain word) and the rest. */
const FIRST_SEGMENT = /^\/([A-Za-z0-9_-]+)(\/.*)?$/;

type NestHandler = Parameters<ExpressAdapter['get']>[1];
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Express tries an application's routes one after the other until one matches: with some 170
 * routes, finding one of the last cost a light request a tenth of its CPU. Here the routes are
 * kept in one router per first path segment (`/pregnancies`, `/worklists`, …), mounted where its
 * first route would have been, so a request tries a few dozen paths at most. Within a segment the
 * routes keep their order. A route whose path does not start with a plain word stays where it is.
 */
export class SegmentRoutingAdapter extends ExpressAdapter {
  private readonly segments = new Map<string, Router>();

  override get(path: unknown, handler?: NestHandler): unknown {
    return this.route('get', path, handler) ?? super.get(path, handler!);
  }

  override post(path: unknown, handler?: NestHandler): unknown {
    return this.route('post', path, handler) ?? super.post(path, handler!);
  }

  override put(path: unknown, handler?: NestHandler): unknown {
    return this.route('put', path, handler) ?? super.put(path, handler!);
  }

  override patch(path: unknown, handler?: NestHandler): unknown {
    return this.route('patch', path, handler) ?? super.patch(path, handler!);
  }

  override delete(path: unknown, handler?: NestHandler): unknown {
    return this.route('delete', path, handler) ?? super.delete(path, handler!);
  }

  /** Registered in its segment's router (this adapter), or null when the application keeps it. */
  private route(method: Method, path: unknown, handler: NestHandler | undefined): this | null {
    const match = typeof path === 'string' ? FIRST_SEGMENT.exec(path) : null;
    if (!match || !handler) return null;
    let router = this.segments.get(match[1]);
    if (!router) {
      router = Router();
      this.segments.set(match[1], router);
      this.getInstance<Application>().use(`/${match[1]}`, router);
    }
    router[method](match[2] ?? '/', handler as unknown as RequestHandler);
    return this;
  }
}
