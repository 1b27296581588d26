import { NotFoundException } from '@nestjs/common';
import { UuidParamPipe } from './uuid-param.pipe';

describe('UuidParamPipe', () => {
  const pipe = new UuidParamPipe('Contact');

  it('passes a UUID through as it is, in either case', () => {
    expect(pipe.transform('0B6F5C1E-7d3a-4f3e-9a7e-2c1d5e6f7a8b')).toBe('0B6F5C1E-7d3a-4f3e-9a7e-2c1d5e6f7a8b');
  });

  it.each(['not-a-uuid', '', '0b6f5c1e-7d3a-4f3e-9a7e-2c1d5e6f7a8', '0b6f5c1e-7d3a-4f3e-9a7e-2c1d5e6f7a8b\u0000'])(
    'answers %j with the 404 of a missing resource, naming it and the id',
    (id) => {
      expect(() => pipe.transform(id)).toThrow(NotFoundException);
      expect(() => pipe.transform(id)).toThrow(new NotFoundException(`Contact ${id} not found`));
    },
  );
});
