// Axis and text colours of the two chart surfaces: the app (light) and the big screen (dark).
export type ChartTone = 'light' | 'dark';

export interface ToneColors {
  text: string;
  axis: string;
  split: string;
  muted: string;
  /** Axis labels, legends and value labels: 18 px on the meeting-room screen (read from 5 m at 1080p), 12 px in the app. */
  fontSize: number;
}

export function toneColors(tone: ChartTone = 'light'): ToneColors {
  return tone === 'dark'
    ? { text: '#c9d6ea', axis: '#3a4d6b', split: 'rgba(120,150,200,0.15)', muted: '#9fb3d1', fontSize: 18 }
    : { text: '#4b5563', axis: '#d5dae1', split: '#eef0f3', muted: '#8a94a3', fontSize: 12 };
}
