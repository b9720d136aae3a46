// Written by bench/fit-reader-model.ts: the fitted weights of the offline reader's calibrated scorer. Do not edit by hand; refit.
// 274 questions (a right candidate exists for 211 of 244 answerable), 701 candidates, 32 wards; held out by ward (cross-validated) answerable right 77.9% (190/244), wrong 10.2%, unanswerable refused 83.3% (25/30)
import type { ReaderModel } from './reader-model.js';

/** The committed fit. */
export const readerWeights: ReaderModel = {
  weights: {
    coverage: 2.489,
    ownShare: 0.087,
    borrowedShare: -0.067,
    bigramShare: 0.685,
    proximity: 0.705,
    rankInverse: 0.246,
    articleRankInverse: 0.069,
    brevity: -0.025,
    penalty: -1.241,
    hasEntity: 0,
    approximate: -0.382,
    headingLine: -0.07,
    otherPlace: -0.048,
    untyped: 0,
    length: 0.08,
  },
  bias: -1.48,
  threshold: 0.6,
};
