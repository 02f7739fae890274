/**
 * A local Adapty: a real HTTP server on 127.0.0.1 that answers the integration
 * identifiers endpoint and the profile endpoint the way Adapty's docs describe
 * (each with its own error forms), with sample profiles and scenarios that fail on purpose. Tests, the CLI's `local-server`, the app's
 * demo mode and the benchmarks all use it. No electron, no framework.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { IDENTIFIERS_PATH } from '../adapty/client';
import { PROFILE_PATH } from '../adapty/profile';
import { UUID } from '../../shared/input-rules';
import { createRateLimiter, type RateLimit } from './rate-limit';
import { generatedProfile, generatedProfileById, profileData, SAMPLE_PROFILES, SCENARIO_PREFIX, SCENARIOS, type SampleProfile, type ScenarioName } from './profiles';

/** The key the local server accepts unless told otherwise. Not an Adapty key. */
export const LOCAL_ADAPTY_KEY = 'local_adapty_demo_key.not-a-real-secret';

export interface LocalAdaptyOptions {
  /** Keys the server accepts (default: LOCAL_ADAPTY_KEY). */
  apiKeys?: readonly string[];
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Delay of `scenario:slow`, in ms (default 3000). */
  slowMs?: number;
  /** Where `scenario:redirect-cross-origin` sends the client. */
  redirectTarget?: string;
  /** Requests a second (with a short burst) above which the server answers 429 with Retry-After. None by default. */
  rateLimit?: RateLimit;
  /**
   * Whether `requests` keeps every request (the default: tests read it). The demo in the app and the CLI's
   * `local-server` keep none: they may run for hours, and the list would only grow.
   */
  recordRequests?: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Whether an Authorization header came, never its value. */
  hasAuthorization: boolean;
  customerUserId: string | null;
  profileId: string | null;
}

export interface LocalAdapty {
  url: string;
  port: number;
  /** Every request that reached the server, in order (none when started with `recordRequests: false`). */
  requests: RecordedRequest[];
  close(): Promise<void>;
}

type Answer = { status: number; body?: unknown; text?: string; headers?: Record<string, string> };

const ok = (body: unknown): Answer => ({ status: 200, body });
const adaptyError = (status: number, errorCode: string, errors: unknown[]): Answer => ({
  status,
  body: { errors, error_code: errorCode, status_code: status },
});

/** The answer above the rate limit: Adapty's 429, saying how many seconds to wait. */
const rateLimited = (seconds: number): Answer => ({ ...adaptyError(429, 'rate_limited', ['Too many requests']), headers: { 'Retry-After': String(seconds) } });

/** One endpoint the server speaks: its path, its 200 body for a profile, and its own forms of 401 and 404. */
interface Endpoint {
  path: string;
  body(profile: SampleProfile): unknown;
  /** What scenario:wrong-shape answers: the all-set profile (as answered for the ID asked for) with one field of the wrong type. */
  wrongShape(profile: SampleProfile): unknown;
  unauthorized: Answer;
  notFound(message: string): Answer;
}

/** The identifiers endpoint: a flat object; `errors` as plain strings. */
const IDENTIFIERS: Endpoint = {
  path: IDENTIFIERS_PATH,
  body: (profile) => profile.body,
  wrongShape: (profile) => ({ ...profile.body, appsflyer_id: 1741933337626 }),
  unauthorized: adaptyError(401, 'unauthorized', ['Invalid API key']),
  notFound: (message) => adaptyError(404, 'profile_not_found', [message]),
};

/** The profile endpoint: `{data: Profile}`; `errors` as `{source, errors[]}` objects (adapty-api.yaml, getProfile). */
const PROFILE: Endpoint = {
  path: PROFILE_PATH,
  body: (profile) => ({ data: profileData(profile) }),
  wrongShape: (profile) => ({ data: { ...profileData(profile), access_levels: 'premium' } }),
  unauthorized: adaptyError(401, 'not_authenticated', [{ source: 'non_field_errors', errors: ['Authentication credentials were not provided.'] }]),
  notFound: (message) => adaptyError(404, 'profile_does_not_exist', [{ source: null, errors: [message] }]),
};

const ENDPOINTS = [IDENTIFIERS, PROFILE];

/** The profile scenarios answer with when they answer 200 (every identifier set; a lifetime access level). */
const ALL_SET = SAMPLE_PROFILES.find((p) => p.customerUserId === 'all-set')!;

/**
 * The all-set profile as answered for the customer user ID asked for (a scenario's, or a redirect's): it
 * carries that ID, as Adapty's answer would, so the profile shown is the user searched for, not "all-set".
 */
const allSetFor = (customerUserId: string | null): SampleProfile => (customerUserId === null ? ALL_SET : { ...ALL_SET, customerUserId });

/** What the server does with a request: answer, close the connection, or answer after a delay. */
type Reply = Answer | 'drop' | { delayMs: number; answer: Answer };

export async function startLocalAdapty(options: LocalAdaptyOptions = {}): Promise<LocalAdapty> {
  const keys = options.apiKeys ?? [LOCAL_ADAPTY_KEY];
  const requests: RecordedRequest[] = [];
  const recording = options.recordRequests ?? true;
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const limiter = options.rateLimit ? createRateLimiter(options.rateLimit) : null;

  const server = createServer((req, res) => {
    const customerUserId = header(req, 'adapty-customer-user-id');
    const profileId = header(req, 'adapty-profile-id');
    const url = new URL(req.url ?? '/', 'http://local');
    if (recording) {
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        hasAuthorization: req.headers.authorization !== undefined,
        customerUserId,
        profileId,
      });
    }
    const wait = limiter?.take() ?? null;
    const reply = wait === null ? route(req, url, customerUserId, profileId) : rateLimited(wait);
    if (reply === 'drop') {
      req.socket.destroy();
      return;
    }
    if ('delayMs' in reply) {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(res, reply.answer);
      }, reply.delayMs);
      timers.add(timer);
      return;
    }
    send(res, reply);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  function route(req: IncomingMessage, url: URL, customerUserId: string | null, profileId: string | null): Reply {
    const endpoint = ENDPOINTS.find((e) => e.path === url.pathname);
    if (!endpoint) return { status: 404, body: { detail: 'Not found.' } };
    if (req.method !== 'GET') return { status: 405, body: { detail: `Method "${req.method}" not allowed.` } };
    const auth = /^Api-Key (.+)$/.exec(req.headers.authorization ?? '');
    if (!auth?.[1] || !keys.includes(auth[1])) return endpoint.unauthorized;
    if ((customerUserId === null) === (profileId === null)) {
      return adaptyError(400, 'validation_error', [
        { source: null, errors: ['Either adapty-customer-user-id or adapty-profile-id is required, not both.'] },
      ]);
    }
    const answerFor = (profile: SampleProfile | undefined): Answer => (profile ? ok(endpoint.body(profile)) : endpoint.notFound('Profile not found'));
    if (url.searchParams.get('redirected') === '1') return answerFor(allSetFor(customerUserId));
    if (profileId !== null) {
      if (!UUID.test(profileId)) return adaptyError(400, 'validation_error', [{ source: 'adapty-profile-id', errors: ['Must be a valid UUID.'] }]);
      return answerFor(SAMPLE_PROFILES.find((p) => p.profileId === profileId.toLowerCase()) ?? generatedProfileById(profileId));
    }
    const id = customerUserId ?? '';
    if (id.startsWith(SCENARIO_PREFIX)) return scenario(endpoint, id, auth[1]);
    return answerFor(SAMPLE_PROFILES.find((p) => p.customerUserId === id) ?? generatedProfile(id));
  }

  /** IDs of scenario:flaky already refused once (per endpoint). */
  const refusedOnce = new Set<string>();

  function scenario(endpoint: Endpoint, customerUserId: string, key: string): Reply {
    const spec = customerUserId.slice(SCENARIO_PREFIX.length);
    const [name, arg] = spec.split(':') as [ScenarioName, string | undefined];
    const answered = allSetFor(customerUserId);
    const allSet = endpoint.body(answered);
    const path = endpoint.path;
    switch (name) {
      case 'not-found-object-form':
        return adaptyError(404, 'profile_does_not_exist', [{ source: null, errors: ['Profile does not exist'] }]);
      case 'unauthorized':
        return endpoint.unauthorized;
      case 'forbidden':
        return adaptyError(403, 'feature_not_enabled', ['This feature is not enabled for your app']);
      case 'rate-limited':
        return { ...adaptyError(429, 'rate_limited', ['Too many requests']), headers: { 'Retry-After': '2' } };
      case 'rate-limited-date':
        return {
          ...adaptyError(429, 'rate_limited', ['Too many requests']),
          headers: { 'Retry-After': new Date(Date.now() + 3000).toUTCString() },
        };
      case 'rate-limited-bare':
        return adaptyError(429, 'rate_limited', ['Too many requests']);
      case 'server-error':
        return { status: 500, text: '' };
      case 'bad-gateway':
        return { status: 502, text: '<html><body><h1>502 Bad Gateway</h1></body></html>', headers: { 'Content-Type': 'text/html' } };
      case 'service-unavailable':
        return adaptyError(503, 'service_unavailable', ['Service temporarily unavailable']);
      case 'not-json':
        return { status: 200, text: '<html>maintenance</html>', headers: { 'Content-Type': 'text/html' } };
      case 'wrong-shape':
        return ok(endpoint.wrongShape(answered));
      case 'not-an-object':
        return ok([allSet]);
      case 'slow':
        return { delayMs: arg && /^\d+$/.test(arg) ? Number(arg) : (options.slowMs ?? 3000), answer: ok(allSet) };
      case 'drop':
        return 'drop';
      case 'x-request-id':
        return { ...ok(allSet), headers: { 'x-request-id': randomUUID(), 'Request-Id': '' } };
      case 'no-request-id':
        return { ...ok(allSet), headers: { 'Request-Id': '' } };
      case 'redirect-same-origin':
        return { status: 307, headers: { Location: `${path}?redirected=1` } };
      case 'redirect-cross-origin':
        if (!options.redirectTarget) return adaptyError(500, 'no_redirect_target', ['Start the server with redirectTarget']);
        return { status: 307, headers: { Location: `${options.redirectTarget.replace(/\/+$/, '')}${path}` } };
      case 'redirect-loop':
        return { status: 307, headers: { Location: path } };
      case 'echo-key':
        return adaptyError(400, 'parse_error', [`Malformed header Authorization: Api-Key ${key}`]);
      case 'profile-fails':
        return path === IDENTIFIERS_PATH ? ok(allSet) : adaptyError(500, 'internal_error', ['The profile could not be read']);
      case 'flaky': {
        const seen = `${path} ${spec}`;
        if (refusedOnce.has(seen)) return ok(allSet);
        refusedOnce.add(seen);
        return adaptyError(503, 'service_unavailable', ['Service temporarily unavailable']);
      }
      case 'identifiers-fail':
        return path === IDENTIFIERS_PATH ? adaptyError(500, 'internal_error', ['The identifiers could not be read']) : ok(allSet);
      case 'profile-unreadable':
        return path === IDENTIFIERS_PATH
          ? ok(allSet)
          : ok({
              data: {
                ...profileData(ALL_SET),
                profile_id: 42,
                customer_user_id: 42,
                total_revenue_usd: 'lots',
                access_levels: 'premium',
                subscriptions: {},
                non_subscriptions: 7,
                custom_attributes: 'plan',
              },
            });
      default:
        return endpoint.notFound(`Unknown scenario; known: ${Object.keys(SCENARIOS).join(', ')}`);
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

function send(res: ServerResponse, answer: Answer): void {
  const headers: Record<string, string> = { 'Request-Id': randomUUID(), ...answer.headers };
  for (const [name, value] of Object.entries(headers)) if (value !== '') res.setHeader(name, value);
  if (answer.body !== undefined) {
    res.setHeader('Content-Type', 'application/json');
    res.writeHead(answer.status).end(JSON.stringify(answer.body));
  } else {
    res.writeHead(answer.status).end(answer.text ?? '');
  }
}
