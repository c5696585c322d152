/**
 * The live hub: every WebSocket viewer of a session in this process, and the delivery of
 * the session's committed live events to them, in `seq` order, each event serialized once
 * per visibility class.
 *
 * Events reach the hub two ways: after a local commit (the change envelope's wake-up) and,
 * on PostgreSQL, through LISTEN/NOTIFY from other processes (ids only). Either way the hub
 * reads the events after the last one it delivered from `live_events`, so a wake-up that
 * comes twice or out of order delivers nothing twice and skips nothing.
 */
import type { WebSocket } from 'ws';
import type { Db } from '@kengash/db';
import {
  currentSeq,
  eventsAfter,
  liveAreaFor,
  liveAreas,
  oldestKeptSeq,
  type LiveEventRow,
  type LiveRef,
  type LiveViewer,
  type RenderedEvent,
  type SessionAccess,
  type ViewerClass,
} from '@kengash/core';

/** A viewer whose unsent frames pass this is too slow to keep: it is dropped. */
export const MAX_BUFFERED_BYTES = 1024 * 1024;
/** A reconnect further behind than this gets a fresh snapshot instead of a replay. */
export const MAX_REPLAY = 1000;
const BATCH = 500;

export interface Viewer {
  socket: WebSocket;
  viewer: LiveViewer;
  sessionId: string;
  /** Frames with a seq up to this were covered by the snapshot or the replay. */
  startSeq: number;
  ready: boolean;
  /** Frames that arrived while the snapshot was being made. */
  pending: { seq: number; frame: string | null }[];
  alive: boolean;
}

interface Channel {
  viewers: Set<Viewer>;
  /** The last seq delivered here; Infinity until the channel has read where it starts. */
  delivered: number;
  ready: Promise<void>;
  pumping: Promise<void> | null;
  again: boolean;
}

/** One event's frames, made lazily and at most once per class. */
class Frames {
  private byClass = new Map<ViewerClass, string | null>();
  constructor(
    private readonly row: LiveEventRow,
    private readonly rendered: RenderedEvent,
  ) {}
  for(viewer: LiveViewer): string | null {
    // Moderators see everything already: a user's own copy never narrows theirs.
    if (viewer.klass !== 'moderator' && viewer.userId && this.rendered.byUser?.has(viewer.userId))
      return this.frame(this.rendered.byUser.get(viewer.userId));
    let f = this.byClass.get(viewer.klass);
    if (f === undefined) {
      f = this.frame(this.rendered.byClass[viewer.klass]);
      this.byClass.set(viewer.klass, f);
    }
    return f;
  }
  private frame(data: unknown): string | null {
    if (data === null || data === undefined) return null;
    return JSON.stringify({ type: 'event', seq: this.row.seq, event: this.row.type, data });
  }
}

export interface HubLog {
  warn(obj: object, msg: string): void;
}

export class LiveHub {
  private readonly channels = new Map<string, Channel>();
  private heartbeat: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: HubLog,
    private readonly heartbeatMs = 25_000,
  ) {}

  get viewerCount(): number {
    let n = 0;
    for (const c of this.channels.values()) n += c.viewers.size;
    return n;
  }

  start(): void {
    this.heartbeat ??= setInterval(() => this.beat(), this.heartbeatMs);
    this.heartbeat.unref();
  }

  stop(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    for (const c of this.channels.values()) for (const v of c.viewers) v.socket.terminate();
    this.channels.clear();
  }

  /** Called after a commit here, or on a NOTIFY from another process. */
  wake = (refs: readonly LiveRef[]): void => {
    for (const ref of refs) {
      const channel = this.channels.get(ref.sessionId);
      if (channel && ref.seq > channel.delivered) this.pump(ref.sessionId, channel);
    }
  };

  /**
   * Adds a viewer: first it is registered (so nothing committed from now on can pass it
   * by), then it gets its snapshot — or, with `since`, the events it missed — and then
   * whatever arrived meanwhile.
   */
  async join(
    socket: WebSocket,
    s: SessionAccess,
    viewer: LiveViewer,
    since: number | null,
  ): Promise<Viewer> {
    const sessionId = s.session.id;
    let channel = this.channels.get(sessionId);
    if (!channel) {
      const created: Channel = {
        viewers: new Set(),
        delivered: Number.POSITIVE_INFINITY,
        ready: Promise.resolve(),
        pumping: null,
        again: false,
      };
      created.ready = currentSeq(this.db, sessionId).then((seq) => {
        created.delivered = seq;
        // A commit that woke us while we were reading is picked up now.
        this.pump(sessionId, created);
      });
      this.channels.set(sessionId, created);
      channel = created;
    }
    await channel.ready;
    const v: Viewer = {
      socket,
      viewer,
      sessionId,
      startSeq: Number.MAX_SAFE_INTEGER,
      ready: false,
      pending: [],
      alive: true,
    };
    channel.viewers.add(v);
    // Closed while the channel was starting: its 'close' came before anyone listened.
    if (socket.readyState !== socket.OPEN) {
      this.leave(v);
      return v;
    }
    socket.on('pong', () => (v.alive = true));
    socket.once('close', () => this.leave(v));

    const seq = await currentSeq(this.db, sessionId);
    let replayed = false;
    if (since !== null && since <= seq && seq - since <= MAX_REPLAY) {
      const oldest = await oldestKeptSeq(this.db, sessionId);
      if (since === seq || (oldest !== null && oldest <= since + 1)) {
        const rows = await eventsAfter(this.db, sessionId, since, MAX_REPLAY);
        const frames = await this.render(
          sessionId,
          rows.filter((r) => r.seq <= seq),
        );
        for (const f of frames) this.send(v, f.for(viewer));
        replayed = true;
      }
    }
    if (!replayed) {
      const parts: Record<string, unknown> = {};
      for (const area of liveAreas()) Object.assign(parts, await area.snapshot(this.db, s, viewer));
      this.send(v, JSON.stringify({ type: 'snapshot', seq, ...parts }));
    }
    v.startSeq = seq;
    for (const p of v.pending) if (p.seq > seq) this.send(v, p.frame);
    v.pending = [];
    v.ready = true;
    return v;
  }

  leave(v: Viewer): void {
    const channel = this.channels.get(v.sessionId);
    if (!channel) return;
    channel.viewers.delete(v);
    if (channel.viewers.size === 0 && !channel.pumping) this.channels.delete(v.sessionId);
  }

  /** Sends a frame, dropping a consumer that does not keep up instead of buffering on. */
  send(v: Viewer, frame: string | null): void {
    if (frame === null || v.socket.readyState !== v.socket.OPEN) return;
    if (v.socket.bufferedAmount > MAX_BUFFERED_BYTES) {
      this.log.warn({ sessionId: v.sessionId }, 'live viewer too slow; dropped');
      v.socket.terminate();
      this.leave(v);
      return;
    }
    v.socket.send(frame);
  }

  private pump(sessionId: string, channel: Channel): void {
    if (channel.pumping) {
      channel.again = true;
      return;
    }
    channel.pumping = (async () => {
      do {
        channel.again = false;
        const rows = await eventsAfter(this.db, sessionId, channel.delivered, BATCH);
        if (rows.length === 0) break;
        const frames = await this.render(sessionId, rows);
        rows.forEach((row, i) => this.broadcast(channel, row.seq, frames[i]!));
        channel.delivered = rows[rows.length - 1]!.seq;
        if (rows.length === BATCH) channel.again = true;
      } while (channel.again);
    })()
      .catch((err: unknown) => this.log.warn({ err, sessionId }, 'live delivery failed'))
      .finally(() => {
        channel.pumping = null;
        if (channel.viewers.size === 0) this.channels.delete(sessionId);
        else if (channel.again) this.pump(sessionId, channel);
      });
  }

  private broadcast(channel: Channel, seq: number, frames: Frames): void {
    for (const v of channel.viewers) {
      if (!v.ready) v.pending.push({ seq, frame: frames.for(v.viewer) });
      else if (seq > v.startSeq) this.send(v, frames.for(v.viewer));
    }
  }

  /** Renders rows area by area (each may load what it needs in one go), in order. */
  private async render(sessionId: string, rows: LiveEventRow[]): Promise<Frames[]> {
    const out = new Array<Frames>(rows.length);
    const byArea = new Map<string, number[]>();
    rows.forEach((row, i) => {
      const area = liveAreaFor(row.type);
      if (!area) {
        out[i] = new Frames(row, { byClass: { moderator: null, registrant: null, public: null } });
        return;
      }
      byArea.set(area.name, [...(byArea.get(area.name) ?? []), i]);
    });
    for (const [name, indexes] of byArea) {
      const area = liveAreas().find((a) => a.name === name)!;
      const rendered = await area.render(
        this.db,
        sessionId,
        indexes.map((i) => rows[i]!),
      );
      indexes.forEach((rowIndex, k) => (out[rowIndex] = new Frames(rows[rowIndex]!, rendered[k]!)));
    }
    return out;
  }

  private beat(): void {
    for (const c of this.channels.values())
      for (const v of c.viewers) {
        if (!v.alive) {
          v.socket.terminate();
          this.leave(v);
          continue;
        }
        v.alive = false;
        v.socket.ping();
      }
  }
}
