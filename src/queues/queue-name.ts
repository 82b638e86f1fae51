/** Every BullMQ queue of Matchday; job names and payloads are declared beside each queue's processor. */
export enum QueueName {
  Housekeeping = 'housekeeping',
  /** One delayed job per notification row due (reminders, notices), id `<row id>.r<revision>`. */
  Notifications = 'notifications',
  /** The repeating reconciliation of notifications with Redis, apart so deliveries never hold it up. */
  NotificationMaintenance = 'notification-maintenance',
  /** Mail with no notification row behind it (event invitations), handed from the api to the worker to send. */
  Mail = 'mail',
}
