import { listUnsubscribeHeaders } from './list-unsubscribe';

describe('listUnsubscribeHeaders', () => {
  it('builds the RFC 8058 one-click pair', () => {
    expect(listUnsubscribeHeaders('https://mail.example.net/u/TOKEN')).toEqual({
      'List-Unsubscribe': '<https://mail.example.net/u/TOKEN>',
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it.each(['https://x.test/u/a>b', 'https://x.test/u/a\r\nBcc: victim@example.com', 'mailto:u@x.test', '/u/relative'])(
    'refuses a URL that would break the header or is not absolute http(s): %p',
    (url) => {
      expect(() => listUnsubscribeHeaders(url)).toThrow('List-Unsubscribe');
    },
  );
});
