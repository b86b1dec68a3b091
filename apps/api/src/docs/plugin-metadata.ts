import { HttpStatus, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { ApiResponse, type ApiResponseMetadata, DECORATORS, SwaggerModule } from '@nestjs/swagger';
import metadata from '../metadata.js';

/** What the plugin records per handler: `summary` from JSDoc, `type` from the return type. */
interface HandlerMetadata {
  summary?: string;
  type?: ApiResponseMetadata['type'];
}
type FileMetadata<T> = [Promise<Record<string, unknown>>, Record<string, T>];
interface PluginMetadata {
  '@nestjs/swagger': {
    models?: FileMetadata<Record<string, unknown>>[];
    controllers?: FileMetadata<Record<string, HandlerMetadata>>[];
  };
}

const SUCCESS_DESCRIPTIONS: Record<number, string> = { 200: 'OK.', 201: 'Created.', 204: 'No content.' };

/**
 * Loads what the swagger CLI plugin learned from the code (`metadata.ts`, written by
 * `npm run openapi:metadata`: property types, validation limits, JSDoc) into @nestjs/swagger.
 *
 * The plugin also knows each handler's success status and return type, but @nestjs/swagger applies
 * them only to handlers that declare no response at all, so a route with `@Authenticated` (which
 * declares 401) would lose its 200. Here the success response is added wherever none is declared.
 */
export async function loadSwaggerPluginMetadata(): Promise<void> {
  await SwaggerModule.loadPluginMetadata(metadata);
  const { models = [], controllers = [] } = ((await metadata()) as unknown as PluginMetadata)['@nestjs/swagger'];
  const declaredOrder = new Map<object, string[]>();
  for (const [file, classes] of models) {
    const exports = await file;
    for (const [className, properties] of Object.entries(classes)) {
      declaredOrder.set((exports[className] as { prototype: object }).prototype, Object.keys(properties));
    }
  }
  for (const prototype of declaredOrder.keys()) listPropertiesInDeclaredOrder(prototype, declaredOrder);
  for (const [file, classes] of controllers) {
    const exports = await file;
    for (const [className, handlers] of Object.entries(classes)) {
      const prototype = (exports[className] as { prototype: Record<string, unknown> }).prototype;
      for (const [name, handlerMetadata] of Object.entries(handlers)) {
        documentSuccessResponse(prototype, name, handlerMetadata);
      }
    }
  }
}

/**
 * @nestjs/swagger lists a model's decorated properties (`@ApiProperty({format: 'uuid'})`) before the
 * ones only the plugin knows, so a schema's fields would not be in the order of the wire format.
 * Here each model lists its properties as the class declares them (a parent class's first).
 */
function listPropertiesInDeclaredOrder(prototype: object, declaredOrder: Map<object, string[]>): void {
  const chain: object[] = [];
  for (let current: object | null = prototype; current && current !== Object.prototype;) {
    chain.unshift(current);
    current = Reflect.getPrototypeOf(current);
  }
  const ordered = chain.flatMap((link) => declaredOrder.get(link) ?? []).map((name) => `:${name}`);
  const listed = (Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, prototype) ?? []) as string[];
  const merged = [...new Set([...ordered, ...listed])];
  Reflect.defineMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, merged, prototype);
}

function documentSuccessResponse(prototype: object, name: string, handlerMetadata: HandlerMetadata): void {
  const descriptor = Object.getOwnPropertyDescriptor(prototype, name);
  const handler = descriptor?.value as object | undefined;
  if (!descriptor || !handler) return;
  const declared = (Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) ?? {}) as Record<string, unknown>;
  // A route that only refuses (`@NotAllowed`: 405) has no success answer.
  if (Object.keys(declared).some((status) => status.startsWith('2') || status === '405')) return;
  const status = successStatusOf(handler);
  const description = SUCCESS_DESCRIPTIONS[status] ?? 'Success.';
  ApiResponse({ status, description, type: handlerMetadata.type })(prototype, name, descriptor);
}

function successStatusOf(handler: object): number {
  const explicit = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  if (explicit) return explicit;
  const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
  return method === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
}
