import type { StatementVisitor } from '../parse';
import { parsePspReport, type PspProvider } from './index';

/**
 * The PSP readers behind the streaming interface the camt and MT940 parsers
 * have: a settlement report is read whole (a CSV has to be, to know its
 * columns and batches), within the same byte limit as every statement file.
 */
export class PspParser {
  private readonly chunks: Uint8Array[] = [];

  constructor(
    private readonly visitor: StatementVisitor,
    private readonly provider: PspProvider,
    private readonly bom: number,
  ) {}

  feed(chunk: Uint8Array): void {
    this.chunks.push(chunk);
  }

  finish(): void {
    const body = Buffer.concat(this.chunks);
    // Offsets of the raw text are into the file as stored, BOM included.
    const bytes = this.bom > 0 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    parsePspReport(bytes, this.provider).forEach((st, index) => {
      this.visitor.statementStart(index, { ...st, lines: [] });
      for (const line of st.lines) this.visitor.line(index, line);
      this.visitor.statementEnd(index, { ...st, lines: [] });
    });
  }
}
