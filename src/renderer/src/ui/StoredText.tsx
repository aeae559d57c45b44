import { visibleBidiControls } from '../../../shared/text/format-chars';

/**
 * Text someone else wrote (a title, a narrator, a tag), shown as stored: isolated in a
 * <bdi dir="auto"> so its direction neither leaks into nor takes from what surrounds it, and
 * with explicit bidi embeddings, overrides and isolates shown as visible marks, so "Consent
 * U+202E nwardhtiw" cannot read as "Consent withdrawn" (docs/security.md, "Display spoofing").
 */
export function StoredText({ text, lang }: { text: string; lang?: string | undefined }) {
  return (
    <bdi dir="auto" lang={lang}>
      {visibleBidiControls(text)}
    </bdi>
  );
}
