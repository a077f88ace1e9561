// Sends each transaction set of a file to the mapper for its type (ST01); a type with no mapper
// rejects the file with a message that says so, or (for a viewer of one type) is skipped with a warning.
import { X12Error, type Warning } from './x12/diagnostics.ts';
import type { TransactionHeader, TransactionTrailer, X12Visitor } from './x12/envelope.ts';
import type { Segment } from './x12/segment.ts';

export interface TransactionMapper {
  segment(segment: Segment): void;
  end(trailer: TransactionTrailer): unknown;
}

export type MapperFactory = (header: TransactionHeader) => TransactionMapper;

const SKIP: TransactionMapper = { segment: () => undefined, end: () => undefined };

export class TransactionRouter implements X12Visitor {
  private current: TransactionMapper | undefined;
  private header: TransactionHeader | undefined;

  constructor(
    private readonly mappers: Readonly<Record<string, MapperFactory>>,
    private readonly onWarning: (warning: Warning) => void,
    /** Called after each transaction set has been mapped (the loader records its envelope). */
    private readonly onTransaction?: (header: TransactionHeader, trailer: TransactionTrailer) => void,
    /** What a type with no mapper does: rejects the file (the loader), or is skipped with a warning (a viewer). */
    private readonly others: 'reject' | 'skip' = 'reject',
  ) {}

  startTransaction(header: TransactionHeader): void {
    const factory = this.mappers[header.transactionType];
    if (!factory && this.others === 'skip') {
      this.onWarning({
        code: 'unexpected_segment', file: header.file, segment: header.position,
        message: `transaction set ${header.transactionType || '(empty ST01)'} is not an ${Object.keys(this.mappers).join(', ')} and was skipped here (rcm ingest loads it)`,
      });
      this.current = SKIP;
      this.header = header;
      return;
    }
    if (!factory) {
      const supported = Object.keys(this.mappers).join(', ');
      throw new X12Error(
        'unsupported_transaction',
        { file: header.file, segment: header.position },
        `transaction set ${header.transactionType || '(empty ST01)'} is not supported by this command (it reads ${supported})`,
        `Ingest only ${supported} files with this version of rcm.`,
      );
    }
    this.current = factory(header);
    this.header = header;
  }

  segment(segment: Segment): void {
    this.current!.segment(segment);
  }

  endTransaction(trailer: TransactionTrailer): void {
    this.current!.end(trailer);
    this.onTransaction?.(this.header!, trailer);
    this.current = undefined;
  }

  warning(warning: Warning): void {
    this.onWarning(warning);
  }
}
