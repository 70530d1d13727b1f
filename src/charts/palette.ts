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

/** Series colours in order; the second configuration of an A/B comparison takes the second. */
export const SERIES_COLOURS = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.vermillion, PALETTE.purple, PALETTE.sky];
