import type { Command } from 'commander';
import type { MetadataField } from '../../shared/attachments/metadata';
import { globalOptions, output, withVault } from '../context';
import { safeInline } from '../format';

/**
 * tvault metadata ATTACHMENT_ID [--json]: what a file carries about itself (docs/attachments.md,
 * "Metadata": an image's EXIF, GPS, XMP and IPTC, a PDF's info and XMP, a recording's tags),
 * identifying fields marked. The original file name is listed too: it travels
 * with the file and often names a person or a place. Values come from the file: shown through
 * safeInline so that they cannot rewrite the terminal.
 */
export function registerMetadataCommand(program: Command): void {
  program
    .command('metadata')
    .description(
      'the metadata a file carries (EXIF, GPS, XMP, IPTC; PDF info; audio and video tags), identifying fields marked',
    )
    .argument('<attachment-id>', 'attachment id (or a unique prefix)')
    .action(async (id: string, _opts, command: Command) => {
      const options = globalOptions(command);
      const info = await withVault(options, (vault) =>
        vault.attachments.get(vault.attachments.resolveId(id)),
      );
      const fields: MetadataField[] = [
        { group: 'file', name: 'FileName', value: info.name, flag: 'file-name' },
        ...(info.metadata?.fields ?? []),
      ];
      const identifying = fields.filter((field) => field.flag !== undefined);
      output(options).result(
        {
          id: info.id,
          mime: info.mime,
          fields,
          identifying: identifying.map((field) => `${field.group}.${field.name}`),
          ...(info.metadata?.failed ? { failed: info.metadata.failed } : {}),
          ...(info.metadata?.truncated ? { truncated: true } : {}),
          ...(info.metadata === null ? { read: false } : {}),
        },
        () =>
          [
            ...fields.map(
              (field) =>
                `${field.flag ? '!' : ' '} ${safeInline(`${field.group}.${field.name}`).padEnd(28)} ${safeInline(field.value)}${field.flag ? `  [${field.flag}]` : ''}`,
            ),
            info.metadata === null ? '(no embedded metadata read for this type of file)' : '',
            info.metadata?.failed === 'unreadable'
              ? '(the embedded metadata is malformed and could not be read)'
              : '',
            info.metadata?.failed === 'limit'
              ? '(reading the embedded metadata stopped at its time or size limit: there may be more)'
              : '',
            identifying.length
              ? `${identifying.length} field(s) marked ! can identify someone (place, device, person, date).`
              : '',
          ]
            .filter(Boolean)
            .join('\n'),
      );
    });
}
