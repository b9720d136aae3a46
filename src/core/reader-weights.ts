// Written by bench/fit-reader-model.ts: the fitted weights of the offline reader's calibrated scorer. Do not edit by hand; refit.
// 274 questions (a right candidate exists for 195 of 244 answerable), 661 candidates, 32 wards; held out by ward (cross-validated) answerable right 72.5% (177/244), wrong 10.7%, unanswerable refused 86.7% (26/30)
import type { ReaderModel } from './reader-model.js';

/** The committed fit. */
export const readerWeights: ReaderModel = {
  weights: {
    coverage: 2.183,
    ownShare: 0.08,
    borrowedShare: -0.065,
    bigramShare: 0.599,
    proximity: 0.608,
    rankInverse: 0.172,
    articleRankInverse: 0.03,
    brevity: -0.025,
    penalty: -1.09,
    hasEntity: 0,
    approximate: -0.333,
    headingLine: -0.083,
    otherPlace: -0.038,
    untyped: 0,
    length: 0.076,
  },
  bias: -1.077,
  threshold: 0.55,
};
