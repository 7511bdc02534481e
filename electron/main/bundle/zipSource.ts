import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { openRegularFile, type SafeFile, type SafeFileOptions } from '../safeFile';

/**
 * yauzl over a file opened by openRegularFile: a bundle that is a pipe or a device is refused
 * before any byte is read, and every read of the archive has the same deadline as any other
 * user-chosen file (a bundle on a network drive that goes away fails, it does not hang).
 */
class SafeFileReader extends yauzl.RandomAccessReader {
  constructor(private readonly file: SafeFile) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    const file = this.file;
    let position = start;
    return new Readable({
      highWaterMark: 1024 * 1024,
      read(size) {
        const length = Math.min(Math.max(size, 64 * 1024), end - position);
        if (length <= 0) {
          this.push(null);
          return;
        }
        const buffer = Buffer.allocUnsafe(length);
        file.read(buffer, 0, length, position).then(
          (n) => {
            if (n === 0) {
              this.destroy(new Error(`unexpected end of file at byte ${position}`));
              return;
            }
            position += n;
            this.push(n === length ? buffer : buffer.subarray(0, n));
          },
          (error: unknown) => this.destroy(error as Error),
        );
      },
    });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: (err: Error | null) => void): void {
    const fill = async (): Promise<void> => {
      for (let done = 0; done < length; ) {
        const n = await this.file.read(buffer, offset + done, length - done, position + done);
        if (n === 0) throw new Error(`unexpected end of file at byte ${position + done}`);
        done += n;
      }
    };
    fill().then(() => callback(null), (error: unknown) => callback(error as Error));
  }

  override close(callback: (err: Error | null) => void): void {
    this.file.close().then(() => callback(null), (error: unknown) => callback(error as Error));
  }
}

/**
 * Opens a ZIP for yauzl through a safely opened file; closing the ZipFile closes the file.
 * `zipOptions` are yauzl's (autoClose is false: the caller closes).
 */
export async function openZipSafely(path: string, zipOptions: yauzl.Options, fileOptions: SafeFileOptions = {}): Promise<yauzl.ZipFile> {
  const file = await openRegularFile(path, fileOptions);
  const reader = new SafeFileReader(file);
  try {
    return await new Promise<yauzl.ZipFile>((resolve, reject) => {
      yauzl.fromRandomAccessReader(reader, file.stats.size, { ...zipOptions, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip)));
    });
  } catch (error) {
    // yauzl only closes the reader through a ZipFile; none was made.
    await file.close();
    throw error;
  }
}
