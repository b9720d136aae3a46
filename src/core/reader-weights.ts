// Written by bench/fit-reader-model.ts: the fitted weights of the offline reader's calibrated scorer. Do not edit by hand; refit.
// 274 questions (a right candidate exists for 212 of 244 answerable), 695 candidates, 32 wards; held out by ward (cross-validated) answerable right 78.7% (192/244), wrong 9.8%, unanswerable refused 83.3% (25/30)
import type { ReaderModel } from './reader-model.js';

/** The committed fit. */
export const readerWeights: ReaderModel = {
  weights: {
    coverage: 2.471,
    ownShare: 0.109,
    borrowedShare: -0.066,
    bigramShare: 0.674,
    proximity: 0.684,
    rankInverse: 0.274,
    articleRankInverse: 0.086,
    brevity: -0.041,
    penalty: -1.22,
    hasEntity: 0,
    approximate: -0.377,
    headingLine: -0.052,
    otherPlace: -0.034,
    untyped: 0,
    length: 0.049,
  },
  bias: -1.272,
  threshold: 0.05,
};
