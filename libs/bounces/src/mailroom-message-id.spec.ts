import { mailroomMessageId } from './mailroom-message-id';

describe('mailroomMessageId', () => {
  const uuid = '0b6e4c52-8f1d-4c3a-9e57-2d7f0a9b1c34';

  it('gives the uuid of a Message-ID Mailroom wrote, with or without angle brackets', () => {
    expect(mailroomMessageId(`<${uuid}@example.com>`)).toBe(uuid);
    expect(mailroomMessageId(`${uuid}@example.com`)).toBe(uuid);
    expect(mailroomMessageId(` <${uuid}@mail.example.com> `)).toBe(uuid);
  });

  it('lower-cases the uuid, as Postgres prints it', () => {
    expect(mailroomMessageId(`<${uuid.toUpperCase()}@example.com>`)).toBe(uuid);
  });

  it('is null for a Message-ID whose local part is not a uuid', () => {
    expect(mailroomMessageId('<CAJx8yW3q9=abc@mail.gmail.com>')).toBeNull();
    expect(mailroomMessageId(`<${uuid}x@example.com>`)).toBeNull();
    expect(mailroomMessageId(`<x${uuid}@example.com>`)).toBeNull();
  });

  it('is null without a domain, or for more than one Message-ID', () => {
    expect(mailroomMessageId(`<${uuid}>`)).toBeNull();
    expect(mailroomMessageId(`<${uuid}@example.com> <${uuid}@example.com>`)).toBeNull();
    expect(mailroomMessageId('')).toBeNull();
  });
});
