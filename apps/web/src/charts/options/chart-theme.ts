// Axis and text colours of the two chart surfaces: the app (light) and the big screen (dark).
export type ChartTone = 'light' | 'dark';

export interface ToneColors {
  text: string;
  axis: string;
  split: string;
  muted: string;
}

export function toneColors(tone: ChartTone = 'light'): ToneColors {
  return tone === 'dark'
    ? { text: '#c9d6ea', axis: '#3a4d6b', split: 'rgba(120,150,200,0.15)', muted: '#7d8fae' }
    : { text: '#4b5563', axis: '#d5dae1', split: '#eef0f3', muted: '#8a94a3' };
}
