// Simulated time shown as the lab's time of day: "10:00:05", or "10:00:05.250" when not whole.

export function clockFormatter(clockStart: string): (us: number) => string {
  const [h, m, s] = clockStart.split(':').map(Number);
  const startMs = ((h * 60 + m) * 60 + s) * 1000;
  return (us: number) => {
    const total = startMs + Math.round(us / 1000);
    const ms = total % 1000;
    const secs = Math.floor(total / 1000);
    const text = [Math.floor(secs / 3600) % 24, Math.floor(secs / 60) % 60, secs % 60].map((n) => String(n).padStart(2, '0')).join(':');
    return ms ? `${text}.${String(ms).padStart(3, '0')}` : text;
  };
}
