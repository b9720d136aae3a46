import { foldDiacritics } from '../ingest/normalize-vietnamese.js';

// "những ai", "lãnh đạo nào", "các đồng chí nào", "which leaders", "who are": the items asked for are people.
const PEOPLE_CUES = /\b(ai|lanh dao|dong chi|can bo|thanh vien|who|whom|leaders?|officials?|people|members)\b/;

/** True when a question asks for people ("Các Phó Chủ tịch gồm những ai?"), so a list answer must name persons. */
export function asksForPeople(question: string): boolean {
  return PEOPLE_CUES.test(foldDiacritics(question).toLowerCase());
}
