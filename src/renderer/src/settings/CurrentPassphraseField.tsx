import { useI18n } from '../i18n/I18n';
import { Field } from '../ui/Field';

/** The current passphrase, asked before any new way into the vault is made. */
export function CurrentPassphraseField({
  value,
  onChange,
}: {
  value: string;
  onChange: (value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Field label={t('settings.currentPassphrase')}>
      {(props) => (
        <input
          {...props}
          type="password"
          autoComplete="current-password"
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
