/**
 * The live channel of a session in the browser: one WebSocket per session however many
 * panels listen, the snapshot then events, and reconnecting by itself from the last seen
 * seq (`?since=`) so nothing is missed — after a backoff, or at once when the network or
 * the page comes back.
 */

export type LiveState = 'off' | 'connecting' | 'live' | 'lost';

export interface LiveFrame {
  type: string;
  seq?: number;
  event?: string;
  data?: unknown;
  [key: string]: unknown;
}

export interface LiveListener {
  frame(frame: LiveFrame): void;
  state?(state: LiveState): void;
}

interface Channel {
  listeners: Set<LiveListener>;
  socket: WebSocket | null;
  seq: number | null;
  state: LiveState;
  retry: number;
  timer: ReturnType<typeof setTimeout> | null;
  stop(): void;
}

const channels = new Map<string, Channel>();

function open(sessionId: string): Channel {
  const channel: Channel = {
    listeners: new Set(),
    socket: null,
    seq: null,
    state: 'off',
    retry: 0,
    timer: null,
    stop: () => undefined,
  };
  let stopped = false;
  const setState = (state: LiveState) => {
    channel.state = state;
    for (const l of channel.listeners) l.state?.(state);
  };
  const connect = () => {
    setState('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const since = channel.seq === null ? '' : `?since=${channel.seq}`;
    const socket = new WebSocket(
      `${scheme}://${location.host}/api/live/sessions/${sessionId}${since}`,
    );
    channel.socket = socket;
    socket.onopen = () => {
      channel.retry = 0;
      setState('live');
    };
    socket.onmessage = (message) => {
      let frame: LiveFrame;
      try {
        frame = JSON.parse(String(message.data)) as LiveFrame;
      } catch {
        return;
      }
      if (!frame || typeof frame !== 'object') return;
      if (typeof frame.seq === 'number') channel.seq = frame.seq;
      for (const l of channel.listeners) l.frame(frame);
    };
    socket.onclose = () => {
      if (channel.socket === socket) channel.socket = null;
      if (stopped) return;
      setState('lost');
      channel.retry = Math.min(channel.retry + 1, 6);
      channel.timer = setTimeout(connect, 500 * 2 ** channel.retry);
    };
  };
  const reconnectNow = () => {
    if (stopped || channel.socket || document.visibilityState === 'hidden') return;
    if (channel.timer) clearTimeout(channel.timer);
    channel.timer = null;
    channel.retry = 0;
    connect();
  };
  window.addEventListener('online', reconnectNow);
  document.addEventListener('visibilitychange', reconnectNow);
  channel.stop = () => {
    stopped = true;
    window.removeEventListener('online', reconnectNow);
    document.removeEventListener('visibilitychange', reconnectNow);
    if (channel.timer) clearTimeout(channel.timer);
    channel.socket?.close();
    channel.socket = null;
  };
  connect();
  return channel;
}

/**
 * Listen to a session's live channel; returns the function that stops listening (the
 * socket closes with its last listener). Call from onMount.
 */
export function listenLive(sessionId: string, listener: LiveListener): () => void {
  let channel = channels.get(sessionId);
  if (!channel) {
    channel = open(sessionId);
    channels.set(sessionId, channel);
  }
  channel.listeners.add(listener);
  listener.state?.(channel.state);
  const held = channel;
  return () => {
    held.listeners.delete(listener);
    if (held.listeners.size === 0) {
      held.stop();
      if (channels.get(sessionId) === held) channels.delete(sessionId);
    }
  };
}
