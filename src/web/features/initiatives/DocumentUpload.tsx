import { Alert, Button, FileInput, Group, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '../../../shared/limits.ts';
import { ErrorAlert } from '../../ui/ErrorAlert.tsx';
import { FieldMessage, focusFirstError, showServerErrors } from '../../ui/forms.tsx';
import { DOCUMENT_ACCEPT, DOCUMENT_EXTENSIONS } from './initiatives.api.ts';

// Every document upload in the partnership workspace (initiative documents, meeting attachments, proposal
// attachments) takes a title and one file under the same limits; this is the one form behind them.

/** The limits the server enforces, checked before sending so nobody waits for a refusal. */
export function fileProblem(file: File | null): ReactNode {
  if (!file) return <FieldMessage code="required" />;
  if (file.size > LIMITS.documentBytes) return <FileMessage k="tooLarge" />;
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!DOCUMENT_EXTENSIONS.includes(ext)) return <FileMessage k="typeNotAllowed" />;
  return null;
}

function FileMessage({ k }: { k: 'tooLarge' | 'typeNotAllowed' }) {
  const { t } = useTranslation();
  return (
    <>
      {t(k === 'tooLarge' ? 'partnership.documents.tooLarge' : 'partnership.documents.typeNotAllowed', {
        max: LIMITS.documentBytes / 1024 / 1024,
      })}
    </>
  );
}

/**
 * A title-and-file form's state: validation (title required, file within the limits), the upload, and a
 * reset that also empties the file input after success.
 */
export function useDocumentUpload<V extends { title: string }, R>(
  initialValues: V,
  upload: (values: V, file: File) => Promise<R>,
  onSaved: (saved: R) => void | Promise<void>,
) {
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const form = useForm<V & { file: string }>({
    initialValues: { ...initialValues, file: '' },
    validate: (v) => {
      const errors: Record<string, ReactNode> = {};
      if (!v.title.trim()) errors.title = <FieldMessage code="required" />;
      const problem = fileProblem(file);
      if (problem) errors.file = problem;
      return errors;
    },
  });
  const save = useMutation({
    mutationFn: (v: V) => upload({ ...v, title: v.title.trim() }, file as File),
    onError: (e) => showServerErrors(form, e),
    onSuccess: async (saved) => {
      await onSaved(saved);
      form.reset();
      setFile(null);
      setInputKey((k) => k + 1);
    },
  });
  const fileInputProps = {
    resetKey: inputKey,
    value: file,
    onChange: (f: File | null) => {
      setFile(f);
      form.setFieldError('file', f ? fileProblem(f) : null);
    },
    error: form.errors.file,
  };
  const submit = form.onSubmit((v) => save.mutate(v as unknown as V), focusFirstError);
  return { form, save, submit, fileInputProps };
}

type FileInputProps = ReturnType<typeof useDocumentUpload>['fileInputProps'];

/** A new resetKey remounts the input: Mantine's FileInput keeps the chosen file's name otherwise. */
export function DocumentFileInput({ resetKey, testId, clearLabel, ...props }: FileInputProps & { testId: string; clearLabel?: string }) {
  const { t } = useTranslation();
  return (
    <FileInput
      key={resetKey}
      label={t('partnership.fields.file')}
      description={t('partnership.documents.limits', { max: LIMITS.documentBytes / 1024 / 1024 })}
      required
      accept={DOCUMENT_ACCEPT}
      clearable
      clearButtonProps={clearLabel ? { 'aria-label': clearLabel } : undefined}
      data-testid={testId}
      {...props}
    />
  );
}

/** What the upload said: the server's refusal or a confirmation, announced to screen readers. */
export function UploadStatus({ save }: { save: { isError: boolean; isSuccess: boolean; error: unknown } }) {
  const { t } = useTranslation();
  return (
    <>
      {save.isError && <ErrorAlert error={save.error} title={t('partnership.documents.notUploaded')} />}
      {save.isSuccess && (
        <Alert color="green" variant="light" role="status" py="xs">
          {t('partnership.documents.uploaded')}
        </Alert>
      )}
    </>
  );
}

/** Title + file, one button: meeting and proposal attachments. */
export function TitledDocumentUpload<R>({
  action,
  titleLabel,
  upload,
  onSaved,
  testId,
  clearLabel,
}: {
  /** The form's accessible name and its button. */
  action: string;
  titleLabel: string;
  upload: (title: string, file: File) => Promise<R>;
  onSaved: (saved: R) => void;
  testId: string;
  clearLabel?: string;
}) {
  const { form, save, submit, fileInputProps } = useDocumentUpload({ title: '' }, (v, file) => upload(v.title, file), onSaved);
  return (
    <form noValidate onSubmit={submit} aria-label={action}>
      <Stack gap="xs" mt="md">
        <UploadStatus save={save} />
        <TextInput label={titleLabel} required maxLength={200} {...form.getInputProps('title')} />
        <DocumentFileInput {...fileInputProps} testId={testId} clearLabel={clearLabel} />
        <Group>
          <Button type="submit" size="xs" variant="light" loading={save.isPending}>
            {action}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
