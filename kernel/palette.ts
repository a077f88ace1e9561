// The colours of every chart, in one place: the Okabe–Ito palette, distinguishable with the common
// colour-vision deficiencies (and in greyscale by lightness for the first few); marks also carry text
// labels so that no value is told by colour alone.

/** Categorical colours, in the order series take them (payers, kinds, categories). */
export const CATEGORICAL = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'] as const;

/** A sequential scheme for heatmaps (Plot's name): perceptually uniform and colour-blind safe. */
export const SEQUENTIAL_SCHEME = 'cividis';

/**
 * The scheme of a heatmap's counts (Plot's name): one hue from light to dark, so more reads as darker, and
 * the palest non-zero cell still stands apart from the grey of an empty one. (cividis runs dark to light:
 * beside the light empty cells, its smallest counts looked the heaviest.)
 */
export const INTENSITY_SCHEME = 'blues';

/** A diverging scheme for changes around zero (Plot's name): blue against orange, never red against green. */
export const DIVERGING_SCHEME = 'PuOr';

export const ROLE = {
  /** The line of a trend. */
  line: '#0072B2',
  /** The latest point. */
  point: '#0072B2',
  /** The benchmark's reference band. */
  band: '#009E73',
  /** Grid and axes. */
  muted: '#8c959f',
  /** Text on light marks, and the outline of a chosen mark. */
  ink: '#1b1f24',
  /** A change for the better / for the worse (always with a word beside it). */
  better: '#0072B2',
  worse: '#D55E00',
} as const;

/** The categorical colour of the i-th series. */
export function seriesColour(i: number): string {
  return CATEGORICAL[i % CATEGORICAL.length];
}
