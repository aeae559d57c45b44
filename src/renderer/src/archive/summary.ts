import type { RecordSummary, TestimonyRecord } from '../../../shared/records/types';

/** The list entry for a record just saved, so the list updates without reloading 100,000 rows. */
export function summaryOf(record: TestimonyRecord, attachmentCount: number): RecordSummary {
  return {
    id: record.id,
    title: record.title,
    date: record.date,
    lang: record.lang,
    tags: record.tags,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    revision: record.revision,
    consent: record.consent,
    hasWarning: record.warning.length > 0,
    attachmentCount,
  };
}
