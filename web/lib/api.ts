/**
 * The gateway's HTTP API as the page uses it: OpenAI-style errors turned into {@link ApiError},
 * the bearer token attached to every /v1 call.
 */

export type FetchFn = typeof fetch;

export interface Session {
  token: string;
  user: string;
  /** Epoch seconds, when known. */
  expiresAt?: number;
}

export interface Model {
  id: string;
}

export interface ConversationSummary {
  id: string;
  title: string | null;
  created_at: string | number;
  updated_at: string | number;
}

export interface ConversationPage {
  data: ConversationSummary[];
  has_more: boolean;
  next_cursor: string | null;
}

export interface StoredMessage {
  role: 'user' | 'assistant' | 'system' | string;
  content: string;
  created_at?: string | number;
}

export interface Conversation {
  id: string;
  title: string | null;
  messages: StoredMessage[];
}

/** A non-2xx answer, or a failure to reach the server at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string | null = null,
    readonly type: string | null = null,
    /** Seconds from a 429's Retry-After header. */
    readonly retryAfterSec: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isNetwork(): boolean {
    return this.status === 0;
  }
}

/** Reads an OpenAI error body (`{"error":{message,type,param,code}}`), tolerating anything else. */
export async function errorFrom(response: Response): Promise<ApiError> {
  let message = `${response.status} ${response.statusText}`.trim();
  let code: string | null = null;
  let type: string | null = null;
  try {
    const body = (await response.json()) as { error?: { message?: string; code?: string | null; type?: string | null } };
    if (body?.error) {
      message = body.error.message || message;
      code = body.error.code ?? null;
      type = body.error.type ?? null;
    }
  } catch {
    // a proxy's HTML error page, or no body: keep the status line
  }
  return new ApiError(response.status, message, code, type, retryAfter(response.headers.get('Retry-After')));
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function retryAfter(header: string | null, now = Date.now()): number | null {
  if (header === null || header.trim() === '') {
    return null;
  }
  if (/^\d+$/.test(header.trim())) {
    return Number(header.trim());
  }
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

export class Api {
  constructor(
    private readonly base: string,
    private readonly token: () => string | null,
    private readonly fetchFn: FetchFn = (input, init) => fetch(input, init),
  ) {}

  /** Sends a request with the bearer token; network failures become ApiError(0). */
  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    const token = this.token();
    if (token) {
      headers.set('Authorization', `Bearer ${token}`);
    }
    let response: Response;
    try {
      response = await this.fetchFn(this.base + path, { ...init, headers });
    } catch (e) {
      if ((e as Error)?.name === 'AbortError') {
        throw e;
      }
      throw new ApiError(0, 'The server could not be reached. Check your connection.');
    }
    if (!response.ok) {
      throw await errorFrom(response);
    }
    return response;
  }

  private async json<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await this.request(path, init);
    return (await response.json()) as T;
  }

  /** Dev mode only: returns null when the server has dev sign-in switched off (404). */
  async devToken(user: string): Promise<Session | null> {
    try {
      const body = await this.json<{ token: string; user: string; expires_at?: number }>(
        `/dev/token?user=${encodeURIComponent(user)}`,
      );
      return { token: body.token, user: body.user ?? user, expiresAt: body.expires_at };
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) {
        return null;
      }
      throw e;
    }
  }

  async firstModel(): Promise<string> {
    const body = await this.json<{ data: Model[] }>('/v1/models');
    const first = body.data?.[0]?.id;
    if (!first) {
      throw new ApiError(503, 'The server has no model available yet.');
    }
    return first;
  }

  conversations(cursor: string | null, limit = 20): Promise<ConversationPage> {
    const query = `limit=${limit}` + (cursor ? `&before=${encodeURIComponent(cursor)}` : '');
    return this.json<ConversationPage>(`/v1/conversations?${query}`);
  }

  conversation(id: string): Promise<Conversation> {
    return this.json<Conversation>(`/v1/conversations/${encodeURIComponent(id)}`);
  }

  async deleteConversation(id: string): Promise<void> {
    await this.request(`/v1/conversations/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  async cancel(requestId: string): Promise<void> {
    await this.request(`/v1/streams/${encodeURIComponent(requestId)}/cancel`, { method: 'POST' });
  }
}

/** Reads `sub` and `exp` from a JWT without verifying it (the server verifies; this is for display). */
export function sessionFromJwt(token: string): Session {
  const trimmed = token.trim().replace(/^Bearer\s+/i, '');
  let user = 'you';
  let expiresAt: number | undefined;
  try {
    const payload = trimmed.split('.')[1];
    const json = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string; exp?: number };
    user = json.sub ?? user;
    expiresAt = typeof json.exp === 'number' ? json.exp : undefined;
  } catch {
    // an opaque token: the server will tell us if it is no good
  }
  return { token: trimmed, user, expiresAt };
}
