'use client';
import { type FormEvent, type KeyboardEvent, type MouseEvent, useRef, useState } from 'react';
import { MAX_PROMPT_CHARS } from '../lib/session';
import { useCountdown } from './BannerView';

/** The message box: Enter sends, Shift+Enter adds a line; one request at a time. */
export function Composer({
  inFlight,
  rateLimitedUntil,
  onSend,
  onStop,
}: {
  inFlight: boolean;
  rateLimitedUntil: number;
  onSend: (text: string) => Promise<boolean>;
  onStop: () => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [stopping, setStopping] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  // Set before the first await: clicks that land in the same task as the first one still see
  // the old canSend, and must be turned away here rather than by onSend (whose refusal puts
  // the text back in the box, where an Enter would send it again).
  const submitting = useRef(false);
  const waitSeconds = useCountdown(rateLimitedUntil);
  const length = text.length;
  const tooLong = length > MAX_PROMPT_CHARS;
  const empty = text.trim() === '';
  const canSend = !inFlight && !tooLong && !empty && waitSeconds === 0;

  async function submit(e?: FormEvent) {
    e?.preventDefault();
    if (!canSend || submitting.current) {
      return;
    }
    submitting.current = true;
    const prompt = text;
    setText(''); // optimistic: the message shows in the list at once
    try {
      const accepted = await onSend(prompt);
      if (!accepted) {
        setText(prompt);
      }
    } finally {
      submitting.current = false;
    }
    setStopping(false);
    input.current?.focus();
  }

  function onKeyDown(e: KeyboardEvent<HTMLTextAreaElement>) {
    if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
      e.preventDefault();
      void submit();
    }
  }

  async function stop(e: MouseEvent<HTMLButtonElement>) {
    // Stop takes Send's place, so the second click of a double-click on Send lands here
    // (detail 2): that must not stop the answer it just asked for.
    if (e.detail > 1) {
      return;
    }
    setStopping(true);
    await onStop();
  }

  const hint = tooLong
    ? `Too long by ${(length - MAX_PROMPT_CHARS).toLocaleString('en-US')} characters.`
    : waitSeconds > 0
      ? `Rate limited: you can send again in ${waitSeconds} s.`
      : 'Enter to send, Shift+Enter for a new line.';

  return (
    <form className="composer" onSubmit={submit} aria-label="Send a message">
      <label htmlFor="prompt" className="visually-hidden">
        Message
      </label>
      <textarea
        id="prompt"
        ref={input}
        rows={2}
        value={text}
        placeholder="Ask anything"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onKeyDown}
        aria-invalid={tooLong}
        aria-describedby="prompt-hint prompt-count"
        autoFocus
      />
      <div className="composer-row">
        <span id="prompt-hint" className={tooLong ? 'hint error' : 'hint'}>
          {hint}
        </span>
        <span id="prompt-count" className={tooLong ? 'count error' : 'count'} aria-label={`${length} of ${MAX_PROMPT_CHARS} characters`}>
          {length.toLocaleString('en-US')} / {MAX_PROMPT_CHARS.toLocaleString('en-US')}
        </span>
        {inFlight ? (
          <button type="button" className="danger" onClick={stop} disabled={stopping}>
            {stopping ? 'Stopping…' : 'Stop'}
          </button>
        ) : (
          <button type="submit" className="primary" disabled={!canSend}>
            Send
          </button>
        )}
      </div>
    </form>
  );
}
