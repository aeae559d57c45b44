import { OcrRuns } from '../../ocr-runs';
import { safeSaveName } from '../../file-names';
import { mediaUrl } from '../../protocols/schemes';
import { attachmentsOf } from '../../wiring';
import type { HandlerContext, HandlerImpls } from '../context';

type AttachmentChannels =
  | 'attachments.list'
  | 'attachments.uploadBegin'
  | 'attachments.uploadChunk'
  | 'attachments.uploadFinish'
  | 'attachments.uploadCancel'
  | 'attachments.extract'
  | 'attachments.detach'
  | 'attachments.ocr'
  | 'attachments.ocrCancel'
  | 'attachments.mediaUrl';

export function attachmentHandlers(ctx: HandlerContext): HandlerImpls<AttachmentChannels> {
  const { session, uploads, dialogs } = ctx;
  const store = () => attachmentsOf(session.require());
  const ocr = new OcrRuns(store, ctx.emit);
  // A lock stops every recognition (the keys it works with are being wiped) and ends the engine.
  session.onLock(() => void ocr.cancelAll());

  return {
    'attachments.list': ({ recordId }) => {
      session.require().records.get(recordId);
      return store().list(recordId);
    },
    'attachments.uploadBegin': (meta) => {
      session.require().records.get(meta.recordId);
      const uploadId = uploads.begin(meta, (m, source, options) =>
        store().attachStream(
          m.recordId,
          source,
          {
            name: m.name,
            mime: m.mime || undefined,
            modifiedAt: m.modifiedAt,
            description: m.description,
            expectedSize: m.size,
          },
          options,
        ),
      );
      return { uploadId };
    },
    'attachments.uploadChunk': async ({ uploadId, bytes }) => {
      session.require();
      return { received: await uploads.chunk(uploadId, bytes) };
    },
    'attachments.uploadFinish': ({ uploadId }) => {
      session.require();
      return uploads.finish(uploadId);
    },
    'attachments.uploadCancel': ({ uploadId }) => {
      uploads.cancel(uploadId);
      return null;
    },
    'attachments.extract': async ({ id }) => {
      const info = store().get(id);
      const target = await dialogs.saveFile(safeSaveName(info.name), 'evidence');
      if (target === null) return null;
      // The dialog already asked whether to replace an existing file.
      return session.require().extractAttachment(id, target, { force: true });
    },
    'attachments.detach': ({ id }) => {
      store().detach(id);
      return null;
    },
    'attachments.ocr': async ({ id, languages }) => {
      await ocr.run(id, languages);
      return store().get(id);
    },
    'attachments.ocrCancel': ({ id }) => {
      ocr.cancel(id);
      return null;
    },
    'attachments.mediaUrl': ({ id }) => {
      store().get(id);
      return mediaUrl(ctx.info.mediaOrigin, id);
    },
  };
}
