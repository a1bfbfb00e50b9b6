// Live updates of a centre's inbox over server-sent events (GET /api/v1/centres/{centre}/inbox/events).
// The server says which conversation changed; screens reload what they show. While the stream is
// down (a proxy that buffers, a dropped connection) screens poll instead, and a slow poll stays on
// as a safety net even while it is up. EventSource reconnects by itself, as the server's `retry:` asks.
import { useEffect, useMemo, useState } from 'preact/hooks';

const POLL_CONNECTED_MS = 30_000;
const POLL_DISCONNECTED_MS = 3_000;

// `null` means "anything may have changed": on (re)connecting and when the server asks to resync.
type Listener = (conversation: string | null) => void;

// 'connecting' until the first `ready`; 'paused' after the stream broke, until it is back.
export type LiveState = 'connecting' | 'live' | 'paused';

export class LiveFeed {
  connected = false;
  private readonly listeners = new Set<Listener>();

  subscribe(fn: Listener): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  emit(conversation: string | null) {
    for (const fn of this.listeners) fn(conversation);
  }
}

export function useLiveFeed(centreId: string): { feed: LiveFeed; state: LiveState } {
  const feed = useMemo(() => new LiveFeed(), [centreId]);
  const [state, setState] = useState<LiveState>('connecting');
  useEffect(() => {
    setState('connecting');
    if (typeof EventSource === 'undefined') {
      setState('paused');
      return undefined;
    }
    const source = new EventSource(`/api/v1/centres/${centreId}/inbox/events`);
    source.addEventListener('ready', () => {
      feed.connected = true;
      setState('live');
      feed.emit(null);
    });
    source.addEventListener('resync', () => feed.emit(null));
    source.addEventListener('change', (e) => {
      try {
        const data = JSON.parse((e as MessageEvent<string>).data) as { conversation?: unknown };
        feed.emit(typeof data.conversation === 'string' ? data.conversation : null);
      } catch {
        feed.emit(null);
      }
    });
    source.onerror = () => {
      feed.connected = false;
      setState('paused');
    };
    return () => {
      feed.connected = false;
      source.close();
    };
  }, [feed]);
  return { feed, state };
}

// Runs `load` now, whenever the feed reports a change (to `conversation`, if given), and on the
// fallback poll. Loads never overlap: a change during a load runs one more load after it, so the
// newest state always wins and a burst of changes costs two requests, not one per change.
export function useLiveLoad(feed: LiveFeed, load: () => Promise<void>, deps: unknown[], conversation?: string) {
  useEffect(() => {
    let running = false;
    let again = false;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const schedule = () => {
      clearTimeout(timer);
      if (!stopped) timer = setTimeout(run, feed.connected ? POLL_CONNECTED_MS : POLL_DISCONNECTED_MS);
    };
    const run = async () => {
      if (running) {
        again = true;
        return;
      }
      running = true;
      do {
        again = false;
        await load();
      } while (again && !stopped);
      running = false;
      schedule();
    };
    const off = feed.subscribe((changed) => {
      if (conversation === undefined || changed === null || changed === conversation) void run();
    });
    void run();
    return () => {
      stopped = true;
      clearTimeout(timer);
      off();
    };
  }, [feed, ...deps]);
}
