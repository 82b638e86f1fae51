/** Every BullMQ queue of Matchday; job names and payloads are declared beside each queue's processor. */
export enum QueueName {
  Housekeeping = 'housekeeping',
}
