/** A log record independent of any Kafka client: what the codec produces and reads. */
export interface WireMessage {
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}
