// Written by bench/fit-reader-model.ts: the fitted weights of the offline reader's calibrated scorer. Do not edit by hand; refit.
// 274 questions (a right candidate exists for 210 of 244 answerable), 657 candidates, 32 wards; held out by ward (cross-validated) answerable right 79.5% (194/244), wrong 8.6%, unanswerable refused 83.3% (25/30)
import type { ReaderModel } from './reader-model.js';

/** The committed fit. */
export const readerWeights: ReaderModel = {
  weights: {
    coverage: 3.712,
    ownShare: 0.19,
    borrowedShare: -0.106,
    bigramShare: 1.004,
    proximity: 1.035,
    rankInverse: 0.467,
    articleRankInverse: 0.133,
    brevity: -0.095,
    penalty: -1.823,
    hasEntity: 0,
    approximate: -0.593,
    headingLine: -0.074,
    otherPlace: -0.005,
    untyped: 0,
    length: 0.045,
  },
  bias: -1.508,
  threshold: 0.7,
};
