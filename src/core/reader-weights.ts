// Written by bench/fit-reader-model.ts: the fitted weights of the offline reader's calibrated scorer. Do not edit by hand; refit.
// 274 questions (a right candidate exists for 203 of 244 answerable), 685 candidates, 32 wards; held out by ward (cross-validated) answerable right 73.4% (179/244), wrong 9.8%, unanswerable refused 83.3% (25/30)
import type { ReaderModel } from './reader-model.js';

/** The committed fit. */
export const readerWeights: ReaderModel = {
  weights: {
    coverage: 2.226,
    ownShare: 0.089,
    borrowedShare: -0.066,
    bigramShare: 0.609,
    proximity: 0.628,
    rankInverse: 0.215,
    articleRankInverse: 0.06,
    brevity: -0.02,
    penalty: -1.108,
    hasEntity: 0,
    approximate: -0.339,
    headingLine: -0.089,
    otherPlace: -0.052,
    untyped: 0,
    length: 0.083,
  },
  bias: -1.22,
  threshold: 0.55,
};
