'use client';
import { useEffect, useState } from 'react';
import type { Banner } from '../lib/use-chat';

const TITLES: Record<Banner['kind'], string> = {
  auth: 'Signed out',
  rate: 'Slow down',
  blocked: 'Message blocked',
  server: 'Server error',
  network: 'Connection problem',
};

/** Seconds left until `until` (epoch ms), ticking once a second while positive. */
export function useCountdown(until: number): number {
  const [, setTick] = useState(0);
  const left = Math.max(0, Math.ceil((until - Date.now()) / 1000));
  useEffect(() => {
    if (until <= Date.now()) {
      return;
    }
    // Re-render a few times a second; the value itself is computed from the clock at render.
    const timer = setInterval(() => {
      setTick((t) => t + 1);
      if (until <= Date.now()) {
        clearInterval(timer);
      }
    }, 250);
    return () => clearInterval(timer);
  }, [until]);
  return left;
}

export function BannerView({
  banner,
  rateLimitedUntil,
  onDismiss,
  onSignIn,
}: {
  banner: Banner | null;
  rateLimitedUntil: number;
  onDismiss: () => void;
  onSignIn: () => void;
}) {
  const seconds = useCountdown(rateLimitedUntil);
  if (!banner) {
    return null;
  }
  return (
    <div className={`banner banner-${banner.kind}`} role="alert" data-testid={`banner-${banner.kind}`}>
      <div>
        <strong>{TITLES[banner.kind]}.</strong> {banner.message}
        {banner.kind === 'rate' && (
          <span className="countdown" data-testid="countdown" aria-live="off">
            {seconds > 0 ? ` You can send again in ${seconds} s.` : ' You can send again now.'}
          </span>
        )}
      </div>
      <div className="banner-actions">
        {banner.kind === 'auth' && (
          <button type="button" className="primary" onClick={onSignIn}>
            Sign in again
          </button>
        )}
        <button type="button" className="ghost" onClick={onDismiss} aria-label="Dismiss message">
          ×
        </button>
      </div>
    </div>
  );
}
