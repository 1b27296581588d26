/** One ordinary transactional message, the same in every scenario so they all move the same bytes. */
export const SENDER = { name: 'Acme Billing', email: 'billing@example.com' };

export const CONTENT = {
  subject: 'Your receipt for order A-1042',
  text: 'Thanks for your order A-1042.\n\nTotal: 42.00 EUR\nIt ships within two working days.\n\nAcme',
  html: '<p>Thanks for your order <b>A-1042</b>.</p><p>Total: 42.00 EUR<br>It ships within two working days.</p><p>Acme</p>',
};

export function recipient(index: number): string {
  return `customer${index}@example.com`;
}

/** The message as nodemailer takes it, for the scenarios that send without Mailroom. */
export function nodemailerMessage(index: number) {
  return { from: { name: SENDER.name, address: SENDER.email }, to: recipient(index), ...CONTENT };
}

/** The message as `POST /v1/workspaces/{ws}/messages` takes it. */
export function apiMessage(index: number) {
  return { to: [recipient(index)], ...CONTENT };
}
