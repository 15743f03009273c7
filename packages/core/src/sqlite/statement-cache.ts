// Prepared statements by SQL text: paging re-runs the same few queries many times, and
// preparing is the costly part of a small SQLite query.
import type { Statement } from 'better-sqlite3';
import type { LakeDatabase } from './open-lake-database';

export class StatementCache {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly database: LakeDatabase) {}

  get(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.database.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  clear(): void {
    this.statements.clear();
  }
}
