import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { PassageMatcher } from '../../../shared/redaction/passages';
import { Highlighted } from '../ui/Highlighted';
import { splitPieces } from './long-text';

/**
 * A testimony's text, rendered piece by piece as the reader scrolls (docs/security.md, "A 16 MiB
 * testimony"): laying out 16 MiB of text at once held the window for 18 s before its first
 * paint. The first piece (100,000 characters) shows at once; an observer adds the next piece
 * when the end of the shown text comes within a few screens. Pieces are adjacent text in one
 * element, so the text flows, selects and reads exactly as one block.
 *
 * Passages marked as identifying are highlighted with the matcher the export's redaction uses
 * (src/shared/redaction/passages.ts), piece by piece as pieces are shown: what is highlighted is
 * what an export replaces.
 */
export function LongText({
  text,
  lang,
  testId,
  marks = [],
}: {
  text: string;
  lang?: string | undefined;
  testId?: string;
  marks?: readonly string[];
}) {
  const pieces = useMemo(() => splitPieces(text), [text]);
  const marksKey = JSON.stringify(marks);
  const marked = useMemo(() => markedRanges(pieces, marksKey), [pieces, marksKey]);
  const [shown, setShown] = useState(1);
  const more = useRef<HTMLSpanElement>(null);
  useEffect(() => setShown(1), [pieces]);
  useEffect(() => {
    const marker = more.current;
    if (!marker || shown >= pieces.length) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting))
          setShown((n) => Math.min(n + 1, pieces.length));
      },
      { rootMargin: '3000px 0px' },
    );
    observer.observe(marker);
    return () => observer.disconnect();
  }, [shown, pieces.length]);
  return (
    <div className="body-text" dir="auto" lang={lang} data-testid={testId}>
      {pieces.slice(0, shown).map((piece, i) => (
        <Fragment key={i}>
          {marked ? (
            <Highlighted text={piece} ranges={marked(i)} className="identifying-mark" />
          ) : (
            piece
          )}
        </Fragment>
      ))}
      {shown < pieces.length && (
        <span ref={more} className="more-text" data-testid="record-more" aria-hidden="true">
          …
        </span>
      )}
    </div>
  );
}

/** The marked ranges of each piece, found once per piece when it is first shown; null if none. */
function markedRanges(
  pieces: string[],
  marksKey: string,
): ((piece: number) => [number, number][]) | null {
  const matcher = new PassageMatcher(JSON.parse(marksKey) as string[]);
  if (matcher.empty) return null;
  const found = new Map<number, [number, number][]>();
  return (piece) => {
    let ranges = found.get(piece);
    if (!ranges) {
      ranges = matcher.find(pieces[piece] ?? '').map((m) => [m.start, m.end]);
      found.set(piece, ranges);
    }
    return ranges;
  };
}
