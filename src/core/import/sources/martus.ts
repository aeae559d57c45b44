import { createReadStream } from 'node:fs';
import sax from 'sax';
import { invalidSourceFile } from '../errors';
import type { SourceItem, SourceRecord } from '../types';

/**
 * Martus bulletin XML exports (format version 1 to 3, as Martus's BulletinXmlExporter writes
 * them), streamed with sax so a large export never sits in memory whole:
 *
 *   <MartusBulletins>
 *     <MartusBulletinExportFormatVersion>3</…>
 *     <ExportMetaData><PublicAndPrivateData/>…</ExportMetaData>
 *     <MartusBulletin>
 *       <BulletinMetaData><AuthorAccountId>…</><BulletinLocalId>…</>
 *         <History><Ancestor>local id of an older version</Ancestor>…</History>…</BulletinMetaData>
 *       <MainFieldSpecs><Field type='STRING'><Tag>title</Tag>…</Field>…</MainFieldSpecs>
 *       <PrivateFieldSpecs>…</PrivateFieldSpecs>
 *       <FieldValues>
 *         <Field tag='title'><Value>…</Value></Field>…
 *         <TopAttachmentList><Attachment><Filename>a.jpg</Filename></Attachment></TopAttachmentList>
 *         <BottomAttachmentList>… (private attachments)</BottomAttachmentList>
 *       </FieldValues>
 *     </MartusBulletin>…
 *   </MartusBulletins>
 *
 * Public and private sections both arrive: a field's tag is its name whichever section holds
 * it. A bulletin's source id is its author account and the local id of its first version (the
 * first Ancestor, else its own), so an edited bulletin re-exported from Martus, which gets a new
 * local id, still updates the same testimony. Grid fields become text, one row per line. XML
 * entities beyond the five predefined ones are never expanded (sax does not read DTDs) and a
 * DOCTYPE refuses the file.
 */
export async function* readMartus(
  path: string,
  onRead?: (bytes: number) => void,
): AsyncGenerator<SourceItem> {
  const parser = sax.parser(true, { trim: false, normalize: false, position: true });
  const ready: SourceItem[] = [];
  let failure: Error | null = null;
  let sawRoot = false;
  let recordNumber = 0;
  // The element names from the root down to the current one.
  const path_: string[] = [];
  let bulletin: {
    account: string;
    localId: string;
    ancestors: string[];
    fields: Map<string, string>;
    files: string[];
    problem: string | null;
  } | null = null;
  let text = '';
  let fieldTag: string | null = null;
  // Inside a grid value: cells of the current row, rows so far.
  let gridRows: string[][] | null = null;

  parser.ondoctype = () => {
    failure ??= invalidSourceFile(path, 'it declares a DOCTYPE, which is refused');
  };
  parser.onerror = (error) => {
    failure ??= invalidSourceFile(path, `malformed XML near line ${parser.line + 1}`);
    void error;
  };
  parser.onopentag = (tag) => {
    const name = tag.name;
    if (path_.length === 0) {
      sawRoot = name === 'MartusBulletins' || name === 'ExportedMartusBulletins';
      if (!sawRoot) failure ??= invalidSourceFile(path, 'it is not a Martus bulletin export');
    }
    const within = parent();
    path_.push(name);
    text = '';
    if (name === 'MartusBulletin' && path_.length === 2) {
      recordNumber += 1;
      bulletin = {
        account: '',
        localId: '',
        ancestors: [],
        fields: new Map(),
        files: [],
        problem: null,
      };
    } else if (bulletin && name === 'Field' && within === 'FieldValues') {
      const tagAttr = tag.attributes['tag'];
      fieldTag = typeof tagAttr === 'string' ? tagAttr.trim() : null;
      if (!fieldTag) bulletin.problem ??= 'a field value without its tag';
    } else if (bulletin && fieldTag && name === 'GridData') {
      gridRows = [];
    } else if (gridRows && name === 'Row') {
      gridRows.push([]);
    }
  };
  parser.ontext = (chunk) => {
    text += chunk;
  };
  parser.oncdata = (chunk) => {
    text += chunk;
  };
  parser.onclosetag = (name) => {
    const value = text;
    text = '';
    path_.pop();
    if (!bulletin) return;
    const within = parent();
    if (name === 'AuthorAccountId' && within === 'BulletinMetaData')
      bulletin.account = value.trim();
    else if ((name === 'BulletinLocalId' || name === 'LocalId') && within === 'BulletinMetaData')
      bulletin.localId = value.trim();
    else if (
      name === 'Ancestor' &&
      within === 'History' &&
      path_.includes('BulletinMetaData') &&
      !path_.includes('ExtendedHistory')
    )
      bulletin.ancestors.push(value.trim());
    else if (name === 'Filename' && within === 'Attachment') bulletin.files.push(value.trim());
    else if (gridRows && name === 'Column') gridRows[gridRows.length - 1]?.push(value.trim());
    else if (fieldTag && name === 'Value' && within === 'Field') {
      const content = gridRows ? gridRows.map((row) => row.join(' | ')).join('\n') : value;
      gridRows = null;
      if (bulletin.fields.has(fieldTag)) bulletin.problem ??= 'the same field twice';
      if (content.trim() !== '') bulletin.fields.set(fieldTag, content);
    } else if (name === 'Field' && within === 'FieldValues') fieldTag = null;
    else if (name === 'MartusBulletin' && path_.length === 1) {
      ready.push(finish(bulletin, recordNumber));
      bulletin = null;
    }
  };

  function parent(): string | undefined {
    return path_[path_.length - 1];
  }

  for await (const chunk of createReadStream(path, { encoding: 'utf8' })) {
    if (failure) break;
    if (onRead) onRead(Buffer.byteLength(chunk as string));
    parser.write(chunk as string);
    // Bulletins completed before an error in the same chunk are still all-or-nothing: the
    // import plans the whole file before writing, so a fatal error writes nothing.
    if (failure) break;
    while (ready.length > 0) yield ready.shift()!;
  }
  if (!failure) parser.close();
  if (failure) throw failure;
  if (!sawRoot) throw invalidSourceFile(path, 'it is not a Martus bulletin export');
  while (ready.length > 0) yield ready.shift()!;
}

function finish(
  bulletin: {
    account: string;
    localId: string;
    ancestors: string[];
    fields: Map<string, string>;
    files: string[];
    problem: string | null;
  },
  at: number,
): SourceItem {
  const position = { unit: 'record' as const, at };
  if (bulletin.problem) return { position, error: `malformed bulletin: ${bulletin.problem}` };
  if (!bulletin.localId) return { position, error: 'bulletin without its BulletinLocalId' };
  const firstVersion = bulletin.ancestors[0] || bulletin.localId;
  const record: SourceRecord = {
    position,
    sourceId: `${bulletin.account}/${firstVersion}`,
    fields: bulletin.fields,
    files: bulletin.files.filter((name) => name !== ''),
  };
  return record;
}
