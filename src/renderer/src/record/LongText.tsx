import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { splitPieces } from './long-text';

/**
 * A testimony's text, rendered piece by piece as the reader scrolls (docs/security.md, "A 16 MiB
 * testimony"): laying out 16 MiB of text at once held the window for 18 s before its first
 * paint. The first piece (100,000 characters) shows at once; an observer adds the next piece
 * when the end of the shown text comes within a few screens. Pieces are adjacent text in one
 * element, so the text flows, selects and reads exactly as one block.
 */
export function LongText({
  text,
  lang,
  testId,
}: {
  text: string;
  lang?: string | undefined;
  testId?: string;
}) {
  const pieces = useMemo(() => splitPieces(text), [text]);
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
        <Fragment key={i}>{piece}</Fragment>
      ))}
      {shown < pieces.length && (
        <span ref={more} className="more-text" data-testid="record-more" aria-hidden="true">
          …
        </span>
      )}
    </div>
  );
}
