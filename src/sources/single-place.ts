/** Anything that finds the places a text names (the gazetteer). */
export interface PlaceMatcher {
  match(text: string): { kind: string; labels: string[] };
}

/** The one known ward a text names, or undefined when it names none, an unknown one, or several. */
export function singlePlaceOf(places: PlaceMatcher): (text: string) => string | undefined {
  return (text) => {
    const match = places.match(text);
    return match.kind === 'known' && match.labels.length === 1 ? match.labels[0] : undefined;
  };
}
