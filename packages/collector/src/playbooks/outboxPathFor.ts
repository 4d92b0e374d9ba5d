/** The outbox lives next to the database file (`sabu.duckdb.playbooks.jsonl`); an in-memory database gets an in-memory outbox. */
export const outboxPathFor = (database: string): string | null => (database == ':memory:' ? null : `${database}.playbooks.jsonl`);
