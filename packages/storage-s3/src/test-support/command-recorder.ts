// Records which S3 commands a client sent (and the part sizes it uploaded), via SDK middleware.
import type { S3Client } from '@aws-sdk/client-s3';

export interface CommandLog {
  names: string[];
  /** Bytes of every UploadPart that completed, in completion order. */
  uploadedParts: number[];
  /** Called after each completed UploadPart. */
  onPartUploaded?: (bytes: number) => void;
}

export function recordCommands(client: S3Client): CommandLog {
  const log: CommandLog = { names: [], uploadedParts: [] };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      log.names.push(context.commandName ?? '?');
      const result = await next(args);
      if (context.commandName === 'UploadPartCommand') {
        const body = (args.input as { Body?: { byteLength?: number } }).Body;
        const bytes = body?.byteLength ?? 0;
        log.uploadedParts.push(bytes);
        log.onPartUploaded?.(bytes);
      }
      return result;
    },
    { step: 'initialize', name: 'lakeTestCommandRecorder' },
  );
  return log;
}
