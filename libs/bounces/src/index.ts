// Bounce processing: delivery status notifications and complaints read from a sending mailbox over IMAP.
export {};
