// Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
export const PALETTE = {
  blue: '#0072B2',
  orange: '#E69F00',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  sky: '#56B4E9',
  yellow: '#F0E442',
  grey: '#6b6b6b',
} as const;

// In the lab, blue and orange are the A and B configurations of a comparison (panels/sides.ts);
// a chart's own series differ by line style, never by B's orange.
