import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  type PDFObject,
  PDFRef,
  PDFStream,
} from 'pdf-lib';
import { type CleanedCopy, DamagedFileError, type RemovedPart, sortedParts } from './types';

const METADATA = PDFName.of('Metadata');

/**
 * Removes a PDF's document information dictionary (author, creator, producer, dates), every XMP
 * metadata stream (the catalog's and those of pages or images) and the trailer's file ID, with
 * pdf-lib. Page content, fonts and images are written back as they were parsed, not re-encoded.
 * Objects no longer reachable from the catalog are dropped too: an incrementally updated PDF
 * still holds its earlier info dictionaries, which pdf-lib would otherwise write back.
 * Encrypted PDFs are refused (DamagedFileError): their metadata cannot be removed without the
 * password.
 */
export async function cleanPdf(input: Uint8Array): Promise<CleanedCopy> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(input, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    throw new DamagedFileError('pdf', error instanceof Error ? error.name : 'unreadable');
  }
  if (doc.isEncrypted) throw new DamagedFileError('pdf', 'encrypted');
  const context = doc.context;
  const removed: RemovedPart[] = [];
  if (context.trailerInfo.Info) {
    removed.push('pdf-info');
    context.trailerInfo.Info = undefined;
  }
  if (context.trailerInfo.ID) {
    removed.push('pdf-id');
    context.trailerInfo.ID = undefined;
  }
  const reachable = new Set<string>();
  const pending: (PDFObject | undefined)[] = [context.trailerInfo.Root];
  while (pending.length > 0) {
    const object = pending.pop()!;
    if (object instanceof PDFRef) {
      if (reachable.has(object.tag)) continue;
      reachable.add(object.tag);
      const target = context.lookup(object);
      if (target) pending.push(target);
    } else if (object instanceof PDFDict || object instanceof PDFStream) {
      const dict = object instanceof PDFStream ? object.dict : object;
      if (dict.has(METADATA)) {
        removed.push('xmp');
        dict.delete(METADATA);
      }
      for (const value of dict.values()) pending.push(value);
    } else if (object instanceof PDFArray) {
      for (let i = 0; i < object.size(); i += 1) pending.push(object.get(i));
    }
  }
  for (const [ref] of context.enumerateIndirectObjects()) {
    if (!reachable.has(ref.tag)) context.delete(ref);
  }
  try {
    const bytes = await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
    return { bytes, removed: sortedParts(removed) };
  } catch (error) {
    throw new DamagedFileError('pdf', error instanceof Error ? error.name : 'unwritable');
  }
}
