/**
 * The calibrated scorer of the offline reader: a logistic regression over the features the reader measures for each
 * candidate answer span. Its probability ranks the candidates and decides whether the best one is sure enough to be
 * stated; below the threshold the reader says it is unsure instead. The weights are fitted by
 * `bench/fit-reader-model.ts` (which also measures them by cross-validation held out by ward) and written to
 * `reader-weights.ts`; nothing here is tuned by hand.
 */
import { readerWeights } from './reader-weights.js';

/** The features, in the order of the weights. Every one is a number in about 0..1. */
export const READER_FEATURES = [
  'coverage',
  'ownShare',
  'borrowedShare',
  'bigramShare',
  'proximity',
  'rankInverse',
  'articleRankInverse',
  'brevity',
  'penalty',
  'hasEntity',
  'approximate',
  'headingLine',
  'otherPlace',
  'untyped',
  'length',
] as const;

/** A candidate's features, keyed as in `READER_FEATURES`. */
export type ReaderFeatures = Record<(typeof READER_FEATURES)[number], number>;

/** A fitted model: one weight per feature, a bias, and the probability an answer needs to be stated. */
export interface ReaderModel {
  weights: Record<string, number>;
  bias: number;
  threshold: number;
}

/** The committed model. */
export const readerModel: ReaderModel = readerWeights;

/** The model's log-odds that a candidate is a right answer. */
export function readerLogit(model: ReaderModel, features: ReaderFeatures): number {
  let sum = model.bias;
  for (const name of READER_FEATURES) sum += (model.weights[name] ?? 0) * features[name];
  return sum;
}

/** The probability that a candidate is a right answer. */
export function readerProbability(model: ReaderModel, features: ReaderFeatures): number {
  return 1 / (1 + Math.exp(-readerLogit(model, features)));
}

/** The features as a vector in `READER_FEATURES` order, for fitting. */
export function featureVector(features: ReaderFeatures): number[] {
  return READER_FEATURES.map((name) => features[name]);
}
