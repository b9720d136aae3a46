// Written by bench/fit-reader-model.ts: the fitted weights of the offline reader's calibrated scorer. Do not edit by hand; refit.
// 274 questions (a right candidate exists for 212 of 244 answerable), 663 candidates, 32 wards; held out by ward (cross-validated) answerable right 79.5% (194/244), wrong 8.6%, unanswerable refused 83.3% (25/30)

/** The committed fit (typed where `reader-model.ts` takes it, so this file imports nothing). */
export const readerWeights = {
  weights: {
    coverage: 3.702,
    ownShare: 0.201,
    borrowedShare: -0.109,
    bigramShare: 0.999,
    proximity: 1.015,
    rankInverse: 0.466,
    articleRankInverse: 0.133,
    brevity: -0.102,
    penalty: -1.814,
    hasEntity: 0,
    approximate: -0.568,
    headingLine: -0.075,
    otherPlace: -0.005,
    untyped: 0,
    length: 0.047,
  },
  bias: -1.525,
  threshold: 0.8,
};
