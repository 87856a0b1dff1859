import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FieldError } from '../../shared/errors.ts';
import type { Executor } from '../db/tenant.ts';
import { AppError } from './errors.ts';

// Document uploads (initiative agreements, meeting attachments). Files are stored in the database
// (stored_file) rather than the data folder: app processes stay stateless, backups and row-level
// security cover them, and the size limit keeps rows reasonable. The type is decided by the bytes,
// never by the name or the Content-Type the client sent, and downloads are always attachments.

export interface FileType {
  label: string;
  contentType: string;
  extensions: string[];
}

const PDF: FileType = { label: 'PDF', contentType: 'application/pdf', extensions: ['pdf'] };
const PNG: FileType = { label: 'PNG', contentType: 'image/png', extensions: ['png'] };
const JPEG: FileType = { label: 'JPEG', contentType: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
const OOXML: Record<string, FileType> = {
  docx: { label: 'Word', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'] },
  xlsx: { label: 'Excel', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'] },
  pptx: {
    label: 'PowerPoint',
    contentType: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
  },
};
const ODF: Record<string, FileType> = {
  odt: { label: 'OpenDocument text', contentType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  ods: { label: 'OpenDocument spreadsheet', contentType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
};
const TEXT: Record<string, FileType> = {
  txt: { label: 'text', contentType: 'text/plain; charset=utf-8', extensions: ['txt'] },
  csv: { label: 'CSV', contentType: 'text/csv; charset=utf-8', extensions: ['csv'] },
  md: { label: 'Markdown', contentType: 'text/markdown; charset=utf-8', extensions: ['md'] },
};

export const DOCUMENT_TYPES_LABEL = 'PDF, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), OpenDocument (.odt, .ods), PNG, JPEG, text, CSV';

function extensionOf(filename: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(filename);
  return m ? m[1].toLowerCase() : '';
}

/** The allowed type these bytes are, or null. Legacy Office and anything executable are refused. */
export function sniffDocumentType(buf: Buffer, filename: string): FileType | null {
  const ext = extensionOf(filename);
  if (buf.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return PNG;
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return JPEG;
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    // A zip is only an Office document if its directory names the Office parts.
    if (OOXML[ext] && buf.includes('[Content_Types].xml')) return OOXML[ext];
    if (ODF[ext] && buf.subarray(30, 80).toString('latin1').startsWith('mimetypeapplication/vnd.oasis.opendocument.')) return ODF[ext];
    return null;
  }
  if (TEXT[ext] && !buf.includes(0)) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf);
      return TEXT[ext];
    } catch {
      return null;
    }
  }
  return null;
}

export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return (cleaned || 'file').slice(0, 200);
}

export interface Upload<F> {
  fields: F;
  filename: string;
  type: FileType;
  content: Buffer;
}

const mb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** Reads one multipart file (fields first, then the file part named "file"), enforcing size and type. */
export async function readUpload<S extends z.ZodType>(
  req: FastifyRequest,
  fieldsSchema: S,
  maxBytes: number,
): Promise<Upload<z.output<S>>> {
  if (!req.isMultipart()) {
    throw new AppError('unsupported_media_type', 'Send the file as multipart/form-data with a "file" part.');
  }
  let part: Awaited<ReturnType<FastifyRequest['file']>>;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw mapMultipartError(err, maxBytes);
  }
  if (!part) {
    throw new AppError('validation_failed', 'Choose a file to upload.', [
      { field: 'file', code: 'required', message: 'Choose a file to upload.' },
    ]);
  }
  const raw: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(part.fields)) {
    const v = Array.isArray(value) ? value[0] : value;
    if (v && v.type === 'field') raw[name] = v.value;
  }
  let content: Buffer;
  try {
    content = await part.toBuffer();
  } catch (err) {
    throw mapMultipartError(err, maxBytes);
  }
  // Busboy can end a stream cut at the limit without toBuffer() noticing: check the flag too.
  if (part.file.truncated || content.length > maxBytes) throw mapMultipartError({ code: 'FST_REQ_FILE_TOO_LARGE' }, maxBytes);
  const parsed = fieldsSchema.safeParse(raw);
  if (!parsed.success) {
    const errors: FieldError[] = parsed.error.issues.map((i) => ({
      field: ['body', ...i.path.map(String)].join('.'),
      code: i.code,
      message: i.message,
    }));
    throw new AppError('validation_failed', 'Some fields need attention.', errors);
  }
  const filename = safeFilename(part.filename ?? '');
  if (content.length === 0) {
    throw new AppError('validation_failed', 'The file is empty.', [{ field: 'file', code: 'empty', message: 'The file is empty.' }]);
  }
  const type = sniffDocumentType(content, filename);
  if (!type) {
    throw new AppError('file_type_not_allowed', `This type of file cannot be uploaded. Allowed: ${DOCUMENT_TYPES_LABEL}.`, [
      { field: 'file', code: 'file_type', message: `Allowed: ${DOCUMENT_TYPES_LABEL}.` },
    ]);
  }
  return { fields: parsed.data, filename, type, content };
}

export function mapMultipartError(err: unknown, maxBytes: number): unknown {
  const code = (err as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') {
    return new AppError('file_too_large', `Files can be at most ${mb(maxBytes)}.`, [
      { field: 'file', code: 'too_large', message: `Files can be at most ${mb(maxBytes)}.` },
    ]);
  }
  if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') {
    return new AppError('validation_failed', 'Send one file per request, with at most 20 fields.');
  }
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError('unsupported_media_type', 'Send the file as multipart/form-data with a "file" part.');
  }
  return err;
}

export async function storeFile(db: Executor, tenantId: string, uploadedBy: string | null, upload: Upload<unknown>): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('stored_file')
    .values({
      id,
      tenant_id: tenantId,
      filename: upload.filename,
      content_type: upload.type.contentType,
      byte_size: upload.content.length,
      sha256: createHash('sha256').update(upload.content).digest('hex'),
      content: upload.content,
      uploaded_by: uploadedBy,
    })
    .execute();
  return id;
}

export const STORED_FILE_META = [
  'stored_file.filename',
  'stored_file.content_type',
  'stored_file.byte_size',
  'stored_file.sha256',
] as const;

export function findFileContent(db: Executor, id: string) {
  return db.selectFrom('stored_file').select(['filename', 'content_type', 'content']).where('id', '=', id).executeTakeFirst();
}

export async function deleteFile(db: Executor, id: string): Promise<void> {
  await db.deleteFrom('stored_file').where('id', '=', id).execute();
}

export function presentFile(r: { filename: string; content_type: string; byte_size: number; sha256: string }) {
  return { filename: r.filename, contentType: r.content_type, byteSize: Number(r.byte_size), sha256: r.sha256 };
}

/** The response schema of a download route (the body is the file, not JSON). */
export const fileResponse = z.any().describe('The file, as an attachment');

/** Sets download headers and returns the bytes for the route to send. */
export function asAttachment(reply: FastifyReply, file: { filename: string; content_type: string; content: Buffer | Uint8Array }): Buffer {
  const ascii = file.filename.replace(/[^\x20-\x7e]/g, '_').replace(/[\\"]/g, '_');
  reply
    .type(file.content_type)
    .header('Content-Disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`)
    .header('Cache-Control', 'private, no-store');
  return Buffer.from(file.content);
}
