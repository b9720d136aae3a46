// Written by bench/fit-reader-model.ts: the fitted weights of the offline reader's calibrated scorer. Do not edit by hand; refit.
// 274 questions (a right candidate exists for 193 of 244 answerable), 658 candidates, 32 wards; held out by ward (cross-validated) answerable right 69.3% (169/244), wrong 10.7%, unanswerable refused 86.7% (26/30)
import type { ReaderModel } from './reader-model.js';

/** The committed fit. */
export const readerWeights: ReaderModel = {
  weights: {
    coverage: 2.297,
    ownShare: 0.077,
    borrowedShare: -0.059,
    bigramShare: 0.629,
    proximity: 0.64,
    rankInverse: 0.196,
    articleRankInverse: 0.031,
    brevity: -0.046,
    penalty: -1.146,
    hasEntity: 0,
    approximate: -0.35,
    headingLine: -0.081,
    otherPlace: -0.04,
    untyped: 0,
    length: 0.085,
  },
  bias: -1.262,
  threshold: 0.5,
};
